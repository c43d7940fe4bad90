import { isFinal } from '../outcomes';
import { rupiah, text } from './fields';
import type { OyResult } from '../types';
import type {
	CallbackDefinition,
	CallbackReading,
	ConfirmContext,
	ConfirmedState,
	ConfirmPlan,
} from './types';

/**
 * What OY's status API says about a callback:
 * - confirmed: OY! knows the transaction in the state the callback reports, or further on (its state wins)
 * - mismatch: OY! does not know it, or knows it otherwise (refused: a forgery or an error)
 * - unavailable: OY! could not be asked or did not answer clearly (refused for now; OY! sends it again)
 * - unconfirmable: the callback lacks what the status API needs, so OY! cannot be asked at all
 *   (OY's own e-wallet example has no partner_trx_id); says nothing about the callback's truth
 */
export type Confirmation =
	| {
			verdict: 'confirmed';
			confirmed: ConfirmedState;
			advanced: boolean;
			notCovered: readonly string[];
	  }
	| { verdict: 'mismatch'; reason: string; confirmed?: ConfirmedState }
	| { verdict: 'unavailable'; reason: string }
	| { verdict: 'unconfirmable'; reason: string };

/** Why a status answer cannot speak for the transaction, or undefined when it can. */
export function unanswered(
	result: OyResult,
	notFound: (result: OyResult) => boolean,
): string | undefined {
	if (notFound(result)) return undefined;
	if (result.outcome === 'unknown' || result.outcome === 'rejected') {
		const code = result.code ? ` (OY! code ${result.code})` : '';
		return `${result.meaning}${code}`;
	}
	return undefined;
}

export interface StatusAnswerReading {
	/** this status answer means "no such transaction" */
	notFound(result: OyResult): boolean;
	/** the state as OY! wrote it (lib's classification of the answer gives the outcome) */
	status(result: OyResult): string | null;
	amount?(body: unknown): number | null;
	settlementStatus?(body: unknown): string | null;
	partnerTrxId?(body: unknown): string | null;
	oyTrxId?(body: unknown): string | null;
	notCovered?: readonly string[];
}

/** Reads one status answer, already classified by lib's client, into OY's account of the transaction. */
export function readStatusAnswer(
	result: OyResult,
	how: StatusAnswerReading,
): ConfirmedState | { unavailable: string } {
	const problem = unanswered(result, how.notFound);
	if (problem !== undefined) return { unavailable: problem };
	const found = !how.notFound(result);
	const body = result.body;
	return {
		found,
		status: found ? how.status(result) : null,
		outcome: result.outcome,
		statusMeaning: result.meaning,
		amount: found ? (how.amount?.(body) ?? null) : null,
		settlementStatus: found ? (how.settlementStatus?.(body) ?? null) : null,
		partnerTrxId: found ? (how.partnerTrxId?.(body) ?? null) : null,
		oyTrxId: found ? (how.oyTrxId?.(body) ?? null) : null,
		notCovered: how.notCovered,
	};
}

/** A plan that reads one status operation with an input taken from the callback. */
export function singleStatusCheck(
	operation: string,
	input: (
		reading: CallbackReading,
		body: Record<string, unknown>,
	) => Record<string, unknown> | { problem: string },
	how: StatusAnswerReading,
): ConfirmPlan {
	return {
		operations: [operation],
		async read(reading, body, context) {
			const built = input(reading, body);
			if (typeof built.problem === 'string') return { problem: built.problem };
			const result = await context.reader.call(operation, built);
			const state = readStatusAnswer(result, how);
			return 'unavailable' in state ? { problem: state.unavailable, unavailable: true } : state;
		},
	};
}

/**
 * The usual check: the status operation takes the callback's `partner_trx_id`, answers 204 when
 * OY! has no such transaction, and carries `amount`, `partner_trx_id` and `trx_id` at the top.
 */
export function partnerTrxStatusCheck(
	operation: string,
	options: {
		/** where the state is: OY's status code, or the operation's state field */
		status: 'code' | 'state';
		extraInput?: Record<string, unknown>;
		amount?: (body: unknown) => number | null;
		settlementStatus?: (body: unknown) => string | null;
		notCovered?: readonly string[];
	},
): ConfirmPlan {
	return singleStatusCheck(
		operation,
		(claim) => byId('partner_trx_id', claim.partnerTrxId, options.extraInput),
		{
			notFound: (result) => result.code === '204',
			status: (result) => (options.status === 'code' ? result.code : (result.state ?? null)),
			amount: options.amount ?? ((body) => rupiah(body, 'amount')),
			settlementStatus: options.settlementStatus,
			partnerTrxId: (body) => text(body, 'partner_trx_id'),
			oyTrxId: (body) => text(body, 'trx_id'),
			notCovered: options.notCovered,
		},
	);
}

