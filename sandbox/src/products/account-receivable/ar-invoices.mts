import { parseWibDate, parseWibDateTime, startOfWibDay, wibDateTime } from '../../core/formats.mjs';
import { AR_ERRORS } from './ar-envelope.mjs';
import type { Customer } from './ar-customers.mjs';

export type ArInvoiceStatus = 'CREATED' | 'OVERDUE' | 'PAID' | 'CANCELLED';

export interface InvoiceLine {
	price_per_item: number;
	description: string;
	quantity: number;
}

export interface TimelineEntry {
	status: string;
	action_stakeholder: string;
	action_date: number;
}

export interface ArInvoice {
	id: string;
	invoice_number: string;
	/** `yyyy-MM-dd` days, read in UTC+7. */
	invoice_date: string;
	due_date: string;
	/** Epoch ms of the due day's 00:00 UTC+7, for OVERDUE. */
	due_day_start: number;
	customer_id: string;
	/** Epoch ms; null = the link never expires. */
	expiration: number | null;
	invoice_items: InvoiceLine[];
	additional_items: InvoiceLine[];
	message: string | null;
	attachments: string[];
	save_as_default_message: boolean;
	payment_configuration: Record<string, unknown>;
	source_data: 'API' | 'DASHBOARD';
	amount_billed: number;
	amount_received: number;
	admin_fee: number | null;
	payment_method: string | null;
	/** When the invoice reached PAID or CANCELLED. */
	payment_date: number | null;
	final_status: 'PAID' | 'CANCELLED' | null;
	/** Who created the invoice; the timeline starts with that CREATED entry. */
	created_by: string;
	/** What happened after creation. Generated invoices share one empty array until something happens. */
	events: readonly TimelineEntry[];
	created: number;
}

export const NO_EVENTS: readonly TimelineEntry[] = Object.freeze([]);

export function timeline(invoice: ArInvoice): TimelineEntry[] {
	return [
		{ status: 'CREATED', action_stakeholder: invoice.created_by, action_date: invoice.created },
		...invoice.events,
	];
}

export function arInvoiceStatus(invoice: ArInvoice, now: number): ArInvoiceStatus {
	if (invoice.final_status) return invoice.final_status;
	return now >= invoice.due_day_start + 86_400_000 ? 'OVERDUE' : 'CREATED';
}

const PPN_RATES: Record<string, { rate: number; inclusive: boolean }> = {
	NO_TAX: { rate: 0, inclusive: false },
	PPN_10_INCLUSIVE: { rate: 0.1, inclusive: true },
	PPN_10_EXCLUSIVE: { rate: 0.1, inclusive: false },
	PPN_11_INCLUSIVE: { rate: 0.11, inclusive: true },
	PPN_11_EXCLUSIVE: { rate: 0.11, inclusive: false },
};
const PPH_RATES: Record<string, number> = { NO_TAX: 0, PPH_23_NPWP: 0.02, PPH_23_NON_NPWP: 0.04 };

/**
 * What OY! bills, from the items and the customer's taxes. The docs give no formula; their example
 * (4 × 25,600 with PPH_23_NON_NPWP and a -5,000 discount → 93,304) fits: item subtotal, plus
 * exclusive PPN, minus PPh 23 (2% with NPWP, 4% without) of the subtotal before PPN, plus additional items.
 */
export function amountBilled(
	items: InvoiceLine[],
	additional: InvoiceLine[],
	customer: Pick<Customer, 'tax_type' | 'pph_tax'>,
): number {
	const subtotal = sum(items);
	const ppn = PPN_RATES[customer.tax_type] ?? PPN_RATES.NO_TAX;
	const base = ppn.inclusive ? subtotal / (1 + ppn.rate) : subtotal;
	const addedPpn = ppn.inclusive ? 0 : subtotal * ppn.rate;
	const pph = base * (PPH_RATES[customer.pph_tax] ?? 0);
	return Math.round(subtotal + addedPpn - pph + sum(additional));
}

function sum(lines: InvoiceLine[]): number {
	return lines.reduce((total, line) => total + line.price_per_item * line.quantity, 0);
}

