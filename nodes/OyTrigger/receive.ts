import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import {
	buildEvent,
	classifyCallback,
	copyTrackingState,
	readCallback,
	sharedTrackingState,
} from '../../lib/callbacks';
import type { TrackingState } from '../../lib/callbacks';
import { decideConfirmation } from './confirmation';
import { checkCaller, readJsonBody } from './guard';
import type { Refusal } from './guard';
import { readSettings } from './settings';

/** Answers a refused call itself, so no execution starts; the reason goes to n8n's log. */
function refuse(context: IWebhookFunctions, refusal: Refusal, kind?: string): IWebhookResponseData {
	const detail = refusal.detail ? ` (${refusal.detail})` : '';
	context.logger.warn(
		`OY! Trigger refused a call with HTTP ${refusal.status}: ${refusal.reason}${detail}`,
		{
			workflowId: context.getWorkflow().id,
			node: context.getNode().name,
			kind,
		},
	);
	context
		.getResponseObject()
		.status(refusal.status)
		.json({ received: false, error: refusal.reason });
	return { noWebhookResponse: true };
}

/** Why a body is no callback this trigger knows, for n8n's log. */
function unknownBodyDetail(body: IDataObject): string {
	const recognition = classifyCallback(body);
	return 'ambiguous' in recognition
		? `it carries the whole shape of several callbacks (${recognition.ambiguous.join(', ')}), none of which alone OY! can confirm`
		: 'it carries the whole documented shape of no OY! callback';
}

/**
 * One call to the trigger's URL: who sent it, then what it is, then (for the chosen events) what
 * OY! says of it. Only a call that passes every check starts an execution.
 */
export async function receiveCallback(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const receivedAt = new Date().toISOString();
	let settings;
	try {
		settings = await readSettings(context);
	} catch (error) {
		return refuse(context, {
			status: 500,
			reason: 'The OY! Trigger is not configured correctly',
			detail: (error as Error).message,
		});
	}
	const callerRefusal = checkCaller(context, settings);
	if (callerRefusal) return refuse(context, callerRefusal);
	const parsed = readJsonBody(context, settings.maxBodyBytes);
	if ('status' in parsed) return refuse(context, parsed);
	const read = readCallback(parsed.body);
	if (!read)
		return refuse(context, {
			status: 422,
			reason: 'Not an OY! callback this trigger knows',
			detail: unknownBodyDetail(parsed.body),
		});
	const { definition, reading } = read;
	if (!settings.events.includes(definition.kind)) {
		return {
			webhookResponse: { received: true, ignored: `${definition.name} is not a chosen event` },
		};
	}
	const persisted = context.getWorkflowStaticData('node') as TrackingState;
	const tracking = sharedTrackingState(
		`${context.getWorkflow().id}:${context.getNode().id}`,
		persisted,
	);
	const decision = await decideConfirmation(context, settings, read, parsed.body, tracking);
	if ('status' in decision) return refuse(context, decision, definition.kind);
	// Built from the process's memory again after the awaits above: a duplicate that arrived at the
	// same moment is marked here, with no await between its check and its record.
	const event = buildEvent({
		definition,
		reading,
		body: parsed.body,
		confirmation: decision.confirmation,
		confirmationState: decision.state,
		confirmationReason: decision.reason,
		tracking,
		receivedAt,
	});
	copyTrackingState(tracking, persisted);
	return {
		webhookResponse: { received: true, kind: event.kind, dedupKey: event.dedupKey },
		workflowData: [
			[
				{
					json: {
						...event,
						body: parsed.body,
						headers: context.getHeaderData(),
					} as unknown as IDataObject,
				},
			],
		],
	};
}
