import type { OyReader } from '../callbacks';
import { catchUpVaPayments } from './vaPayments';
import { catchUpWatched } from './watched';
import { notify } from './state';
import { Budget } from './types';
import type { CatchUpContext, CatchUpOptions, CatchUpResult, CatchUpState } from './types';

/**
 * One poll: what the callbacks of the chosen products would have told since the cursor, read from
 * OY's status and list APIs with at most `maxRequests` requests. Updates `state` (the cursor) for
 * what it emitted and read; the caller keeps it only when it keeps the result.
 */
export async function catchUp(
	reader: OyReader,
	state: CatchUpState,
	options: CatchUpOptions,
): Promise<CatchUpResult> {
	const context: CatchUpContext = {
		reader,
		budget: new Budget(options.maxRequests),
		state,
		now: options.now.toISOString(),
		events: [],
		notices: [],
	};
	if (state.isNew) {
		// n8n saves a poll node's static data only when the poll emits: without this item, a cursor
		// that has emitted nothing yet is lost when n8n restarts, with the events of the downtime.
		delete state.isNew;
		notify(
			context,
			'started',
			'catchUp',
			state.since,
			`Catching up on OY! events from ${state.since} on`,
			{ details: { since: state.since } },
		);
	}
	if (options.sources.includes('disbursement'))
		await catchUpWatched(context, 'disbursement', options.payoutIds);
	if (options.sources.includes('paymentLink'))
		await catchUpWatched(context, 'paymentLink', options.linkIds);
	if (options.sources.includes('eWalletPayment'))
		await catchUpWatched(context, 'eWalletPayment', options.eWalletIds ?? [], {
			settlementOfPaid: options.eWalletSettlement === 'realTime' ? 'SUCCESS' : 'WAITING',
		});
	if (options.sources.includes('vaPayment')) await catchUpVaPayments(context);
	return { events: context.events, notices: context.notices, requests: context.budget.used };
}

/** Ids typed or mapped into one field: separated by commas, spaces or new lines. */
export function idList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\s,;]+/);
	return [...new Set(parts.map((part) => part.trim()).filter((part) => part !== ''))];
}
