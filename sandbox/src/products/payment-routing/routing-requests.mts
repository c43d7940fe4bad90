/**
 * Checks of Create Payment Routing (OY API docs: Payment Routing › Create and Update Payment Routing › request parameters and the tables after it), each failure
 * mapped to the code and message of "Payment Routing Response Codes" (OY API docs: Payment Routing response codes, status.code).
 */
import { DAY_MS, parseWibDateTime, startOfWibDay } from '../../core/formats.mjs';
import { DISBURSEMENT_BANK_CODES } from '../../reference/disbursement-bank-codes.mjs';
import {
	EMAIL_PATTERN,
	isEmailList,
	isNonEmptyString,
	isOptionalString,
} from '../shared/validation.mjs';
import {
	BANKS_NEEDING_CONTACT,
	BCA,
	EXPIRY_RULES,
	MAX_RECIPIENTS,
	MIN_AMOUNT,
	MIN_AMOUNT_BCA_UNIQUE_CODE,
	MIN_AMOUNT_CARDS,
	PAYMENT_METHODS,
	ROUTING_CODES,
	SOF_WITH_FRONTEND,
	SOF_WITHOUT_FRONTEND,
	type ExpiryRule,
	type PaymentMethod,
	type RoutingCode,
} from './routing-rules.mjs';

/** Where a transaction sends its payer: OY!'s hosted page, or one API-only channel. */
export type Route = 'payment-link' | 'va' | 'unique-code' | 'qris' | 'ewallet' | 'cards';

export interface RecipientRequest {
	recipient_bank: string;
	recipient_account: string;
	recipient_amount: number;
	recipient_email?: string;
	recipient_note?: string;
}

export interface RoutingRequest {
	partner_trx_id?: string;
	partner_user_id?: string;
	use_linked_account: boolean;
	need_frontend: boolean;
	methods: PaymentMethod[];
	sofs: string[];
	route: Route;
	receive_amount: number;
	sender_email?: string;
	full_name?: string;
	va_display_name?: string;
	trx_counter: number;
	success_redirect_url?: string;
	failed_redirect_url?: string;
	expiration: number;
	recipients: RecipientRequest[];
}

export interface RoutingEnvironment {
	now: number;
	/** Whether BCA bank transfers go to a BCA unique-code transfer instead of a VA (never in staging, OY API docs: Payment Routing: transaction expiration rules). */
	bcaUniqueCode: boolean;
	isLinked(partnerUserId: string, channelCode: string): boolean;
}

export type RoutingCheck = { ok: true; value: RoutingRequest } | { ok: false; code: RoutingCode };

function commaList(value: unknown): string[] | undefined {
	if (typeof value !== 'string') return undefined;
	const items = value.split(',').map((item) => item.trim());
	return items.every((item) => item !== '') && new Set(items).size === items.length
		? items
		: undefined;
}

function checkMethodsAndSofs(body: Record<string, unknown>, needFrontend: boolean) {
	const methods = commaList(body.list_enable_payment_method);
	if (
		!methods ||
		!methods.every((m): m is PaymentMethod => (PAYMENT_METHODS as string[]).includes(m)) ||
		(!needFrontend && methods.length !== 1)
	) {
		return { code: ROUTING_CODES.invalidMethods };
	}
	const sofs = commaList(body.list_enable_sof);
	const table = needFrontend ? SOF_WITH_FRONTEND : SOF_WITHOUT_FRONTEND;
	const allowed = (sof: string) => methods.some((method) => table[method].includes(sof));
	const everyMethodHasSof = methods.every((method) =>
		sofs?.some((sof) => table[method].includes(sof)),
	);
	if (!sofs || (!needFrontend && sofs.length !== 1) || !sofs.every(allowed) || !everyMethodHasSof)
		return { code: ROUTING_CODES.invalidSof };
	return { methods, sofs };
}

