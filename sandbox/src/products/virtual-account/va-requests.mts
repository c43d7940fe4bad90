/**
 * Checks of Create / Update (Customized) VA requests, in the order the sandbox applies them. Each
 * returns the documented code for the first problem, or the settings to apply.
 */
import {
	EMAIL_PATTERN,
	isNonEmptyString,
	isOptionalBoolean,
	isOptionalString,
	isWholeNumber,
} from '../shared/validation.mjs';
import { VA_CODES, type VaCode } from './va-codes.mjs';
import { MIN_CLOSED_AMOUNT, VA_BANKS, type VaBank } from './va-banks.mjs';

const MINUTE = 60_000;
const DEFAULT_VA_MINUTES = 24 * 60;

export type Checked<T> = { ok: true; value: T } | { ok: false; code: VaCode };
const fail = (code: VaCode): { ok: false; code: VaCode } => ({ ok: false, code });

/** A duration in minutes as the VA requests take it: a whole number ≥ 0, or absent. */
function isOptionalMinutes(value: unknown): value is number | undefined | null {
	return value === undefined || value === null || (isWholeNumber(value) && value >= 0);
}

function isOptionalAmount(value: unknown): value is number | undefined | null {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'number' && Number.isFinite(value) && value >= 0)
	);
}

function isBadEmail(email: unknown): boolean {
	return email != null && email !== '' && !(typeof email === 'string' && EMAIL_PATTERN.test(email));
}

/** Fields that Create and Update of both VA kinds share. */
function sharedFieldsWellFormed(body: Record<string, unknown>): boolean {
	return (
		isOptionalAmount(body.amount) &&
		isOptionalMinutes(body.trx_expiration_time) &&
		isOptionalString(body.username_display) &&
		isOptionalString(body.partner_trx_id)
	);
}

function createFieldsWellFormed(body: Record<string, unknown>): boolean {
	return (
		isNonEmptyString(body.partner_user_id) &&
		isNonEmptyString(body.bank_code, 3) &&
		isOptionalBoolean(body.is_open) &&
		sharedFieldsWellFormed(body)
	);
}

/** Fields only static VAs have. */
function staticFieldsWellFormed(body: Record<string, unknown>): boolean {
	return (
		isOptionalBoolean(body.is_single_use) &&
		isOptionalBoolean(body.is_lifetime) &&
		isOptionalMinutes(body.expiration_time) &&
		(body.trx_counter == null || (isWholeNumber(body.trx_counter) && body.trx_counter >= -1))
	);
}

/** A new amount on an update must still suit a closed VA. */
function checkNewAmount(bank: VaBank, isOpen: boolean, amount: unknown): VaCode | undefined {
	if (amount == null || isOpen) return undefined;
	const checked = checkAmount(bank, false, amount);
	return checked.ok ? undefined : checked.code;
}

function contactProblem(bank: VaBank, email: unknown, fullName: unknown): VaCode | undefined {
	if (bank.needsEmailAndName && (!isNonEmptyString(email) || !isNonEmptyString(fullName)))
		return VA_CODES.nameAndEmailRequired;
	if (isBadEmail(email)) return VA_CODES.nameOrEmailInvalid;
	if (fullName != null && !isOptionalString(fullName)) return VA_CODES.nameOrEmailInvalid;
	return undefined;
}

/** The VA's window: expiry and transaction expiry as epoch ms (or -1), from minutes given at `now`. */
export interface VaWindow {
	expiration: number;
	trx_expiration: number;
	is_lifetime: boolean;
}

/**
 * Expiry rules shared by create and update: `expiration_time` minutes (default 24 h), `is_lifetime`,
 * `trx_expiration_time` minutes (default: the VA's expiry; never beyond it: 226), BSI's maximum,
 * CIMB/Permata's 10-minute minimum (245).
 */
function checkWindow(bank: VaBank, body: Record<string, unknown>, now: number): Checked<VaWindow> {
	const isLifetime = body.is_lifetime === true;
	if (isLifetime && !bank.lifetimeSupported) return fail(VA_CODES.invalidFormat);
	const minutes = (body.expiration_time as number | undefined | null) ?? DEFAULT_VA_MINUTES;
	if (!isLifetime && bank.minExpiryMinutes && minutes < bank.minExpiryMinutes)
		return fail(VA_CODES.minimumExpiry);
	if (!isLifetime && bank.maxExpiryMinutes && minutes > bank.maxExpiryMinutes)
		return fail(VA_CODES.invalidFormat);
	const expiration = isLifetime ? -1 : now + minutes * MINUTE;
	const trxMinutes = body.trx_expiration_time as number | undefined | null;
	const trxExpiration = trxMinutes == null ? expiration : now + trxMinutes * MINUTE;
	if (expiration !== -1 && (trxExpiration === -1 || trxExpiration > expiration))
		return fail(VA_CODES.trxExpiryExceedsVa);
	return {
		ok: true,
		value: { expiration, trx_expiration: trxExpiration, is_lifetime: isLifetime },
	};
}

export interface StaticVaSettings extends VaWindow {
	bank: VaBank;
	amount: number;
	is_open: boolean;
	is_single_use: boolean;
	trx_counter: number;
}

