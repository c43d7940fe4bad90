import { formatRupiah } from '../amounts';
import {
	addAmount,
	count,
	describeResult,
	leftByDeadRun,
	newSummary,
	recoverInterrupted,
	sendOnce,
} from './effects';
import { normalized, numeric, text } from './fields';
import { dayIn } from './time';
import type { OyResult } from '../types';
import type { EffectState, JobContext, JobSummary, LedgerEntry, ReportColumn } from './types';

/**
 * Job 1: pay UNPAID account-inquiry invoices. OY! bills account inquiries with one invoice a day
 * (INITIATED on the day, UNPAID from the next); UNPAID invoices past the grace period block
 * inquiries (code 232). OY's own daily run pays them only when the balance allows (OY API docs: Account Inquiry).
 */
export const INQUIRY_INVOICES_JOB = 'inquiry-invoices';

export interface InquiryInvoiceOptions {
	/** who hears about what was paid and about a balance too low to pay */
	notify: readonly string[];
	/** at most this many payments per run (the oldest first) */
	maxPayments?: number;
}

export interface InquiryInvoice {
	invoiceId: string;
	txDate: string;
	amount: number;
	totalInquiry: number;
	/** ISO-8601 UTC */
	dueAt: string;
	status: string;
}

export type PaymentAction =
	| 'paid'
	| 'would pay'
	| 'already paid'
	| 'paid (confirmed after an interrupted run)'
	| 'no longer unpaid'
	| 'balance too low'
	| 'not tried: balance too low'
	| 'deferred: run limit'
	| 'held: ledger says paid'
	| 'held: earlier payment may be under way'
	| 'unconfirmed'
	| 'failed';

export interface PaymentRow extends InquiryInvoice {
	action: PaymentAction;
	detail: string;
}

export const PAYMENT_COLUMNS: readonly ReportColumn[] = [
	{ key: 'invoiceId', header: 'Invoice ID', width: 38 },
	{ key: 'txDate', header: 'Inquiry day', width: 12 },
	{ key: 'totalInquiry', header: 'Inquiries', kind: 'number', width: 10 },
	{ key: 'amount', header: 'Amount (IDR)', kind: 'rupiah', width: 14 },
	{ key: 'dueAt', header: 'Due (UTC)', kind: 'date', width: 20 },
	{ key: 'action', header: 'Action', width: 34 },
	{ key: 'detail', header: 'Detail', width: 60 },
];

export function readInquiryInvoice(record: unknown): InquiryInvoice {
	const invoice = normalized('accountInquiry.getInvoices', record);
	return {
		invoiceId: text(invoice.invoice_id),
		txDate: text(invoice.tx_date),
		amount: numeric(invoice.amount) ?? 0,
		totalInquiry: numeric(invoice.total_inquiry) ?? 0,
		dueAt: text(invoice.due_at),
		status: text(invoice.invoice_status).toUpperCase(),
	};
}

/** Oldest first: the oldest UNPAID invoice is the first to block inquiries. */
export function payableOrder(invoices: readonly InquiryInvoice[]): InquiryInvoice[] {
	return invoices
		.filter((invoice) => invoice.status === 'UNPAID' && invoice.invoiceId !== '')
		.sort((a, b) => a.txDate.localeCompare(b.txDate) || a.invoiceId.localeCompare(b.invoiceId));
}

export const paymentKey = (invoiceId: string) => `pay:${invoiceId}`;

/**
 * A payment may be claimed again when it failed (balance too low), was skipped, or an earlier run
 * left it unconfirmed, now that OY! shows the invoice UNPAID: OY! pays UNPAID invoices only.
 */
export const PAYMENT_RETAKE: readonly EffectState[] = ['failed', 'uncertain', 'claimed', 'skipped'];

/**
 * How long a payment request sent by a run that then died may still be under way at OY!. Within
 * it, an invoice OY! still shows UNPAID is not paid again: a second runner (another host) takes
 * over within a second, while OY! may still be working on the dead run's request.
 */
