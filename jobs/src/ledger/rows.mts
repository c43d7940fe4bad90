import type * as jobs from '#oy/lib/jobs';
import type { LedgerEvent, LockHolder, RunRecord } from './ledger.mjs';

/** The ledger's rows as both databases store them (the same tables and columns). */
export interface EffectRow {
	job: string;
	key: string;
	state: jobs.EffectState;
	run_id: string;
	at: string;
	attempts: number;
	detail: string;
}

export interface LockRow {
	job: string;
	run_id: string;
	pid: number;
	host: string;
	acquired_at: string;
	/** epoch milliseconds; a string from PostgreSQL's BIGINT */
	expires_at: number | string;
}

export interface RunRow {
	id: string;
	job: string;
	dry_run: number;
	started_at: string;
	finished_at: string | null;
	status: string;
	summary: string | null;
}

export interface EventRow {
	at: string;
	job: string;
	key: string;
	state: string;
	run_id: string;
	detail: string;
}

export const toEntry = (row: EffectRow): jobs.LedgerEntry => ({
	job: row.job,
	key: row.key,
	state: row.state,
	runId: row.run_id,
	at: row.at,
	attempts: row.attempts,
	detail: JSON.parse(row.detail) as Record<string, unknown>,
});

export const toHolder = (row: LockRow): LockHolder => ({
	runId: row.run_id,
	pid: row.pid,
	host: row.host,
	acquiredAt: row.acquired_at,
});

export const toRun = (row: RunRow): RunRecord => ({
	id: row.id,
	job: row.job,
	dryRun: row.dry_run === 1,
	startedAt: row.started_at,
	finishedAt: row.finished_at,
	status: row.status,
	summary: row.summary ? JSON.parse(row.summary) : null,
});

export const toEvent = (row: EventRow): LedgerEvent => ({
	at: row.at,
	job: row.job,
	key: row.key,
	state: row.state,
	runId: row.run_id,
	detail: JSON.parse(row.detail),
});
