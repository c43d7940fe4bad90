import { isRecord } from '../json';
import { remember } from '../callbacks';
import type {
	CatchUpContext,
	CatchUpNotice,
	CatchUpSource,
	CatchUpState,
	NoticeKind,
} from './types';

/** Transactions remembered as emitted; beyond it the oldest are forgotten (Pass Once still drops a repeat). */
export const EMITTED_LIMIT = 20_000;
export const SETTLED_LIMIT = 20_000;
const NOTICED_LIMIT = 500;

/**
 * The remembered state, or a new one starting now minus the look-back: a first activation does not
 * go through OY's whole history.
 */
export function catchUpState(stored: unknown, now: Date, lookBackMinutes: number): CatchUpState {
	if (isRecord(stored) && stored.version === 1 && typeof stored.since === 'string') {
		const state = stored as unknown as CatchUpState;
		state.emitted ??= {};
		state.settled ??= {};
		state.next ??= {};
		state.noticed ??= {};
		return state;
	}
	return {
		version: 1,
		isNew: true,
		since: new Date(now.getTime() - lookBackMinutes * 60_000).toISOString(),
		emitted: {},
		settled: {},
		next: {},
		noticed: {},
	};
}

export function markEmitted(state: CatchUpState, key: string, at: string): void {
	remember(state.emitted, key, at, EMITTED_LIMIT);
}

export function markSettled(state: CatchUpState, key: string, how: 'emitted'): void {
	remember(state.settled, key, how, SETTLED_LIMIT);
}

/** Adds a notice; with `once`, a notice of the same key already given is not given again. */
export function notify(
	context: CatchUpContext,
	notice: NoticeKind,
	source: CatchUpSource | 'catchUp',
	key: string,
	message: string,
	options: { once?: boolean; details?: Record<string, unknown> } = {},
): void {
	const dedupKey = `catchUp:${notice}:${source}:${key}`;
	if (options.once) {
		if (context.state.noticed[dedupKey] !== undefined) return;
		remember(context.state.noticed, dedupKey, context.now, NOTICED_LIMIT);
	}
	const item: CatchUpNotice = { notice, source, message, dedupKey, at: context.now };
	if (options.details) item.details = options.details;
	context.notices.push(item);
}
