import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { expectedFromRows } from '../../../lib/jobs/expectedItems';
import { INQUIRY_INVOICES_JOB } from '../../../lib/jobs/inquiryInvoices';
import { MemoryLedger } from '../../../lib/jobs/memoryLedger';
import {
	CLASSES,
	LISTED_PRODUCTS,
	NEEDS_A_PERSON,
	isDay,
	type ReconClass,
	type ReconciledProduct,
} from '../../../lib/jobs/reconciliation';
import { reconcile } from '../../../lib/jobs/reconciliationRun';
import { addDays, dayIn, DEFAULT_TIME_ZONE } from '../../../lib/jobs/time';
import { oyClientFor } from '../../shared/client';
import { CapturedMail } from './capturedMail';
import { jobClock, jobContext, ReportRows, runIdOf } from './context';
import { fromAllInputs, ledgerEntries } from './ledgerRows';
import { rowsParameter } from './rowsParameter';
import { emailList } from './planWithMail';

function dayParameter(context: IExecuteFunctions, now: number): string {
	const day = String(context.getNodeParameter('day', 0, '') ?? '').trim();
	if (day === '') return addDays(dayIn(now, DEFAULT_TIME_ZONE), -1);
	if (!isDay(day))
		throw new NodeOperationError(context.getNode(), `'Day' is not a day: ${day}`, {
			description: 'Give yyyy-MM-dd, or leave it empty for yesterday. Nothing was read.',
		});
	return day;
}

/**
 * The jobs' ledger rows, whose inquiry-invoice payments recorded done on the day are expected at
 * OY!. Without them those payments would silently not be compared: the run stops instead.
 */
function paymentsLedger(context: IExecuteFunctions): IDataObject[] {
	const rows = rowsParameter(
		context,
		'ledgerRows',
		'Ledger Rows',
		"{{ $('Read the ledger').all().map(item => item.json) }}",
	);
	if (!rows)
		throw new NodeOperationError(context.getNode(), "'Ledger Rows' is empty", {
			description:
				"'Products' includes the inquiry invoices the jobs' ledger recorded paid: give the rows of the ledger Data Table (as the template's 'Read the ledger' does), or take Inquiry Invoice out of 'Products'. Nothing was read.",
		});
	return rows;
}

/**
 * oy-jobs' reconciliation of one day (Asia/Jakarta) over the expected list given as input items:
 * the same reads of OY! and the same classes. Outputs one item per transaction with its class, then
 * one summary item (counts, whether something needs a person, and the e-mail oy-jobs would send).
 * Changes nothing at OY!.
 */
export async function reconcileDay(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const runId = runIdOf(this);
	const to = emailList(this, 'reportTo', 'Report Recipients');
	if (to.length === 0)
		throw new NodeOperationError(this.getNode(), "'Report Recipients' is empty", {
			description: 'Nothing was read.',
		});
	const products = this.getNodeParameter('products', 0, [
		...LISTED_PRODUCTS,
	]) as ReconciledProduct[];
	const ledgerRows = products.includes('inquiry-invoice') ? paymentsLedger(this) : [];
	if (products.length === 0)
		throw new NodeOperationError(this.getNode(), "'Products' names no product", {
			description: 'Nothing would be reconciled. Nothing was read.',
		});
	const now = await jobClock(this);
	const day = dayParameter(this, now());
	const rows = this.getInputData().map(({ json }) => json);
	const { transactions, problems } = expectedFromRows(rows, DEFAULT_TIME_ZONE, day);
	if (problems.length > 0)
		throw new NodeOperationError(
			this.getNode(),
			`The expected list cannot be read: ${problems.length} problem(s)`,
			{
				description: `${problems.slice(0, 20).join('; ')}. Fix the list; nothing was asked of OY!.`,
			},
		);
	const client = await oyClientFor(this);
	const reports = new ReportRows();
	const mail = new CapturedMail();
	const summary = await reconcile(
		{
			...jobContext(
				this,
				client,
				new MemoryLedger(ledgerEntries(this, ledgerRows, INQUIRY_INVOICES_JOB), now),
				runId,
				reports,
				now,
			),
			notifier: mail,
		},
		{
			day,
			pendingHours: Number(this.getNodeParameter('pendingHours', 0, 24)),
			to,
			products,
			vaTimes: this.getNodeParameter('vaTimes', 0, 'UTC') as 'UTC' | 'WIB',
			concurrency: 4,
			maxRequests: Number(this.getNodeParameter('maxRequests', 0, 300_000)),
			expected: () => transactions,
		},
	);
	const pairedItem = fromAllInputs(this);
	const output: INodeExecutionData[] = [];
	// The report's sheets after the summary: one per class, each row one transaction.
	for (const sheet of reports.sheets.slice(1))
		for (const row of sheet.rows)
			output.push({
				json: {
					kind: 'transaction',
					day,
					needsPerson: NEEDS_A_PERSON.has(row.class as ReconClass),
					...(row as IDataObject),
				},
				pairedItem,
			});
	const [message] = mail.messages.values();
	output.push({
		json: {
			kind: 'summary',
			day,
			// As oy-jobs exits 1: a class that needs a person has rows, or the run could not finish.
			needsPerson: summary.problems.length > 0,
			counts: Object.fromEntries(CLASSES.map((name) => [name, summary.counts[name] ?? 0])),
			classes: (reports.sheets[0]?.rows ?? []) as IDataObject[],
			problems: summary.problems,
			notes: summary.notes,
			email: message
				? { to: to.join(', '), subject: message.subject, text: message.text }
				: undefined,
		},
		pairedItem,
	});
	return [output];
}
