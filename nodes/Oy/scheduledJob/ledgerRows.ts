import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { EffectState, LedgerEntry } from '../../../lib/jobs/types';

/** The columns of the "OY! jobs ledger" Data Table: one row per effect (and a lock row per job). */
export interface LedgerRow extends IDataObject {
	job: string;
	key: string;
	state: string;
	runId: string;
	attempts: number;
	/** JSON of the entry's detail */
	detail: string;
}

const STATES: readonly string[] = ['claimed', 'done', 'failed', 'uncertain', 'skipped'];

/** When a row last changed, as ISO-8601 UTC (n8n hands dates on as Date objects or strings). */
function isoOf(value: unknown): string {
	const date = value instanceof Date ? value : new Date(String(value ?? ''));
	return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

/** The key of each job's lock row: it is never an effect. */
export const LOCK_KEY = 'lock';

function detailOf(value: unknown): Record<string, unknown> {
	if (value === undefined || value === null || value === '') return {};
	const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
		throw new Error('detail is not a JSON object');
	return parsed as Record<string, unknown>;
}

/**
 * The ledger entries among the input items (rows of the ledger Data Table). Items without a key
 * (an empty table gives one empty item) and lock rows are skipped; a row that cannot be read stops
 * the run before anything is decided.
 */
export function entriesFrom(context: IExecuteFunctions, job: string): LedgerEntry[] {
	return ledgerEntries(
		context,
		context.getInputData().map(({ json }) => json),
		job,
	);
}

/** The ledger entries of `job` among rows of the ledger Data Table, checked as `entriesFrom` does. */
export function ledgerEntries(
	context: IExecuteFunctions,
	rows: readonly IDataObject[],
	job: string,
): LedgerEntry[] {
	const entries: LedgerEntry[] = [];
	rows.forEach((json, itemIndex) => {
		if (json.key === undefined || json.key === null || json.key === '' || json.key === LOCK_KEY)
			return;
		const problem = (what: string) =>
			new NodeOperationError(context.getNode(), `Ledger row ${String(json.key)}: ${what}`, {
				itemIndex,
				description:
					"Feed this node the rows of the OY! jobs ledger Data Table, as the template's 'Read the ledger' node does. Nothing was decided or paid.",
			});
		if (json.job !== job) return;
		if (typeof json.key !== 'string' || !STATES.includes(String(json.state)))
			throw problem(`state '${String(json.state)}' is not a ledger state`);
		let detail: Record<string, unknown>;
		try {
			detail = detailOf(json.detail);
		} catch (error) {
			throw problem((error as Error).message);
		}
		entries.push({
			job,
			key: json.key,
			state: json.state as EffectState,
			runId: String(json.runId ?? ''),
			at: isoOf(json.updatedAt ?? json.createdAt),
			attempts: Number(json.attempts ?? 0) || 0,
			detail,
		});
	});
	return entries;
}

export function rowOf(entry: LedgerEntry): LedgerRow {
	return {
		job: entry.job,
		key: entry.key,
		state: entry.state,
		runId: entry.runId,
		attempts: entry.attempts,
		detail: JSON.stringify(entry.detail),
	};
}

/** Where an output item came from: every input item, as the plan reads all of them at once. */
export function fromAllInputs(context: IExecuteFunctions): INodeExecutionData['pairedItem'] {
	return context.getInputData().map((_, item) => ({ item }));
}

export const runKey = (runId: string) => `run:${runId}`;

/** The run's own row (`run:<run ID>`): when it started and what it planned. */
export function runRow(job: string, runId: string, detail: Record<string, unknown>): LedgerRow {
	const at = new Date().toISOString();
	return rowOf({
		job,
		key: runKey(runId),
		state: 'done',
		runId,
		at,
		attempts: 1,
		detail: { startedAt: at, ...detail },
	});
}
