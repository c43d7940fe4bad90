import { mkdirSync } from 'node:fs';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import os from 'node:os';
import path from 'node:path';
import type * as jobs from '#oy/lib/jobs';
import type { LedgerEvent, LockResult, RunLedger, RunRecord } from './ledger.mjs';
import { ledgerSchema } from './schema.mjs';
import { toEntry, toEvent, toHolder, toRun } from './rows.mjs';
import type { EffectRow, EventRow, LockRow, RunRow } from './rows.mjs';

type ClaimResult = jobs.ClaimResult;
type EffectState = jobs.EffectState;
type LedgerEntry = jobs.LedgerEntry;

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * The jobs' ledger in SQLite: every payment, deactivation, reminder and alert with its state and
 * timestamps (`effects`), every change of state (`events`, the audit trail), the job locks and the
 * runs. WAL with synchronous=FULL: a settled payment survives a crash or a power cut, and several
 * processes on this machine share one file safely.
 */
export class SqliteLedger implements RunLedger {
	readonly db: DatabaseSync;

	readonly describe: string;

	private readonly host = os.hostname();

	private readonly statements = new Map<string, StatementSync>();

	constructor(
		readonly file: string,
		private readonly now: () => number = Date.now,
	) {
		this.describe = file;
		if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
		this.db = new DatabaseSync(file);
		// First: node:sqlite, unlike better-sqlite3, opens without a busy timeout, and the next
		// statements already wait when another process holds the file (a runner checkpointing as it exits).
		this.db.exec('PRAGMA busy_timeout = 10000');
		this.db.exec('PRAGMA journal_mode = WAL');
		this.db.exec('PRAGMA synchronous = FULL');
		this.db.exec(ledgerSchema('sqlite'));
	}

	async close(): Promise<void> {
		this.statements.clear();
		this.db.close();
	}

	/** Prepared once per ledger: a run of 100,000 invoices repeats the same few statements. */
	private sql(text: string): StatementSync {
		let statement = this.statements.get(text);
		if (!statement) {
			statement = this.db.prepare(text);
			this.statements.set(text, statement);
		}
		return statement;
	}

	/**
	 * Runs `work` in a transaction that takes the write lock before its first read (BEGIN IMMEDIATE):
	 * of two processes deciding on one key, the second waits (busy_timeout) and then reads the first's
	 * result. Any error rolls the whole transaction back.
	 */
	private immediate<T>(work: () => T): T {
		this.db.exec('BEGIN IMMEDIATE');
		try {
			const result = work();
			this.db.exec('COMMIT');
			return result;
		} catch (error) {
			try {
				this.db.exec('ROLLBACK');
			} catch {
				// SQLite already ended the transaction (disk full, I/O error): the first error says why.
			}
			throw error;
		}
	}

	private iso(): string {
		return new Date(this.now()).toISOString();
	}

	private row(job: string, key: string): EffectRow | undefined {
		return this.sql('SELECT * FROM effects WHERE job = ? AND key = ?').get(job, key) as
			| EffectRow
			| undefined;
	}

	private event(job: string, key: string, state: string, runId: string, detail: string): void {
		this.sql(
			'INSERT INTO events (at, job, key, state, run_id, detail) VALUES (?, ?, ?, ?, ?, ?)',
		).run(this.iso(), job, key, state, runId, detail);
	}

	async find(job: string, key: string): Promise<LedgerEntry | undefined> {
		const row = this.row(job, key);
		return row ? toEntry(row) : undefined;
	}

	async list(
		job: string,
		prefix: string,
		options: { from?: string; limit?: number; state?: EffectState } = {},
	): Promise<LedgerEntry[]> {
		const from = options.from !== undefined && options.from > prefix ? options.from : prefix;
		const byState = options.state === undefined ? '' : ' AND state = ?';
		const parameters: SQLInputValue[] = [
			job,
			from,
			`${prefix}\uffff`,
			...(options.state === undefined ? [] : [options.state]),
			options.limit ?? -1,
		];
		const rows = this.sql(
			`SELECT * FROM effects WHERE job = ? AND key >= ? AND key < ?${byState} ORDER BY key LIMIT ?`,
		).all(...parameters) as unknown as EffectRow[];
		return rows.map(toEntry);
	}

