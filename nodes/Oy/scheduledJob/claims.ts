import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { assertLeaseHeld, leaseOf, runIdOf } from './context';
import { runKey } from './ledgerRows';
import type { LedgerRow } from './ledgerRows';

/** How one claimed effect ended: the ledger state and what the output item says. */
export interface Settled {
	state: 'done' | 'failed' | 'skipped' | 'uncertain';
	action: string;
	detail: string;
	/** merged into the row's detail */
	record: Record<string, unknown>;
	/** later claims of the run are not acted on (e.g. code 206, balance too low) */
	stop?: boolean;
}

function detailOf(row: IDataObject): Record<string, unknown> {
	try {
		const parsed: unknown = JSON.parse(String(row.detail ?? '{}'));
		return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

/**
 * Acts, one at a time in the order given, on each ledger row (as the Data Table stored it) that
 * this run claimed under `prefix`, and outputs every row as it must now be recorded. Once an act
 * says stop, the later claims get `notTried`. Rows that are not this run's claims pass through
 * unchanged; the run's own row is marked finished with `done` counted. Once the lease of the run's
 * lock has ended it stops with an error before acting again (another run may hold the lock by then).
 */
export async function actOnClaims(
	context: IExecuteFunctions,
	prefix: string,
	act: (id: string, detail: Record<string, unknown>) => Promise<Settled>,
	notTried: Settled,
): Promise<INodeExecutionData[][]> {
	const runId = runIdOf(context);
	const leaseUntil = leaseOf(context);
	let stopped = false;
	let actedOn = 0;
	let done = 0;
	const output: INodeExecutionData[] = [];
	for (const [itemIndex, { json }] of context.getInputData().entries()) {
		const row = { ...(json.ledger as IDataObject | undefined), ...json } as IDataObject;
		const ledger: LedgerRow = {
			job: String(row.job ?? ''),
			key: String(row.key ?? ''),
			state: String(row.state ?? ''),
			runId: String(row.runId ?? ''),
			attempts: Number(row.attempts ?? 0),
			detail: String(row.detail ?? '{}'),
		};
		if (!(ledger.key.startsWith(prefix) && ledger.state === 'claimed' && ledger.runId === runId)) {
			output.push({
				json: { key: ledger.key, action: 'unchanged', ledger },
				pairedItem: itemIndex,
			});
			continue;
		}
		const id = ledger.key.slice(prefix.length);
		const detail = detailOf(row);
		if (!stopped) assertLeaseHeld(context, leaseUntil, ledger.key, actedOn++);
		const settled = stopped ? notTried : await act(id, detail);
		if (settled.stop) stopped = true;
		if (settled.state === 'done') done++;
		output.push({
			json: {
				key: ledger.key,
				id,
				...detail,
				action: settled.action,
				detail: settled.detail,
				ledger: {
					...ledger,
					state: settled.state,
					detail: JSON.stringify({ ...detail, ...settled.record }),
				},
			},
			pairedItem: itemIndex,
		});
	}
	for (const item of output) {
		const ledger = item.json.ledger as LedgerRow;
		if (ledger.key !== runKey(runId)) continue;
		ledger.detail = JSON.stringify({
			...detailOf(ledger),
			finishedAt: new Date().toISOString(),
			done,
		});
		item.json.action = 'run finished';
	}
	return [output];
}
