/** Input checks of Create E-Wallet Transaction (OY API docs: API E-Wallet Aggregator › Create E-Wallet Transaction › request parameters) and Refund (OY API docs: API E-Wallet Aggregator › Refund E-Wallet Transaction › request parameters). */
import { EMAIL_PATTERN, isNonEmptyString, isOptionalString } from '../shared/validation.mjs';
import type { EwalletResponseCode } from './ewallet-codes.mjs';
import { EWALLET_ISSUERS, type EwalletCode, type EwalletIssuer } from './ewallet-issuers.mjs';
import type { EwalletOrder } from './ewallet-model.mjs';

const MIN_AMOUNT = 100;
const MAX_AMOUNT = 10_000_000;
/** "format 628xxxxxxxxxx" (OY API docs: API E-Wallet Aggregator › Create E-Wallet Transaction › request parameters). */
const MOBILE_NUMBER = /^628\d{6,12}$/;
/** "Accepts HTTP links and URL scheme formats" (OY API docs: API E-Wallet Aggregator › Create E-Wallet Transaction › request parameters). */
const URL_OR_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

export type Checked<T> = { ok: true; value: T } | { ok: false; code: EwalletResponseCode };

export interface CreateSettings extends EwalletOrder {
	issuer: EwalletIssuer;
	lifetimeMs: number;
}

/** BigDecimal in the table; OY!'s Java backend also reads a numeric string as a number. */
export function asAmount(value: unknown): number | undefined {
	const amount = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
	return typeof amount === 'number' && Number.isFinite(amount) ? amount : undefined;
}

const blank = (value: unknown) => value === undefined || value === null || value === '';

export function checkCreate(body: Record<string, unknown>): Checked<CreateSettings> {
	const invalid = { ok: false, code: '990' } as const;
	const amount = asAmount(body.amount);
	if (
		!isNonEmptyString(body.partner_trx_id) ||
		!isNonEmptyString(body.customer_id) ||
		!isOptionalString(body.sub_merchant_id) ||
		!isOptionalString(body.email) ||
		(!blank(body.email) && !EMAIL_PATTERN.test(body.email as string)) ||
		amount === undefined ||
		!Number.isInteger(amount) ||
		amount < MIN_AMOUNT ||
		amount > MAX_AMOUNT
	) {
		return invalid;
	}
	if (!isNonEmptyString(body.ewallet_code)) return invalid;
	const issuer = EWALLET_ISSUERS.get(body.ewallet_code);
	if (!issuer) return { ok: false, code: '250' };

	const mobile = blank(body.mobile_number) ? undefined : body.mobile_number;
	if (issuer.needsMobileNumber && mobile === undefined) return invalid;
	if (mobile !== undefined && !(typeof mobile === 'string' && MOBILE_NUMBER.test(mobile)))
		return invalid;
	const redirect = body.success_redirect_url;
	if (issuer.needsRedirectUrl && !(isNonEmptyString(redirect) && URL_OR_SCHEME.test(redirect)))
		return invalid;

	let lifetimeMs: number;
	if ('fixedMs' in issuer.lifetime) {
		// "Parameter is ignored" for OVO and LinkAja, whatever it holds.
		lifetimeMs = issuer.lifetime.fixedMs;
	} else {
		const { minMinutes, maxMinutes } = issuer.lifetime;
		const minutes = blank(body.expiration_time) ? maxMinutes : body.expiration_time;
		if (
			typeof minutes !== 'number' ||
			!Number.isInteger(minutes) ||
			minutes < minMinutes ||
			minutes > maxMinutes
		)
			return invalid;
		lifetimeMs = minutes * 60_000;
	}

	return {
		ok: true,
		value: {
			partner_trx_id: body.partner_trx_id,
			customer_id: body.customer_id,
			sub_merchant_id: (body.sub_merchant_id as string | undefined) || undefined,
			amount,
			email: (body.email as string | undefined) || undefined,
			ewallet_code: body.ewallet_code as EwalletCode,
			issuer,
			mobile_number: mobile as string | undefined,
			success_redirect_url: issuer.needsRedirectUrl ? (redirect as string) : undefined,
			lifetimeMs,
		},
	};
}