	async claim(
		job: string,
		key: string,
		runId: string,
		detail: Record<string, unknown>,
		retake: readonly EffectState[] = [],
	): Promise<ClaimResult> {
		// IMMEDIATE takes the write lock before reading: of two processes claiming one key, one wins.
		return this.immediate((): ClaimResult => {
			const existing = this.row(job, key);
			const json = JSON.stringify({
				...(existing ? (JSON.parse(existing.detail) as object) : {}),
				...detail,
			});
			if (!existing) {
				this.sql(
					"INSERT INTO effects (job, key, state, run_id, at, attempts, detail) VALUES (?, ?, 'claimed', ?, ?, 1, ?)",
				).run(job, key, runId, this.iso(), json);
			} else if (retake.includes(existing.state)) {
				this.sql(
					"UPDATE effects SET state = 'claimed', run_id = ?, at = ?, attempts = attempts + 1, detail = ? WHERE job = ? AND key = ?",
				).run(runId, this.iso(), json, job, key);
			} else {
				return { claimed: false, entry: toEntry(existing) };
			}
			this.event(job, key, 'claimed', runId, JSON.stringify(detail));
			return { claimed: true };
		});
	}

	async settle(
		job: string,
		key: string,
		runId: string,
		state: Exclude<EffectState, 'claimed'>,
		detail: Record<string, unknown> = {},
	): Promise<void> {
		this.immediate(() => {
			const existing = this.row(job, key);
			if (!existing) throw new Error(`ledger: ${job} ${key} was never claimed`);
			const json = JSON.stringify({ ...(JSON.parse(existing.detail) as object), ...detail });
			this.sql(
				'UPDATE effects SET state = ?, run_id = ?, at = ?, detail = ? WHERE job = ? AND key = ?',
			).run(state, runId, this.iso(), json, job, key);
			this.event(job, key, state, runId, JSON.stringify(detail));
		});
	}

	async note(
		job: string,
		key: string,
		runId: string,
		detail: Record<string, unknown>,
	): Promise<void> {
		this.sql(
			"INSERT OR REPLACE INTO effects (job, key, state, run_id, at, attempts, detail) VALUES (?, ?, 'done', ?, ?, 1, ?)",
		).run(job, key, runId, this.iso(), JSON.stringify(detail));
	}

	async events(job?: string): Promise<LedgerEvent[]> {
		const rows = (job
			? this.sql('SELECT * FROM events WHERE job = ? ORDER BY id').all(job)
			: this.sql('SELECT * FROM events ORDER BY id').all()) as unknown as EventRow[];
		return rows.map(toEvent);
	}

	/**
	 * Takes the job's lock for `runId`, or names who holds it. A lock is free when its lease ran out
	 * or when its process on this machine is gone (killed mid-run).
	 */
	async acquireLock(job: string, runId: string, leaseMs: number): Promise<LockResult> {
		return this.immediate((): LockResult => {
			const lock = this.sql('SELECT * FROM locks WHERE job = ?').get(job) as LockRow | undefined;
			const free =
				!lock ||
				Number(lock.expires_at) < this.now() ||
				(lock.host === this.host && !pidAlive(lock.pid));
			if (!free) return { acquired: false, holder: toHolder(lock) };
			this.sql(
				'INSERT OR REPLACE INTO locks (job, run_id, pid, host, acquired_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
			).run(job, runId, process.pid, this.host, this.iso(), this.now() + leaseMs);
			return { acquired: true };
		});
	}

	/** Extends the lease; false when the lock is no longer this run's. */
	async renewLock(job: string, runId: string, leaseMs: number): Promise<boolean> {
		return (
			this.sql('UPDATE locks SET expires_at = ? WHERE job = ? AND run_id = ?').run(
				this.now() + leaseMs,
				job,
				runId,
			).changes === 1
		);
	}

	async releaseLock(job: string, runId: string): Promise<void> {
		this.sql('DELETE FROM locks WHERE job = ? AND run_id = ?').run(job, runId);
	}

	async startRun(id: string, job: string, dryRun: boolean): Promise<void> {
		this.sql(
			"INSERT INTO runs (id, job, dry_run, started_at, status, pid, host) VALUES (?, ?, ?, ?, 'running', ?, ?)",
		).run(id, job, dryRun ? 1 : 0, this.iso(), process.pid, this.host);
	}

	async finishRun(id: string, status: string, summary: unknown): Promise<void> {
		this.sql('UPDATE runs SET finished_at = ?, status = ?, summary = ? WHERE id = ?').run(
			this.iso(),
			status,
			JSON.stringify(summary),
			id,
		);
	}

	async lastRuns(job: string, limit = 1): Promise<RunRecord[]> {
		const rows = this.sql('SELECT * FROM runs WHERE job = ? ORDER BY started_at DESC LIMIT ?').all(
			job,
			limit,
		) as unknown as RunRow[];
		return rows.map(toRun);
	}
}
