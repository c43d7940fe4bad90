/** Input checks of Initiate Transaction (OY API docs: API Offline › Initiate Transaction, API Offline rejected-request codes). */
import { isNonEmptyString, isOptionalString } from '../shared/validation.mjs';
import {
	CASH_IN_MINIMUM_TOTAL,
	CASH_OUT_DENOMINATION,
	CHANNEL_MAXIMUMS,
	splitFee,
	type OfflineChannel,
} from './offline-channels.mjs';
import type { OfflineResponseCode } from './offline-codes.mjs';
import type { OfflineOrder } from './offline-model.mjs';

export type Checked<T> = { ok: true; value: T } | { ok: false; code: OfflineResponseCode };

/** `081234567890`, `6281234567890` and `+6281234567890` all become `+6281234567890`. */
export function normalisePhone(value: string): string | undefined {
	const match = /^(?:\+?62|0)(8\d{7,12})$/.exec(value);
	return match ? `+62${match[1]}` : undefined;
}

export function checkCreate(body: Record<string, unknown>, fee: number): Checked<OfflineOrder> {
	const invalid = { ok: false, code: '990' } as const;
	const phoneGiven =
		body.receiver_phone_number !== undefined &&
		body.receiver_phone_number !== null &&
		body.receiver_phone_number !== '';
	const phone = phoneGiven
		? typeof body.receiver_phone_number === 'string'
			? normalisePhone(body.receiver_phone_number)
			: undefined
		: null;
	const amount = body.amount;
	if (
		!isNonEmptyString(body.partner_trx_id) ||
		!isNonEmptyString(body.customer_id) ||
		!isOptionalString(body.notes, 40) ||
		phone === undefined ||
		typeof amount !== 'number' ||
		!Number.isInteger(amount) ||
		amount <= 0
	) {
		return invalid;
	}
	const type = body.transaction_type;
	if (type !== 'CASH_IN' && type !== 'CASH_OUT') return { ok: false, code: '221' };
	const maximum =
		typeof body.offline_channel === 'string'
			? CHANNEL_MAXIMUMS.get(body.offline_channel)?.[type]
			: undefined;
	if (maximum === undefined) return { ok: false, code: '220' };

	const fees = splitFee(fee);
	const total = amount + fee;
	if (type === 'CASH_OUT') {
		if (amount % CASH_OUT_DENOMINATION !== 0) return { ok: false, code: '215' };
		if (amount > maximum) return { ok: false, code: '225' };
	} else {
		// Cash-in limits include the admin fee (OY API docs: API Offline › Initiate Transaction › response parameters).
		if (total < CASH_IN_MINIMUM_TOTAL) return { ok: false, code: '224' };
		if (total > maximum) return { ok: false, code: '225' };
	}
	return {
		ok: true,
		value: {
			partner_trx_id: body.partner_trx_id,
			customer_id: body.customer_id,
			receiver_phone_number: phone,
			amount,
			...fees,
			total_amount: total,
			notes: (body.notes as string | undefined) || undefined,
			transaction_type: type,
			offline_channel: body.offline_channel as OfflineChannel,
		},
	};
}
