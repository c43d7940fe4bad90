import type { Outcome, OyResult } from '../types';
import type { Shape } from './shape';

/** The 11 callbacks of OY's docs (catalogue parts A–D). */
export type CallbackKind =
	| 'disbursement'
	| 'vaPayment'
	| 'paymentLink'
	| 'eWalletPayment'
	| 'eWalletRefund'
	| 'paymentRouting'
	| 'apiOffline'
	| 'accountStatement'
	| 'billPayment'
	| 'whatsappStatus'
	| 'accountLinking';

/** What a callback says about its transaction, read into lib's vocabulary. */
export interface CallbackReading {
	/** the id that names the transaction across its callbacks (for dedup and late-pending checks) */
	transactionId: string | null;
	/** the partner's own id (`partner_trx_id` or `partner_tx_id`) */
	partnerTrxId: string | null;
	/** OY's id of the transaction (`trx_id`, `tx_ref_number`, `tx_id`, `refund_id` …) */
	oyTrxId: string | null;
	/** whole rupiah, or null when the callback carries none (or a fraction) */
	amount: number | null;
	/** the status exactly as OY! wrote it (a code, a state, a boolean turned into a word) */
	status: string;
	outcome: Outcome;
	/** our reading of the status */
	statusMeaning: string;
	/** settlement of money already received (`WAITING`, `SUCCESS`), when the callback carries it */
	settlementStatus: string | null;
	/** when the reported change happened, ISO-8601 UTC, when the callback says */
	occurredAt: string | null;
	/** the callback's other fields, normalized (camelCase, dates ISO-8601 UTC, amounts whole rupiah) */
	details: Record<string, unknown>;
}

/** OY's own account of the transaction, from its status API. */
export interface ConfirmedState {
	/** false: OY! has no such transaction (its "not found" answer) */
	found: boolean;
	status: string | null;
	outcome: Outcome;
	statusMeaning: string;
	amount: number | null;
	settlementStatus: string | null;
	/** ids OY! reported, compared with the callback's when both are known */
	partnerTrxId: string | null;
	oyTrxId: string | null;
	/** fields this status API cannot speak for (e.g. the e-wallet settlement) */
	notCovered?: readonly string[];
	/** what OY's answer adds to the callback's details (e.g. the VA's id, which the callback lacks) */
	details?: Record<string, unknown>;
}

/** The status calls a confirmation may make; lib's OyClient is one. */
export interface OyReader {
	call(operationId: string, input: Record<string, unknown>): Promise<OyResult>;
}

/** A small remembered map (the node keeps it in the workflow's static data). */
export interface KeyValueStore {
	get(key: string): string | undefined;
	set(key: string, value: string): void;
}

export interface ConfirmContext {
	reader: OyReader;
	/** remembers lookups between callbacks (e.g. a VA number's id) */
	cache?: KeyValueStore;
}

export interface ConfirmProblem {
	problem: string;
	unavailable?: boolean;
}

/** How one kind of callback is confirmed with OY's status API. */
export interface ConfirmPlan {
	/** the lib operations it reads */
	operations: readonly string[];
	/**
	 * Reads OY's state of the transaction the callback names. Returns a problem when the callback
	 * lacks what the status API needs (nothing is asked then), or, marked `unavailable`, when OY!
	 * gave no usable answer.
	 */
	read(
		reading: CallbackReading,
		body: Record<string, unknown>,
		context: ConfirmContext,
	): Promise<ConfirmedState | ConfirmProblem>;
}

export interface CallbackDefinition {
	kind: CallbackKind;
	/** Title Case name for the events list */
	name: string;
	/** OY! product as the docs name it */
	product: string;
	description: string;
	/** moves money: confirmed with OY! by default */
	money: boolean;
	/** where the partner gives OY! the URL (dashboard field, or OY! support) */
	setup: string;
	/** where the docs define the callback */
	docs: string;
	/**
	 * The fields this kind always carries, with their types (its documented shape); a body is this
	 * kind only when it carries all of them. Absent for the undocumented account statement.
	 */
	shape?: Shape;
	/** recognises a body that no documented shape matches (the undocumented account statement) */
	fallback?(body: Record<string, unknown>): boolean;
	/**
	 * What names this callback's news beyond its transaction (e.g. a new linking of the same user);
	 * the transaction id when absent, a digest of the body when there is none.
	 */
	dedupId?(body: Record<string, unknown>): string | null;
	read(body: Record<string, unknown>): CallbackReading;
	/** absent when OY! offers no status API for it */
	confirm?: ConfirmPlan;
}
