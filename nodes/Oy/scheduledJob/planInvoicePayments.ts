import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import {
	INQUIRY_INVOICES_JOB,
	PAYMENT_RETAKE,
	payInquiryInvoices,
	paymentKey,
	recoverInterruptedPayments,
} from '../../../lib/jobs/inquiryInvoices';
import type { PaymentRow } from '../../../lib/jobs/inquiryInvoices';
import { newSummary } from '../../../lib/jobs/effects';
import { dayIn } from '../../../lib/jobs/time';
import { MemoryLedger } from '../../../lib/jobs/memoryLedger';
import type { LedgerEntry } from '../../../lib/jobs/types';
import { oyClientFor } from '../../shared/client';
import { jobClock, jobContext, ReportRows, runIdOf } from './context';
import { entriesFrom, fromAllInputs, rowOf, runRow } from './ledgerRows';

/**
 * oy-jobs' own decisions for the account-inquiry invoices, over the ledger rows given as input:
 * first the claims a stopped run left (an invoice OY! shows PAID is recorded paid, an UNPAID one is
 * paid again, a message is reported as maybe sent), then the dry run of the job (which invoices to
 * pay, oldest first, within Max Payments). Each invoice to pay comes out claimed: the template
 * records the claims before the payments are made. Nothing is paid here.
 */
export async function planInvoicePayments(
	this: IExecuteFunctions,
): Promise<INodeExecutionData[][]> {
	const runId = runIdOf(this);
	const entries = entriesFrom(this, INQUIRY_INVOICES_JOB);
	const maxPayments = Number(this.getNodeParameter('maxPayments', 0, 0)) || undefined;
	const client = await oyClientFor(this);
	const now = await jobClock(this);
	const ledger = new MemoryLedger(entries, now);
	const reports = new ReportRows();
	const context = jobContext(this, client, ledger, runId, reports, now);

	const recovered: PaymentRow[] = [];
	const recovery = newSummary(INQUIRY_INVOICES_JOB, false);
	await recoverInterruptedPayments(context, recovered, recovery);
	const summary = await payInquiryInvoices(
		{ ...context, dryRun: true },
		{ notify: [], maxPayments },
	);
	const planned = (reports.sheets[0]?.rows ?? []) as unknown as PaymentRow[];
	for (const row of planned) {
		if (row.action !== 'would pay') continue;
		const claim = await ledger.claim(
			INQUIRY_INVOICES_JOB,
			paymentKey(row.invoiceId),
			runId,
			{ amount: row.amount, txDate: row.txDate, dueAt: row.dueAt },
			PAYMENT_RETAKE,
		);
		if (!claim.claimed)
			throw new NodeOperationError(
				this.getNode(),
				`Invoice ${row.invoiceId} was planned but its ledger row is ${claim.entry.state}`,
				{ description: 'Nothing was recorded or paid.' },
			);
	}

	const changes = new Map<string, LedgerEntry>(ledger.changes().map((entry) => [entry.key, entry]));
	const pairedItem = fromAllInputs(this);
	const output: INodeExecutionData[] = [];
	for (const row of [...recovered, ...planned]) {
		const change = changes.get(paymentKey(row.invoiceId));
		changes.delete(paymentKey(row.invoiceId));
		output.push({
			json: {
				job: INQUIRY_INVOICES_JOB,
				...(row as unknown as IDataObject),
				...(change ? { ledger: rowOf(change) } : {}),
			},
			pairedItem,
		});
	}
	// Settled without a row of their own: a message a stopped run may have sent, a payment still unclear.
	for (const change of changes.values())
		output.push({
			json: {
				job: INQUIRY_INVOICES_JOB,
				key: change.key,
				action: `recorded ${change.state}`,
				detail: String(change.detail.reason ?? ''),
				ledger: rowOf(change),
			},
			pairedItem,
		});
	// Today's low-balance alert as recorded, passed on to Pay Claimed Invoices: it sends none then.
	const alertKey = `alert:low-balance:${dayIn(now(), context.timeZone)}`;
	const alerted = entries.find((entry) => entry.key === alertKey);
	if (alerted && !ledger.changes().some((entry) => entry.key === alertKey))
		output.push({
			json: {
				job: INQUIRY_INVOICES_JOB,
				key: alertKey,
				action: 'unchanged',
				ledger: rowOf(alerted),
			},
			pairedItem,
		});
	const problems = [...recovery.problems, ...summary.problems];
	output.push({
		json: {
			job: INQUIRY_INVOICES_JOB,
			run: runId,
			action: 'run',
			counts: { ...recovery.counts, ...summary.counts },
			amounts: { ...summary.amounts },
			problems,
			ledger: runRow(INQUIRY_INVOICES_JOB, runId, { toPay: summary.counts['would pay'] ?? 0 }),
		},
		pairedItem,
	});
	return [output];
}
