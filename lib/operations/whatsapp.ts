import type { OperationDefinition, StateField } from '../types';

/** Whether OY! queued the message: `data.success_queued` (OY API docs: API Send WhatsApp › Send Link › response parameters). */
const QUEUED: StateField = {
	path: 'data.success_queued',
	values: {
		TRUE: {
			outcome: 'success',
			meaning: 'The WhatsApp message is queued for sending',
			hint: 'Delivery is reported by the WhatsApp callback (sent, delivered, read, undelivered, failed) under data.message_id.',
		},
		FALSE: { outcome: 'failed', meaning: 'OY! did not queue the WhatsApp message' },
	},
};

export const whatsappOperations: readonly OperationDefinition[] = [
	{
		id: 'whatsapp.sendLink',
		resource: 'whatsapp',
		product: 'API Send WhatsApp',
		name: 'Send Link',
		action: 'Send a link by WhatsApp',
		description:
			"Sends the link of a Payment Link or Invoice to a WhatsApp number with OY's template. OY! must activate it for you.",
		method: 'POST',
		path: '/api/whatsapp/send-link',
		params: [
			{
				name: 'partner_tx_id',
				displayName: 'Partner Transaction ID',
				in: 'body',
				type: 'string',
				required: true,
				maxLength: 255,
				description: 'Your id of the Payment Link or Invoice whose link is sent',
			},
			{
				name: 'whatsapp_number',
				displayName: 'WhatsApp Number',
				in: 'body',
				type: 'digits',
				required: true,
				maxLength: 255,
				// The table says 628xxxxxxxxxx, its own example is 621234567890 (OY API docs: API Send WhatsApp › Send Link › code samples, API Send WhatsApp › Send Link › request parameters).
				pattern: {
					regex: /^62[1-9]\d{6,12}$/,
					rule: 'must start with the country code 62, without + or a leading 0 (e.g. 6281234567890)',
				},
				description: 'The WhatsApp number, with country code 62 and without + (e.g. 6281234567890)',
			},
		],
		envelope: 'statusObject',
		// Only 000 is documented (OY API docs: API Send WhatsApp › Send Link › example); the common codes cover the rest.
		codes: { '000': { outcome: 'success', meaning: 'OY! accepted the message' } },
		stateField: QUEUED,
		recordPath: 'data',
		// Sending twice sends the customer two messages.
		safety: 'write',
		docs: 'OY API docs: API Send WhatsApp › Send Link, Callback WhatsApp Sending',
	},
];
