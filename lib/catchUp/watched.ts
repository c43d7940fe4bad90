import { isRecord } from '../json';
import { isFinal } from '../outcomes';
import { getCallback } from '../callbacks';
import type { CallbackReading, OyReader } from '../callbacks';
import type { OyResult } from '../types';
import { catchUpEvent } from './event';
import { markEmitted, markSettled, notify } from './state';
import type { CatchUpContext, CatchUpSource } from './types';

/** Products OY! answers only by id: the ids are watched until OY! reports them final. */
export type WatchedSource = Extract<
	CatchUpSource,
	'disbursement' | 'paymentLink' | 'eWalletPayment'
>;

const WHAT: Record<WatchedSource, string> = {
	disbursement: 'payout',
	paymentLink: 'payment link',
	eWalletPayment: 'e-wallet transaction',
};

/** What the status check of the webhook's confirmation needs: the partner's id. */
function claimFor(id: string): CallbackReading {
	return {
		transactionId: id,
		partnerTrxId: id,
		oyTrxId: null,
		amount: null,
		status: '',
		outcome: 'pending',
		statusMeaning: '',
		settlementStatus: null,
		occurredAt: null,
		details: {},
	};
}

/** A reader that keeps OY's last answer (the confirmation plan reads only what it compares). */
function keepingLast(reader: OyReader): { reader: OyReader; last: () => OyResult | undefined } {
	let last: OyResult | undefined;
	return {
		reader: {
			call: async (operationId, input) => {
				last = await reader.call(operationId, input);
				return last;
			},
		},
		last: () => last,
	};
}

/** The ids not yet settled, starting where the last poll stopped. */
function inTurn(context: CatchUpContext, source: WatchedSource, ids: readonly string[]): string[] {
	const open = [...new Set(ids)].filter(
		(id) => context.state.settled[`${source}:${id}`] === undefined,
	);
	if (open.length === 0) return open;
	const start = (context.state.next[source] ?? 0) % open.length;
	return [...open.slice(start), ...open.slice(0, start)];
}

/**
 * Asks OY! the state of each watched id (the webhook's confirmation call) and emits the final
 * ones as the webhook would have. A pending id is asked again at the next poll.
 * `settlementOfPaid`: for a product whose status answer says nothing of settlement (e-wallet), the
 * settlement its first paid callback states, so the event carries that callback's dedup key.
 */
export async function catchUpWatched(
	context: CatchUpContext,
	source: WatchedSource,
	ids: readonly string[],
	{ settlementOfPaid }: { settlementOfPaid?: string } = {},
): Promise<void> {
	const definition = getCallback(source);
	const plan = definition.confirm!;
	const queue = inTurn(context, source, ids);
	let asked = 0;
	for (const id of queue) {
		if (context.budget.spent) {
			notify(
				context,
				'moreRemaining',
				source,
				String(queue.length - asked),
				`${queue.length - asked} watched ${WHAT[source]} id(s) wait for the next poll (request limit reached)`,
				{
					details: { waiting: queue.length - asked },
				},
			);
			break;
		}
		asked++;
		const kept = keepingLast(context.budget.counting(context.reader));
		const found = await plan.read(claimFor(id), {}, { reader: kept.reader });
		if ('problem' in found) {
			notify(
				context,
				'unavailable',
				source,
				`${id}:${context.now}`,
				`OY! could not tell the state of ${WHAT[source]} ${id}: ${found.problem}`,
				{
					details: { id },
				},
			);
			continue;
		}
		// Asked again at each poll: the id may be one the workflow is about to use.
		if (!found.found) {
			notify(
				context,
				'notFound',
				source,
				id,
				`OY! has no ${WHAT[source]} with the id ${id} (yet); it is asked about again at each poll`,
				{
					once: true,
					details: { id },
				},
			);
			continue;
		}
		if (!isFinal(found.outcome)) continue;
		const answer = kept.last()?.body;
		const body = isRecord(answer) ? answer : {};
		const reading = definition.read(body);
		const event = catchUpEvent({
			definition,
			reading:
				settlementOfPaid !== undefined && found.outcome === 'success'
					? { ...reading, settlementStatus: settlementOfPaid }
					: reading,
			callbackBody: body,
			confirmed: found,
			answer: body,
			now: context.now,
		});
		if (context.state.emitted[event.dedupKey] === undefined) {
			context.events.push(event);
			markEmitted(context.state, event.dedupKey, context.now);
		}
		markSettled(context.state, `${source}:${id}`, 'emitted');
	}
	context.state.next[source] =
		queue.length === 0
			? 0
			: ((context.state.next[source] ?? 0) + asked) % Math.max(queue.length, 1);
}
