import os from 'node:os';
import pg from 'pg';
import type * as jobs from '#oy/lib/jobs';
import { LedgerUnavailable } from './ledger.mjs';
import type { LedgerEvent, LockResult, RunLedger, RunRecord } from './ledger.mjs';
import { ledgerSchema } from './schema.mjs';
import { toEntry, toEvent, toHolder, toRun } from './rows.mjs';
import type { EffectRow, EventRow, LockRow, RunRow } from './rows.mjs';

type EffectState = jobs.EffectState;

/**
 * How soon PostgreSQL drops the session of a host that vanished (power cut, network gone): no
 * keep-alive answer after 10 s idle, then 3 probes 5 s apart; unacknowledged data: 30 s. Without
 * these the server's defaults (often 2 hours) would keep a dead host's job lock that long.
 */
const SESSION_SETTINGS =
	'SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3; SET tcp_user_timeout = 30000';

/** The advisory lock key of a job (64 bits: a collision with another application's key is unlikely). */
const LOCK_KEY = "hashtextextended('oy-jobs:' || $1::text, 0)";

/**
 * The jobs' ledger in PostgreSQL, for runners on several hosts: the same tables as the SQLite ledger
 * and the same claims, each one statement, so it is atomic without a transaction.
 *
 * A job's lock is a session-level advisory lock: PostgreSQL holds it exactly as long as this
 * ledger's connection lives, and every write of the run goes through that one connection. A holder
 * killed, or whose host dies, loses its session and so its lock (at once for a killed process, within
 * about 30 s for a vanished host, see SESSION_SETTINGS), and a holder that lost its session can write
 * nothing more, so it cannot claim anything after another runner took over. A lease on the clock
 * could not promise that: a paused or slow holder whose lease ran out would go on writing.
 */
export class PostgresLedger implements RunLedger {
	private readonly host = os.hostname();

	/** the jobs whose lock this ledger's session holds, with the run holding each */
	private readonly held = new Map<string, string>();

	private constructor(
		private readonly client: pg.Client,
		readonly describe: string,
		private readonly now: () => number,
	) {}

	static async open(
		setting: { url: string; describe: string },
		now: () => number = Date.now,
	): Promise<PostgresLedger> {
		const client = new pg.Client({
			connectionString: setting.url,
			keepAlive: true,
			keepAliveInitialDelayMillis: 10_000,
			connectionTimeoutMillis: 15_000,
			application_name: `oy-jobs ${os.hostname()} pid ${process.pid}`,
		});
		// A lost connection fails every later query of the run; without a listener it would end the process.
		client.on('error', () => undefined);
		try {
			await client.connect();
			await client.query(SESSION_SETTINGS);
			// Two runners creating the tables at once would collide in PostgreSQL's catalogue.
			await client.query(
				`BEGIN; SELECT pg_advisory_xact_lock(hashtextextended('oy-jobs:schema', 0)); ${ledgerSchema('postgres')} COMMIT;`,
			);
		} catch (error) {
			await client.end().catch(() => undefined);
			throw new LedgerUnavailable(
				`the ledger (${setting.describe}) cannot be used: ${(error as Error).message}`,
			);
		}
		return new PostgresLedger(client, setting.describe, now);
	}

	async close(): Promise<void> {
		this.held.clear();
		await this.client.end();
	}

	/** the last query sent: the next waits for it (one connection runs one query at a time) */
	private tail: Promise<unknown> = Promise.resolve();

	private query(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
		const result = this.tail.then(() => this.client.query(text, values));
		this.tail = result.catch(() => undefined);
		return result;
	}

	private async rows<Row>(text: string, values: unknown[] = []): Promise<Row[]> {
		return (await this.query(text, values)).rows as Row[];
	}

	private iso(): string {
		return new Date(this.now()).toISOString();
	}

	async find(job: string, key: string): Promise<jobs.LedgerEntry | undefined> {
		const [row] = await this.rows<EffectRow>('SELECT * FROM effects WHERE job = $1 AND key = $2', [
			job,
			key,
		]);
		return row ? toEntry(row) : undefined;
	}

	async list(
		job: string,
		prefix: string,
		options: { from?: string; limit?: number; state?: EffectState } = {},
	): Promise<jobs.LedgerEntry[]> {
		const from = options.from !== undefined && options.from > prefix ? options.from : prefix;
		const rows = await this.rows<EffectRow>(
			`SELECT * FROM effects WHERE job = $1 AND key >= $2 AND key < $3 AND ($4::text IS NULL OR state = $4)
			 ORDER BY key LIMIT $5`,
			[job, from, `${prefix}\uffff`, options.state ?? null, options.limit ?? null],
		);
		return rows.map(toEntry);
	}

	async claim(
		job: string,
		key: string,
		runId: string,
		detail: Record<string, unknown>,
		retake: readonly EffectState[] = [],
	): Promise<jobs.ClaimResult> {
		// Of two runners inserting one key, the second waits for the first's row, then finds it
		// claimed: ON CONFLICT takes it only from the states in `retake`.
		const [result] = await this.rows<{ claimed: number }>(
			`WITH taken AS (
				INSERT INTO effects AS e (job, key, state, run_id, at, attempts, detail)
				VALUES ($1, $2, 'claimed', $3, $4, 1, $5)
				ON CONFLICT (job, key) DO UPDATE SET state = 'claimed', run_id = EXCLUDED.run_id,
					at = EXCLUDED.at, attempts = e.attempts + 1,
					detail = (e.detail::jsonb || EXCLUDED.detail::jsonb)::text
				WHERE e.state = ANY($6::text[])
				RETURNING 1
			), logged AS (
				INSERT INTO events (at, job, key, state, run_id, detail)
				SELECT $4, $1, $2, 'claimed', $3, $5 FROM taken
			)
			SELECT count(*)::int AS claimed FROM taken`,
			[job, key, runId, this.iso(), JSON.stringify(detail), retake],
		);
		if (result.claimed === 1) return { claimed: true };
		const entry = await this.find(job, key);
		if (!entry) throw new Error(`ledger: ${job} ${key} was neither claimed nor found`);
		return { claimed: false, entry };
	}

