import { getOperation } from '../../catalogue';
import { byId, singleStatusCheck } from '../confirm';
import { defined, isoDate, readingOf, readState, rupiah, text } from '../fields';
import type { CallbackDefinition } from '../types';

const STATUS = getOperation('paymentLink.getStatus');
const STATE = STATUS.stateField!;

// No offset in the callback; its settlement_time is documented as UTC+7 (OY API docs: Payment Checkout › Payment Link / Invoice Callback › fields), and lib
// reads the status answer's times, the same fields, in UTC+7 too.
const when = (body: unknown, path: string) => isoDate(body, path, 'yyyy-MM-ddTHH:mm:ss', 'WIB');

/**
 * The docs write the paid state `complete` (table, callback example) and `success` (status
 * example, OY API docs: Payment Checkout › Get Payment Status); lib reads both as paid. One spelling keeps duplicates recognisable.
 */
const ALIASES: Record<string, string> = { SUCCESS: 'COMPLETE', INITIATED: 'CREATED' };

export function linkStatus(value: string | null): string | null {
	if (value === null) return null;
	const upper = value.toUpperCase();
	return ALIASES[upper] ?? upper;
}

/**
 * Payment link and invoice link callback, OY API docs: Payment Checkout › Payment Link / Invoice Callback (OY API docs (older version): Payment Checkout › Payment Link / Invoice Callback): the link's record,
 * with `invoice_ID` and `full_name` when `is_invoice` is true. Sent on status changes.
 */
export const paymentLinkCallback: CallbackDefinition = {
	kind: 'paymentLink',
	name: 'Payment Link or Invoice',
	product: 'Payment Link / Invoice (Payment Checkout)',
	description:
		'A payment link or invoice link changed state (paid, failed attempt, expired, closed)',
	money: true,
	setup:
		'OY! dashboard: Settings → Developer Option → Callback Configuration, the Payment Link field',
	docs: 'OY API docs: Payment Checkout › Payment Link / Invoice Callback',
	// The example (OY API docs: Payment Checkout › Payment Link / Invoice Callback, OY API docs (older version): Payment Checkout › Payment Link / Invoice Callback) and the table's non-nullable fields (OY API docs: Payment Checkout › Payment Link / Invoice Callback).
	shape: {
		partner_tx_id: 'text',
		tx_ref_number: 'string',
		amount: 'amount',
		status: 'string',
		is_invoice: 'boolean',
	},
	read(body) {
		const state = readState(STATE, text(body, 'status'));
		return readingOf({
			partnerTrxId: text(body, 'partner_tx_id'),
			oyTrxId: text(body, 'tx_ref_number'),
			amount: rupiah(body, 'amount'),
			state: { ...state, status: linkStatus(state.status) ?? '' },
			settlementStatus: text(body, 'settlement_status'),
			occurredAt: when(body, 'payment_received_time') ?? when(body, 'updated'),
			details: defined({
				isInvoice: typeof body.is_invoice === 'boolean' ? body.is_invoice : undefined,
				invoiceId: text(body, 'invoice_ID'),
				paidAmount: rupiah(body, 'paid_amount'),
				paymentMethod: text(body, 'payment_method'),
				senderBank: text(body, 'sender_bank'),
				senderName: text(body, 'sender_name'),
				senderPhone: text(body, 'sender_phone'),
				senderNote: text(body, 'sender_note'),
				fullName: text(body, 'full_name'),
				email: text(body, 'email'),
				description: text(body, 'description'),
				childBalance: text(body, 'child_balance'),
				paymentReferenceNumber: text(body, 'payment_reference_number'),
				settlementType: text(body, 'settlement_type'),
				settlementTime: when(body, 'settlement_time'),
				createdAt: when(body, 'created'),
				expiresAt: when(body, 'expiration'),
				dueAt: when(body, 'due_date'),
			}),
		});
	},
	confirm: singleStatusCheck(
		'paymentLink.getStatus',
		(claim) => byId('partner_tx_id', claim.partnerTrxId, { send_callback: false }),
		{
			// No code: an unknown link answers `{status: false, message: "… cannot be found …"}`, bare
			// or inside the clients' `{success, error, data, reason, status_code}` (lib reads both, see
			// lib/shapes.ts); lib reads only that as rejected, a refused request as unknown.
			notFound: (result) => result.outcome === 'rejected' && !result.state,
			status: (result) => linkStatus(result.state ?? text(result.body, 'status')),
			amount: (body) => rupiah(body, 'amount'),
			settlementStatus: (body) => text(body, 'settlement_status'),
			partnerTrxId: (body) => text(body, 'partner_tx_id'),
			oyTrxId: (body) => text(body, 'tx_ref_number'),
		},
	),
};
