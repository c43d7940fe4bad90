import { buildEvent } from '../callbacks';
import type { CallbackDefinition, CallbackReading, ConfirmedState } from '../callbacks';
import type { CatchUpEvent } from './types';

/**
 * The event the webhook trigger emits for the callback of this news, confirmed with OY!: built by
 * the same function from OY's own answer, so its dedup key is the webhook's (kind, id, OY's
 * status, settlement). The poll has its own memory (CatchUpState), so nothing is marked here.
 */
export function catchUpEvent(options: {
	definition: CallbackDefinition;
	reading: CallbackReading;
	/** the callback-shaped fields the event is read from */
	callbackBody: Record<string, unknown>;
	confirmed: ConfirmedState;
	/** OY's answer as it came */
	answer: Record<string, unknown>;
	now: string;
}): CatchUpEvent {
	const { definition, confirmed } = options;
	const event = buildEvent({
		definition,
		reading: options.reading,
		body: options.callbackBody,
		confirmation: {
			verdict: 'confirmed',
			confirmed,
			advanced: false,
			notCovered: [...(confirmed.notCovered ?? [])],
		},
		confirmationState: 'confirmed',
		tracking: {},
		receivedAt: options.now,
	});
	return { ...event, source: 'catchUp', body: options.answer };
}