/** Create VA (OY API docs: VA Aggregator › Create VA). */
export function checkCreateStatic(
	body: Record<string, unknown>,
	now: number,
): Checked<StaticVaSettings> {
	if (!createFieldsWellFormed(body) || !staticFieldsWellFormed(body))
		return fail(VA_CODES.invalidFormat);
	const bank = VA_BANKS.get(body.bank_code as string);
	if (!bank) return fail(VA_CODES.bankNotAvailable);
	const contact = contactProblem(bank, body.email, body.full_name);
	if (contact) return fail(contact);
	const amount = checkAmount(bank, body.is_open !== false, body.amount);
	if (!amount.ok) return amount;
	const window = checkWindow(bank, body, now);
	if (!window.ok) return window;
	const isSingleUse = body.is_single_use === true;
	return {
		ok: true,
		value: {
			...window.value,
			bank,
			amount: amount.value,
			is_open: body.is_open !== false,
			is_single_use: isSingleUse,
			trx_counter: (body.trx_counter as number | undefined) ?? (isSingleUse ? 1 : -1),
		},
	};
}

function checkAmount(bank: VaBank, isOpen: boolean, amount: unknown): Checked<number> {
	if (isOpen && bank.closedAmountOnly) return fail(VA_CODES.amountTypeNotSupported);
	if (isOpen) return { ok: true, value: (amount as number | undefined) ?? 0 };
	if (amount == null || amount === 0) return fail(VA_CODES.invalidFormat);
	if ((amount as number) < MIN_CLOSED_AMOUNT) return fail(VA_CODES.amountTooLow);
	return { ok: true, value: amount as number };
}

/**
 * Update VA (OY API docs: VA Aggregator › Update VA › request parameters). The docs give defaults for omitted fields ("if empty VA will be
 * expired in 24 hour", is_single_use false, is_lifetime false, trx_counter -1/1) and the guide says
 * the previous configuration is overridden, so an update replaces those settings; amount,
 * username_display, email and partner_trx_id are kept when omitted.
 */
export function checkUpdateStatic(
	body: Record<string, unknown>,
	bank: VaBank,
	isOpen: boolean,
	now: number,
): Checked<Omit<StaticVaSettings, 'bank' | 'is_open'> & { deactivate: boolean }> {
	if (!sharedFieldsWellFormed(body) || !staticFieldsWellFormed(body))
		return fail(VA_CODES.invalidFormat);
	if (isBadEmail(body.email)) return fail(VA_CODES.nameOrEmailInvalid);
	const isSingleUse = body.is_single_use === true;
	const base = {
		amount: -1,
		is_single_use: isSingleUse,
		trx_counter: (body.trx_counter as number | undefined) ?? (isSingleUse ? 1 : -1),
	};
	if (body.expiration_time === 0) {
		return {
			ok: true,
			value: { ...base, expiration: 0, trx_expiration: 0, is_lifetime: false, deactivate: true },
		};
	}
	const amountProblem = checkNewAmount(bank, isOpen, body.amount);
	if (amountProblem) return fail(amountProblem);
	const expireTrxNow = body.trx_expiration_time === 0;
	const window = checkWindow(
		bank,
		expireTrxNow ? { ...body, trx_expiration_time: undefined } : body,
		now,
	);
	if (!window.ok) return window;
	const trxExpiration = expireTrxNow ? now : window.value.trx_expiration;
	return {
		ok: true,
		value: { ...base, ...window.value, trx_expiration: trxExpiration, deactivate: false },
	};
}

export interface CustomVaSettings {
	bank: VaBank;
	amount: number;
	is_open: boolean;
	trx_expiration: number;
	suffix: string;
}

/** Create Customized VA (OY API docs: VA Aggregator › Create Customized VA › request parameters). Without `trx_expiration_time` there is no transaction expiry. */
export function checkCreateCustom(
	body: Record<string, unknown>,
	now: number,
): Checked<CustomVaSettings> {
	if (!createFieldsWellFormed(body) || body.va_suffix === undefined)
		return fail(VA_CODES.invalidFormat);
	const bank = VA_BANKS.get(body.bank_code as string);
	if (!bank || !bank.customVa) return fail(VA_CODES.bankNotAvailable);
	if (typeof body.va_suffix !== 'string' || !/^\d{10,12}$/.test(body.va_suffix))
		return fail(VA_CODES.suffixInvalid);
	if (isBadEmail(body.email)) return fail(VA_CODES.nameOrEmailInvalid);
	const amount = checkAmount(bank, body.is_open !== false, body.amount);
	if (!amount.ok) return amount;
	const minutes = body.trx_expiration_time as number | undefined | null;
	return {
		ok: true,
		value: {
			bank,
			amount: amount.value,
			is_open: body.is_open !== false,
			trx_expiration: minutes == null ? -1 : now + minutes * MINUTE,
			suffix: body.va_suffix,
		},
	};
}

/** Update Customized VA (OY API docs: VA Aggregator › Update Customized VA › request parameters): `trx_expiration_time: 0` expires the transaction now. */
export function checkUpdateCustom(
	body: Record<string, unknown>,
	bank: VaBank,
	isOpen: boolean,
	now: number,
): Checked<{ trx_expiration?: number }> {
	if (!sharedFieldsWellFormed(body)) return fail(VA_CODES.invalidFormat);
	if (isBadEmail(body.email)) return fail(VA_CODES.nameOrEmailInvalid);
	const amountProblem = checkNewAmount(bank, isOpen, body.amount);
	if (amountProblem) return fail(amountProblem);
	const minutes = body.trx_expiration_time as number | undefined | null;
	return {
		ok: true,
		value: { trx_expiration: minutes == null ? undefined : now + minutes * MINUTE },
	};
}
