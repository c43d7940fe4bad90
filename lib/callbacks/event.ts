import { isFinal } from '../outcomes';
import type { Outcome } from '../types';
import type { Confirmation } from './confirm';
import { dedupIdOf } from './dedup';
import { track } from './tracking';
import type { KnownFinal, TrackingState } from './tracking';
import type { CallbackDefinition, CallbackKind, CallbackReading } from './types';

export type ConfirmationState =
	/** OY's status API agrees (its state is the one emitted) */
	| 'confirmed'
	/** the trigger was set not to ask OY! for this kind */
	| 'notRequested'
	/** OY! offers no status API for this kind */
	| 'notAvailable'
	/** the callback lacks what OY's status API needs (e.g. OY's e-wallet example has no partner_trx_id) */
	| 'unconfirmable';

/**
 * An emitted outcome: OY's confirmed one, or `unconfirmed` when nobody asked OY! (the callback's
 * own claim is then only in `confirmation.claimedOutcome`).
 */
export type EventOutcome = Outcome | 'unconfirmed';

/** A callback as the trigger emits it: its reading (OY's confirmed state, when asked) and more. */
export interface CallbackEvent extends Omit<CallbackReading, 'outcome'> {
	kind: CallbackKind;
	kindName: string;
	product: string;
	outcome: EventOutcome;
	/** the same for every delivery of the same news: kind, callback id, status (and settlement) */
	dedupKey: string;
	/** kind and transaction: the same for every callback of one transaction */
	transactionKey: string | null;
	/** the emitted outcome is final (never for an unconfirmed one) */
	isFinal: boolean;
	receivedAt: string;
	confirmation: {
		state: ConfirmationState;
		/** what the callback itself said, when OY's confirmed state differs */
		claimedStatus: string;
		claimedOutcome: Outcome;
		/** why OY! was not asked, or could not be */
		reason?: string;
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

export function transactionKeyOf(
	kind: CallbackKind,
	reading: Pick<CallbackReading, 'transactionId'>,
): string | null {
	return reading.transactionId ? `${kind}:${reading.transactionId}` : null;
}

/** Kind, what names the callback's news (see dedupIdOf), status and settlement. */
export function dedupKeyOf(
	kind: CallbackKind,
	id: string,
	status: string,
	settlementStatus: string | null,
): string {
	const parts = [kind, id, status || 'none'];
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
	body: Record<string, unknown>;
	confirmation?: Confirmation;
	confirmationState: ConfirmationState;
	/** why OY! was not asked, or could not be */
	confirmationReason?: string;
	tracking: TrackingState;
	receivedAt: string;
}): CallbackEvent {
	const { definition, reading, confirmation } = options;
	const state = emittedState(reading, confirmation);
	const confirmed = confirmation?.verdict === 'confirmed';
	const dedupKey = dedupKeyOf(
		definition.kind,
		dedupIdOf(definition, reading, options.body),
		state.status,
		state.settlementStatus,
	);
	const transactionKey = transactionKeyOf(definition.kind, reading);
	const marks = track(
		options.tracking,
		{
			dedupKey,
			transactionKey,
			...state,
			isFinal: isFinal(state.outcome),
			claimPending: !isFinal(reading.outcome),
		},
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
		// Nobody confirmed it: its claim is only in confirmation.claimedOutcome.
		outcome: confirmed ? state.outcome : 'unconfirmed',
		isFinal: confirmed && isFinal(state.outcome),
		receivedAt: options.receivedAt,
		confirmation: {
			state: options.confirmationState,
			claimedStatus: reading.status,
			claimedOutcome: reading.outcome,
			...(options.confirmationReason ? { reason: options.confirmationReason } : {}),
		},
		isDuplicate: marks.isDuplicate,
		latePending: marks.latePending,
		knownFinal: marks.knownFinal,
	};
	if (confirmation?.verdict === 'confirmed') {
		event.details = { ...event.details, ...confirmation.confirmed.details };
		event.confirmation.advanced = confirmation.advanced;
		event.confirmation.notCovered = confirmation.notCovered;
		event.confirmation.operations = definition.confirm?.operations;
	}
	return event;
}
