import { formatRupiah } from '../amounts';
import { isRecord } from '../json';
import {
	addAmount,
	alreadyClaimed,
	count,
	describeResult,
	newSummary,
	recoverInterrupted,
	sendClaimed,
	sendOnce,
} from './effects';
import type { SendOutcome } from './effects';
import { normalized, numeric, text } from './fields';
import { forEachChunk, forEachLimited } from './paging';
import { renderTemplate } from './template';
import type { MessageTemplate } from './template';
import { dayIn, daysBetween, inQuietHours } from './time';
import type { QuietHours } from './time';
import type { JobContext, JobSummary, ReportColumn, ReportWriter } from './types';

/**
 * Job 3: reminders for overdue Account Receivable invoices, on an escalation schedule (days past
 * the due date), never the same step twice, never in quiet hours, never to a customer who opted
 * out; and once a day a summary to finance with an Excel aging report.
 */
export const AR_REMINDERS_JOB = 'ar-reminders';

/** Our own e-mail, or OY's Resend Invoice (e-mail or WhatsApp, sent by OY!). */
export type ReminderChannel = 'email' | 'oy-email' | 'oy-whatsapp';

export interface CustomerOverride {
	optOut?: boolean;
	/** this customer's own escalation steps */
	steps?: readonly number[];
	/** send our e-mail here instead of the customer's addresses at OY! */
	email?: readonly string[];
}

export interface ArReminderOptions {
	/** days past the due date at which a reminder goes out, ascending (e.g. 1, 3, 7, 14) */
	steps: readonly number[];
	channel: ReminderChannel;
	quietHours?: QuietHours;
	/** customer ids (OY's) or e-mail addresses that get no reminders */
	optOut: readonly string[];
	/** per customer id (OY's): opt-out, own steps, own addresses */
	customers: Readonly<Record<string, CustomerOverride>>;
	/** finance: who gets the daily summary with the aging report; nobody when empty */
	summaryTo: readonly string[];
	/** at most this many reminders per run; the rest wait for the next run */
	maxPerRun?: number;
	/** reminders sent at the same time (default 4) */
	concurrency?: number;
	/** our e-mail (channel `email`); placeholders in REMINDER_FIELDS */
	template: MessageTemplate;
}

export interface ArInvoice {
	id: string;
	number: string;
	customerId: string;
	customerName: string;
	customerEmails: string[];
	status: string;
	billed: number;
	received: number;
	outstanding: number;
	/** `yyyy-MM-dd` as OY! dates it (UTC+7) */
	invoiceDate: string;
	dueDate: string;
	paymentUrl: string;
}

/** OY! writes AR calendar days as `yyyy-MM-dd`, or (in lists) as epoch ms of that day's 00:00 UTC+7. */
export function calendarDay(value: unknown): string {
	if (typeof value === 'number' && Number.isFinite(value)) return dayIn(value, 'Asia/Jakarta');
	const written = text(value);
	return /^\d{4}-\d{2}-\d{2}/.test(written) ? written.slice(0, 10) : '';
}

function emails(value: unknown): string[] {
	return text(value)
		.split(/[;,]/)
		.map((address) => address.trim())
		.filter((address) => address.includes('@'));
}

export function readArInvoice(
	record: unknown,
	operationId = 'accountReceivable.getManyInvoices',
): ArInvoice {
	const invoice = normalized(operationId, record);
	const billed = numeric(invoice.amount_billed) ?? 0;
	const received = numeric(invoice.amount_received) ?? 0;
	return {
		id: text(invoice.id),
		number: text(invoice.invoice_number),
		customerId: text(invoice.customer_id),
		customerName: text(invoice.customer_name),
		customerEmails: emails(invoice.customer_email),
		status: text(invoice.status).toUpperCase(),
		billed,
		received,
		outstanding: Math.max(0, billed - received),
		invoiceDate: calendarDay(invoice.invoice_date),
		dueDate: calendarDay(invoice.due_date),
		paymentUrl: text(invoice.payment_url),
	};
}

