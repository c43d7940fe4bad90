import { isFinal } from '../outcomes';
import type { Outcome } from '../types';
import type { Confirmation } from './confirm';
import { track } from './tracking';
import type { KnownFinal, TrackingState } from './tracking';
import type { CallbackDefinition, CallbackKind, CallbackReading } from './types';

export type ConfirmationState =
	/** OY's status API agrees (its state is the one emitted) */
	| 'confirmed'
	/** the trigger was set not to ask OY! for this kind */
	| 'notRequested'
	/** OY! offers no status API for this kind */
	| 'notAvailable';

/** A callback as the trigger emits it: its reading (OY's confirmed state, when asked) and more. */
export interface CallbackEvent extends CallbackReading {
	kind: CallbackKind;
	kindName: string;
	product: string;
	/** the same for every delivery of the same news: kind, transaction, status (and settlement) */
	dedupKey: string;
	/** kind and transaction: the same for every callback of one transaction */
	transactionKey: string | null;
	isFinal: boolean;
	receivedAt: string;
	confirmation: {
		state: ConfirmationState;
		/** what the callback itself said, when OY's confirmed state differs */
		claimedStatus: string;
		claimedOutcome: Outcome;
		/** OY! knows more than the callback told (a later state, or settled) */
		advanced?: boolean;
		/** what the status API cannot speak for */
		notCovered?: readonly string[];
		operations?: readonly string[];
	};
	isDuplicate: boolean;
	latePending: boolean;
	knownFinal: KnownFinal | null;
}

function upper(value: string | null): string | null {
	return value === null ? null : value.toUpperCase();
}

export function transactionKeyOf(kind: CallbackKind, reading: Pick<CallbackReading, 'transactionId'>): string | null {
	return reading.transactionId ? `${kind}:${reading.transactionId}` : null;
}

export function dedupKeyOf(
	kind: CallbackKind,
	transactionId: string | null,
	status: string,
	settlementStatus: string | null,
): string {
	const parts = [kind, transactionId ?? 'unknown', status || 'none'];
	if (settlementStatus) parts.push(settlementStatus.toUpperCase());
	return parts.join(':');
}

/** The state to emit: OY's confirmed one when it was asked, else the callback's own. */
export function emittedState(reading: CallbackReading, confirmation: Confirmation | undefined) {
	if (confirmation?.verdict !== 'confirmed') {
		return {
			status: reading.status,
			outcome: reading.outcome,
			statusMeaning: reading.statusMeaning,
			amount: reading.amount,
			settlementStatus: upper(reading.settlementStatus),
		};
	}
	const { confirmed } = confirmation;
	return {
		status: confirmed.status ?? reading.status,
		outcome: confirmed.outcome,
		statusMeaning: confirmed.statusMeaning,
		amount: confirmed.amount ?? reading.amount,
		settlementStatus: upper(confirmed.settlementStatus ?? reading.settlementStatus),
	};
}

/**
 * The normalized event a trigger emits for one accepted callback. Marks duplicates and late
 * pending states against, and records final states in, the trigger's tracking state.
 */
export function buildEvent(options: {
	definition: CallbackDefinition;
	reading: CallbackReading;
	confirmation?: Confirmation;
	confirmationState: ConfirmationState;
	tracking: TrackingState;
	receivedAt: string;
}): CallbackEvent {
	const { definition, reading, confirmation } = options;
	const state = emittedState(reading, confirmation);
	const dedupKey = dedupKeyOf(definition.kind, reading.transactionId, state.status, state.settlementStatus);
	const transactionKey = transactionKeyOf(definition.kind, reading);
	const marks = track(
		options.tracking,
		{ dedupKey, transactionKey, ...state, isFinal: isFinal(state.outcome), claimPending: !isFinal(reading.outcome) },
		options.receivedAt,
	);
	const event: CallbackEvent = {
		kind: definition.kind,
		kindName: definition.name,
		product: definition.product,
		dedupKey,
		transactionKey,
		...reading,
		...state,
		isFinal: isFinal(state.outcome),
		receivedAt: options.receivedAt,
		confirmation: {
			state: options.confirmationState,
			claimedStatus: reading.status,
			claimedOutcome: reading.outcome,
		},
		isDuplicate: marks.isDuplicate,
		latePending: marks.latePending,
		knownFinal: marks.knownFinal,
	};
	if (confirmation?.verdict === 'confirmed') {
		event.confirmation.advanced = confirmation.advanced;
		event.confirmation.notCovered = confirmation.notCovered;
		event.confirmation.operations = definition.confirm?.operations;
	}
	return event;
}
