import type * as jobs from '#oy/lib/jobs';

export interface LockHolder {
	runId: string;
	pid: number;
	host: string;
	acquiredAt: string;
}

export type LockResult = { acquired: true } | { acquired: false; holder: LockHolder };

export interface RunRecord {
	id: string;
	job: string;
	dryRun: boolean;
	startedAt: string;
	finishedAt: string | null;
	status: string;
	summary: unknown;
}

export interface LedgerEvent {
	at: string;
	job: string;
	key: string;
	state: string;
	runId: string;
	detail: unknown;
}

/**
 * What a run needs from its ledger, whichever holds it (SQLite on this machine, PostgreSQL shared by
 * several hosts): the effects the jobs claim and settle, the job lock, the runs and the audit trail.
 */
export interface RunLedger extends jobs.JobLedger {
	/** where it is, for the run's header (never a password) */
	readonly describe: string;
	/** Takes the job's lock for `runId`, or names who holds it. */
	acquireLock(job: string, runId: string, leaseMs: number): Promise<LockResult>;
	/** Keeps the lock; false when it is no longer this run's. */
	renewLock(job: string, runId: string, leaseMs: number): Promise<boolean>;
	releaseLock(job: string, runId: string): Promise<void>;
	startRun(id: string, job: string, dryRun: boolean): Promise<void>;
	finishRun(id: string, status: string, summary: unknown): Promise<void>;
	lastRuns(job: string, limit?: number): Promise<RunRecord[]>;
	/** Every change of state, oldest first: the audit trail. */
	events(job?: string): Promise<LedgerEvent[]>;
	close(): Promise<void>;
}

/** The ledger cannot be opened (database unreachable, refused, missing): said in one line, no stack. */
export class LedgerUnavailable extends Error {}

export type LedgerSetting =
	| { kind: 'sqlite'; file: string }
	| { kind: 'postgres'; url: string; describe: string };

/**
 * Opens the configured ledger. Each kind is imported only when chosen: SQLite needs Node 22.13
 * (node:sqlite), PostgreSQL the `pg` client.
 */
export async function openLedger(
	setting: LedgerSetting,
	now: () => number = Date.now,
): Promise<RunLedger> {
	if (setting.kind === 'postgres') {
		const { PostgresLedger } = await import('./postgresLedger.mjs');
		return await PostgresLedger.open(setting, now);
	}
	const { SqliteLedger } = await import('./sqliteLedger.mjs');
	return new SqliteLedger(setting.file, now);
}
