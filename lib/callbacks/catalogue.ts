import { isRecord } from '../envelopes';
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
import type { CallbackDefinition, CallbackKind, CallbackReading } from './types';

/**
 * Every OY! callback, in the order payloads are recognised: the most specific marks first
 * (`refund_id`, `va_number`, `message_id`, `payment_status` …), the undocumented account-statement
 * callback last, because it is recognised liberally.
 */
export const CALLBACKS: readonly CallbackDefinition[] = [
	eWalletRefundCallback,
	vaPaymentCallback,
	whatsappStatusCallback,
	paymentRoutingCallback,
	paymentLinkCallback,
	billPaymentCallback,
	apiOfflineCallback,
	disbursementCallback,
	eWalletPaymentCallback,
	accountLinkingCallback,
	accountStatementCallback,
];

/** The callbacks in the docs' order, for lists shown to people. */
export const CALLBACKS_IN_DOCS_ORDER: readonly CallbackDefinition[] = [
	disbursementCallback,
	vaPaymentCallback,
	paymentLinkCallback,
	apiOfflineCallback,
	accountStatementCallback,
	eWalletPaymentCallback,
	eWalletRefundCallback,
	paymentRoutingCallback,
	whatsappStatusCallback,
	billPaymentCallback,
	accountLinkingCallback,
];

const BY_KIND = new Map(CALLBACKS.map((definition) => [definition.kind, definition]));

export function getCallback(kind: CallbackKind): CallbackDefinition {
	const definition = BY_KIND.get(kind);
	if (!definition) throw new Error(`Unknown OY! callback: ${kind}`);
	return definition;
}

/** Which callback a payload is, or undefined when it is none this package knows. */
export function recogniseCallback(body: unknown): CallbackDefinition | undefined {
	if (!isRecord(body)) return undefined;
	return CALLBACKS.find((definition) => definition.recognise(body));
}

/** Recognises a payload and reads it, or undefined when it is no OY! callback this package knows. */
export function readCallback(body: unknown): { definition: CallbackDefinition; reading: CallbackReading } | undefined {
	const definition = recogniseCallback(body);
	if (!definition || !isRecord(body)) return undefined;
	return { definition, reading: definition.read(body) };
}
