import { getOperation } from '../../catalogue';
import { isRecord, readPath } from '../../json';
import { partnerTrxStatusCheck } from '../confirm';
import { defined, firstText, isoDate, readingOf, readState, rupiah, text } from '../fields';
import type { CallbackDefinition } from '../types';

const STATUS = getOperation('paymentRouting.getStatus');
const STATE = STATUS.stateField!;

// Documented as UTC+7 (OY API docs: Payment Routing › Create and Update Payment Routing › request parameters, Payment Routing › Partner Callback Payment Routing › parameters); written `yyyy-MM-dd HH:mm:ss`.
const when = (body: unknown, path: string) => isoDate(body, path, 'yyyy-MM-dd HH:mm:ss', 'WIB');

/**
 * Each payout as the table names it (`disbursement_trx_status`) or as every example does
 * (`trx_status`), OY API docs: Payment Routing › Check Status Payment Routing Transaction › response parameters vs Payment Routing › Partner Callback Payment Routing › payload examples.
 */
function payouts(body: unknown): Record<string, unknown>[] | undefined {
	const list = readPath(body, 'payment_routing');
	if (!Array.isArray(list)) return undefined;
	return list.filter(isRecord).map((payout) =>
		defined({
			recipientBank: text(payout, 'recipient_bank'),
			recipientAccount: text(payout, 'recipient_account'),
			recipientAccountName: text(payout, 'recipient_account_name'),
			recipientEmail: text(payout, 'recipient_email'),
			amount: rupiah(payout, 'recipient_amount'),
			disbursementTrxId: text(payout, 'disbursement_trx_id'),
			status: firstText(payout, 'disbursement_trx_status', 'trx_status'),
			note: text(payout, 'disbursement_trx_notes'),
			emailStatus: text(payout, 'email_status'),
		}),
	);
}

/**
 * Payment Routing callback, OY API docs: Payment Routing › Partner Callback Payment Routing: six documented structures (payment link, VA,
 * unique code, QRIS, e-wallet, cards) that differ only in `payment_info`, plus the delayed
 * settlement double callback (WAITING, then SUCCESS). No status object: `payment_status` is the state.
 */
export const paymentRoutingCallback: CallbackDefinition = {
	kind: 'paymentRouting',
	name: 'Payment Routing',
	product: 'Payment Routing',
	description:
		'A payer paid a Payment Routing transaction (and its payouts ran), or its settlement changed',
	money: true,
	setup:
		'OY! dashboard: Settings → Developer Option → Callback Configuration, the Payment Routing field (or OY! support)',
	docs: 'OY API docs: Payment Routing › Partner Callback Payment Routing',
	// The six examples (OY API docs: Payment Routing › Partner Callback Payment Routing › payload examples) and the table (OY API docs: Payment Routing › Partner Callback Payment Routing › parameters).
	shape: {
		trx_id: 'text',
		partner_trx_id: 'text',
		receive_amount: 'amount',
		payment_status: 'string',
		need_frontend: 'boolean',
		payment_info: 'object',
	},
	read(body) {
		const state = readState(STATE, text(body, 'payment_status'));
		const info = readPath(body, 'payment_info');
		return readingOf({
			transactionId: text(body, 'trx_id') ?? text(body, 'partner_trx_id'),
			partnerTrxId: text(body, 'partner_trx_id'),
			oyTrxId: text(body, 'trx_id'),
			amount: rupiah(body, 'receive_amount'),
			state: { ...state, status: state.status.toUpperCase() },
			settlementStatus: text(body, 'settlement_status'),
			occurredAt: when(body, 'payment_received_time'),
			details: defined({
				partnerUserId: text(body, 'partner_user_id'),
				needFrontend: typeof body.need_frontend === 'boolean' ? body.need_frontend : undefined,
				useLinkedAccount:
					typeof body.use_linked_account === 'boolean' ? body.use_linked_account : undefined,
				paymentMethod: text(body, 'payment_method'),
				senderBank: text(body, 'sender_bank'),
				paymentInfo: isRecord(info) ? info : undefined,
				paymentReferenceNumber: text(body, 'payment_info.payment_reference_number'),
				payouts: payouts(body),
				settlementType: text(body, 'settlement_type'),
				settlementTime: when(body, 'settlement_time'),
				expiresAt: when(body, 'trx_expiration_time'),
			}),
		});
	},
	confirm: partnerTrxStatusCheck('paymentRouting.getStatus', {
		status: 'state',
		extraInput: { send_callback: false },
		// Check Status names the amounts request_amount and received_amount (0 until paid).
		amount: (body) => {
			const received = rupiah(body, 'received_amount');
			return received !== null && received > 0 ? received : rupiah(body, 'request_amount');
		},
		settlementStatus: (body) => text(body, 'settlement_status'),
	}),
};