export const AGING_BUCKETS = [
	'not yet due',
	'1-30 days',
	'31-60 days',
	'61-90 days',
	'over 90 days',
] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export function agingBucket(daysOverdue: number): AgingBucket {
	if (daysOverdue <= 0) return 'not yet due';
	if (daysOverdue <= 30) return '1-30 days';
	if (daysOverdue <= 60) return '31-60 days';
	if (daysOverdue <= 90) return '61-90 days';
	return 'over 90 days';
}

export type ReminderPlan =
	| { send: true; step: number; stepNumber: number; of: number }
	| { send: false; reason: 'not overdue' | 'opted out' | 'no step due yet' | 'step already sent' };

type DuePlan = Extract<ReminderPlan, { send: true }>;

/** Whether a customer opted out, by OY's customer id or any of its e-mail addresses. */
export function optedOut(
	invoice: ArInvoice,
	options: Pick<ArReminderOptions, 'optOut' | 'customers'>,
): boolean {
	if (options.customers[invoice.customerId]?.optOut) return true;
	const blocked = new Set(options.optOut.map((entry) => entry.trim().toLowerCase()));
	return (
		blocked.has(invoice.customerId.toLowerCase()) ||
		invoice.customerEmails.some((address) => blocked.has(address.toLowerCase()))
	);
}

/**
 * The step due today: the highest step not above the days overdue. A step already sent (or one
 * after it) means nothing is due; a run that missed days sends the step due now, not every
 * missed one.
 */
export function planReminder(
	invoice: ArInvoice,
	today: string,
	options: Pick<ArReminderOptions, 'steps' | 'optOut' | 'customers'>,
	stepsTaken: readonly number[],
): ReminderPlan {
	if (invoice.status !== 'OVERDUE' || !invoice.dueDate)
		return { send: false, reason: 'not overdue' };
	if (optedOut(invoice, options)) return { send: false, reason: 'opted out' };
	const steps = [...(options.customers[invoice.customerId]?.steps ?? options.steps)].sort(
		(a, b) => a - b,
	);
	const overdue = daysBetween(invoice.dueDate, today);
	let index = -1;
	steps.forEach((step, position) => {
		if (step <= overdue) index = position;
	});
	if (index < 0) return { send: false, reason: 'no step due yet' };
	if (stepsTaken.some((taken) => taken >= steps[index]))
		return { send: false, reason: 'step already sent' };
	return { send: true, step: steps[index], stepNumber: index + 1, of: steps.length };
}

/** Placeholders of the reminder template. */
export const REMINDER_FIELDS = [
	'customer_name',
	'invoice_number',
	'amount',
	'amount_billed',
	'invoice_date',
	'due_date',
	'days_overdue',
	'payment_url',
	'step',
	'reminder',
] as const;

export const DEFAULT_REMINDER_TEMPLATE: MessageTemplate = {
	subject: '{{reminder}}: invoice {{invoice_number}} is {{days_overdue}} days overdue',
	text: [
		'Dear {{customer_name}},',
		'',
		'Our invoice {{invoice_number}} of {{invoice_date}}, due on {{due_date}}, is {{days_overdue}} days overdue.',
		'Amount outstanding: {{amount}}.',
		'',
		'You can pay it here: {{payment_url}}',
		'',
		'If you have paid already, please ignore this message. Thank you.',
	].join('\n'),
};

function reminderName(stepNumber: number, of: number): string {
	if (stepNumber === of && of > 1) return 'Final reminder';
	return (
		['First reminder', 'Second reminder', 'Third reminder'][stepNumber - 1] ??
		`Reminder ${stepNumber}`
	);
}

export function reminderValues(
	invoice: ArInvoice,
	today: string,
	plan: DuePlan,
): Record<string, string> {
	return {
		customer_name: invoice.customerName || 'customer',
		invoice_number: invoice.number || invoice.id,
		amount: formatRupiah(invoice.outstanding),
		amount_billed: formatRupiah(invoice.billed),
		invoice_date: invoice.invoiceDate,
		due_date: invoice.dueDate,
		days_overdue: String(daysBetween(invoice.dueDate, today)),
		payment_url: invoice.paymentUrl,
		step: String(plan.step),
		reminder: reminderName(plan.stepNumber, plan.of),
	};
}

