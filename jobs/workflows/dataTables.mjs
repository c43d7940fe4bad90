// A Data Table in the signed-in user's personal project, through n8n's REST API as the editor uses
// it: found by name, or created with its columns. The job templates find their tables by name.

/** The `data` of an answer of n8n's REST API, or an error naming what n8n refused. */
export function answerOf(what, { status, body }) {
	if (status !== 200)
		throw new Error(`n8n refused ${what}: HTTP ${status} ${JSON.stringify(body)}`);
	return body.data;
}

/**
 * @param {(method: string, path: string, body?: unknown) => Promise<{ status: number, body: any }>} rest
 * @param {string} name
 * @param {Array<{ name: string, type: string }>} columns
 * @returns {Promise<{ projectId: string, tablePath: string, tableId: string, created: boolean }>}
 */
export async function ensureDataTable(rest, name, columns) {
	const project = answerOf('the personal project', await rest('GET', '/rest/projects/personal'));
	const base = `/rest/projects/${project.id}/data-tables`;
	const listed = answerOf(
		'the data tables',
		await rest('GET', `${base}?filter=${encodeURIComponent(JSON.stringify({ name }))}`),
	);
	let table = (listed.data ?? listed).find((candidate) => candidate.name === name);
	const created = !table;
	if (!table) table = answerOf(`the table ${name}`, await rest('POST', base, { name, columns }));
	return { projectId: project.id, tablePath: `${base}/${table.id}`, tableId: table.id, created };
}

/**
 * The table's lock rows (key "lock"), at most `take` of them.
 * @param {(method: string, path: string, body?: unknown) => Promise<{ status: number, body: any }>} rest
 * @param {string} tablePath
 * @param {number} take
 * @returns {Promise<Array<Record<string, unknown>>>}
 */
export async function lockRowsOf(rest, tablePath, take) {
	const filter = { type: 'and', filters: [{ columnName: 'key', condition: 'eq', value: 'lock' }] };
	const rows = answerOf(
		'the lock rows',
		await rest(
			'GET',
			`${tablePath}/rows?take=${take}&filter=${encodeURIComponent(JSON.stringify(filter))}`,
		),
	);
	return rows.data ?? [];
}

/**
 * Adds lock rows to the table.
 * @param {(method: string, path: string, body?: unknown) => Promise<{ status: number, body: any }>} rest
 * @param {string} tablePath
 * @param {Array<Record<string, unknown>>} rows
 */
export async function insertLockRows(rest, tablePath, rows) {
	answerOf(
		'the lock rows',
		await rest('POST', `${tablePath}/insert`, { data: rows, returnType: 'id' }),
	);
}
