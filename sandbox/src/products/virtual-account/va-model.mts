import { DAY_MS, startOfWibDay, utcDateTime, vaCallbackTime } from '../../core/formats.mjs';
import { VA_BANKS } from './va-banks.mjs';

export type VaStatus =
	| 'WAITING_PAYMENT'
	| 'PAYMENT_DETECTED'
	| 'EXPIRED'
	| 'STATIC_TRX_EXPIRED'
	| 'COMPLETE';

/** No expiry, as OY! writes it: -1. */
export const NEVER = -1;

export interface VaPayment {
	id: string;
	amount: number;
	admin_fee: number;
	partner_trx_id: string;
	created: number;
	settlement_time: number;
}

export interface VirtualAccount {
	id: string;
	kind: 'static' | 'custom';
	va_number: string;
	bank_code: string;
	partner_user_id: string;
	amount: number;
	is_open: boolean;
	is_single_use: boolean;
	is_lifetime: boolean;
	/** Epoch ms, NEVER, or 0 once deactivated. */
	expiration: number;
	trx_expiration: number;
	username_display: string;
	email?: string;
	full_name?: string;
	partner_trx_id?: string;
	trx_counter: number;
	counter_incoming_payment: number;
	amount_detected: number;
	created: number;
	deactivated: boolean;
	completed: boolean;
	payments: VaPayment[];
}

/** "VA aggregator Status" (OY API docs: VA statuses), computed from the clock so expiry needs no timers. */
export function vaStatus(va: VirtualAccount, now: number): VaStatus {
	if (va.deactivated) return 'EXPIRED';
	if (va.completed) return 'COMPLETE';
	if (va.expiration !== NEVER && now >= va.expiration) return 'EXPIRED';
	if ((va.trx_expiration !== NEVER && now >= va.trx_expiration) || va.trx_counter === 0)
		return 'STATIC_TRX_EXPIRED';
	return 'WAITING_PAYMENT';
}

export function isFinal(status: VaStatus): boolean {
	return status === 'EXPIRED' || status === 'COMPLETE';
}

const optional = (key: string, value: unknown) => (value === undefined ? {} : { [key]: value });

/** The fields every VA answer starts with. */
function vaCore(va: VirtualAccount, now: number) {
	return {
		id: va.id,
		amount: va.amount,
		va_number: va.va_number,
		bank_code: va.bank_code,
		is_open: va.is_open,
		va_status: vaStatus(va, now),
		username_display: va.username_display,
		partner_user_id: va.partner_user_id,
	};
}

/** The fields every static-VA answer starts with (Create / Update / Get VA Info). */
function staticVaCore(va: VirtualAccount, now: number) {
	return {
		...vaCore(va, now),
		is_single_use: va.is_single_use,
		expiration_time: va.expiration,
		counter_incoming_payment: va.counter_incoming_payment,
		...optional('partner_trx_id', va.partner_trx_id),
		trx_expiration_time: va.trx_expiration,
		trx_counter: va.trx_counter,
	};
}

/** Create VA / Update VA answer fields (OY API docs: VA Aggregator › Create VA, VA Aggregator › Update VA). */
export function staticVaView(
	va: VirtualAccount,
	now: number,
	withContact: boolean,
): Record<string, unknown> {
	return {
		...staticVaCore(va, now),
		...(withContact ? optional('email', va.email) : {}),
		...optional('full_name', va.full_name),
	};
}

/** Get VA Info and list items (OY API docs: VA Aggregator › Get VA Info, VA Aggregator › Get List of Created VA). */
export function vaInfoView(va: VirtualAccount, now: number): Record<string, unknown> {
	return {
		...staticVaCore(va, now),
		bank_name: VA_BANKS.get(va.bank_code)?.name ?? va.bank_code,
		amount_detected: va.amount_detected,
		created: va.created,
		...optional('email', va.email),
		...optional('full_name', va.full_name),
	};
}

/** Create / Update Customized VA answer fields (OY API docs: VA Aggregator › Create Customized VA, VA Aggregator › Update Customized VA). */
export function customVaView(va: VirtualAccount, now: number): Record<string, unknown> {
	return {
		...vaCore(va, now),
		trx_expiration_time: va.trx_expiration,
		...optional('partner_trx_id', va.partner_trx_id),
	};
}

/** One row of Get List of Transaction for VA (OY API docs: VA Aggregator › Get List of Transaction for VA). */
export function paymentView(
	va: VirtualAccount,
	payment: VaPayment,
	username: string,
): Record<string, unknown> {
	const by = `Static VA by ${username}`;
	return {
		id: payment.id,
		created: utcDateTime(payment.created),
		create_by: by,
		last_updated: utcDateTime(payment.created),
		last_update_by: by,
		record_flag: 'active',
		name: by,
		amount: payment.amount,
		admin_fee: payment.admin_fee,
		va_number: va.va_number,
		va_name: va.username_display,
		email: va.email ?? '',
		va_bank: VA_BANKS.get(va.bank_code)?.short ?? va.bank_code,
		bank_code: va.bank_code,
		partner_trx_id: payment.partner_trx_id,
		settlement_time: utcDateTime(payment.settlement_time),
		settlement_status: 'WAITING',
	};
}

/** The VA payment callback (OY API docs: VA Aggregator › VA Payment Callback). */
export function paymentCallback(va: VirtualAccount, payment: VaPayment): Record<string, unknown> {
	return {
		va_number: va.va_number,
		amount: payment.amount,
		partner_user_id: va.partner_user_id,
		success: true,
		tx_date: vaCallbackTime(payment.created),
		username_display: va.username_display,
		trx_expiration_date: va.trx_expiration === NEVER ? null : vaCallbackTime(va.trx_expiration),
		partner_trx_id: payment.partner_trx_id,
		trx_id: payment.id,
		settlement_time: vaCallbackTime(payment.settlement_time),
		settlement_status: 'WAITING',
		...optional('full_name', va.full_name),
	};
}

/** Funds settle at 15:00 UTC+7 on the next day, as the docs' examples show (tx 27 Feb, settlement 28 Feb 15:00). */
export function settlementTime(paidAt: number): number {
	return startOfWibDay(paidAt) + DAY_MS + 15 * 3_600_000;
}