/** A checked Create & Send Invoice request: the invoice's own fields plus its customer. */
export type InvoiceRequest = Pick<
	ArInvoice,
	| 'invoice_number'
	| 'invoice_date'
	| 'due_date'
	| 'due_day_start'
	| 'expiration'
	| 'invoice_items'
	| 'additional_items'
	| 'message'
	| 'attachments'
	| 'save_as_default_message'
	| 'payment_configuration'
	| 'amount_billed'
> & { customer: Customer };

/** Create & Send Invoice checks (OY API docs: Account Receivable › Create & Send Invoice › request parameters; codes: Account Receivable response codes), in the order of the code table. */
export function checkInvoice(
	body: Record<string, unknown>,
	now: number,
	findCustomer: (id: string) => Customer | undefined,
): InvoiceRequest {
	const configuration = body.payment_configuration;
	if (
		configuration === undefined ||
		configuration === null ||
		typeof configuration !== 'object' ||
		Array.isArray(configuration)
	) {
		throw AR_ERRORS.paymentConfigurationMissing();
	}
	if (typeof body.invoice_date !== 'string' || body.invoice_date === '')
		throw AR_ERRORS.invoiceDateMissing();
	const invoiceDay = parseWibDate(body.invoice_date);
	if (Number.isNaN(invoiceDay)) throw AR_ERRORS.badRequest('Invoice date must be yyyy-MM-dd');
	if (invoiceDay < startOfWibDay(now)) throw AR_ERRORS.invoiceDateInPast();
	if (typeof body.customer_id !== 'string' || body.customer_id === '')
		throw AR_ERRORS.customerIdMissing();
	const customer = findCustomer(body.customer_id);
	if (!customer) throw AR_ERRORS.customerNotFound();
	if (typeof body.due_date !== 'string' || body.due_date === '') throw AR_ERRORS.dueDateMissing();
	const dueDay = parseWibDate(body.due_date);
	if (Number.isNaN(dueDay)) throw AR_ERRORS.badRequest('Due date must be yyyy-MM-dd');
	if (dueDay < invoiceDay) throw AR_ERRORS.dueDateBeforeInvoiceDate();
	// The key must be there: null means the link never expires, "" is refused.
	if (
		!('expiration_date' in body) ||
		(body.expiration_date !== null && typeof body.expiration_date !== 'string')
	) {
		throw AR_ERRORS.expirationInvalid();
	}
	const expiration =
		body.expiration_date === null ? null : parseWibDateTime(body.expiration_date as string);
	if (expiration !== null && Number.isNaN(expiration)) throw AR_ERRORS.expirationInvalid();
	if (expiration !== null && expiration < invoiceDay) throw AR_ERRORS.expirationBeforeInvoice();
	if (customer.status !== 'ACTIVE') throw AR_ERRORS.customerInactive();
	const items = checkLines(body.invoice_items, 'invoice_items');
	if (items.length === 0) throw AR_ERRORS.badRequest("Invoice items can't be null or empty");
	if (items.some((line) => line.price_per_item < 0)) throw AR_ERRORS.negativePrice();
	const additional = checkLines(body.additional_items ?? [], 'additional_items');
	const attachments = body.attachments ?? [];
	if (
		!Array.isArray(attachments) ||
		!attachments.every((attachment) => typeof attachment === 'string')
	) {
		throw AR_ERRORS.badRequest('attachments must be a list of base64 strings');
	}
	if (attachments.length > 4) throw AR_ERRORS.tooManyAttachments();
	if (typeof body.invoice_number !== 'string' || body.invoice_number === '')
		throw AR_ERRORS.badRequest("Invoice number can't be null or empty");
	const billed = amountBilled(items, additional, customer);
	if (billed < 10_000) throw AR_ERRORS.belowThreshold();
	return {
		invoice_number: body.invoice_number,
		invoice_date: body.invoice_date,
		due_date: body.due_date,
		due_day_start: dueDay,
		customer,
		expiration,
		invoice_items: items,
		additional_items: additional,
		message: typeof body.message === 'string' ? body.message : null,
		attachments: attachments as string[],
		save_as_default_message: body.save_as_default_message === true,
		payment_configuration: configuration as Record<string, unknown>,
		amount_billed: billed,
	};
}

