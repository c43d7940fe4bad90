/**
 * API Send WhatsApp (OY API docs: API Send WhatsApp › Send Link, Callback WhatsApp Sending): queue a payment or invoice link to a WhatsApp number,
 * then call back each status the message goes through (sent → delivered → read by default).
 * Control endpoints choose how far a number's messages get, or push a status by hand.
 */
import { ControlError, requireBody } from '../../core/control-routes.mjs';
import type { Answer, ProductDefinition, SandboxRequest } from '../product.mjs';
import { COMMON_REFUSALS, refuseWith, statusAnswer } from '../shared/status-envelope.mjs';
import { isNonEmptyString } from '../shared/validation.mjs';

export const WHATSAPP = 'whatsapp';
const DEFAULT_STEP_MS = 1000;
/** Country code 62, no "+" and no leading 0: the docs' own example is 621234567890. */
const WHATSAPP_NUMBER = /^62\d{8,13}$/;

/** "Status Descriptions" (OY API docs: API Send WhatsApp › Callback WhatsApp Sending). */
type MessageStatus = 'sent' | 'delivered' | 'read' | 'undelivered' | 'failed';
const STATUSES: readonly MessageStatus[] = ['sent', 'delivered', 'read', 'undelivered', 'failed'];
const FINAL: ReadonlySet<MessageStatus> = new Set(['read', 'undelivered', 'failed']);

/** How far a number's messages get: `sent` stays sent (the user blocked OY!), `not-queued` is never queued. */
type Fate = MessageStatus | 'not-queued';
const PATHS: Record<MessageStatus, MessageStatus[]> = {
	read: ['sent', 'delivered', 'read'],
	delivered: ['sent', 'delivered'],
	sent: ['sent'],
	undelivered: ['undelivered'],
	failed: ['failed'],
};

interface Message {
	message_id: string;
	partner_tx_id: string;
	whatsapp_number: string;
	status: MessageStatus | 'queued';
	history: MessageStatus[];
	created: number;
}

export const whatsappProduct: ProductDefinition = {
	name: WHATSAPP,
	docsProduct: 'API Send WhatsApp',
	create(context) {
		const { clock, scheduler, callbacks } = context;
		const messages = new Map<string, Message>();
		const fates = new Map<string, Fate>();

		const advance = (message: Message, status: MessageStatus) => {
			if (message.status !== 'queued' && FINAL.has(message.status)) return;
			message.status = status;
			message.history.push(status);
			callbacks.send(WHATSAPP, {
				partner_tx_id: message.partner_tx_id,
				whatsapp_number: message.whatsapp_number,
				message_id: message.message_id,
				status,
			});
		};

		const sendLink = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			const partnerTxId = body.partner_tx_id;
			const number = body.whatsapp_number;
			if (
				!isNonEmptyString(partnerTxId) ||
				typeof number !== 'string' ||
				!WHATSAPP_NUMBER.test(number)
			) {
				return statusAnswer('290', 'Request is Rejected (Parameter / object is not valid)', {
					data: null,
				});
			}
			const fate = fates.get(number) ?? 'read';
			if (fate === 'not-queued') {
				return statusAnswer('000', 'Success', {
					data: {
						partner_tx_id: partnerTxId,
						whatsapp_number: number,
						success_queued: false,
						message_id: null,
					},
				});
			}
			const message: Message = {
				message_id: context.newId(),
				partner_tx_id: partnerTxId,
				whatsapp_number: number,
				status: 'queued',
				history: [],
				created: clock.now(),
			};
			messages.set(message.message_id, message);
			const step = context.processingDelay(WHATSAPP, DEFAULT_STEP_MS);
			PATHS[fate].forEach((status, index) =>
				scheduler.after(step * (index + 1), () => advance(message, status)),
			);
			return statusAnswer('000', 'Success', {
				data: {
					partner_tx_id: partnerTxId,
					whatsapp_number: number,
					success_queued: true,
					message_id: message.message_id,
				},
			});
		};

		const findMessage = (request: SandboxRequest): Message => {
			const message = messages.get(request.params.message_id);
			if (!message) throw new ControlError(`no WhatsApp message "${request.params.message_id}"`);
			return message;
		};

		return {
			routes: [{ method: 'POST', path: '/api/whatsapp/send-link', handle: sendLink }],
			control: [
				{
					method: 'GET',
					path: '/messages/{message_id}',
					handle: (request) => ({ status: 200, body: findMessage(request) }),
				},
				{
					method: 'POST',
					path: '/messages/{message_id}/status',
					handle: (request) => {
						const message = findMessage(request);
						const status = requireBody(request).status as MessageStatus;
						if (!STATUSES.includes(status))
							throw new ControlError(`"status" must be one of ${STATUSES.join(', ')}`);
						if (message.status !== 'queued' && FINAL.has(message.status))
							throw new ControlError(`the message is final (${message.status})`);
						advance(message, status);
						return { status: 200, body: message };
					},
				},
				{
					method: 'PUT',
					path: '/numbers/{number}',
					handle: (request) => {
						const fate = requireBody(request).fate as Fate;
						if (fate !== 'not-queued' && !STATUSES.includes(fate))
							throw new ControlError(`"fate" must be one of ${STATUSES.join(', ')}, not-queued`);
						fates.set(request.params.number, fate);
						return { status: 200, body: { whatsapp_number: request.params.number, fate } };
					},
				},
			],
			refuse: refuseWith(COMMON_REFUSALS, { data: null }),
			snapshot: () => ({ messages: [...messages.values()], fates: Object.fromEntries(fates) }),
			reset() {
				messages.clear();
				fates.clear();
			},
		};
	},
};
