import { DAY_MS, startOfWibDay, vaCallbackTime } from '../../core/formats.mjs';
import type { EwalletCode } from './ewallet-issuers.mjs';

/** "E-Wallet Transaction Status" (OY API docs: E-Wallet transaction status). */
export type EwalletTrxStatus = 'WAITING_PAYMENT' | 'FAILED' | 'COMPLETE' | 'REFUNDED' | 'EXPIRED';

/** "E-Wallet Refund Status" (OY API docs: E-Wallet refund status). */
export type RefundStatus = 'REFUND_ONPROCESS' | 'REFUNDED' | 'REFUND_FAILED' | 'SUSPECTED';

export interface EwalletRefund {
	refund_id: string;
	partner_trx_id: string;
	amount: number;
	status: RefundStatus;
	/** Whether the amount is held in the partner's pending balance. */
	held: boolean;
	created: number;
	updated: number;
}

/** What Create E-Wallet Transaction asks for, once checked. */
export interface EwalletOrder {
	partner_trx_id: string;
	customer_id: string;
	sub_merchant_id?: string;
	amount: number;
	email?: string;
	ewallet_code: EwalletCode;
	mobile_number?: string;
	success_redirect_url?: string;
}

export interface EwalletTransaction extends EwalletOrder {
	trx_id: string;
	ref_number: string;
	ewallet_url: string;
	created: number;
	expires_at: number;
	/** The status as set by an event; WAITING_PAYMENT turns EXPIRED on the clock (see `trxStatus`). */
	state: EwalletTrxStatus;
	reason: string;
	paid_at?: number;
	/** When the funds reach (or reached) the partner's balance. */
	settlement_time?: number;
	settlement_status?: 'WAITING' | 'SUCCESS';
	refunds: EwalletRefund[];
}

export function trxStatus(trx: EwalletTransaction, now: number): EwalletTrxStatus {
	return trx.state === 'WAITING_PAYMENT' && now >= trx.expires_at ? 'EXPIRED' : trx.state;
}

export function statusReason(trx: EwalletTransaction, now: number): string {
	return trx.state === 'WAITING_PAYMENT' && now >= trx.expires_at
		? 'marked as EXPIRED by expiration time'
		: trx.reason;
}

/** Refunds that hold or took money: all but the failed ones. */
export function committedRefundAmount(trx: EwalletTransaction): number {
	return trx.refunds.reduce(
		(sum, refund) => (refund.status === 'REFUND_FAILED' ? sum : sum + refund.amount),
		0,
	);
}

export function refundedAmount(trx: EwalletTransaction): number {
	return trx.refunds.reduce(
		(sum, refund) => (refund.status === 'REFUNDED' ? sum + refund.amount : sum),
		0,
	);
}

/** Settlement H+`days` at 15:00 WIB, as the docs' delayed-settlement example (OY API docs: API E-Wallet Aggregator › E-Wallet Transaction Callback); H+0 is real time. */
export function settlementTime(paidAt: number, days: number): number {
	return days === 0 ? paidAt : startOfWibDay(paidAt) + days * DAY_MS + 15 * 3_600_000;
}

/** Fields shared by Create E-Wallet Transaction (OY API docs: API E-Wallet Aggregator › Create E-Wallet Transaction) and Check Status (OY API docs: API E-Wallet Aggregator › Check E-Wallet Transaction Status). */
function transactionFields(trx: EwalletTransaction, now: number) {
	return {
		ewallet_trx_status: trxStatus(trx, now),
		amount: trx.amount,
		trx_id: trx.trx_id,
		customer_id: trx.customer_id,
		partner_trx_id: trx.partner_trx_id,
		ewallet_code: trx.ewallet_code,
		ewallet_url: trx.ewallet_url,
	};
}

/** Create answers `ref_number` too: the table lists it (OY API docs: API E-Wallet Aggregator › Create E-Wallet Transaction › response parameters), the example does not. */
export function createdView(trx: EwalletTransaction, now: number): Record<string, unknown> {
	return { ...transactionFields(trx, now), ref_number: trx.ref_number };
}

export function checkStatusView(trx: EwalletTransaction, now: number): Record<string, unknown> {
	return { ...transactionFields(trx, now), reason: statusReason(trx, now) };
}

/**
 * The E-Wallet Transaction Callback (OY API docs: API E-Wallet Aggregator › E-Wallet Transaction Callback): the table's fields, of which the example
 * omits `partner_trx_id` and `ref_number`. `settlement_time` uses the example's `+0000` form.
 */
export function paymentCallback(trx: EwalletTransaction): Record<string, unknown> {
	return {
		success: true,
		partner_trx_id: trx.partner_trx_id,
		trx_id: trx.trx_id,
		ref_number: trx.ref_number,
		customer_id: trx.customer_id,
		amount: trx.amount,
		ewallet_code: trx.ewallet_code,
		mobile_number: trx.mobile_number ?? '',
		success_redirect_url: trx.success_redirect_url ?? '',
		settlement_time: vaCallbackTime(trx.settlement_time ?? trx.paid_at ?? trx.created),
		settlement_status: trx.settlement_status ?? 'WAITING',
	};
}

/** Get E-Wallet Refund Status (OY API docs: API E-Wallet Aggregator › Get E-Wallet Refund Status) and the items of Get List of E-Wallet Refund. */
export function refundView(refund: EwalletRefund): Record<string, unknown> {
	return {
		refund_id: refund.refund_id,
		refund_status: refund.status,
		refund_amount: refund.amount,
	};
}

/** The E-Wallet Refund Callback (OY API docs: API E-Wallet Aggregator › E-Wallet Refund Callback): `success` is false unless refunded. */
export function refundCallback(refund: EwalletRefund): Record<string, unknown> {
	return { success: refund.status === 'REFUNDED', ...refundView(refund) };
}
