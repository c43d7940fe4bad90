/**
 * Checks of Create Payment Link (OY API docs: Payment Checkout › Create Payment Link (v2) › request parameters) and Create Invoice Link (OY API docs: Payment Checkout › Create Invoice Link › request parameters).
 * Failures carry a message only: the docs give no codes for this product, just `status: false`.
 */
import { parseWibDateTime } from '../../core/formats.mjs';
import { isEmailList } from '../shared/validation.mjs';
import type { InvoiceDetails, InvoiceItem, LinkSettings } from './link-model.mjs';

const DAY_MS = 86_400_000;
const MIN_AMOUNT = 10_000;
/** "Only accepts alphabets (A-Z), numeric (0-9) and space." */
const ALPHANUMERIC_AND_SPACES = /^[A-Za-z0-9 ]*$/;
const LETTERS_AND_SPACES = /^[A-Za-z ]+$/;
const PAYMENT_METHODS = new Set(['VA', 'CREDIT_CARD', 'QRIS', 'EWALLET', 'BANK_TRANSFER']);
/** The bank list prints "213" for BSI too; BSI's code is 451 everywhere else in the docs, so both are taken. */
const BANKS = new Set(['002', '008', '009', '013', '022', '213', '014', '451']);
const E_WALLETS = new Set(['shopeepay_ewallet', 'dana_ewallet', 'linkaja_ewallet', 'ovo_ewallet']);
/** A base64 PDF of at most 2 MB (OY API docs: Payment Checkout › Create Invoice Link › request parameters). */
const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

export type LinkCheck<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * OY!'s own samples send `"amount": "30000"` and `"is_open": "true"`; its Java backend reads them
 * as numbers and booleans, so the sandbox does too.
 */
function asNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
	return undefined;
}

function asBoolean(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	return undefined;
}

function asText(value: unknown): string | undefined {
	if (value === undefined || value === null) return '';
	return typeof value === 'string' ? value : undefined;
}

function codeList(value: string, allowed: Set<string>): string[] | undefined {
	const codes = value
		.split(',')
		.map((code) => code.trim())
		.filter((code) => code !== '');
	return codes.every((code) => allowed.has(code)) ? codes : undefined;
}