function routeOf(
	needFrontend: boolean,
	method: PaymentMethod,
	sof: string,
	bcaUniqueCode: boolean,
): Route {
	if (needFrontend) return 'payment-link';
	if (method === 'BANK_TRANSFER') return sof === BCA && bcaUniqueCode ? 'unique-code' : 'va';
	return ({ QRIS: 'qris', EWALLET: 'ewallet', CARDS: 'cards' } as const)[method];
}

function expiryRuleOf(route: Route, sof: string, linked: boolean): ExpiryRule {
	switch (route) {
		case 'qris':
			return EXPIRY_RULES.qris;
		case 'ewallet':
			if (linked) return EXPIRY_RULES.directPayment;
			return sof === 'linkaja_ewallet' ? EXPIRY_RULES.linkAja : EXPIRY_RULES.eWallet;
		case 'cards':
			return EXPIRY_RULES.cards;
		case 'unique-code':
			return EXPIRY_RULES.bcaUniqueCode;
		default:
			return EXPIRY_RULES.general;
	}
}

/** The next time it is `minuteOfDay` in UTC+7, at or after `now`. */
function nextWibTime(now: number, minuteOfDay: number): number {
	const today = startOfWibDay(now) + minuteOfDay * 60_000;
	return today >= now ? today : today + DAY_MS;
}

function checkExpiration(requested: unknown, rule: ExpiryRule, now: number): number | undefined {
	const latest =
		rule.latestWibMinute === undefined ? Infinity : nextWibTime(now, rule.latestWibMinute);
	if (rule.fixed || requested === undefined || requested === null || requested === '')
		return Math.min(now + rule.defaultMs, latest);
	const at = typeof requested === 'string' ? parseWibDateTime(requested) : NaN;
	if (Number.isNaN(at) || at - now < rule.minMs || at - now > rule.maxMs || at > latest)
		return undefined;
	return at;
}

function checkRecipients(
	value: unknown,
	receiveAmount: number,
): { recipients: RecipientRequest[] } | { code: RoutingCode } {
	if (value === undefined || value === null) return { recipients: [] };
	if (!Array.isArray(value) || value.length > MAX_RECIPIENTS)
		return { code: ROUTING_CODES.invalidConfig };
	let total = 0;
	for (const item of value as Record<string, unknown>[]) {
		if (item === null || typeof item !== 'object') return { code: ROUTING_CODES.invalidConfig };
		const email = item.recipient_email;
		if (
			email !== undefined &&
			email !== null &&
			email !== '' &&
			!(typeof email === 'string' && isEmailList(email, ' ', 5))
		) {
			return { code: ROUTING_CODES.invalidEmail };
		}
		const amount = item.recipient_amount;
		const wellFormed =
			typeof item.recipient_bank === 'string' &&
			DISBURSEMENT_BANK_CODES.has(item.recipient_bank) &&
			typeof item.recipient_account === 'string' &&
			/^\d{1,255}$/.test(item.recipient_account) &&
			typeof amount === 'number' &&
			Number.isSafeInteger(amount) &&
			amount > 0 &&
			isOptionalString(item.recipient_note);
		if (!wellFormed) return { code: ROUTING_CODES.invalidConfig };
		total += amount;
	}
	// The recipients are paid from what the payer sends: never more than that.
	if (total > receiveAmount) return { code: ROUTING_CODES.invalidConfig };
	const recipients = (value as Record<string, unknown>[]).map((item) => ({
		recipient_bank: item.recipient_bank as string,
		recipient_account: item.recipient_account as string,
		recipient_amount: item.recipient_amount as number,
		recipient_email: (item.recipient_email as string | undefined) || undefined,
		recipient_note: (item.recipient_note as string | undefined) || undefined,
	}));
	return { recipients };
}

