import type { CodeTable } from '../../types';
import { defined, readingOf, readState, text } from '../fields';
import type { CallbackDefinition } from '../types';

/**
 * WhatsApp message states, OY API docs: API Send WhatsApp › Callback WhatsApp Sending. `sent` is final only when the user blocked OY!'s
 * business account, which the callback does not say, so it stays pending here.
 */
export const WHATSAPP_MESSAGE_STATES: CodeTable = {
	SENT: {
		outcome: 'pending',
		meaning: 'Sent; it can still be delivered (unless the user blocked OY!)',
	},
	DELIVERED: { outcome: 'pending', meaning: 'Delivered, not read yet' },
	READ: { outcome: 'success', meaning: 'Delivered and read' },
	UNDELIVERED: { outcome: 'failed', meaning: 'Not delivered' },
	FAILED: { outcome: 'failed', meaning: 'Sending failed' },
};

/**
 * WhatsApp delivery status callback, OY API docs: API Send WhatsApp › Callback WhatsApp Sending: one callback per status change of a
 * message sent with Send Link, keyed by `message_id`; they may arrive out of order. OY! offers no
 * status API for messages, so these cannot be confirmed.
 */
export const whatsappStatusCallback: CallbackDefinition = {
	kind: 'whatsappStatus',
	name: 'WhatsApp Delivery Status',
	product: 'API Send WhatsApp',
	description:
		'A WhatsApp message with a payment or invoice link was sent, delivered, read, or failed',
	money: false,
	setup: 'OY! business representative (no dashboard field)',
	docs: 'OY API docs: API Send WhatsApp › Callback WhatsApp Sending',
	// The example (OY API docs: API Send WhatsApp › Callback WhatsApp Sending) and the table (OY API docs: API Send WhatsApp › Callback WhatsApp Sending › callback request parameters): all four fields.
	shape: { partner_tx_id: 'text', whatsapp_number: 'text', message_id: 'text', status: 'string' },
	read(body) {
		const state = readState(
			{ path: 'status', values: WHATSAPP_MESSAGE_STATES },
			text(body, 'status'),
		);
		return readingOf({
			transactionId: text(body, 'message_id'),
			partnerTrxId: text(body, 'partner_tx_id'),
			oyTrxId: text(body, 'message_id'),
			amount: null,
			state: { ...state, status: state.status.toLowerCase() },
			details: defined({
				messageId: text(body, 'message_id'),
				whatsappNumber: text(body, 'whatsapp_number'),
			}),
		});
	},
};
