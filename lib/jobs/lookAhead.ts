import { formatRupiah } from '../amounts';
import { readInquiryInvoice } from './inquiryInvoices';
import { addDays, dayIn } from './time';
import type { JobContext, ReportColumn } from './types';

/** A payout the caller expects to make on a day (their own list: payroll, vendor runs). */
export interface ExpectedPayout {
	/** the day it goes out, `yyyy-MM-dd` in the jobs' time zone */
	day: string;
	amount: number;
	description: string;
}

/** Money that will leave the main balance within the look-ahead window. */
export interface ScheduledOutflow {
	day: string;
	source: 'inquiry invoice' | 'expected payout';
	description: string;
	amount: number;
}

export interface LookAhead {
	days: number;
	/** the last day counted, inclusive */
	until: string;
	outflows: ScheduledOutflow[];
	total: number;
	available: number;
	/** available minus every outflow of the window */
	projected: number;
	threshold: number;
	/** something is scheduled, and it takes the balance below the threshold */
	short: boolean;
}

export const LOOK_AHEAD_COLUMNS: readonly ReportColumn[] = [
	{ key: 'day', header: 'Day', width: 12 },
	{ key: 'source', header: 'What', width: 18 },
	{ key: 'description', header: 'Description', width: 40 },
	{ key: 'amount', header: 'Amount (IDR)', kind: 'rupiah', width: 16 },
	{ key: 'after', header: 'Available after (IDR)', kind: 'rupiah', width: 20 },
];

/**
 * What OY! will take from the balance: account-inquiry invoices not paid yet (UNPAID now, and the
 * INITIATED one of the day), counted on their due day, or today when overdue.
 */
async function inquiryInvoicesDue(
	ctx: JobContext,
	today: string,
	until: string,
): Promise<ScheduledOutflow[]> {
	const outflows: ScheduledOutflow[] = [];
	for (const status of ['UNPAID', 'INITIATED']) {
		for (const record of await ctx.client.listAll('accountInquiry.getInvoices', { status })) {
			const invoice = readInquiryInvoice(record);
			if (invoice.status !== status || invoice.amount <= 0) continue;
			const dueDay = invoice.dueAt ? dayIn(Date.parse(invoice.dueAt), ctx.timeZone) : today;
			const day = dueDay < today ? today : dueDay;
			if (day > until) continue;
			outflows.push({
				day,
				source: 'inquiry invoice',
				description: `${invoice.invoiceId} (${invoice.totalInquiry} inquiries on ${invoice.txDate})`,
				amount: invoice.amount,
			});
		}
	}
	return outflows;
}

/** Whether the main balance covers what is scheduled from today through `days` days ahead. */
export async function lookAhead(
	ctx: JobContext,
	options: { lookAheadDays: number; expectedPayouts: readonly ExpectedPayout[]; threshold: number },
	available: number,
): Promise<LookAhead> {
	const today = dayIn(ctx.clock.now(), ctx.timeZone);
	const until = addDays(today, options.lookAheadDays);
	const expected = options.expectedPayouts
		.filter((payout) => payout.day >= today && payout.day <= until)
		.map(
			(payout): ScheduledOutflow => ({
				day: payout.day,
				source: 'expected payout',
				description: payout.description,
				amount: payout.amount,
			}),
		);
	const outflows = [...(await inquiryInvoicesDue(ctx, today, until)), ...expected].sort(
		(a, b) => a.day.localeCompare(b.day) || a.source.localeCompare(b.source),
	);
	const total = outflows.reduce((sum, outflow) => sum + outflow.amount, 0);
	const projected = available - total;
	return {
		days: options.lookAheadDays,
		until,
		outflows,
		total,
		available,
		projected,
		threshold: options.threshold,
		short: total > 0 && projected < options.threshold,
	};
}

/** The window's outflows in order, with the balance left after each. */
export function lookAheadRows(look: LookAhead): Array<ScheduledOutflow & { after: number }> {
	let left = look.available;
	return look.outflows.map((outflow) => ({ ...outflow, after: (left -= outflow.amount) }));
}

export function lookAheadLine(look: LookAhead): string {
	return `Scheduled until ${look.until}: ${formatRupiah(look.total)} in ${look.outflows.length} payment(s); available ${formatRupiah(look.available)} leaves ${formatRupiah(look.projected)}, threshold ${formatRupiah(look.threshold)}${look.short ? '   WILL NOT COVER' : ''}`;
}