function checkLines(value: unknown, name: string): InvoiceLine[] {
	if (!Array.isArray(value)) throw AR_ERRORS.badRequest(`${name} must be a list`);
	return value.map((line) => {
		const {
			price_per_item: price,
			description,
			quantity,
		} = (line ?? {}) as Record<string, unknown>;
		if (
			typeof price !== 'number' ||
			!Number.isInteger(price) ||
			typeof description !== 'string' ||
			typeof quantity !== 'number' ||
			!Number.isInteger(quantity)
		) {
			throw AR_ERRORS.badRequest(
				`each of ${name} needs integer price_per_item, description and integer quantity`,
			);
		}
		if (quantity < 1) throw AR_ERRORS.badRequest(`quantity in ${name} must be at least 1`);
		return { price_per_item: price, description, quantity };
	});
}

const lineView = ({ description, quantity, price_per_item }: InvoiceLine) => ({
	description,
	quantity,
	price_per_item,
});

/** Create & Send Invoice answer (OY API docs: Account Receivable › Create & Send Invoice). */
export function createdInvoiceView(
	invoice: ArInvoice,
	paymentUrl: string,
): Record<string, unknown> {
	return {
		id: invoice.id,
		invoice_number: invoice.invoice_number,
		invoice_date: invoice.invoice_date,
		due_date: invoice.due_date,
		customer_id: invoice.customer_id,
		expiration_date: invoice.expiration === null ? null : wibDateTime(invoice.expiration),
		invoice_items: invoice.invoice_items.map(({ price_per_item, description, quantity }) => ({
			price_per_item,
			description,
			quantity,
		})),
		additional_items: invoice.additional_items.map(({ description, price_per_item, quantity }) => ({
			description,
			price_per_item,
			quantity,
		})),
		message: invoice.message,
		attachments: invoice.attachments,
		save_as_default_message: invoice.save_as_default_message,
		payment_configuration: invoice.payment_configuration,
		payment_url: paymentUrl,
	};
}

/** The fields Get Invoice Details and Filter Invoices share (OY API docs: Account Receivable › Get Invoice Details, Account Receivable › Filter & Search Invoices). */
function commonView(
	invoice: ArInvoice,
	customer: Customer | undefined,
	now: number,
	paymentUrl: string,
) {
	return {
		id: invoice.id,
		status: arInvoiceStatus(invoice, now),
		customer_id: invoice.customer_id,
		customer_name: customer?.name ?? null,
		customer_email: customer?.email ?? null,
		customer_phone_number: customer?.phone_number ?? null,
		invoice_number: invoice.invoice_number,
		source_data: invoice.source_data,
		message: invoice.message,
		attachments: invoice.attachments,
		invoice_items: invoice.invoice_items.map(lineView),
		amount_billed: invoice.amount_billed,
		amount_received: invoice.amount_received,
		admin_fee: invoice.admin_fee,
		payment_url: paymentUrl,
	};
}

/** Get Invoice Details: date strings in UTC+7 and the timeline. */
export function invoiceDetailView(
	invoice: ArInvoice,
	customer: Customer | undefined,
	now: number,
	paymentUrl: string,
): Record<string, unknown> {
	return {
		...commonView(invoice, customer, now, paymentUrl),
		invoice_date: invoice.invoice_date,
		payment_date: invoice.payment_date === null ? null : wibDateTime(invoice.payment_date),
		due_date: invoice.due_date,
		expiration_date: invoice.expiration === null ? null : wibDateTime(invoice.expiration),
		payment_method: invoice.payment_method,
		timeline_invoices: timeline(invoice).map((entry) => ({
			...entry,
			action_date: wibDateTime(entry.action_date),
		})),
	};
}

/** Filter Invoices items: the same invoice with its dates as epoch ms (UTC+7 midnight for days). */
export function invoiceListView(
	invoice: ArInvoice,
	customer: Customer | undefined,
	now: number,
	paymentUrl: string,
): Record<string, unknown> {
	return {
		...commonView(invoice, customer, now, paymentUrl),
		invoice_date: parseWibDate(invoice.invoice_date),
		due_date: invoice.due_day_start,
		expiration_date: invoice.expiration,
		payment_date: invoice.payment_date,
	};
}
