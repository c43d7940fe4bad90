import { DAY_MS, startOfWibDay, utcIsoSeconds, wibDate } from '../../core/formats.mjs';

export type InvoiceStatus = 'INITIATED' | 'UNPAID' | 'PAID';

/** One day's account-inquiry invoice (OY API docs: Account Inquiry). */
export interface InquiryInvoice {
	invoice_id: string;
	/** The UTC+7 day the inquiries were made. */
	tx_date: string;
	/** Epoch ms of that day's 00:00 UTC+7. */
	day_start: number;
	total_inquiry: number;
	amount: number;
	paid_at: number | null;
}

/**
 * The invoice's status follows the clock: INITIATED on its own day, UNPAID from the next day,
 * PAID once paid. Computing it on read keeps 90 days of invoices free of timers.
 */
export function invoiceStatus(invoice: InquiryInvoice, now: number): InvoiceStatus {
	if (invoice.paid_at !== null) return 'PAID';
	return now >= invoice.day_start + DAY_MS ? 'UNPAID' : 'INITIATED';
}

/** The docs' examples fall due at 23:59:59 UTC+7 of the day after tx_date (e.g. tx_date 2020-12-03, due 2020-12-04T16:59:59). */
export function dueAt(invoice: InquiryInvoice): number {
	return invoice.day_start + 2 * DAY_MS - 1000;
}

/** The fields of an invoice as the list, by-ID and pay endpoints show them (OY API docs: Account Inquiry › Get Account Inquiry Invoices, Account Inquiry › Get Account Inquiry Invoice by ID). */
export function invoiceView(invoice: InquiryInvoice, now: number): Record<string, unknown> {
	return {
		invoice_id: invoice.invoice_id,
		tx_date: invoice.tx_date,
		amount: invoice.amount,
		total_inquiry: invoice.total_inquiry,
		paid_at: invoice.paid_at === null ? null : utcIsoSeconds(invoice.paid_at),
		invoice_status: invoiceStatus(invoice, now),
		due_at: utcIsoSeconds(dueAt(invoice)),
	};
}

/** Invoices by id and by day, newest day first for listing (as the docs' list example is ordered). */
export class InvoiceBook {
	private readonly byId = new Map<string, InquiryInvoice>();
	private readonly byDay = new Map<string, InquiryInvoice>();
	private sorted: InquiryInvoice[] | undefined = [];

	get(id: string): InquiryInvoice | undefined {
		return this.byId.get(id);
	}

	/** Today's invoice, opened on the first inquiry of the day. */
	forDay(now: number, newId: () => string): InquiryInvoice {
		const txDate = wibDate(now);
		let invoice = this.byDay.get(txDate);
		if (!invoice) {
			invoice = {
				invoice_id: newId(),
				tx_date: txDate,
				day_start: startOfWibDay(now),
				total_inquiry: 0,
				amount: 0,
				paid_at: null,
			};
			this.add(invoice);
		}
		return invoice;
	}

	add(invoice: InquiryInvoice): void {
		const previous = this.byDay.get(invoice.tx_date);
		if (previous) this.byId.delete(previous.invoice_id);
		this.byDay.set(invoice.tx_date, invoice);
		this.byId.set(invoice.invoice_id, invoice);
		this.sorted = undefined;
	}

	newestFirst(): InquiryInvoice[] {
		this.sorted ??= [...this.byId.values()].sort((a, b) => b.day_start - a.day_start);
		return this.sorted;
	}

	clear(): void {
		this.byId.clear();
		this.byDay.clear();
		this.sorted = [];
	}
}
