import type { Outcome } from '../types';

/** The last final state seen of one transaction. */
export interface KnownFinal {
	status: string;
	outcome: Outcome;
	settlementStatus: string | null;
	at: string;
}

/** What a trigger remembers between callbacks (kept in the workflow's static data: plain JSON). */
export interface TrackingState {
	finals?: Record<string, KnownFinal>;
	seen?: Record<string, string>;
	cache?: Record<string, string>;
}

export const TRACKING_LIMITS = { finals: 2000, seen: 5000, cache: 1000 } as const;

/** Stores a key as the newest entry, dropping the oldest ones beyond the limit. */
export function remember<T>(map: Record<string, T>, key: string, value: T, limit: number): void {
	delete map[key];
	map[key] = value;
	const keys = Object.keys(map);
	for (let index = 0; index < keys.length - limit; index++) delete map[keys[index]];
}

const SETTLED = 'SUCCESS';

export interface TrackedEvent {
	transactionKey: string | null;
	dedupKey: string;
	status: string;
	outcome: Outcome;
	settlementStatus: string | null;
	isFinal: boolean;
	/** the callback itself reported a pending state (OY's confirmed state may be final) */
	claimPending: boolean;
}

export interface TrackingMarks {
	/** the same dedup key was emitted before */
	isDuplicate: boolean;
	/** a pending state (or an unsettled one) arriving after a final (or settled) one of the same transaction */
	latePending: boolean;
	/** the final state already seen, which this event does not replace */
	knownFinal: KnownFinal | null;
}

/**
 * Marks duplicates and late pending states, and remembers final states. A pending state never
 * replaces a final one; a later final state does (a callback that claimed pending but whose
 * confirmed state is final is marked late, and its confirmed final state is remembered).
 */
export function track(state: TrackingState, event: TrackedEvent, now: string): TrackingMarks {
	const seen = (state.seen ??= {});
	const finals = (state.finals ??= {});
	const isDuplicate = seen[event.dedupKey] !== undefined;
	remember(seen, event.dedupKey, now, TRACKING_LIMITS.seen);
	const known = event.transactionKey ? finals[event.transactionKey] : undefined;
	const unsettledAfterSettled =
		known !== undefined &&
		known.settlementStatus === SETTLED &&
		event.settlementStatus !== null &&
		event.settlementStatus !== SETTLED;
	// Would move the transaction back: it never replaces what is known.
	const regresses = known !== undefined && (!event.isFinal || unsettledAfterSettled);
	const latePending = regresses || (known !== undefined && event.claimPending);
	if (event.transactionKey && event.isFinal && !regresses) {
		remember(
			finals,
			event.transactionKey,
			{
				status: event.status,
				outcome: event.outcome,
				settlementStatus: event.settlementStatus,
				at: now,
			},
			TRACKING_LIMITS.finals,
		);
	}
	return { isDuplicate, latePending, knownFinal: latePending ? (known ?? null) : null };
}

/** The trigger's lookup cache (e.g. VA number → VA id) over the same state. */
export function trackingCache(state: TrackingState) {
	return {
		get: (key: string) => state.cache?.[key],
		set: (key: string, value: string) =>
			remember((state.cache ??= {}), key, value, TRACKING_LIMITS.cache),
	};
}