export const PAYMENT_IN_FLIGHT_MS = 120_000;

/** A claim a dead run left so recently that its payment request may still be under way at OY!. */
function mayBeInFlight(ctx: JobContext, entry: LedgerEntry | undefined): entry is LedgerEntry {
	return (
		leftByDeadRun(entry, ctx.runId) &&
		ctx.clock.now() - Date.parse(entry!.at) < PAYMENT_IN_FLIGHT_MS
	);
}

function heldInFlight(ctx: JobContext, entry: LedgerEntry, summary: JobSummary): Step {
	const seconds = Math.max(0, Math.round((ctx.clock.now() - Date.parse(entry.at)) / 1000));
	summary.notes.push(
		`Invoice ${entry.key.slice('pay:'.length)}: run ${entry.runId} sent its payment ${seconds}s ago and stopped; OY! may still be paying it, so it is checked again by the next run, not paid now.`,
	);
	return {
		action: 'held: earlier payment may be under way',
		detail: `claimed by run ${entry.runId} at ${entry.at}, which stopped`,
	};
}

type Step = { action: PaymentAction; detail: string; stop?: boolean };

/** Reads the invoice again right before paying: only an UNPAID invoice is paid. */
async function liveStatus(
	ctx: JobContext,
	invoiceId: string,
): Promise<{ state?: string; problem?: string }> {
	const result = await ctx.client.call('accountInquiry.getInvoice', { id: invoiceId });
	if (result.outcome === 'rejected' || result.outcome === 'unknown' || !result.state) {
		return { problem: `could not re-read invoice ${invoiceId}: ${describeResult(result)}` };
	}
	return { state: result.state };
}

async function payOne(
	ctx: JobContext,
	invoice: InquiryInvoice,
	summary: JobSummary,
): Promise<Step> {
	const key = paymentKey(invoice.invoiceId);
	const recorded: LedgerEntry | undefined = await ctx.ledger.find(INQUIRY_INVOICES_JOB, key);
	if (recorded?.state === 'done') {
		summary.problems.push(
			`Invoice ${invoice.invoiceId} (${invoice.txDate}) is listed UNPAID, but this ledger recorded it paid at ${recorded.at}; not paying it again. Ask OY! which is right.`,
		);
		return { action: 'held: ledger says paid', detail: `recorded paid at ${recorded.at}` };
	}
	const live = await liveStatus(ctx, invoice.invoiceId);
	if (live.problem) {
		summary.problems.push(live.problem);
		return { action: 'failed', detail: live.problem };
	}
	const interrupted = leftByDeadRun(recorded, ctx.runId) || recorded?.state === 'uncertain';
	if (live.state === 'PAID') {
		if (interrupted && !ctx.dryRun) {
			await ctx.ledger.settle(INQUIRY_INVOICES_JOB, key, ctx.runId, 'done', {
				amount: invoice.amount,
				confirmedBy: 'invoice status',
			});
			addAmount(summary, 'paid', invoice.amount);
			return {
				action: 'paid (confirmed after an interrupted run)',
				detail: 'OY! shows the invoice PAID',
			};
		}
		return {
			action: 'already paid',
			detail: "paid since it was listed (by OY!'s daily run or elsewhere)",
		};
	}
	if (live.state !== 'UNPAID')
		return { action: 'no longer unpaid', detail: `the invoice is ${live.state}` };
	if (mayBeInFlight(ctx, recorded)) return heldInFlight(ctx, recorded, summary);
	if (ctx.dryRun) {
		addAmount(summary, 'toPay', invoice.amount);
		return {
			action: 'would pay',
			detail: interrupted ? 'an earlier run stopped before OY! confirmed; OY! shows it UNPAID' : '',
		};
	}
	// A failed payment (balance too low) may be tried again; so may one an earlier run left unconfirmed,
	// now that OY! shows the invoice UNPAID. OY! pays UNPAID invoices only, so nothing is paid twice.
	const claim = await ctx.ledger.claim(
		INQUIRY_INVOICES_JOB,
		key,
		ctx.runId,
		{ amount: invoice.amount, txDate: invoice.txDate },
		PAYMENT_RETAKE,
	);
	if (!claim.claimed)
		return { action: 'held: ledger says paid', detail: `ledger state ${claim.entry.state}` };
	ctx.progress({
		job: INQUIRY_INVOICES_JOB,
		phase: 'paying',
		message: `paying invoice ${invoice.invoiceId} (${invoice.txDate}, ${formatRupiah(invoice.amount)})`,
	});
	const result = await ctx.client.call('accountInquiry.payInvoice', {
		invoice_id: invoice.invoiceId,
	});
	const verdict = paymentVerdict(result);
	await ctx.ledger.settle(INQUIRY_INVOICES_JOB, key, ctx.runId, verdict.state, {
		...(verdict.state === 'done' ? { amount: invoice.amount } : {}),
		...verdict.record,
	});
	if (verdict.state === 'done') addAmount(summary, 'paid', invoice.amount);
	if (verdict.problem) summary.problems.push(verdict.problem(invoice.invoiceId));
	return { action: verdict.action, detail: verdict.detail, stop: verdict.stop };
}

