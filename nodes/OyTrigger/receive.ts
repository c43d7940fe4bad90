import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import {
	buildEvent,
	confirmCallback,
	copyTrackingState,
	readCallback,
	sharedTrackingState,
	trackingCache,
} from '../../lib/callbacks';
import type { Confirmation, ConfirmationState, TrackingState } from '../../lib/callbacks';
import { oyClientFor } from '../shared/client';
import { checkCaller, readJsonBody } from './guard';
import type { Refusal } from './guard';
import { mustConfirm, readSettings } from './settings';

// A status check must answer while OY! waits for the acknowledgement: one retry, short pauses.
const CONFIRM_CLIENT = { maxAttempts: 2, baseDelayMs: 250, maxDelayMs: 1_000, statusChecks: 1 };

/** Answers a refused call itself, so no execution starts; the reason goes to n8n's log. */
function refuse(context: IWebhookFunctions, refusal: Refusal, kind?: string): IWebhookResponseData {
	const detail = refusal.detail ? ` (${refusal.detail})` : '';
	context.logger.warn(`OY! Trigger refused a call with HTTP ${refusal.status}: ${refusal.reason}${detail}`, {
		workflowId: context.getWorkflow().id,
		node: context.getNode().name,
		kind,
	});
	context.getResponseObject().status(refusal.status).json({ received: false, error: refusal.reason });
	return { noWebhookResponse: true };
}

async function confirmWithOy(
	context: IWebhookFunctions,
	read: NonNullable<ReturnType<typeof readCallback>>,
	body: IDataObject,
	tracking: TrackingState,
): Promise<Confirmation | Refusal> {
	let client;
	try {
		client = await oyClientFor(context, CONFIRM_CLIENT);
	} catch (error) {
		return { status: 500, reason: 'The trigger cannot ask OY!', detail: (error as Error).message };
	}
	const confirmation = await confirmCallback(read.definition, read.reading, body, {
		reader: client,
		cache: trackingCache(tracking),
	});
	if (confirmation.verdict === 'mismatch') {
		return { status: 403, reason: 'Not confirmed by OY!', detail: confirmation.reason };
	}
	if (confirmation.verdict === 'unavailable') {
		return { status: 503, reason: 'OY! could not confirm this callback now', detail: confirmation.reason };
	}
	return confirmation;
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
		return refuse(context, { status: 500, reason: 'The OY! Trigger is not configured correctly', detail: (error as Error).message });
	}
	const callerRefusal = checkCaller(context, settings);
	if (callerRefusal) return refuse(context, callerRefusal);
	const parsed = readJsonBody(context, settings.maxBodyBytes);
	if ('status' in parsed) return refuse(context, parsed);
	const read = readCallback(parsed.body);
	if (!read) return refuse(context, { status: 422, reason: 'Not an OY! callback this trigger knows' });
	const { definition, reading } = read;
	if (!settings.events.includes(definition.kind)) {
		return { webhookResponse: { received: true, ignored: `${definition.name} is not a chosen event` } };
	}
	const persisted = context.getWorkflowStaticData('node') as TrackingState;
	const tracking = sharedTrackingState(`${context.getWorkflow().id}:${context.getNode().id}`, persisted);
	let confirmation: Confirmation | undefined;
	let confirmationState: ConfirmationState = definition.confirm ? 'notRequested' : 'notAvailable';
	if (mustConfirm(settings.confirm, definition)) {
		const outcome = await confirmWithOy(context, read, parsed.body, tracking);
		if ('status' in outcome) return refuse(context, outcome, definition.kind);
		confirmation = outcome;
		confirmationState = 'confirmed';
	}
	// Built from the process's memory again after the awaits above: a duplicate that arrived at the
	// same moment is marked here, with no await between its check and its record.
	const event = buildEvent({ definition, reading, confirmation, confirmationState, tracking, receivedAt });
	copyTrackingState(tracking, persisted);
	return {
		webhookResponse: { received: true, kind: event.kind, dedupKey: event.dedupKey },
		workflowData: [
			[{ json: { ...event, body: parsed.body, headers: context.getHeaderData() } as unknown as IDataObject }],
		],
	};
}
