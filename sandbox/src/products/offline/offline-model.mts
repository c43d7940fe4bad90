import type { OfflineChannel, TransactionType } from './offline-channels.mjs';
import { OFFLINE_MESSAGES, type OfflineState } from './offline-codes.mjs';

/** What Initiate Transaction asks for, once checked. */
export interface OfflineOrder {
	partner_trx_id: string;
	customer_id: string;
	/** Normalised to `+62…` as the answers show it; null when none was given. */
	receiver_phone_number: string | null;
	amount: number;
	admin_fee: number;
	tax_fee: number;
	total_amount: number;
	notes?: string;
	transaction_type: TransactionType;
	offline_channel: OfflineChannel;
}

export interface OfflineTransaction extends OfflineOrder {
	trx_id: string;
	/** The unique code the customer presents; replaced by Refresh Code. */
	code: string;
	state: OfflineState;
	/** Whether a cash-out's total is held in the partner's pending balance. */
	held: boolean;
	created: number;
	updated: number;
	inactive_at: number;
	expired_at: number;
}

/** The state at `now`: a transaction still waiting or in progress at `expired_at` is expired (222). */
export function offlineState(trx: OfflineTransaction, now: number): OfflineState {
	return (trx.state === '102' || trx.state === '297') && now >= trx.expired_at ? '222' : trx.state;
}

/**
 * `yyyy-MM-dd HH:mm:ss.SSS`, as the tables declare every API Offline time. The zone is not stated;
 * the examples' `inactive_at` and `expired_at` sit 3 h and 24 h after the same instant in UTC.
 */
export function offlineTime(ms: number): string {
	return new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
}

/** Initiate Transaction's answer fields (OY API docs: API Offline › Initiate Transaction); the example has no `offline_channel`. */
export function createdView(trx: OfflineTransaction, now: number): Record<string, unknown> {
	return {
		amount: trx.amount,
		admin_fee: trx.admin_fee,
		tax_fee: trx.tax_fee,
		total_amount: trx.total_amount,
		code: trx.code,
		timestamp: offlineTime(now),
		receiver_phone_number: trx.receiver_phone_number,
		customer_id: trx.customer_id,
		partner_trx_id: trx.partner_trx_id,
		trx_id: trx.trx_id,
		transaction_type: trx.transaction_type,
		inactive_at: offlineTime(trx.inactive_at),
		expired_at: offlineTime(trx.expired_at),
	};
}

/** Transaction Info (OY API docs: API Offline › Transaction Info): the status is the transaction's state. */
export function infoBody(trx: OfflineTransaction, now: number): Record<string, unknown> {
	const state = offlineState(trx, now);
	return {
		status: { code: state, message: OFFLINE_MESSAGES[state] },
		...createdView(trx, now),
		offline_channel: trx.offline_channel,
	};
}

/** The callback (OY API docs: API Offline › Offline Transaction Callback): the info fields plus the table's `created_date` and `last_updated_date`. */
export function callbackBody(trx: OfflineTransaction, now: number): Record<string, unknown> {
	return {
		...infoBody(trx, now),
		created_date: offlineTime(trx.created),
		last_updated_date: offlineTime(trx.updated),
	};
}
