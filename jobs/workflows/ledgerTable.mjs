// The Data Table the ledger templates share, and how to create it in a running n8n through its REST
// API (as the editor does). The templates find it by name.

import { ensureDataTable, insertLockRows, lockRowsOf } from './dataTables.mjs';

export const LEDGER_TABLE = 'oy_jobs_ledger';

/** One row per effect (job, key), and one lock row per job (key "lock"). */
export const LEDGER_COLUMNS = [
	{ name: 'job', type: 'string' },
	{ name: 'key', type: 'string' },
	{ name: 'state', type: 'string' },
	{ name: 'runId', type: 'string' },
	{ name: 'attempts', type: 'number' },
	{ name: 'detail', type: 'string' },
	{ name: 'leaseUntil', type: 'number' },
];

/** The jobs whose templates keep a ledger. */
export const LEDGER_JOBS = ['inquiry-invoices', 'va-sweep', 'ar-reminders', 'balance-alert'];

export const lockRow = (job) => ({
	job,
	key: 'lock',
	state: 'free',
	runId: '',
	attempts: 0,
	detail: '{}',
	leaseUntil: 0,
});

/**
 * Creates the ledger table in the caller's personal project with a free lock row per job, or, when
 * the table is there, adds only the lock rows it lacks. `rest(method, path, body)` calls n8n's
 * REST API as a signed-in user and resolves to `{ status, body }`.
 * @param {(method: string, path: string, body?: unknown) => Promise<{ status: number, body: any }>} rest
 * @returns {Promise<{ projectId: string, tableId: string, created: boolean, locksAdded: string[] }>}
 */
export async function ensureLedgerTable(rest) {
	const { projectId, tablePath, tableId, created } = await ensureDataTable(
		rest,
		LEDGER_TABLE,
		LEDGER_COLUMNS,
	);
	const locked = new Set((await lockRowsOf(rest, tablePath, 1000)).map((row) => row.job));
	const locksAdded = LEDGER_JOBS.filter((job) => !locked.has(job));
	if (locksAdded.length > 0) await insertLockRows(rest, tablePath, locksAdded.map(lockRow));
	return { projectId, tableId, created, locksAdded };
}
