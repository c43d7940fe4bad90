// The Data Table the reconciliation template reads the team's expected transactions from, and how
// to create it (empty) in a running n8n through its REST API, as ledgerTable.mjs does for the ledger.

import { ensureDataTable } from './dataTables.mjs';

export const EXPECTED_TABLE = 'oy_expected_transactions';

/**
 * The list's columns, as `oy-jobs`' CSV/Excel list names them, except the id: a Data Table row has
 * an `id` of its own, so our id at OY! is `partner_trx_id` (`partner_tx_id` for payment links).
 */
export const EXPECTED_COLUMNS = [
	{ name: 'date', type: 'string' },
	{ name: 'amount', type: 'number' },
	{ name: 'partner_trx_id', type: 'string' },
	{ name: 'product', type: 'string' },
	{ name: 'description', type: 'string' },
];

/**
 * Creates the table in the caller's personal project unless it is there; never touches its rows.
 * @param {(method: string, path: string, body?: unknown) => Promise<{ status: number, body: any }>} rest
 * @returns {Promise<{ tableId: string, created: boolean }>}
 */
export async function ensureExpectedTable(rest) {
	const { tableId, created } = await ensureDataTable(rest, EXPECTED_TABLE, EXPECTED_COLUMNS);
	return { tableId, created };
}
