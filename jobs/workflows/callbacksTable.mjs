// The Data Table of examples/oy-callbacks-once-across-processes.json: the event keys of OY! callbacks
// already passed, and the one lock row every run takes before it looks a key up and records it. The
// lock row is seeded here, once, never by the workflow's runs (Data Tables have no unique key).

import { ensureDataTable, insertLockRows, lockRowsOf } from './dataTables.mjs';

export const CALLBACKS_TABLE = 'oy_callbacks_once';

/** One row per event (key = the OY! Trigger's dedupKey), and the lock row (key "lock"). */
export const CALLBACKS_COLUMNS = [
	{ name: 'key', type: 'string' },
	{ name: 'state', type: 'string' },
	{ name: 'runId', type: 'string' },
	{ name: 'leaseUntil', type: 'number' },
];

export const CALLBACKS_LOCK_ROW = { key: 'lock', state: 'free', runId: '', leaseUntil: 0 };

/**
 * Creates the table in the caller's personal project with its free lock row, or, when the table is
 * there, adds the lock row only if it has none. Two or more lock rows would let two runs hold "the"
 * lock at once: that is refused, for a person to fix while no callback runs.
 * @param {(method: string, path: string, body?: unknown) => Promise<{ status: number, body: any }>} rest
 *   n8n's REST API as a signed-in user (see ledgerTable.mjs)
 * @returns {Promise<{ tableId: string, tablePath: string, created: boolean, lockAdded: boolean }>}
 */
export async function ensureCallbacksTable(rest) {
	const { tablePath, tableId, created } = await ensureDataTable(
		rest,
		CALLBACKS_TABLE,
		CALLBACKS_COLUMNS,
	);
	const count = (await lockRowsOf(rest, tablePath, 10)).length;
	if (count > 1)
		throw new Error(
			`The Data Table ${CALLBACKS_TABLE} has ${count} lock rows (key "lock"): delete all but one while no callback runs, then run this again.`,
		);
	if (count === 0) await insertLockRows(rest, tablePath, [CALLBACKS_LOCK_ROW]);
	return { tableId, tablePath, created, lockAdded: count === 0 };
}