	async settle(
		job: string,
		key: string,
		runId: string,
		state: Exclude<EffectState, 'claimed'>,
		detail: Record<string, unknown> = {},
	): Promise<void> {
		const [result] = await this.rows<{ settled: number }>(
			`WITH settled AS (
				UPDATE effects SET state = $4, run_id = $3, at = $5, detail = (detail::jsonb || $6::text::jsonb)::text
				WHERE job = $1 AND key = $2
				RETURNING 1
			), logged AS (
				INSERT INTO events (at, job, key, state, run_id, detail)
				SELECT $5, $1, $2, $4, $3, $6 FROM settled
			)
			SELECT count(*)::int AS settled FROM settled`,
			[job, key, runId, state, this.iso(), JSON.stringify(detail)],
		);
		if (result.settled !== 1) throw new Error(`ledger: ${job} ${key} was never claimed`);
	}

	async note(
		job: string,
		key: string,
		runId: string,
		detail: Record<string, unknown>,
	): Promise<void> {
		await this.query(
			`INSERT INTO effects (job, key, state, run_id, at, attempts, detail) VALUES ($1, $2, 'done', $3, $4, 1, $5)
			 ON CONFLICT (job, key) DO UPDATE SET state = 'done', run_id = EXCLUDED.run_id, at = EXCLUDED.at,
				attempts = 1, detail = EXCLUDED.detail`,
			[job, key, runId, this.iso(), JSON.stringify(detail)],
		);
	}

	async events(job?: string): Promise<LedgerEvent[]> {
		const rows = await this.rows<EventRow>(
			'SELECT * FROM events WHERE $1::text IS NULL OR job = $1 ORDER BY id',
			[job ?? null],
		);
		return rows.map(toEvent);
	}

	/**
	 * Takes the job's advisory lock for `runId` (see the class), or names who holds it. The `locks`
	 * row only says who holds it, for the message of a runner that finds the job busy.
	 */
	async acquireLock(job: string, runId: string, leaseMs: number): Promise<LockResult> {
		// Session locks nest: this session taking its own lock again would succeed.
		const [taken] = this.held.has(job)
			? [{ ok: false }]
			: await this.rows<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEY}) AS ok`, [job]);
		if (taken.ok) {
			this.held.set(job, runId);
			await this.query(
				`INSERT INTO locks (job, run_id, pid, host, acquired_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
				 ON CONFLICT (job) DO UPDATE SET run_id = EXCLUDED.run_id, pid = EXCLUDED.pid, host = EXCLUDED.host,
					acquired_at = EXCLUDED.acquired_at, expires_at = EXCLUDED.expires_at`,
				[job, runId, process.pid, this.host, this.iso(), this.now() + leaseMs],
			);
			return { acquired: true };
		}
		const [row] = await this.rows<LockRow>('SELECT * FROM locks WHERE job = $1', [job]);
		return {
			acquired: false,
			holder: row
				? toHolder(row)
				: { runId: '(starting)', pid: 0, host: '(another runner)', acquiredAt: this.iso() },
		};
	}

	/** Proves the session (and so the lock) is still there; false when it is not, or not this run's. */
	async renewLock(job: string, runId: string, leaseMs: number): Promise<boolean> {
		if (this.held.get(job) !== runId) return false;
		try {
			await this.query('UPDATE locks SET expires_at = $1 WHERE job = $2 AND run_id = $3', [
				this.now() + leaseMs,
				job,
				runId,
			]);
			return true;
		} catch {
			return false;
		}
	}

	async releaseLock(job: string, runId: string): Promise<void> {
		if (this.held.get(job) !== runId) return;
		this.held.delete(job);
		await this.query('DELETE FROM locks WHERE job = $1 AND run_id = $2', [job, runId]);
		await this.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`, [job]);
	}

	async startRun(id: string, job: string, dryRun: boolean): Promise<void> {
		await this.query(
			"INSERT INTO runs (id, job, dry_run, started_at, status, pid, host) VALUES ($1, $2, $3, $4, 'running', $5, $6)",
			[id, job, dryRun ? 1 : 0, this.iso(), process.pid, this.host],
		);
	}

	async finishRun(id: string, status: string, summary: unknown): Promise<void> {
		await this.query('UPDATE runs SET finished_at = $1, status = $2, summary = $3 WHERE id = $4', [
			this.iso(),
			status,
			JSON.stringify(summary),
			id,
		]);
	}

	async lastRuns(job: string, limit = 1): Promise<RunRecord[]> {
		const rows = await this.rows<RunRow>(
			'SELECT * FROM runs WHERE job = $1 ORDER BY started_at DESC LIMIT $2',
			[job, limit],
		);
		return rows.map(toRun);
	}
}
