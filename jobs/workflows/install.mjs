// Installs the job templates into a running n8n in one step: the ledger's Data Table with a free lock
// row per job, the callbacks-once example's Data Table with its lock row, and each template not there yet (by name), inactive, for its owner to set the
// credentials and recipients and activate.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCallbacksTable } from './callbacksTable.mjs';
import { ensureExpectedTable } from './expectedTable.mjs';
import { answerOf } from './dataTables.mjs';
import { ensureLedgerTable } from './ledgerTable.mjs';

const folder = path.dirname(fileURLToPath(import.meta.url));

/** The templates of this folder, as n8n imports them. */
export function jobTemplates() {
	return readdirSync(folder)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(readFileSync(path.join(folder, file), 'utf8')) }));
}

/**
 * @param {(method: string, path: string, body?: unknown) => Promise<{ status: number, body: any }>} rest
 *   n8n's REST API as a signed-in user (see ledgerTable.mjs)
 * @returns {Promise<{ table: Awaited<ReturnType<typeof ensureLedgerTable>>, list: { tableId: string, created: boolean }, callbacks: Awaited<ReturnType<typeof ensureCallbacksTable>>, imported: Array<{ name: string, id: string }>, present: string[] }>}
 */
export async function installJobTemplates(rest) {
	const table = await ensureLedgerTable(rest);
	// The reconciliation's list and the balance alert's expected payouts: created empty, for the team to fill.
	const list = await ensureExpectedTable(rest);
	// The callbacks-once example's table and its one lock row (docs/queue-mode.md).
	const callbacks = await ensureCallbacksTable(rest);
	const listed = answerOf('the workflow list', await rest('GET', '/rest/workflows'));
	const names = new Set((listed ?? []).map((workflow) => workflow.name));
	const imported = [];
	const present = [];
	for (const { workflow } of jobTemplates()) {
		if (names.has(workflow.name)) {
			present.push(workflow.name);
			continue;
		}
		const created = answerOf(
			`the template "${workflow.name}"`,
			await rest('POST', '/rest/workflows', { ...workflow, active: false }),
		);
		imported.push({ name: workflow.name, id: created.id });
	}
	return { table, list, callbacks, imported, present };
}
