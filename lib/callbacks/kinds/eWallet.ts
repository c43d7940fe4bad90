import { EWALLET_REFUND_STATE, EWALLET_TRANSACTION_STATE } from '../../operations/eWallet';
import { byId, partnerTrxStatusCheck, singleStatusCheck } from '../confirm';
import { defined, isoDate, readingOf, readState, rupiah, text } from '../fields';
import type { CallbackDefinition } from '../types';

const SETUP = 'OY! business representative or partner@oyindonesia.com (no dashboard field)';

/**
 * E-wallet transaction callback, OY API docs: API E-Wallet Aggregator › E-Wallet Transaction Callback: sent only for a paid transaction, and twice with
 * delayed settlement (`settlement_status` WAITING, then SUCCESS). It carries no transaction state:
 * a paid callback means the state COMPLETE (OY API docs: E-Wallet transaction status). The table lists `partner_trx_id`
 * and `ref_number`, which the example lacks.
 */
export const eWalletPaymentCallback: CallbackDefinition = {
	kind: 'eWalletPayment',
	name: 'E-Wallet Payment',
	product: 'API E-Wallet Aggregator',
	description:
		'A customer paid an e-wallet transaction; with delayed settlement a second callback tells the settlement',
	money: true,
	setup: SETUP,
	docs: 'OY API docs: API E-Wallet Aggregator › E-Wallet Transaction Callback',
	// The example (OY API docs: API E-Wallet Aggregator › E-Wallet Transaction Callback); the table (OY API docs: API E-Wallet Aggregator › E-Wallet Transaction Callback) adds partner_trx_id and ref_number.
	shape: {
		success: 'boolean',
		trx_id: 'text',
		customer_id: 'text',
		amount: 'amount',
		ewallet_code: 'string',
	},
	read(body) {
		return readingOf({
			// trx_id is in the example and the table; partner_trx_id only in the table.
			transactionId: text(body, 'trx_id') ?? text(body, 'partner_trx_id'),
			partnerTrxId: text(body, 'partner_trx_id'),
			oyTrxId: text(body, 'trx_id'),
			amount: rupiah(body, 'amount'),
			state: readState(EWALLET_TRANSACTION_STATE, body.success === false ? 'FAILED' : 'COMPLETE'),
			settlementStatus: text(body, 'settlement_status'),
			details: defined({
				ewalletCode: text(body, 'ewallet_code'),
				customerId: text(body, 'customer_id'),
				mobileNumber: text(body, 'mobile_number'),
				refNumber: text(body, 'ref_number'),
				successRedirectUrl: text(body, 'success_redirect_url'),
				settlementTime: isoDate(body, 'settlement_time', 'dd/MM/yyyyTHH:mm:ss.SSSZ', 'WIB'),
			}),
		});
	},
	// Check Status has no settlement fields (OY API docs: API E-Wallet Aggregator › Check E-Wallet Transaction Status).
	confirm: partnerTrxStatusCheck('eWallet.getStatus', {
		status: 'state',
		notCovered: ['settlement_status'],
	}),
};

/**
 * E-wallet refund callback, OY API docs: API E-Wallet Aggregator › E-Wallet Refund Callback: `success`, `refund_id`, `refund_status`,
 * `refund_amount`; no transaction id.
 */
export const eWalletRefundCallback: CallbackDefinition = {
	kind: 'eWalletRefund',
	name: 'E-Wallet Refund',
	product: 'API E-Wallet Aggregator',
	description: 'The e-wallet issuer processed a refund (refunded or failed)',
	money: true,
	setup: SETUP,
	docs: 'OY API docs: API E-Wallet Aggregator › E-Wallet Refund Callback',
	// The example (OY API docs: API E-Wallet Aggregator › E-Wallet Refund Callback) and the table (OY API docs: API E-Wallet Aggregator › E-Wallet Refund Callback).
	shape: {
		success: 'boolean',
		refund_id: 'text',
		refund_status: 'string',
		refund_amount: 'amount',
	},
	read(body) {
		const stated =
			text(body, 'refund_status') ?? (body.success === true ? 'REFUNDED' : 'REFUND_FAILED');
		return readingOf({
			partnerTrxId: null,
			oyTrxId: text(body, 'refund_id'),
			amount: rupiah(body, 'refund_amount'),
			state: readState(EWALLET_REFUND_STATE, stated),
			details: defined({ refundId: text(body, 'refund_id'), success: body.success }),
		});
	},
	confirm: singleStatusCheck('eWallet.getRefund', (claim) => byId('refund_id', claim.oyTrxId), {
		notFound: (result) => result.code === '255',
		status: (result) => result.state ?? null,
		amount: (body) => rupiah(body, 'refund_amount'),
		oyTrxId: (body) => text(body, 'refund_id'),
	}),
};