export const AGING_COLUMNS: readonly ReportColumn[] = [
	{ key: 'number', header: 'Invoice number', width: 22 },
	{ key: 'id', header: 'Invoice ID', width: 38 },
	{ key: 'customerName', header: 'Customer', width: 28 },
	{ key: 'customerId', header: 'Customer ID', width: 38 },
	{ key: 'invoiceDate', header: 'Invoice date', width: 12 },
	{ key: 'dueDate', header: 'Due date', width: 12 },
	{ key: 'daysOverdue', header: 'Days overdue', kind: 'number', width: 8 },
	{ key: 'bucket', header: 'Aging', width: 14 },
	{ key: 'billed', header: 'Billed (IDR)', kind: 'rupiah', width: 14 },
	{ key: 'received', header: 'Received (IDR)', kind: 'rupiah', width: 14 },
	{ key: 'outstanding', header: 'Outstanding (IDR)', kind: 'rupiah', width: 16 },
	{ key: 'status', header: 'Status', width: 10 },
	{ key: 'lastStep', header: 'Last reminder (day)', kind: 'number', width: 10 },
	{ key: 'action', header: 'This run', width: 30 },
];

const BUCKET_COLUMNS: readonly ReportColumn[] = [
	{ key: 'bucket', header: 'Aging', width: 16 },
	{ key: 'invoices', header: 'Invoices', kind: 'number', width: 10 },
	{ key: 'outstanding', header: 'Outstanding (IDR)', kind: 'rupiah', width: 18 },
];

const CUSTOMER_COLUMNS: readonly ReportColumn[] = [
	{ key: 'customerName', header: 'Customer', width: 28 },
	{ key: 'customerId', header: 'Customer ID', width: 38 },
	{ key: 'invoices', header: 'Open invoices', kind: 'number', width: 10 },
	...AGING_BUCKETS.map(
		(bucket): ReportColumn => ({
			key: bucket,
			header: `${bucket} (IDR)`,
			kind: 'rupiah',
			width: 16,
		}),
	),
	{ key: 'outstanding', header: 'Outstanding (IDR)', kind: 'rupiah', width: 18 },
];

interface Totals {
	invoices: number;
	outstanding: number;
}

interface CustomerTotals extends Totals {
	customerName: string;
	byBucket: Record<string, number>;
}

/** What one pass over the open invoices adds up, for the aging report's summary sheets. */
class Aging {
	readonly buckets = new Map<AgingBucket, Totals>(
		AGING_BUCKETS.map((bucket) => [bucket, { invoices: 0, outstanding: 0 }]),
	);

	readonly customers = new Map<string, CustomerTotals>();

	add(invoice: ArInvoice, bucket: AgingBucket) {
		const totals = this.buckets.get(bucket)!;
		totals.invoices++;
		totals.outstanding += invoice.outstanding;
		let customer = this.customers.get(invoice.customerId);
		if (!customer) {
			customer = { customerName: invoice.customerName, invoices: 0, outstanding: 0, byBucket: {} };
			this.customers.set(invoice.customerId, customer);
		}
		customer.invoices++;
		customer.outstanding += invoice.outstanding;
		customer.byBucket[bucket] = (customer.byBucket[bucket] ?? 0) + invoice.outstanding;
	}

	async write(writer: ReportWriter) {
		await writer.sheet({ name: 'Aging', columns: BUCKET_COLUMNS });
		for (const [bucket, totals] of this.buckets) await writer.addRow({ bucket, ...totals });
		await writer.sheet({ name: 'Customers', columns: CUSTOMER_COLUMNS });
		const customers = [...this.customers].sort((a, b) => b[1].outstanding - a[1].outstanding);
		for (const [customerId, totals] of customers) {
			await writer.addRow({
				customerId,
				customerName: totals.customerName,
				invoices: totals.invoices,
				outstanding: totals.outstanding,
				...totals.byBucket,
			});
		}
	}
}

const reminderKey = (invoiceId: string, step: number) => `remind:${invoiceId}:${step}`;

