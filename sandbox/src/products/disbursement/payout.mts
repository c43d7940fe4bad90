import { utcDayFirst } from '../../core/formats.mjs';
import { CALLBACK_CODES, STATUS_MESSAGES } from './codes.mjs';

/** One disbursement as OY! keeps it. */
export interface Payout {
	trx_id: string;
	partner_trx_id: string;
	amount: number;
	recipient_bank: string;
	recipient_account: string;
	recipient_name: string;
	note?: string;
	email?: string;
	child_balance?: string;
	/** A Get Disbursement Status code: 101 while processing, then 000, 300, 301, 206 … */
	code: string;
	tx_status_description: string;
	/** Whether the amount is held in the ledger's pending balance. */
	held: boolean;
	/** Bumped each time settlement is scheduled, so that only the latest schedule settles. */
	round: number;
	created: number;
	updated: number;
}

export function isInProcess(payout: Payout): boolean {
	return payout.code === '101' || payout.code === '102' || payout.code === '301';
}

/** The body of Get Disbursement Status (OY API docs: Fund Disbursement › Get Disbursement Status) at time `now`. */
export function statusBody(payout: Payout, now: number): Record<string, unknown> {
	return {
		status: { code: payout.code, message: STATUS_MESSAGES[payout.code] ?? 'Request is Processed' },
		tx_status_description: payout.tx_status_description,
		...commonFields(payout, now),
	};
}

/**
 * The Disbursement Callback (OY API docs: Fund Disbursement › Disbursement Callback, OY API docs (older version): Fund Disbursement › Disbursement Callback): the same fields as the status body, but
 * only the codes 000 / 300 / 301; the callback form leaves `tx_status_description` out on a success
 * as the current API docs say ("will not appear … for Success"), or keeps it as the older version's example does.
 */
export function callbackBody(payout: Payout, now: number): Record<string, unknown> | undefined {
	const code = CALLBACK_CODES.has(payout.code)
		? payout.code
		: payout.code === '206' || payout.code === '225'
			? '300'
			: undefined;
	if (!code) return undefined;
	return {
		status: { code, message: STATUS_MESSAGES[code] },
		// The current API docs leave it out on a success, the older version sends it (the chosen callback form decides).
		tx_status_description: payout.tx_status_description,
		...commonFields(payout, now),
	};
}

function commonFields(payout: Payout, now: number) {
	return {
		amount: payout.amount,
		recipient_name: payout.recipient_name,
		recipient_bank: payout.recipient_bank,
		recipient_account: payout.recipient_account,
		trx_id: payout.trx_id,
		partner_trx_id: payout.partner_trx_id,
		timestamp: utcDayFirst(now),
		created_date: utcDayFirst(payout.created),
		last_updated_date: utcDayFirst(payout.updated),
	};
}
