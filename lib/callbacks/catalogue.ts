import { isRecord } from '../json';
import { accountLinkingCallback } from './kinds/accountLinking';
import { accountStatementCallback } from './kinds/accountStatement';
import { apiOfflineCallback } from './kinds/apiOffline';
import { billPaymentCallback } from './kinds/billPayment';
import { disbursementCallback } from './kinds/disbursement';
import { eWalletPaymentCallback, eWalletRefundCallback } from './kinds/eWallet';
import { paymentLinkCallback } from './kinds/paymentLink';
import { paymentRoutingCallback } from './kinds/paymentRouting';
import { vaPaymentCallback } from './kinds/vaPayment';
import { whatsappStatusCallback } from './kinds/whatsappStatus';
import { matchesShape } from './shape';
import type { CallbackDefinition, CallbackKind, CallbackReading } from './types';

/** Every OY! callback; a body is recognised by its documented shape, never by one field alone. */
export const CALLBACKS: readonly CallbackDefinition[] = [
	disbursementCallback,
	vaPaymentCallback,
	paymentLinkCallback,
	apiOfflineCallback,
	eWalletPaymentCallback,
	eWalletRefundCallback,
	paymentRoutingCallback,
	whatsappStatusCallback,
	billPaymentCallback,
	accountLinkingCallback,
	accountStatementCallback,
];

const BY_KIND = new Map(CALLBACKS.map((definition) => [definition.kind, definition]));

export function getCallback(kind: CallbackKind): CallbackDefinition {
	const definition = BY_KIND.get(kind);
	if (!definition) throw new Error(`Unknown OY! callback: ${kind}`);
	return definition;
}

export type Recognition =
	| { definition: CallbackDefinition }
	/** the body carries the full shape of several kinds, none of which alone OY! can confirm */
	| { ambiguous: CallbackKind[] }
	| { unknown: true };

/**
 * Which callback a body is: the kind whose whole documented shape it carries. A body that carries
 * the shapes of several kinds is read as the one kind OY! can confirm, and otherwise recognised as
 * none (a forger could dress a payment up as a kind nobody confirms). The undocumented account
 * statement is recognised only when no documented shape matches.
 */
export function classifyCallback(body: unknown): Recognition {
	if (!isRecord(body)) return { unknown: true };
	const matches = CALLBACKS.filter(
		(definition) => definition.shape && matchesShape(body, definition.shape),
	);
	if (matches.length === 1) return { definition: matches[0] };
	if (matches.length > 1) {
		const confirmable = matches.filter((definition) => definition.confirm);
		if (confirmable.length === 1) return { definition: confirmable[0] };
		return { ambiguous: matches.map((definition) => definition.kind) };
	}
	const fallback = CALLBACKS.find((definition) => definition.fallback?.(body));
	return fallback ? { definition: fallback } : { unknown: true };
}

/** Which callback a payload is, or undefined when it is none this package knows (or ambiguous). */
export function recogniseCallback(body: unknown): CallbackDefinition | undefined {
	const recognition = classifyCallback(body);
	return 'definition' in recognition ? recognition.definition : undefined;
}

/** Recognises a payload and reads it, or undefined when it is no OY! callback this package knows. */
export function readCallback(
	body: unknown,
): { definition: CallbackDefinition; reading: CallbackReading } | undefined {
	const definition = recogniseCallback(body);
	if (!definition || !isRecord(body)) return undefined;
	return { definition, reading: definition.read(body) };
}