export function checkLink(
	body: Record<string, unknown>,
	now: number,
	isInvoice: boolean,
): LinkCheck<LinkSettings> {
	const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });
	const partnerTxId = asText(body.partner_tx_id);
	const description = asText(body.description);
	const notes = asText(body.notes);
	const senderName = asText(body.sender_name);
	const email = asText(body.email);
	const phone =
		body.phone_number === undefined || body.phone_number === null ? '' : String(body.phone_number);
	const vaDisplayName = asText(body.va_display_name);
	const childBalance = asText(body.child_balance);
	const amount = asNumber(body.amount);
	const isOpen = asBoolean(body.is_open);
	const includeAdminFee = asBoolean(body.include_admin_fee);
	const disabled = asText(body.list_disabled_payment_methods);
	const banks = asText(body.list_enabled_banks);
	const eWallets = asText(body.list_enabled_ewallet);

	if (partnerTxId === undefined || !/^[A-Za-z0-9]*$/.test(partnerTxId))
		return fail('partner_tx_id only accepts alphanumerics');
	if (!senderName || !LETTERS_AND_SPACES.test(senderName))
		return fail('sender_name only accepts alphabets and space and cannot be empty');
	for (const [name, value] of [
		['description', description],
		['notes', notes],
		['va_display_name', vaDisplayName],
	] as const) {
		if (value === undefined || !ALPHANUMERIC_AND_SPACES.test(value))
			return fail(`${name} only accepts alphabets, numeric and space`);
	}
	if (amount === undefined || !Number.isSafeInteger(amount))
		return fail('amount must be an integer');
	if (amount < MIN_AMOUNT) return fail(`amount must be at least ${MIN_AMOUNT}`);
	if (isOpen === undefined) return fail('is_open is required and must be a boolean');
	if (includeAdminFee === undefined)
		return fail('include_admin_fee is required and must be a boolean');
	if (!isOpen && !partnerTxId) return fail('partner_tx_id is required when is_open is false');
	if (email === undefined || (email !== '' && !isEmailList(email, ';', 3)))
		return fail('email must be up to 3 addresses separated by ";"');
	if (!/^\d*$/.test(phone)) return fail('phone_number only accepts digits');
	if (childBalance === undefined) return fail('child_balance must be a string');
	const disabledList = disabled === undefined ? undefined : codeList(disabled, PAYMENT_METHODS);
	if (!disabledList)
		return fail(
			'list_disabled_payment_methods only accepts VA, CREDIT_CARD, QRIS, EWALLET, BANK_TRANSFER',
		);
	const stillEnabled = ['VA', 'CREDIT_CARD', 'QRIS', 'EWALLET'].filter(
		(method) =>
			!disabledList.includes(method) &&
			!(method === 'VA' && disabledList.includes('BANK_TRANSFER')),
	);
	if (stillEnabled.length === 0) return fail('at least 1 payment method must be enabled');
	if (banks === undefined || !codeList(banks, BANKS))
		return fail('list_enabled_banks has a bank code that is not eligible');
	if (eWallets === undefined || !codeList(eWallets, E_WALLETS))
		return fail('list_enabled_ewallet has an e-wallet that is not eligible');

	const expiration =
		body.expiration == null || body.expiration === ''
			? now + DAY_MS
			: parseWibDateTime(String(body.expiration));
	if (Number.isNaN(expiration)) return fail('expiration must be yyyy-MM-dd HH:mm:ss');
	const dueDate =
		body.due_date == null || body.due_date === ''
			? expiration
			: parseWibDateTime(String(body.due_date));
	if (Number.isNaN(dueDate)) return fail('due_date must be yyyy-MM-dd HH:mm:ss');
	if (dueDate > expiration) return fail('due_date should be equal or before expiration');

	let invoice: InvoiceDetails | null = null;
	if (isInvoice) {
		const checked = checkInvoiceDetails(body);
		if (!checked.ok) return checked;
		invoice = checked.value;
	}
	return {
		ok: true,
		value: {
			partner_tx_id: partnerTxId || undefined,
			child_balance: childBalance || undefined,
			description: description ?? '',
			notes: notes ?? '',
			sender_name: senderName,
			amount,
			email,
			phone_number: phone,
			is_open: isOpen,
			include_admin_fee: includeAdminFee,
			list_disabled_payment_methods: disabled ?? '',
			list_enabled_banks: banks,
			list_enabled_ewallet: eWallets,
			va_display_name: vaDisplayName ?? '',
			expiration,
			due_date: dueDate,
			invoice,
		},
	};
}

function checkInvoiceDetails(body: Record<string, unknown>): LinkCheck<InvoiceDetails> {
	const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });
	const isVaLifetime =
		body.is_va_lifetime === undefined || body.is_va_lifetime === null
			? false
			: asBoolean(body.is_va_lifetime);
	if (isVaLifetime === undefined) return fail('is_va_lifetime must be a boolean');
	const partnerUserId = asText(body.partner_user_id);
	if (partnerUserId === undefined) return fail('partner_user_id must be a string');
	if (isVaLifetime && !partnerUserId)
		return fail('partner_user_id is required when is_va_lifetime is true');
	const fullName = asText(body.full_name);
	if (fullName === undefined) return fail('full_name must be a string');
	const items = body.invoice_items ?? [];
	if (!Array.isArray(items) || !items.every((item) => item !== null && typeof item === 'object'))
		return fail('invoice_items must be a list');
	const attachment = asText(body.attachment);
	if (attachment === undefined) return fail('attachment must be a base64 string');
	if (attachment) {
		const pdf = Buffer.from(attachment, 'base64');
		if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-')
			return fail('attachment must be a base64 PDF');
		if (pdf.length > MAX_ATTACHMENT_BYTES) return fail('attachment must be at most 2 MB');
	}
	return {
		ok: true,
		value: {
			full_name: fullName || null,
			partner_user_id: partnerUserId || null,
			is_va_lifetime: isVaLifetime,
			invoice_items: items as InvoiceItem[],
			has_attachment: attachment !== '',
		},
	};
}