async function stepsTaken(ctx: JobContext, invoiceId: string): Promise<number[]> {
	const entries = await ctx.ledger.list(AR_REMINDERS_JOB, `remind:${invoiceId}:`);
	// A failed send is certain not to have reached anyone: that step may go out again.
	return entries
		.filter((entry) => entry.state !== 'failed')
		.map((entry) => Number(entry.key.split(':').pop()));
}

interface RunState {
	today: string;
	sent: number;
	/** reminders being sent right now: they count against the run limit */
	sending: number;
	/** sends that failed one after the other; at FAILURES_IN_A_ROW the run stops sending */
	failuresInARow: number;
}

/** A mail server or OY! that refuses five reminders in a row will refuse the rest: stop trying this run. */
const FAILURES_IN_A_ROW = 5;

/** What every reminder of one run shares. */
interface ReminderRun {
	ctx: JobContext;
	options: ArReminderOptions;
	state: RunState;
	summary: JobSummary;
}

/** One reminder: checked against the address, quiet hours and the run limit, then sent. */
async function remind(run: ReminderRun, listed: ArInvoice, plan: DuePlan): Promise<string> {
	const { ctx, options, state, summary } = run;
	if (
		options.channel === 'email' &&
		(options.customers[listed.customerId]?.email ?? listed.customerEmails).length === 0
	) {
		summary.problems.push(
			`Invoice ${listed.number} (${listed.customerName}): the customer has no e-mail address; no reminder sent`,
		);
		return 'no e-mail address';
	}
	if (inQuietHours(ctx.clock.now(), options.quietHours, ctx.timeZone))
		return 'deferred: quiet hours';
	if (options.maxPerRun !== undefined && state.sent + state.sending >= options.maxPerRun)
		return 'deferred: run limit';
	if (state.failuresInARow >= FAILURES_IN_A_ROW) return 'deferred: sending keeps failing';
	state.sending++;
	try {
		return await remindNow(run, listed, plan);
	} finally {
		state.sending--;
	}
}

/** Claimed, the invoice re-read, then sent through the channel. */
async function remindNow(
	{ ctx, options, state, summary }: ReminderRun,
	listed: ArInvoice,
	plan: DuePlan,
): Promise<string> {
	if (ctx.dryRun) {
		state.sent++;
		summary.messages++;
		return `would send reminder (day ${plan.step})`;
	}
	const key = reminderKey(listed.id, plan.step);
	const claim = await ctx.ledger.claim(
		AR_REMINDERS_JOB,
		key,
		ctx.runId,
		{ invoice: listed.number, step: plan.step, channel: options.channel },
		['failed'],
	);
	if (!claim.claimed) {
		const outcome = await alreadyClaimed(
			ctx,
			AR_REMINDERS_JOB,
			claim.entry,
			`The day-${plan.step} reminder of invoice ${listed.number}`,
			summary,
		);
		return outcome === 'uncertain' ? 'not sent again: may have been sent' : 'already sent';
	}
	// Paid or cancelled since the listing: stop (the claim stays, as skipped, for the record).
	const live = await ctx.client.call('accountReceivable.getInvoice', { id: listed.id });
	const current =
		live.outcome !== 'rejected' && live.outcome !== 'unknown' && isRecord(live.body)
			? readArInvoice(live.body.data, 'accountReceivable.getInvoice')
			: undefined;
	if (!current) {
		await ctx.ledger.settle(AR_REMINDERS_JOB, key, ctx.runId, 'failed', {
			reason: 'could not re-read the invoice',
		});
		summary.problems.push(
			`Invoice ${listed.number}: could not re-read it before reminding (${describeResult(live)}); not sent`,
		);
		return 'not sent: could not re-read';
	}
	if (current.status !== 'OVERDUE') {
		await ctx.ledger.settle(AR_REMINDERS_JOB, key, ctx.runId, 'skipped', {
			reason: `invoice is ${current.status}`,
		});
		return `stopped: now ${current.status}`;
	}
	ctx.progress({
		job: AR_REMINDERS_JOB,
		phase: 'reminding',
		message: `day-${plan.step} reminder for invoice ${current.number} (${current.customerName})`,
	});
	let outcome: SendOutcome;
	if (options.channel === 'email') {
		const to =
			options.customers[listed.customerId]?.email ??
			(current.customerEmails.length > 0 ? current.customerEmails : listed.customerEmails);
		const rendered = renderTemplate(options.template, reminderValues(current, state.today, plan));
		outcome = await sendClaimed(
			ctx,
			AR_REMINDERS_JOB,
			{ key, to, subject: rendered.subject, text: rendered.text },
			summary,
		);
	} else {
		outcome = await resendThroughOy(
			ctx,
			key,
			current,
			options.channel === 'oy-whatsapp' ? 'WHATSAPP' : 'EMAIL',
			summary,
		);
	}
	if (outcome === 'sent') {
		state.sent++;
		state.failuresInARow = 0;
		addAmount(summary, 'reminded', current.outstanding);
		return `sent reminder (day ${plan.step})`;
	}
	if (++state.failuresInARow === FAILURES_IN_A_ROW) {
		summary.problems.push(
			`${FAILURES_IN_A_ROW} reminders in a row were not sent: this run sends no more; the next run tries again.`,
		);
	}
	return outcome === 'uncertain' ? 'unconfirmed' : 'not sent';
}

