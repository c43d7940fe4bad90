import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { OyInputError } from '../../../lib/errors';
import { paymentVerdict } from '../../../lib/jobs/inquiryInvoices';
import type { PaymentVerdict } from '../../../lib/jobs/inquiryInvoices';
import { oyClientFor } from '../../shared/client';
import type { OyClient } from '../../../lib/client';
import { runIdOf } from './context';
import type { LedgerRow } from './ledgerRows';
import { runKey } from './ledgerRows';

type Settled = Pick<PaymentVerdict, 'state' | 'action' | 'detail' | 'record'> & { stop?: boolean };

async function pay(client: OyClient, invoiceId: string): Promise<Settled> {
	try {
		return paymentVerdict(
			await client.call('accountInquiry.payInvoice', { invoice_id: invoiceId }),
		);
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		// Refused before sending: nothing was paid. Anything else may have reached OY!.
		return error instanceof OyInputError
			? { state: 'failed', action: 'failed', detail: message, record: { error: message } }
			: { state: 'uncertain', action: 'unconfirmed', detail: message, record: { error: message } };
	}
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
 * Pays, one at a time in the order given, each invoice whose ledger row (as the Data Table stored
 * it) this run claimed, and outputs every row as it must now be recorded. After OY's code 206 the
 * later invoices are not tried (recorded failed: the next run may pay them). Rows that are not this
 * run's payment claims pass through unchanged; the run's own row is marked finished.
 */
export async function payClaimedInvoices(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const runId = runIdOf(this);
	const items = this.getInputData();
	const client = await oyClientFor(this);
	let stopped = false;
	let paid = 0;
	let paidAmount = 0;
	const output: INodeExecutionData[] = [];
	for (const [itemIndex, { json }] of items.entries()) {
		const row = { ...(json.ledger as IDataObject | undefined), ...json } as IDataObject;
		const ledger: LedgerRow = {
			job: String(row.job ?? ''),
			key: String(row.key ?? ''),
			state: String(row.state ?? ''),
			runId: String(row.runId ?? ''),
			attempts: Number(row.attempts ?? 0),
			detail: String(row.detail ?? '{}'),
		};
		const claimed =
			ledger.key.startsWith('pay:') && ledger.state === 'claimed' && ledger.runId === runId;
		if (!claimed) {
			output.push({
				json: { key: ledger.key, action: 'unchanged', ledger },
				pairedItem: itemIndex,
			});
			continue;
		}
		const invoiceId = ledger.key.slice('pay:'.length);
		const detail = detailOf(row);
		const settled: Settled = stopped
			? {
					state: 'failed',
					action: 'not tried: balance too low',
					detail: 'an earlier invoice in this run failed with code 206',
					record: { reason: 'not tried: balance too low' },
				}
			: await pay(client, invoiceId);
		if (settled.stop) stopped = true;
		if (settled.state === 'done') {
			paid++;
			paidAmount += Number(detail.amount ?? 0);
		}
		output.push({
			json: {
				key: ledger.key,
				invoiceId,
				amount: Number(detail.amount ?? 0),
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
			...JSON.parse(ledger.detail),
			finishedAt: new Date().toISOString(),
			paid,
			paidAmount,
		});
		item.json.action = 'run finished';
	}
	return [output];
}
