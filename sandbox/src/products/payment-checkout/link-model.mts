import { wibDateTime, wibIsoSeconds } from '../../core/formats.mjs';

/** The statuses a link can be set to (OY API docs: Payment Checkout › Payment Link / Invoice Callback › statuses); `expired` is derived from the clock. */
export type LinkState =
	| 'created'
	| 'waiting_payment'
	| 'charge_in_progress'
	| 'failed'
	| 'complete'
	| 'closed';
export type LinkStatus = LinkState | 'expired';

export interface InvoiceItem {
	item?: string;
	description?: string;
	quantity?: number;
	date_of_purchase?: string;
	price_per_item?: number;
}

export interface InvoiceDetails {
	full_name: string | null;
	partner_user_id: string | null;
	is_va_lifetime: boolean;
	invoice_items: InvoiceItem[];
	has_attachment: boolean;
}

export interface LinkPayment {
	payment_method: string;
	sender_bank: string;
	paid_amount: number;
	sender_phone?: string;
	sender_note?: string;
	payment_reference_number: string;
	received_at: number;
}

/** What a create request settles: a link's terms as checked (link-requests.mts). */
export interface LinkSettings {
	partner_tx_id?: string;
	child_balance?: string;
	description: string;
	notes: string;
	sender_name: string;
	amount: number;
	email: string;
	phone_number: string;
	is_open: boolean;
	include_admin_fee: boolean;
	list_disabled_payment_methods: string;
	list_enabled_banks: string;
	list_enabled_ewallet: string;
	va_display_name: string;
	expiration: number;
	due_date: number;
	invoice: InvoiceDetails | null;
}

export interface PaymentLink extends Omit<LinkSettings, 'partner_tx_id'> {
	payment_link_id: string;
	partner_tx_id: string;
	state: LinkState;
	payment_method: string;
	sender_bank: string;
	tx_ref_number: string | null;
	payment?: LinkPayment;
	created: number;
	updated: number;
}

export function linkStatus(link: PaymentLink, now: number): LinkStatus {
	if (link.state === 'complete' || link.state === 'closed') return link.state;
	return now >= link.expiration ? 'expired' : link.state;
}

const optional = (key: string, value: unknown) => (value === undefined ? {} : { [key]: value });

/**
 * The callback payload (OY API docs: Payment Checkout › Payment Link / Invoice Callback), which Get Payment Status also answers (OY API docs: Payment Checkout › Get Payment Status).
 * Date-times are `yyyy-MM-ddTHH:mm:ss` in UTC+7; `settlement_*` and `payment_received_time` only
 * once complete; `invoice_ID` and `full_name` only for invoices.
 */
export function callbackView(link: PaymentLink, now: number): Record<string, unknown> {
	const payment = link.payment;
	return {
		partner_tx_id: link.partner_tx_id,
		...optional('child_balance', link.child_balance),
		tx_ref_number: link.tx_ref_number ?? '',
		amount: link.amount,
		sender_name: link.sender_name,
		...optional('sender_phone', payment?.sender_phone),
		...optional('sender_note', payment?.sender_note),
		status: linkStatus(link, now),
		settlement_type: 'realtime',
		sender_bank: link.sender_bank,
		payment_method: link.payment_method,
		created: wibIsoSeconds(link.created),
		updated: wibIsoSeconds(link.updated),
		...(payment ? { payment_received_time: wibIsoSeconds(payment.received_at) } : {}),
		is_invoice: link.invoice !== null,
		description: link.description,
		payment_reference_number: payment?.payment_reference_number ?? '',
		expiration: wibIsoSeconds(link.expiration),
		due_date: wibIsoSeconds(link.due_date),
		email: link.email,
		paid_amount: payment?.paid_amount ?? 0,
		...(payment
			? { settlement_time: wibIsoSeconds(payment.received_at), settlement_status: 'SUCCESS' }
			: {}),
		...(link.invoice
			? { invoice_ID: link.payment_link_id, full_name: link.invoice.full_name ?? '' }
			: {}),
	};
}

/**
 * Get Payment Status (OY API docs: Payment Checkout › Get Payment Status): the callback's record without the invoice-only callback
 * fields (`invoice_ID`, `full_name`, "Additional data on the callback", Payment Checkout › Payment Link / Invoice Callback), which neither
 * its example nor its response table has.
 */
export function statusView(link: PaymentLink, now: number): Record<string, unknown> {
	const record = callbackView(link, now);
	delete record.invoice_ID;
	delete record.full_name;
	return record;
}

/** Get Payment / Invoice Link Data (OY API docs: Payment Checkout › Get Payment / Invoice Link Data): camelCase keys inside `data`. */
export function dataView(
	link: PaymentLink,
	now: number,
	username: string,
): Record<string, unknown> {
	return {
		partnerTxId: link.partner_tx_id,
		...optional('child_balance', link.child_balance),
		paymentLinkId: link.payment_link_id,
		amount: link.amount,
		username,
		senderName: link.sender_name,
		senderPhoneNumber: link.payment?.sender_phone ?? null,
		senderNotes: link.payment?.sender_note ?? null,
		status: linkStatus(link, now).toUpperCase(),
		txRefNumber: link.tx_ref_number,
		description: link.description,
		isOpen: link.is_open,
		notes: link.notes,
		phoneNumber: link.phone_number,
		email: link.email,
		includeAdminFee: link.include_admin_fee,
		listDisabledPaymentMethods: link.list_disabled_payment_methods,
		listEnabledBanks: link.list_enabled_banks,
		expirationTime: wibDateTime(link.expiration),
		due_date: wibDateTime(link.due_date),
		invoiceData: link.invoice
			? {
					fullName: link.invoice.full_name,
					isVaLifetime: link.invoice.is_va_lifetime,
					isScheduled: false,
					recurringStartDate: null,
					recurringEndDate: null,
					recurringFrequency: null,
					invoiceItems: JSON.stringify(link.invoice.invoice_items.map(itemWithEpochDate)),
				}
			: null,
	};
}

/** op 6 shows `date_of_purchase` as epoch ms although the request sends `yyyy-MM-dd` (OY API docs: Payment Checkout › Get Payment / Invoice Link Data). */
function itemWithEpochDate(item: InvoiceItem): Record<string, unknown> {
	const epoch = item.date_of_purchase
		? Date.parse(`${item.date_of_purchase}T00:00:00Z`)
		: undefined;
	return {
		...item,
		...(epoch !== undefined && !Number.isNaN(epoch) ? { date_of_purchase: epoch } : {}),
	};
}
