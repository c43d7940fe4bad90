import type { CallbackEvent, CallbackKind, OyReader } from '../callbacks';

/** The callbacks a poll can find again in OY's APIs (see docs/catch-up.md for the others). */
export type CatchUpSource = Extract<
	CallbackKind,
	'disbursement' | 'paymentLink' | 'eWalletPayment' | 'vaPayment'
>;

/**
 * How the account's e-wallet payments settle (an OY! account setting): real time, one callback with
 * settlement SUCCESS; delayed (H+1 or later), a first callback with WAITING, then one with SUCCESS.
 */
export type EWalletSettlement = 'realTime' | 'delayed';

/** Where the VA sweep stands: a page of Get Many VAs, a VA on it, a page of its payments. */
export interface VaWalk {
	listOffset: number;
	index: number;
	historyOffset: number;
	/** when the sweep began (a payment made before it was listed by the time the sweep read it) */
	startedAt: string;
}

/** What the catch-up remembers between polls (plain JSON, kept in the node's static data). */
export interface CatchUpState {
	version: 1;
	/** made by this poll: nothing was remembered */
	isNew?: boolean;
	/** VA payments made before this are not caught up: the first activation (minus the look-back), then later sweeps */
	since: string;
	/** what was emitted (transaction key → when), so nothing is emitted twice */
	emitted: Record<string, string>;
	/** watched ids whose final state was emitted: not asked again */
	settled: Record<string, 'emitted'>;
	/** where the next poll starts in each list of watched ids */
	next: Partial<Record<CatchUpSource, number>>;
	va?: VaWalk;
	/** notices already given once (e.g. a gap), by their key */
	noticed: Record<string, string>;
}

export type NoticeKind =
	/** the first poll: from when events are caught up (emitted so that n8n saves the cursor) */
	| 'started'
	/** OY's history no longer holds what happened in a period: events of it may be missing */
	| 'gap'
	/** the poll stopped at its request limit; the rest is read by the next polls */
	| 'moreRemaining'
	/** OY! gave no usable answer; asked again at the next poll */
	| 'unavailable'
	/** OY! does not know a watched id (said once; it is still asked about) */
	| 'notFound';

/** Something the workflow should know that is not an event (the trigger's second output). */
export interface CatchUpNotice {
	notice: NoticeKind;
	source: CatchUpSource | 'catchUp';
	message: string;
	/** the same for the same notice: a workflow can let each through once */
	dedupKey: string;
	at: string;
	details?: Record<string, unknown>;
}

/** A callback event found by reading OY's APIs: the webhook trigger's item, with what OY! answered. */
export interface CatchUpEvent extends CallbackEvent {
	source: 'catchUp';
	/** OY's answer the event was read from (a status answer, or a row of a VA's payments) */
	body: Record<string, unknown>;
}

export interface CatchUpOptions {
	sources: readonly CatchUpSource[];
	/** partner_trx_id of payouts to watch until they end */
	payoutIds: readonly string[];
	/** partner_tx_id of payment links and invoices to watch until they end */
	linkIds: readonly string[];
	/** partner_trx_id of e-wallet transactions to watch until they end */
	eWalletIds?: readonly string[];
	/** the settlement the first callback of a paid e-wallet transaction states (its dedup key carries it) */
	eWalletSettlement?: EWalletSettlement;
	/** requests to OY! per poll, at most */
	maxRequests: number;
	now: Date;
}

export interface CatchUpResult {
	events: CatchUpEvent[];
	notices: CatchUpNotice[];
	requests: number;
}

export interface CatchUpContext {
	reader: OyReader;
	budget: Budget;
	state: CatchUpState;
	now: string;
	events: CatchUpEvent[];
	notices: CatchUpNotice[];
}

/** Requests left in this poll. */
export class Budget {
	used = 0;

	constructor(readonly limit: number) {}

	get spent(): boolean {
		return this.used >= this.limit;
	}

	/** A reader that counts each request against the budget. */
	counting(reader: OyReader): OyReader {
		return {
			call: async (operationId, input) => {
				this.used++;
				return await reader.call(operationId, input);
			},
		};
	}
}