/** OY's Resend Invoice sends the message itself; an unclear answer is not sent again. */
async function resendThroughOy(
	ctx: JobContext,
	key: string,
	invoice: ArInvoice,
	channel: 'EMAIL' | 'WHATSAPP',
	summary: JobSummary,
): Promise<SendOutcome> {
	const result = await ctx.client.call('accountReceivable.resendInvoice', {
		id: invoice.id,
		channel,
	});
	if (result.outcome === 'success') {
		await ctx.ledger.settle(AR_REMINDERS_JOB, key, ctx.runId, 'done', { channel });
		summary.messages++;
		return 'sent';
	}
	const state = result.outcome === 'unknown' ? 'uncertain' : 'failed';
	await ctx.ledger.settle(AR_REMINDERS_JOB, key, ctx.runId, state, {
		channel,
		code: result.code,
		meaning: result.meaning,
	});
	summary.problems.push(
		`Invoice ${invoice.number}: OY! ${state === 'failed' ? 'did not resend it' : 'may or may not have resent it'} (${describeResult(result)})`,
	);
	return state;
}

export async function remindOverdueInvoices(
	ctx: JobContext,
	options: ArReminderOptions,
): Promise<JobSummary> {
	const summary = newSummary(AR_REMINDERS_JOB, ctx.dryRun);
	// Reminders a dead run was sending may have gone out: reported, never sent again.
	await recoverInterrupted(ctx, AR_REMINDERS_JOB, summary);
	const state: RunState = {
		today: dayIn(ctx.clock.now(), ctx.timeZone),
		sent: 0,
		sending: 0,
		failuresInARow: 0,
	};
	const run: ReminderRun = { ctx, options, state, summary };
	if (inQuietHours(ctx.clock.now(), options.quietHours, ctx.timeZone)) {
		summary.notes.push(
			`Quiet hours (${options.quietHours?.start}-${options.quietHours?.end}, ${ctx.timeZone}): reminders wait for the next run.`,
		);
	}
	const writer = await ctx.reports.create(`ar-aging-${state.today}${ctx.dryRun ? '-dry-run' : ''}`);
	await writer.sheet({ name: 'Open invoices', columns: AGING_COLUMNS });
	const aging = new Aging();
	// Overdue invoices first (they get reminders), then those not yet due (aging only).
	for (const status of ['OVERDUE', 'CREATED']) {
		await forEachChunk(
			ctx.client,
			'accountReceivable.getManyInvoices',
			{ status },
			async (records) => {
				// Decided in order, sent a few at a time (the network waits overlap), reported in order.
				const rows: Array<{
					invoice: ArInvoice;
					daysOverdue: number;
					bucket: AgingBucket;
					taken: number[];
					action: string;
					plan?: ReminderPlan;
				}> = [];
				for (const record of records) {
					const invoice = readArInvoice(record);
					if (invoice.status !== 'OVERDUE' && invoice.status !== 'CREATED') continue;
					const daysOverdue = invoice.dueDate
						? Math.max(0, daysBetween(invoice.dueDate, state.today))
						: 0;
					const bucket = agingBucket(invoice.status === 'OVERDUE' ? daysOverdue : 0);
					aging.add(invoice, bucket);
					count(summary, invoice.status === 'OVERDUE' ? 'overdue' : 'not yet due');
					addAmount(
						summary,
						invoice.status === 'OVERDUE' ? 'overdue' : 'not yet due',
						invoice.outstanding,
					);
					const row = {
						invoice,
						daysOverdue,
						bucket,
						taken: [] as number[],
						action: '',
						plan: undefined as ReminderPlan | undefined,
					};
					if (invoice.status === 'OVERDUE') {
						row.taken = await stepsTaken(ctx, invoice.id);
						row.plan = planReminder(invoice, state.today, options, row.taken);
						if (!row.plan.send) row.action = row.plan.reason;
					}
					rows.push(row);
				}
				await forEachLimited(rows, options.concurrency ?? 4, async (row) => {
					if (row.plan?.send) row.action = await remind(run, row.invoice, row.plan);
				});
				for (const { invoice, daysOverdue, bucket, taken, action } of rows) {
					if (action) count(summary, action);
					await writer.addRow({
						...invoice,
						daysOverdue,
						bucket,
						lastStep: taken.length > 0 ? Math.max(...taken) : '',
						action,
					});
				}
			},
			{
				chunkSize: 1_000,
				onProgress: (seen, total) =>
					ctx.progress({
						job: AR_REMINDERS_JOB,
						phase: `reading ${status} invoices`,
						message: `${seen}${total !== undefined ? ` of ${total}` : ''} ${status} invoices read, ${state.sent} reminder(s) ${ctx.dryRun ? 'to send' : 'sent'}`,
						done: seen,
						total,
					}),
			},
		);
	}
	await aging.write(writer);
	const report = await writer.finish();
	summary.reports.push(report);
	const overdueAmount = summary.amounts.overdue ?? 0;
	summary.notes.push(
		`${summary.counts.overdue ?? 0} overdue invoice(s), ${formatRupiah(overdueAmount)}; ${summary.counts['not yet due'] ?? 0} not yet due; ` +
			`${state.sent} reminder(s) ${ctx.dryRun ? 'would be sent' : 'sent'}.`,
	);
	await sendDailySummary(ctx, options, { today: state.today, aging, summary, report });
	return summary;
}

