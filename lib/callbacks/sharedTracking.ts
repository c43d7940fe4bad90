import { remember, TRACKING_LIMITS } from './tracking';
import type { TrackingState } from './tracking';

/**
 * What triggers remember, held once per process. n8n hands each webhook call its own copy of the
 * workflow's static data, read from the database, and saves it back only when no execution starts
 * (building the execution resets n8n's "changed" flag): static data alone forgets every callback
 * that started a run, and two calls at the same moment never see each other. One object per
 * trigger node, checked and updated without an `await` in between, sees both.
 */
const states = new Map<string, TrackingState>();

function mergeMissing<T>(
	into: Record<string, T>,
	from: Record<string, T> | undefined,
	limit: number,
): void {
	for (const [key, value] of Object.entries(from ?? {})) {
		if (into[key] === undefined) remember(into, key, value, limit);
	}
}

/**
 * The process's tracking state of one trigger node, with what the persisted copy knows and this
 * process does not (a restart, or another process that saved it).
 */
export function sharedTrackingState(key: string, persisted: TrackingState): TrackingState {
	const state = states.get(key) ?? {};
	states.set(key, state);
	mergeMissing((state.seen ??= {}), persisted.seen, TRACKING_LIMITS.seen);
	mergeMissing((state.finals ??= {}), persisted.finals, TRACKING_LIMITS.finals);
	mergeMissing((state.cache ??= {}), persisted.cache, TRACKING_LIMITS.cache);
	return state;
}

/** Copies the process's state into the persisted copy, for n8n to save when it does. */
export function copyTrackingState(state: TrackingState, persisted: TrackingState): void {
	persisted.seen = { ...state.seen };
	persisted.finals = { ...state.finals };
	persisted.cache = { ...state.cache };
}
