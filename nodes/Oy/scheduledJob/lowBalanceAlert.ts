import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { OyClient } from '../../../lib/client';
import { newSummary } from '../../../lib/jobs/effects';
import { alertLowBalance, INQUIRY_INVOICES_JOB } from '../../../lib/jobs/inquiryInvoices';
import type { PaymentRow } from '../../../lib/jobs/inquiryInvoices';
import { MemoryLedger } from '../../../lib/jobs/memoryLedger';
import { CapturedMail } from './capturedMail';
import { jobClock, jobContext, ReportRows, runIdOf } from './context';
import { entriesFrom, rowOf } from './ledgerRows';

const WAITING = ['balance too low', 'not tried: balance too low'];

/**
 * Code 206 as oy-jobs handles it: one low-balance alert a day (ledger key
 * `alert:low-balance:<day>`), decided by oy-jobs' own code over the day's alert row the plan passed
 * on. The alert comes out as a claimed ledger row (to, subject, text) the template records, sends
 * and records done; nothing when no invoice waits, nobody is to be told, or today's alert exists.
 */
export async function lowBalanceAlert(
	context: IExecuteFunctions,
	client: OyClient,
	paid: INodeExecutionData[],
	notify: string[],
): Promise<INodeExecutionData[]> {
	const rows = paid
		.map((item) => item.json)
		.filter((json) => WAITING.includes(String(json.action)))
		.map(
			(json): PaymentRow => ({
				invoiceId: String(json.id),
				txDate: String(json.txDate ?? ''),
				totalInquiry: 0,
				amount: Number(json.amount ?? 0),
				dueAt: String(json.dueAt ?? ''),
				status: 'UNPAID',
				action: json.action as PaymentRow['action'],
				detail: String(json.detail ?? ''),
			}),
		);
	if (rows.length === 0 || notify.length === 0) return [];
	const runId = runIdOf(context);
	const now = await jobClock(context);
	const ledger = new MemoryLedger(entriesFrom(context, INQUIRY_INVOICES_JOB), now);
	const mail = new CapturedMail();
	const summary = newSummary(INQUIRY_INVOICES_JOB, false);
	await alertLowBalance(
		{ ...jobContext(context, client, ledger, runId, new ReportRows(), now), notifier: mail },
		{ notify, maxPayments: undefined },
		rows,
		summary,
	);
	return ledger.changes().map((change) => {
		const entry = mail.claim(change);
		return {
			json: {
				key: entry.key,
				action: entry.state === 'claimed' ? 'e-mail' : `recorded ${entry.state}`,
				problems: summary.problems,
				ledger: rowOf(entry),
			},
			pairedItem: 0,
		};
	});
}