/** The input `{ [field]: id }` when the callback carries the id, or the problem that it does not. */
export function byId(field: string, id: string | null, extra: Record<string, unknown> = {}) {
	return id === null
		? { problem: `the callback carries no ${field}, so OY! cannot be asked about it` }
		: { [field]: id, ...extra };
}

const SETTLEMENT_RANK: Record<string, number> = { WAITING: 1, SUCCESS: 2 };

function differs(claimed: string | null, confirmed: string | null): boolean {
	return claimed !== null && confirmed !== null && claimed !== confirmed;
}

/**
 * Compares a callback's claim with OY's confirmed state. OY's state wins: a callback that reports
 * less than OY! knows (a pending after the payment) is confirmed with OY's state; one that reports
 * more, or something else, is a mismatch.
 */
export function compareWithOy(claim: CallbackReading, confirmed: ConfirmedState): Confirmation {
	const mismatch = (reason: string): Confirmation => ({ verdict: 'mismatch', reason, confirmed });
	if (!confirmed.found) return mismatch('OY! has no such transaction');
	if (differs(claim.partnerTrxId, confirmed.partnerTrxId)) {
		return mismatch(
			`the partner id is ${String(claim.partnerTrxId)}, OY! says ${String(confirmed.partnerTrxId)}`,
		);
	}
	if (differs(claim.oyTrxId, confirmed.oyTrxId)) {
		return mismatch(
			`OY's transaction id is ${String(claim.oyTrxId)}, OY! says ${String(confirmed.oyTrxId)}`,
		);
	}
	if (claim.amount !== null && confirmed.amount !== null && claim.amount !== confirmed.amount) {
		return mismatch(`the amount is ${claim.amount}, OY! says ${confirmed.amount}`);
	}
	const claimedFinal = isFinal(claim.outcome);
	const confirmedFinal = isFinal(confirmed.outcome);
	if (claim.outcome !== confirmed.outcome && (claimedFinal || !confirmedFinal)) {
		return mismatch(
			`the callback reports ${claim.status || 'no status'} (${claim.outcome}), OY! says ${confirmed.status ?? 'no status'} (${confirmed.outcome})`,
		);
	}
	const notCovered = [...(confirmed.notCovered ?? [])];
	const claimedRank = SETTLEMENT_RANK[(claim.settlementStatus ?? '').toUpperCase()] ?? 0;
	const confirmedRank = SETTLEMENT_RANK[(confirmed.settlementStatus ?? '').toUpperCase()] ?? 0;
	if (claimedRank > 0 && confirmed.settlementStatus === null) {
		if (!notCovered.includes('settlement_status')) notCovered.push('settlement_status');
	} else if (claimedRank > confirmedRank) {
		return mismatch(
			`the callback reports settlement ${String(claim.settlementStatus)}, OY! says ${String(confirmed.settlementStatus)}`,
		);
	}
	const advanced = claim.outcome !== confirmed.outcome || confirmedRank > claimedRank;
	return { verdict: 'confirmed', confirmed, advanced, notCovered };
}

/** Asks OY! about a callback and compares its answer with the claim. */
export async function confirmCallback(
	definition: CallbackDefinition,
	claim: CallbackReading,
	body: Record<string, unknown>,
	context: ConfirmContext,
): Promise<Confirmation> {
	const plan = definition.confirm;
	if (!plan)
		return {
			verdict: 'unavailable',
			reason: `OY! offers no status API for ${definition.name} callbacks`,
		};
	let state: Awaited<ReturnType<ConfirmPlan['read']>>;
	try {
		state = await plan.read(claim, body, context);
	} catch (error) {
		return { verdict: 'unavailable', reason: `asking OY! failed: ${(error as Error).message}` };
	}
	if ('problem' in state) {
		return state.unavailable
			? { verdict: 'unavailable', reason: state.problem }
			: { verdict: 'unconfirmable', reason: state.problem };
	}
	return compareWithOy(claim, state);
}
