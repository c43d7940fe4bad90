import { isRecord, readPath } from '../../json';
import { BILLER_CODES } from '../../operations/biller';
import { byId, singleStatusCheck } from '../confirm';
import { defined, readCode, readingOf, rupiah, statusCode, text } from '../fields';
import type { CallbackDefinition } from '../types';

/** `additional_data` is typed Object but sent as JSON text in every example (OY API docs: Biller API › Partner Callback). */
function additionalData(body: unknown): Record<string, unknown> | undefined {
	const value = readPath(body, 'data.additional_data');
	if (isRecord(value)) return value;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	try {
		const parsed: unknown = JSON.parse(value);
		return isRecord(parsed) ? parsed : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Biller payment callback, OY API docs: Biller API › Partner Callback: the Pay Bill answer's `status` (the outcome, S14)
 * and `data`. Unlike Get Status, it has no `data.status`. The example has trailing commas.
 */
export const billPaymentCallback: CallbackDefinition = {
	kind: 'billPayment',
	name: 'Bill Payment',
	product: 'Biller API',
	description: 'A bill payment ended: paid (000), failed (300-307) or pending at the biller (400)',
	money: true,
	setup: 'OY! support: "contact us and submit a callback URL" (no dashboard field)',
	docs: 'OY API docs: Biller API › Partner Callback',
	// The example (OY API docs: Biller API › Partner Callback) and the table (OY API docs: Biller API › Partner Callback).
	shape: {
		'status.code': 'text',
		data: 'object',
		'data.tx_id': 'text',
		'data.partner_tx_id': 'text',
		'data.product_id': 'string',
		'data.customer_id': 'text',
		'data.amount': 'amount',
	},
	read(body) {
		const extra = additionalData(body);
		return readingOf({
			partnerTrxId: text(body, 'data.partner_tx_id'),
			oyTrxId: text(body, 'data.tx_id'),
			amount: rupiah(body, 'data.amount'),
			state: readCode(BILLER_CODES, statusCode(body)),
			details: defined({
				productId: text(body, 'data.product_id'),
				customerId: text(body, 'data.customer_id'),
				customerName: text(body, 'data.customer_name'),
				adminFee: rupiah(body, 'data.admin_fee'),
				note: text(body, 'data.note'),
				receiptCode: extra ? text(extra, 'receipt_code') : undefined,
				additionalData: extra,
			}),
		});
	},
	confirm: singleStatusCheck(
		'biller.getStatus',
		(claim) => byId('partner_tx_id', claim.partnerTrxId),
		{
			notFound: (result) => result.code === '204',
			status: (result) => result.state ?? null,
			amount: (body) => rupiah(body, 'data.amount'),
			partnerTrxId: (body) => text(body, 'data.partner_tx_id'),
			oyTrxId: (body) => text(body, 'data.tx_id'),
		},
	),
};
