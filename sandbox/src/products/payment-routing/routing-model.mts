/**
 * One Payment Routing transaction as OY! keeps it, and the views the docs give of it: the create
 * answer (OY API docs: Payment Routing › Create and Update Payment Routing › response example, Payment Routing › Create and Update Payment Routing › response parameters), Check Status (OY API docs: Payment Routing › Check Status Payment Routing Transaction) and the callback
 * (OY API docs: Payment Routing › Partner Callback Payment Routing). Field names follow the parameter tables where the examples disagree.
 */
import { wibDateTime } from '../../core/formats.mjs';
import type { RecipientRequest, Route, RoutingRequest } from './routing-requests.mjs';
import { isPayoutFailed, type PayoutStatus, type RoutingStatus } from './routing-rules.mjs';

export interface Recipient extends RecipientRequest {
	recipient_account_name: string;
	disbursement_trx_id: string;
	/** WAITING until paid; expiry or a failed payment shows it as CANCEL. */
	status: PayoutStatus;
}

export interface RoutingPayment {
	paid_at: number;
	/** The payer's method and SOF (chosen on OY!'s page when `need_frontend` is true). */
	method: string;
	sof: string;
	payment_reference_number?: string;
	admin_fee: number;
	settlement_type: 'realtime' | 'non_realtime';
	settles_at: number;
	settled: boolean;
}

/** Stored states; EXPIRED is derived from the clock, DEACTIVATED shows as EXPIRED. */
export type RoutingState =
	| 'CREATED'
	| 'WAITING_PAYMENT'
	| 'DISBURSE_IN_PROGRESS'
	| 'COMPLETE'
	| 'INCOMPLETE'
	| 'PAYMENT_FAILED'
	| 'DEACTIVATED';

export interface RoutingTransaction extends Omit<RoutingRequest, 'partner_trx_id' | 'recipients'> {
	trx_id: string;
	partner_trx_id: string;
	recipients: Recipient[];
	state: RoutingState;
	account_number?: string;
	account_name?: string;
	unique_code?: number;
	pay_url: string;
	payment?: RoutingPayment;
	completed_at?: number;
	created: number;
	updated: number;
}

const UNPAID: ReadonlySet<RoutingState> = new Set(['CREATED', 'WAITING_PAYMENT']);

export function isUnpaid(transaction: RoutingTransaction): boolean {
	return UNPAID.has(transaction.state);
}

export function routingStatus(transaction: RoutingTransaction, now: number): RoutingStatus {
	if (transaction.state === 'DEACTIVATED') return 'EXPIRED';
	if (isUnpaid(transaction) && now >= transaction.expiration) return 'EXPIRED';
	return transaction.state;
}

/** "CANCEL: not receiving any payment so system will automatically cancel sending money" (OY API docs: List of Disbursement Status). */
export function payoutStatus(
	transaction: RoutingTransaction,
	recipient: Recipient,
	now: number,
): PayoutStatus {
	const status = routingStatus(transaction, now);
	return status === 'EXPIRED' || status === 'PAYMENT_FAILED' ? 'CANCEL' : recipient.status;
}

/** COMPLETE when every payout succeeded, INCOMPLETE once none is unsettled and one failed. */
export function concludedState(recipients: Recipient[]): RoutingState {
	if (
		recipients.some(
			(recipient) => recipient.status !== 'SUCCESS' && !isPayoutFailed(recipient.status),
		)
	)
		return 'DISBURSE_IN_PROGRESS';
	return recipients.some((recipient) => isPayoutFailed(recipient.status))
		? 'INCOMPLETE'
		: 'COMPLETE';
}

const optional = (key: string, value: unknown) => (value === undefined ? {} : { [key]: value });

/** `payment_method` as the examples name the routed channel: a VA is "VA", BCA unique code "BANK_TRANSFER". */
const METHOD_NAMES: Record<Route, string> = {
	'payment-link': '',
	va: 'VA',
	'unique-code': 'BANK_TRANSFER',
	qris: 'QRIS',
	ewallet: 'EWALLET',
	cards: 'CARDS',
};

/** "Only exist if request need_frontend is FALSE" (OY API docs: Payment Routing › Create and Update Payment Routing › response parameters). */
function methodFields(transaction: RoutingTransaction): Record<string, unknown> {
	if (transaction.need_frontend) return {};
	return { payment_method: METHOD_NAMES[transaction.route], sender_bank: transaction.sofs[0] };
}

