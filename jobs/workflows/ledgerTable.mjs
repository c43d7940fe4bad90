// The Data Table the ledger templates share, and how to create it in a running n8n through its REST
// API (as the editor does). The templates find it by name.

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
			`${base}?filter=${encodeURIComponent(JSON.stringify({ name: LEDGER_TABLE }))}`,
		),
	);
	let table = (listed.data ?? listed).find((candidate) => candidate.name === LEDGER_TABLE);
	const created = !table;
	if (!table)
		table = answer(
			`the table ${LEDGER_TABLE}`,
			await rest('POST', base, { name: LEDGER_TABLE, columns: LEDGER_COLUMNS }),
		);
	const rows = answer(
		'the lock rows',
		await rest(
			'GET',
			`${base}/${table.id}/rows?take=1000&filter=${encodeURIComponent(
				JSON.stringify({
					type: 'and',
					filters: [{ columnName: 'key', condition: 'eq', value: 'lock' }],
				}),
			)}`,
		),
	);
	const locked = new Set((rows.data ?? []).map((row) => row.job));
	const locksAdded = LEDGER_JOBS.filter((job) => !locked.has(job));
	if (locksAdded.length > 0)
		answer(
			'the lock rows',
			await rest('POST', `${base}/${table.id}/insert`, {
				data: locksAdded.map(lockRow),
				returnType: 'id',
			}),
		);
	return { projectId: project.id, tableId: table.id, created, locksAdded };
}