export interface PaymentVerdict {
	/** what the ledger records for the payment */
	state: Exclude<EffectState, 'claimed'>;
	action: PaymentAction;
	detail: string;
	/** merged into the ledger entry's detail */
	record: Record<string, unknown>;
	/** code 206: the balance is too low, later invoices of the run are not tried */
	stop?: boolean;
	problem?: (invoiceId: string) => string;
}

/**
 * How OY's answer to Pay Invoice is recorded: the one reading for oy-jobs and the OY! node's
 * Scheduled Job › Pay Claimed Invoices, so the CLI and the n8n template settle alike.
 */
export function paymentVerdict(result: OyResult): PaymentVerdict {
	const detail = describeResult(result);
	if (result.outcome === 'success')
		return {
			state: 'done',
			action: 'paid',
			detail: result.resolvedBy ? `${detail}; confirmed by a status check` : '',
			record: { code: result.code },
		};
	if (result.code === '206')
		return {
			state: 'failed',
			action: 'balance too low',
			detail,
			record: { code: '206', message: result.message },
			stop: true,
		};
	if (result.code === '300')
		return {
			state: 'skipped',
			action: 'no longer unpaid',
			detail,
			record: { code: '300', message: result.message },
		};
	if (result.outcome === 'unknown' || result.outcome === 'pending')
		return {
			state: 'uncertain',
			action: 'unconfirmed',
			detail,
			record: { code: result.code, meaning: result.meaning },
			problem: (invoiceId) =>
				`Payment of invoice ${invoiceId} could not be confirmed: ${detail}. The next run reads it again before anything else.`,
		};
	return {
		state: 'failed',
		action: 'failed',
		detail,
		record: { code: result.code, meaning: result.meaning },
		problem: (invoiceId) => `Invoice ${invoiceId} was not paid: ${detail}`,
	};
}

async function availableBalance(ctx: JobContext): Promise<number | undefined> {
	const result = await ctx.client.call('balance.get', {});
	return result.outcome === 'success'
		? numeric(normalized('balance.get', result.body).availableBalance)
		: undefined;
}

/**
 * A payment a dead run claimed: OY! may have paid it after the run died. The invoice says: PAID is
 * recorded as paid; UNPAID is released to be paid by this run (OY! pays only UNPAID invoices).
 */