export function checkCreateRouting(
	body: Record<string, unknown>,
	environment: RoutingEnvironment,
): RoutingCheck {
	const fail = (code: RoutingCode): RoutingCheck => ({ ok: false, code });
	const { now } = environment;
	if (typeof body.need_frontend !== 'boolean') return fail(ROUTING_CODES.invalidConfig);
	const needFrontend = body.need_frontend;
	const amount = body.receive_amount;
	if (amount === undefined || amount === null || amount === '')
		return fail(ROUTING_CODES.amountEmpty);
	const lists = checkMethodsAndSofs(body, needFrontend);
	if (!lists.methods) return fail(lists.code);
	const { methods, sofs } = lists;
	const route = routeOf(needFrontend, methods[0], sofs[0], environment.bcaUniqueCode);
	const minimum =
		route === 'cards'
			? MIN_AMOUNT_CARDS
			: route === 'unique-code'
				? MIN_AMOUNT_BCA_UNIQUE_CODE
				: MIN_AMOUNT;
	if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < minimum)
		return fail(ROUTING_CODES.amountInvalid);

	if (
		!isOptionalString(body.partner_trx_id) ||
		!isOptionalString(body.partner_user_id) ||
		!isOptionalString(body.va_display_name)
	) {
		return fail(ROUTING_CODES.invalidConfig);
	}
	const needsRedirect = route === 'ewallet' || route === 'cards';
	if (needsRedirect && !isNonEmptyString(body.success_redirect_url, 512))
		return fail(ROUTING_CODES.successRedirectEmpty);
	if (route === 'cards' && !isNonEmptyString(body.failed_redirect_url, 512))
		return fail(ROUTING_CODES.failedRedirectEmpty);

	if (
		body.use_linked_account !== undefined &&
		body.use_linked_account !== null &&
		typeof body.use_linked_account !== 'boolean'
	) {
		return fail(ROUTING_CODES.invalidConfig);
	}
	const linked = body.use_linked_account === true;
	const partnerUserId = (body.partner_user_id as string | undefined) || undefined;
	if (linked) {
		if (route !== 'ewallet' || sofs[0] !== 'shopeepay_ewallet')
			return fail(ROUTING_CODES.linkedAccountUnsupported);
		if (!partnerUserId || !environment.isLinked(partnerUserId, sofs[0]))
			return fail(ROUTING_CODES.invalidPartnerUserId);
	}
	if (route === 'unique-code' && partnerUserId) return fail(ROUTING_CODES.reusableVaUnsupported);

	const email = body.sender_email;
	if (
		email !== undefined &&
		email !== null &&
		email !== '' &&
		!(typeof email === 'string' && EMAIL_PATTERN.test(email))
	) {
		return fail(ROUTING_CODES.invalidEmail);
	}
	if (route === 'va' && BANKS_NEEDING_CONTACT.has(sofs[0])) {
		if (!isNonEmptyString(email)) return fail(ROUTING_CODES.invalidEmail);
		if (!isNonEmptyString(body.full_name)) return fail(ROUTING_CODES.invalidConfig);
	}
	if (!isOptionalString(body.full_name)) return fail(ROUTING_CODES.invalidConfig);

	const counter = body.trx_counter ?? (partnerUserId ? -1 : 1);
	if (
		typeof counter !== 'number' ||
		!Number.isSafeInteger(counter) ||
		(counter < 1 && counter !== -1)
	)
		return fail(ROUTING_CODES.invalidConfig);

	const rule = expiryRuleOf(route, sofs[0], linked);
	const expiration = checkExpiration(body.trx_expiration_time, rule, now);
	if (expiration === undefined) return fail(['400', rule.message]);

	const routing = checkRecipients(body.payment_routing, amount);
	if ('code' in routing) return fail(routing.code);

	return {
		ok: true,
		value: {
			partner_trx_id: (body.partner_trx_id as string | undefined) || undefined,
			partner_user_id: route === 'va' || linked ? partnerUserId : undefined,
			use_linked_account: linked,
			need_frontend: needFrontend,
			methods,
			sofs,
			route,
			receive_amount: amount,
			sender_email: (email as string | undefined) || undefined,
			full_name: (body.full_name as string | undefined) || undefined,
			va_display_name: (body.va_display_name as string | undefined) || undefined,
			trx_counter: counter,
			success_redirect_url: (body.success_redirect_url as string | undefined) || undefined,
			failed_redirect_url: (body.failed_redirect_url as string | undefined) || undefined,
			expiration,
			recipients: routing.recipients,
		},
	};
}