function paymentInfo(transaction: RoutingTransaction): Record<string, unknown> {
	const url = transaction.pay_url;
	switch (transaction.route) {
		case 'payment-link':
			return { payment_checkout_url: url };
		case 'va':
			return {
				account_number: transaction.account_number,
				account_name: transaction.account_name,
				bank_code: transaction.sofs[0],
			};
		case 'unique-code':
			return {
				account_number: transaction.account_number,
				account_name: transaction.account_name,
				bank_code: transaction.sofs[0],
				// As the callback example shows it: `amount` is what the payer transfers, code included.
				unique_code_detail: {
					amount: transaction.receive_amount + transaction.unique_code!,
					unique_code: transaction.unique_code,
					unique_amount: transaction.receive_amount,
				},
			};
		case 'qris':
			return {
				qris_url: url,
				...optional('payment_reference_number', transaction.payment?.payment_reference_number),
			};
		case 'ewallet':
			return { ewallet_url: url };
		case 'cards':
			return { cards_url: url };
	}
}

function recipientView(
	transaction: RoutingTransaction,
	recipient: Recipient,
	now: number,
): Record<string, unknown> {
	const status = payoutStatus(transaction, recipient, now);
	return {
		recipient_bank: recipient.recipient_bank,
		recipient_account: recipient.recipient_account,
		recipient_account_name: recipient.recipient_account_name,
		recipient_amount: recipient.recipient_amount,
		...optional('recipient_email', recipient.recipient_email),
		disbursement_trx_id: recipient.disbursement_trx_id,
		...optional('disbursement_trx_notes', recipient.recipient_note),
		disbursement_trx_status: status,
		email_status: recipient.recipient_email && status === 'SUCCESS' ? 'SENT' : 'UNSENT',
	};
}

/** Settlement fields "will only be sent once status of the payment routing is set to COMPLETE" (INCOMPLETE too: the money came in). */
function settlementFields(transaction: RoutingTransaction): Record<string, unknown> {
	const payment = transaction.payment;
	if (!payment || (transaction.state !== 'COMPLETE' && transaction.state !== 'INCOMPLETE'))
		return {};
	return {
		payment_received_time: wibDateTime(transaction.completed_at ?? payment.paid_at),
		settlement_time: wibDateTime(payment.settles_at),
		settlement_status: payment.settled ? 'SUCCESS' : 'WAITING',
		settlement_type: payment.settlement_type,
	};
}

function routingList(transaction: RoutingTransaction, now: number): Record<string, unknown> {
	if (transaction.recipients.length === 0) return {};
	return {
		payment_routing: transaction.recipients.map((recipient) =>
			recipientView(transaction, recipient, now),
		),
	};
}

/** The Create and Update Payment Routing answer, after its `status`. */
export function createdView(transaction: RoutingTransaction): Record<string, unknown> {
	return {
		trx_id: transaction.trx_id,
		...optional('partner_user_id', transaction.partner_user_id),
		use_linked_account: transaction.use_linked_account,
		partner_trx_id: transaction.partner_trx_id,
		receive_amount: transaction.receive_amount,
		trx_expiration_time: wibDateTime(transaction.expiration),
		...methodFields(transaction),
		payment_info: paymentInfo(transaction),
		...optional('full_name', transaction.full_name),
	};
}

/** The fields Check Status and the callback share; they differ only in how they name the amounts. */
function transactionFields(
	transaction: RoutingTransaction,
	now: number,
	amounts: Record<string, number>,
): Record<string, unknown> {
	return {
		trx_id: transaction.trx_id,
		...optional('partner_user_id', transaction.partner_user_id),
		use_linked_account: transaction.use_linked_account,
		partner_trx_id: transaction.partner_trx_id,
		...amounts,
		payment_status: routingStatus(transaction, now),
		trx_expiration_time: wibDateTime(transaction.expiration),
		need_frontend: transaction.need_frontend,
		...settlementFields(transaction),
		...methodFields(transaction),
		payment_info: paymentInfo(transaction),
		...routingList(transaction, now),
	};
}

/** Check Status Payment Routing Transaction, after its `status`. */
export function statusView(transaction: RoutingTransaction, now: number): Record<string, unknown> {
	return transactionFields(transaction, now, {
		request_amount: transaction.receive_amount,
		received_amount: transaction.payment ? transaction.receive_amount : 0,
	});
}

/** The Partner Callback Payment Routing payload: no `status` object. */
export function callbackView(
	transaction: RoutingTransaction,
	now: number,
): Record<string, unknown> {
	return transactionFields(transaction, now, { receive_amount: transaction.receive_amount });
}