async function resolveInterruptedPayment(
	ctx: JobContext,
	entry: LedgerEntry,
	rows: PaymentRow[],
	summary: JobSummary,
): Promise<void> {
	const invoiceId = entry.key.slice('pay:'.length);
	const live = await liveStatus(ctx, invoiceId);
	const amount = numeric(entry.detail.amount) ?? 0;
	if (live.state === 'PAID') {
		await ctx.ledger.settle(INQUIRY_INVOICES_JOB, entry.key, ctx.runId, 'done', {
			confirmedBy: 'invoice status',
		});
		addAmount(summary, 'paid', amount);
		const action: PaymentAction = 'paid (confirmed after an interrupted run)';
		count(summary, action);
		rows.push({
			invoiceId,
			txDate: text(entry.detail.txDate),
			amount,
			totalInquiry: 0,
			dueAt: '',
			status: 'PAID',
			action,
			detail: `claimed by run ${entry.runId}, which stopped`,
		});
		ctx.progress({
			job: INQUIRY_INVOICES_JOB,
			phase: 'recovering',
			message: `${invoiceId}: ${action}`,
		});
	} else if ((live.state === 'UNPAID' || live.state === 'INITIATED') && mayBeInFlight(ctx, entry)) {
		// Left claimed: the listing below holds the invoice, and a later run decides.
	} else if (live.state === 'UNPAID' || live.state === 'INITIATED') {
		await ctx.ledger.settle(INQUIRY_INVOICES_JOB, entry.key, ctx.runId, 'failed', {
			reason: 'an earlier run stopped before OY! paid it',
		});
	} else {
		await ctx.ledger.settle(INQUIRY_INVOICES_JOB, entry.key, ctx.runId, 'uncertain', {
			reason: live.problem,
		});
		summary.problems.push(
			`An earlier run stopped while paying invoice ${invoiceId}, and ${live.problem ?? 'its state is unclear'}; it is not paid again until OY! shows it UNPAID.`,
		);
	}
}

/** Before anything else, what dead runs left claimed: payments by the invoice's state, messages as uncertain. */
export async function recoverInterruptedPayments(
	ctx: JobContext,
	rows: PaymentRow[],
	summary: JobSummary,
): Promise<void> {
	await recoverInterrupted(ctx, INQUIRY_INVOICES_JOB, summary, {
		'pay:': (entry) => resolveInterruptedPayment(ctx, entry, rows, summary),
	});
}

export async function payInquiryInvoices(
	ctx: JobContext,
	options: InquiryInvoiceOptions,
): Promise<JobSummary> {
	const summary = newSummary(INQUIRY_INVOICES_JOB, ctx.dryRun);
	const rows: PaymentRow[] = [];
	await recoverInterruptedPayments(ctx, rows, summary);
	ctx.progress({
		job: INQUIRY_INVOICES_JOB,
		phase: 'listing',
		message: 'reading UNPAID account-inquiry invoices',
	});
	const listed = await ctx.client.listAll('accountInquiry.getInvoices', { status: 'UNPAID' });
	const invoices = payableOrder(listed.map(readInquiryInvoice));
	ctx.progress({
		job: INQUIRY_INVOICES_JOB,
		phase: 'listing',
		message: `${invoices.length} UNPAID invoice(s)`,
		total: invoices.length,
	});
	let stopped: Step | undefined;
	let payments = 0;
	for (const invoice of invoices) {
		let step: Step;
		if (stopped)
			step = {
				action: 'not tried: balance too low',
				detail: 'an earlier invoice in this run failed with code 206',
			};
		else if (options.maxPayments !== undefined && payments >= options.maxPayments) {
			step = {
				action: 'deferred: run limit',
				detail: `at most ${options.maxPayments} payment(s) per run`,
			};
		} else {
			step = await payOne(ctx, invoice, summary);
			if (step.action === 'paid' || step.action === 'would pay') payments++;
			if (step.stop) stopped = step;
		}
		count(summary, step.action);
		rows.push({ ...invoice, ...step });
		ctx.progress({
			job: INQUIRY_INVOICES_JOB,
			phase: 'paying',
			message: `${invoice.invoiceId}: ${step.action}`,
			done: rows.length,
			total: invoices.length,
		});
	}
	if (stopped) await alertLowBalance(ctx, options, rows, summary);
	await reportPayments(ctx, options, rows, summary);
	return summary;
}

