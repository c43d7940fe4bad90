import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { confirmCallback, readCallback, trackingCache } from '../../lib/callbacks';
import type { Confirmation, ConfirmationState, TrackingState } from '../../lib/callbacks';
import { oyClientFor } from '../shared/client';
import type { Refusal } from './guard';
import { mustConfirm } from './settings';
import type { TriggerSettings } from './settings';

// A status check must answer while OY! waits for the acknowledgement: one retry, short pauses.
const CONFIRM_CLIENT = { maxAttempts: 2, baseDelayMs: 250, maxDelayMs: 1_000, statusChecks: 1 };

/** What the trigger may say of a callback's truth, or why it refuses the callback. */
export type ConfirmationDecision =
	| Refusal
	| { confirmation?: Confirmation; state: ConfirmationState; reason?: string };

/**
 * Asks OY! about a callback when the settings want it. A mismatch is refused (403), OY! not
 * answering now is refused so OY! sends it again (503); a callback OY! cannot be asked about is
 * passed as unconfirmed, or refused (422) when the user chose so: never called a forgery.
 */
export async function decideConfirmation(
	context: IWebhookFunctions,
	settings: TriggerSettings,
	read: NonNullable<ReturnType<typeof readCallback>>,
	body: IDataObject,
	tracking: TrackingState,
): Promise<ConfirmationDecision> {
	const { definition } = read;
	if (!definition.confirm) {
		return {
			state: 'notAvailable',
			reason: `OY! offers no status API for ${definition.name} callbacks`,
		};
	}
	if (!mustConfirm(settings.confirm, definition)) {
		return {
			state: 'notRequested',
			reason: `Confirm With OY! is set to ${settings.confirm === 'off' ? 'Off' : 'Money Events'}`,
		};
	}
	let client;
	try {
		client = await oyClientFor(context, CONFIRM_CLIENT);
	} catch (error) {
		return { status: 500, reason: 'The trigger cannot ask OY!', detail: (error as Error).message };
	}
	const confirmation = await confirmCallback(definition, read.reading, body, {
		reader: client,
		cache: trackingCache(tracking),
	});
	switch (confirmation.verdict) {
		case 'mismatch':
			return { status: 403, reason: 'Not confirmed by OY!', detail: confirmation.reason };
		case 'unavailable':
			return {
				status: 503,
				reason: 'OY! could not confirm this callback now',
				detail: confirmation.reason,
			};
		case 'unconfirmable':
			return settings.unconfirmable === 'refuse'
				? {
						status: 422,
						reason: 'OY! cannot be asked about this callback',
						detail: confirmation.reason,
					}
				: { state: 'unconfirmable', reason: confirmation.reason };
		default:
			return { confirmation, state: 'confirmed' };
	}
}
