import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { OyClient } from '../../../lib/client';
import { OyInputError } from '../../../lib/errors';
import { paymentVerdict } from '../../../lib/jobs/inquiryInvoices';
import { oyClientFor } from '../../shared/client';
import { actOnClaims } from './claims';
import type { Settled } from './claims';
import { lowBalanceAlert } from './lowBalanceAlert';
import { emailList } from './planWithMail';

/** A call that threw: refused before sending (nothing happened), or anything else (it may have). */
export function thrown(error: unknown): Settled {
	const message = error instanceof Error ? error.message : String(error);
	return error instanceof OyInputError
		? { state: 'failed', action: 'failed', detail: message, record: { error: message } }
		: { state: 'uncertain', action: 'unconfirmed', detail: message, record: { error: message } };
}

async function pay(client: OyClient, invoiceId: string): Promise<Settled> {
	try {
		return paymentVerdict(
			await client.call('accountInquiry.payInvoice', { invoice_id: invoiceId }),
		);
	} catch (error) {
		return thrown(error);
	}
}

/**
 * Pays each invoice whose ledger row this run claimed (as the Data Table stored it), oldest first,
 * and outputs each row as it must be recorded. After OY's code 206 the later invoices are not tried
 * (recorded failed: the next run may pay them) and, as oy-jobs, one low-balance alert a day comes out
 * as a claimed e-mail row for the template to record, send and record done.
 */
export async function payClaimedInvoices(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const notify = emailList(this, 'alertTo', 'Low-Balance Alert To');
	const client = await oyClientFor(this);
	const output = await actOnClaims(
		this,
		'pay:',
		async (invoiceId) => await pay(client, invoiceId),
		{
			state: 'failed',
			action: 'not tried: balance too low',
			detail: 'an earlier invoice in this run failed with code 206',
			record: { reason: 'not tried: balance too low' },
		},
	);
	for (const item of output[0]) if (item.json.id) item.json.invoiceId = item.json.id;
	output[0].push(...(await lowBalanceAlert(this, client, output[0], notify)));
	return output;
}