/** Code 206: one alert a day, and no retry loop; the next scheduled run tries again. */
export async function alertLowBalance(
	ctx: JobContext,
	options: InquiryInvoiceOptions,
	rows: PaymentRow[],
	summary: JobSummary,
) {
	const waiting = rows.filter(
		(row) => row.action === 'balance too low' || row.action === 'not tried: balance too low',
	);
	const owed = waiting.reduce((sum, row) => sum + row.amount, 0);
	const balance = await availableBalance(ctx);
	const balanceLine =
		balance === undefined
			? 'The available balance could not be read.'
			: `Available balance: ${formatRupiah(balance)}.`;
	summary.problems.push(
		`The OY! balance is too low to pay ${waiting.length} account-inquiry invoice(s) (${formatRupiah(owed)}). ${balanceLine}`,
	);
	if (options.notify.length === 0) return;
	const day = dayIn(ctx.clock.now(), ctx.timeZone);
	await sendOnce(
		ctx,
		INQUIRY_INVOICES_JOB,
		{
			key: `alert:low-balance:${day}`,
			to: options.notify,
			subject: `OY! balance too low to pay ${waiting.length} account-inquiry invoice(s)`,
			text: [
				`OY! refused to pay account-inquiry invoices on ${day}: the balance is not enough (code 206).`,
				balanceLine,
				`Unpaid: ${waiting.length} invoice(s), ${formatRupiah(owed)} in total:`,
				...waiting.map(
					(row) =>
						`  ${row.txDate}  ${formatRupiah(row.amount)}  (invoice ${row.invoiceId}, due ${row.dueAt})`,
				),
				'',
				'Top up the OY! balance. Unpaid invoices past the grace period block account inquiries (code 232).',
				'The next scheduled run pays them; it does not retry before then.',
			].join('\n'),
		},
		summary,
	);
}

async function reportPayments(
	ctx: JobContext,
	options: InquiryInvoiceOptions,
	rows: PaymentRow[],
	summary: JobSummary,
) {
	if (rows.length === 0) {
		summary.notes.push('No UNPAID account-inquiry invoices.');
		return;
	}
	const day = dayIn(ctx.clock.now(), ctx.timeZone);
	const writer = await ctx.reports.create(`inquiry-invoices-${day}${ctx.dryRun ? '-dry-run' : ''}`);
	await writer.sheet({ name: 'Invoices', columns: PAYMENT_COLUMNS });
	for (const row of rows) await writer.addRow({ ...row });
	const report = await writer.finish();
	summary.reports.push(report);
	const paid = rows.filter(
		(row) => row.action === 'paid' || row.action === 'paid (confirmed after an interrupted run)',
	);
	summary.notes.push(
		ctx.dryRun
			? `Would pay ${summary.counts['would pay'] ?? 0} invoice(s), ${formatRupiah(summary.amounts.toPay ?? 0)}.`
			: `Paid ${paid.length} invoice(s), ${formatRupiah(paid.reduce((sum, row) => sum + row.amount, 0))}.`,
	);
	if (paid.length === 0 || options.notify.length === 0) return;
	await sendOnce(
		ctx,
		INQUIRY_INVOICES_JOB,
		{
			key: `report:${ctx.runId}`,
			to: options.notify,
			subject: `Paid ${paid.length} OY! account-inquiry invoice(s), ${formatRupiah(paid.reduce((sum, row) => sum + row.amount, 0))}`,
			text: [
				`Account-inquiry invoices paid on ${day}:`,
				...paid.map(
					(row) =>
						`  ${row.txDate}  ${formatRupiah(row.amount)}  (${row.totalInquiry} inquiries, invoice ${row.invoiceId})`,
				),
				'',
				'Every invoice considered is in the attached report.',
			].join('\n'),
			attachments: [report],
		},
		summary,
	);
}
