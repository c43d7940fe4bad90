import { getOperation } from '../../catalogue';
import { partnerTrxStatusCheck } from '../confirm';
import { defined, isoDate, readCode, readingOf, rupiah, statusCode, text } from '../fields';
import type { CallbackDefinition } from '../types';

const STATUS = getOperation('apiOffline.get');

/**
 * No zone is documented; the examples' `inactive_at` and `expired_at` line up only in UTC, which
 * the sandbox follows. `yyyy-MM-dd HH:mm:ss.SSS` (OY API docs: API Offline › Offline Transaction Callback) is read by lib's pattern with a fraction.
 */
const when = (body: unknown, path: string) => isoDate(body, path, 'yyyy-MM-dd HH:mm:ss', 'UTC');

/**
 * API Offline callback, OY API docs: API Offline › Offline Transaction Callback: the transaction's state in `status.code` (000, 222, 299,
 * 300) and the fields of Transaction Info. The table adds `created_date` and `last_updated_date`.
 */
export const apiOfflineCallback: CallbackDefinition = {
	kind: 'apiOffline',
	name: 'API Offline',
	product: 'API Offline (cash-in / cash-out)',
	description:
		'A cash-in or cash-out at Alfamart, Indomaret or a CRM ended (completed, expired, cancelled, failed)',
	money: true,
	setup: 'OY! support: "contact us and submit a callback URL" (no dashboard field)',
	docs: 'OY API docs: API Offline › Offline Transaction Callback',
	// The example (OY API docs: API Offline › Offline Transaction Callback) and the table (OY API docs: API Offline › Offline Transaction Callback).
	shape: {
		'status.code': 'text',
		partner_trx_id: 'text',
		trx_id: 'text',
		amount: 'amount',
		transaction_type: 'string',
		offline_channel: 'string',
	},
	read(body) {
		return readingOf({
			partnerTrxId: text(body, 'partner_trx_id'),
			oyTrxId: text(body, 'trx_id'),
			amount: rupiah(body, 'amount'),
			state: readCode(STATUS.codes, statusCode(body)),
			occurredAt: when(body, 'last_updated_date') ?? when(body, 'timestamp'),
			details: defined({
				transactionType: text(body, 'transaction_type'),
				offlineChannel: text(body, 'offline_channel'),
				code: text(body, 'code'),
				customerId: text(body, 'customer_id'),
				receiverPhoneNumber: text(body, 'receiver_phone_number'),
				adminFee: rupiah(body, 'admin_fee'),
				taxFee: rupiah(body, 'tax_fee'),
				totalAmount: rupiah(body, 'total_amount'),
				createdAt: when(body, 'created_date'),
				codeInactiveAt: when(body, 'inactive_at'),
				expiresAt: when(body, 'expired_at'),
			}),
		});
	},
	confirm: partnerTrxStatusCheck('apiOffline.get', {
		status: 'code',
		extraInput: { send_callback: false },
	}),
};
