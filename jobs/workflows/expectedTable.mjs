// The Data Table the reconciliation template reads the team's expected transactions from, and how
// to create it (empty) in a running n8n through its REST API, as ledgerTable.mjs does for the ledger.

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
	const answer = (what, { status, body }) => {
		if (status !== 200)
			throw new Error(`n8n refused ${what}: HTTP ${status} ${JSON.stringify(body)}`);
		return body.data;
	};
	const project = answer('the personal project', await rest('GET', '/rest/projects/personal'));
	const base = `/rest/projects/${project.id}/data-tables`;
	const listed = answer(
		'the data tables',
		await rest(
			'GET',
			`${base}?filter=${encodeURIComponent(JSON.stringify({ name: EXPECTED_TABLE }))}`,
		),
	);
	const table = (listed.data ?? listed).find((candidate) => candidate.name === EXPECTED_TABLE);
	if (table) return { tableId: table.id, created: false };
	const made = answer(
		`the table ${EXPECTED_TABLE}`,
		await rest('POST', base, { name: EXPECTED_TABLE, columns: EXPECTED_COLUMNS }),
	);
	return { tableId: made.id, created: true };
}