async function sendDailySummary(
	ctx: JobContext,
	options: ArReminderOptions,
	{
		today,
		aging,
		summary,
		report,
	}: { today: string; aging: Aging; summary: JobSummary; report: JobSummary['reports'][number] },
) {
	if (options.summaryTo.length === 0) return;
	if (inQuietHours(ctx.clock.now(), options.quietHours, ctx.timeZone)) {
		summary.notes.push("Today's summary to finance waits for a run outside quiet hours.");
		return;
	}
	const buckets = [...aging.buckets].map(
		([bucket, totals]) =>
			`  ${bucket.padEnd(13)} ${String(totals.invoices).padStart(7)} invoice(s)  ${formatRupiah(totals.outstanding)}`,
	);
	const outcome = await sendOnce(
		ctx,
		AR_REMINDERS_JOB,
		{
			key: `summary:${today}`,
			to: options.summaryTo,
			subject: `AR overdue summary ${today}: ${summary.counts.overdue ?? 0} overdue, ${formatRupiah(summary.amounts.overdue ?? 0)}`,
			text: [
				`Accounts receivable on ${today}.`,
				summary.notes[summary.notes.length - 1],
				'',
				'Aging of open invoices:',
				...buckets,
				'',
				'Reminders this run:',
				...Object.entries(summary.counts)
					.filter(
						([name]) =>
							name.startsWith('sent') ||
							name.startsWith('deferred') ||
							name === 'opted out' ||
							name.startsWith('stopped'),
					)
					.map(([name, value]) => `  ${name}: ${value}`),
				'',
				`The aging report (${report.rows} open invoices, by bucket and by customer) is attached.`,
			].join('\n'),
			attachments: [report],
		},
		summary,
	);
	if (outcome === 'alreadySent')
		summary.notes.push(`Today's summary to finance was sent by an earlier run.`);
}
