import { CREATE_ID_USED_BEFORE } from '../outcomes';
import { toRupiah } from '../amounts';
import { parseOyDate } from '../dates';
import { isRecord, readPath } from '../json';
import { DISBURSEMENT_BANKS } from '../tables/disbursementBanks';
import {
	PAYMENT_ROUTING_BANKS_NEEDING_PAYER,
	PAYMENT_ROUTING_EXPIRY,
	PAYMENT_ROUTING_GENERAL_EXPIRY,
	PAYMENT_ROUTING_METHODS,
	PAYMENT_ROUTING_SOURCES,
} from '../tables/paymentRoutingMethods';
import type {
	CodeTable,
	FieldReading,
	OperationDefinition,
	ParameterDefinition,
	StateField,
	StatusCheck,
	ValidationProblem,
} from '../types';

/**
 * Payment Routing codes, OY API docs: Payment Routing response codes, status.code. OY! answers many different refusals with 400, so its
 * message is always shown next to ours. The documented client timeout is 120 s (OY API docs: Client timeout durations and the Timeout request header).
 */
const ROUTING_CODES: CodeTable = {
	'400': {
		outcome: 'rejected',
		meaning:
			'OY! refused the request (amount, payment method, source of fund, redirect URL, expiry or partner user id)',
		hint: "OY's message names the rule that failed.",
	},
	'901': {
		outcome: 'unknown',
		meaning: 'OY! had a general error (not final); the outcome is not known',
		hint: 'Check the status with the same partner_trx_id before doing anything else.',
	},
};

const CREATE_CODES: CodeTable = {
	...ROUTING_CODES,
	// Created is not done: the payer still has to pay, and the payouts follow the payment.
	'000': {
		outcome: 'pending',
		meaning: 'Created: waiting for the payer; the payouts to the recipients follow the payment',
		hint: 'Give the payer payment_info; the result arrives by callback or through Get Status.',
	},
	'203': CREATE_ID_USED_BEFORE,
	'247': { outcome: 'rejected', meaning: 'Not created: an e-mail address is not valid' },
};

const DEACTIVATE_CODES: CodeTable = {
	...ROUTING_CODES,
	'000': { outcome: 'success', meaning: 'Deactivated: the QRIS can no longer be paid' },
	'204': { outcome: 'rejected', meaning: 'OY! has no Payment Routing under this partner_trx_id' },
	'254': {
		outcome: 'rejected',
		meaning: 'Not deactivated: the user credential is not found, blocked or not valid',
	},
	'300': {
		outcome: 'rejected',
		meaning: 'Deactivation failed; nothing changed (OY! marks this not final)',
		hint: 'The same request may be sent again after a pause.',
		transient: true,
	},
};

const STATUS_CODES: CodeTable = {
	...ROUTING_CODES,
	'000': { outcome: 'success', meaning: 'Payment Routing read' },
	// The docs give 204 for the deactivation request only; it is the only "not found" code of the product.
	'204': { outcome: 'rejected', meaning: 'OY! has no Payment Routing under this partner_trx_id' },
};

/** `payment_status`, OY API docs: Payment Routing status. */
const PAYMENT_STATUS: StateField = {
	path: 'payment_status',
	values: {
		CREATED: {
			outcome: 'pending',
			meaning: 'The payment link is created; the payer has not chosen a method yet',
		},
		WAITING_PAYMENT: { outcome: 'pending', meaning: 'Waiting for the payer to pay' },
		PAYMENT_IN_PROGRESS: {
			outcome: 'pending',
			meaning: 'The payer paid; OY! is processing the payment',
		},
		DISBURSE_IN_PROGRESS: {
			outcome: 'pending',
			meaning: 'Payment received; the payouts to the recipients are running',
		},
		COMPLETE: { outcome: 'success', meaning: 'Payment received and every recipient paid' },
		INCOMPLETE: {
			outcome: 'failed',
			meaning: 'Payment received, but some or all payouts to the recipients failed',
			hint: 'Each payment_routing entry has its own payout status (disbursement_trx_status or trx_status): read it before paying anyone again.',
		},
		EXPIRED: { outcome: 'failed', meaning: 'Expired: nothing was paid' },
		PAYMENT_FAILED: { outcome: 'failed', meaning: 'The payment failed: nothing was received' },
	},
};

/**
 * The response examples write `payment_info` as `va_number`/`va_display_name` and payouts as
 * `trx_status`; the tables say `account_number`/`account_name` and `disbursement_trx_status`
 * (OY API docs: Payment Routing › Create and Update Payment Routing › response example, Payment Routing › Create and Update Payment Routing › response parameters, Payment Routing › Check Status Payment Routing Transaction › example, Payment Routing › Check Status Payment Routing Transaction › response parameters). Records pass through unchanged, so
 * both spellings reach the user. `settlement_time` is UTC+7 but its format is not documented, and
 * neither is the zone of `payment_received_time`: both are left as OY! writes them.
 */
const ROUTING_FIELDS: FieldReading = {
	// Documented as UTC+7 for the request (OY API docs: Payment Routing › Create and Update Payment Routing › request parameters); the answers echo the same field.
	dates: { trx_expiration_time: { format: 'yyyy-MM-dd HH:mm:ss', zone: 'WIB' } },
	amounts: ['receive_amount', 'request_amount', 'received_amount'],
	simplify: [
		'trx_id',
		'partner_trx_id',
		'payment_status',
		'receive_amount',
		'request_amount',
		'received_amount',
		'payment_method',
		'sender_bank',
		'payment_info',
		'trx_expiration_time',
		'settlement_status',
	],
};

const APP_OR_WEB_URL = {
	regex: /^[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+$/,
	rule: 'must be a web address or an app link, e.g. https://example.com/done or myapp://done',
};

const listOf = (value: unknown): string[] =>
	typeof value === 'string' && value !== '' ? value.split(',') : [];

const methodsOf = (input: Record<string, unknown>) => listOf(input.list_enable_payment_method);
const sourcesOf = (input: Record<string, unknown>) => listOf(input.list_enable_sof);

const problem = (field: string, message: string): ValidationProblem => ({
	field,
	message: `${field} ${message}`,
});

/** Method and SOF lists, OY API docs: List of Allowed Payment Methods and SOF: exactly one of each without the hosted page. */
function checkMethodsAndSources(input: Record<string, unknown>): ValidationProblem | undefined {
	const methods = methodsOf(input);
	const sources = sourcesOf(input);
	const known = PAYMENT_ROUTING_METHODS.map((method) => method.value as string);
	const unknown = methods.filter((method) => !known.includes(method));
	if (unknown.length > 0) {
		return problem(
			'list_enable_payment_method',
			`may hold only ${known.join(', ')} (got ${unknown.join(', ')})`,
		);
	}
	if (input.need_frontend === false) {
		if (methods.length !== 1) {
			return problem(
				'list_enable_payment_method',
				'must hold exactly one payment method when need_frontend is false',
			);
		}
		if (sources.length !== 1) {
			return problem(
				'list_enable_sof',
				'must hold exactly one source of fund when need_frontend is false',
			);
		}
	}
	for (const code of sources) {
		const source = PAYMENT_ROUTING_SOURCES.find(
			(entry) => entry.code === code && methods.includes(entry.method),
		);
		if (!source) {
			const allowed = PAYMENT_ROUTING_SOURCES.filter((entry) => methods.includes(entry.method)).map(
				(entry) => entry.code,
			);
			return problem(
				'list_enable_sof',
				`${code} is not a source of fund of ${methods.join(', ')} (allowed: ${allowed.join(', ')}${code === 'CARDS' ? '; cards are CC_DC' : ''})`,
			);
		}
		if (!source.api && input.need_frontend === false) {
			return problem(
				'list_enable_sof',
				`${code} is offered only on the payment link (need_frontend true)`,
			);
		}
	}
	return undefined;
}

/** ShopeePay Direct Payment, OY API docs: Payment Routing › Create and Update Payment Routing › request parameters, Payment Routing › Create and Update Payment Routing › response parameters, Payment Routing: transaction expiration rules. */
function checkLinkedAccount(input: Record<string, unknown>): ValidationProblem | undefined {
	if (input.use_linked_account !== true) return undefined;
	const direct =
		input.need_frontend === false &&
		methodsOf(input).join() === 'EWALLET' &&
		sourcesOf(input).join() === 'shopeepay_ewallet';
	if (!direct) {
		return problem(
			'use_linked_account',
			'true needs need_frontend false, payment method EWALLET and source of fund shopeepay_ewallet (ShopeePay Direct Payment)',
		);
	}
	if (!input.partner_user_id) {
		return problem(
			'partner_user_id',
			'is required for a Direct Payment: the user linked through Get Linking URL',
		);
	}
	return undefined;
}

/** OY API docs: Payment Routing › Create and Update Payment Routing › request parameters: redirect URLs of e-wallet and card payments without the hosted page. */
function checkRedirects(input: Record<string, unknown>): ValidationProblem | undefined {
	if (input.need_frontend !== false) return undefined;
	const method = methodsOf(input)[0];
	if ((method === 'EWALLET' || method === 'CARDS') && !input.success_redirect_url) {
		return problem('success_redirect_url', `is required for ${method} when need_frontend is false`);
	}
	if (method === 'CARDS' && !input.failed_redirect_url) {
		return problem('failed_redirect_url', 'is required for CARDS when need_frontend is false');
	}
	return undefined;
}

/**
 * OY API docs: Payment Routing › Create and Update Payment Routing › request parameters: a Mandiri, Permata or CIMB virtual account needs the payer's e-mail and name.
 * Only the API mode creates the VA with this request; on the hosted page the payer picks the bank.
 */
function checkPayerDetails(input: Record<string, unknown>): ValidationProblem | undefined {
	if (input.need_frontend !== false || !methodsOf(input).includes('BANK_TRANSFER'))
		return undefined;
	const bank = sourcesOf(input).find((code) => PAYMENT_ROUTING_BANKS_NEEDING_PAYER.includes(code));
	if (!bank) return undefined;
	if (!input.sender_email)
		return problem('sender_email', `is required for a virtual account at bank ${bank}`);
	if (!input.full_name)
		return problem('full_name', `is required for a virtual account at bank ${bank}`);
	return undefined;
}

/** OY API docs: Payment Routing › Create and Update Payment Routing › request parameters: cards take at least Rp15.000. */
function checkCardMinimum(input: Record<string, unknown>): ValidationProblem | undefined {
	return methodsOf(input).includes('CARDS') && Number(input.receive_amount) < 15_000
		? problem(
				'receive_amount',
				`must be at least 15000 rupiah when CARDS is offered (got ${String(input.receive_amount)})`,
			)
		: undefined;
}

interface Window {
	label: string;
	minMinutes: number;
	maxMinutes?: number;
	latestWib?: string;
}

function describeWindow(window: Window): string {
	const range =
		window.maxMinutes === undefined
			? `at least ${window.minMinutes} minute${window.minMinutes === 1 ? '' : 's'} after now`
			: `${window.minMinutes} to ${window.maxMinutes} minutes after now`;
	return `${range}${window.latestWib ? ` and not after ${window.latestWib} WIB` : ''} (${window.label})`;
}

function fits(window: Window, minutes: number, written: string): boolean {
	if (minutes < window.minMinutes) return false;
	if (window.maxMinutes !== undefined && minutes > window.maxMinutes) return false;
	return !window.latestWib || written.slice(11) <= `${window.latestWib}:00`;
}

/**
 * The expiry windows of OY API docs: Payment Routing: transaction expiration rules, counted from now. With the hosted page the payer picks
 * the method later, so the general minimum of 1 hour applies (Payment Routing: transaction expiration rules; OY's 400 "must be greater
 * than 1 hour", Payment Routing response codes, status.code). BCA (014) may be routed to a VA or to a unique code at OY's discretion:
 * either window is accepted.
 */
function checkExpiry(input: Record<string, unknown>): ValidationProblem | undefined {
	const written = input.trx_expiration_time;
	if (typeof written !== 'string') return undefined;
	const expiry = parseOyDate(written, 'WIB', 'yyyy-MM-dd HH:mm:ss');
	if (expiry === null) return undefined;
	const minutes = (expiry - Date.now()) / 60_000;
	let windows: Window[] = [
		{ label: 'payment link', minMinutes: PAYMENT_ROUTING_GENERAL_EXPIRY.minMinutes },
	];
	if (input.need_frontend === false) {
		const method = methodsOf(input)[0];
		const source = sourcesOf(input)[0];
		const rows = PAYMENT_ROUTING_EXPIRY.filter(
			(row) =>
				row.method === method &&
				row.sources.includes(source) &&
				(row.linkedAccount === true) === (input.use_linked_account === true),
		);
		if (rows.some((row) => row.fixed)) return undefined;
		windows = rows.map((row) => ({
			label: row.case,
			minMinutes: row.minMinutes ?? 0,
			maxMinutes: row.maxMinutes,
			latestWib: row.latestWib,
		}));
		if (method === 'BANK_TRANSFER' || windows.length === 0) {
			windows.push({
				label: 'virtual account',
				minMinutes: PAYMENT_ROUTING_GENERAL_EXPIRY.minMinutes,
			});
		}
	}
	if (windows.some((window) => fits(window, minutes, written))) return undefined;
	return problem(
		'trx_expiration_time',
		`must be ${windows.map(describeWindow).join(', or ')}; ${written} WIB is ${Math.round(minutes)} minutes away`,
	);
}

const RECIPIENT_PARAMS: readonly ParameterDefinition[] = [
	{
		name: 'recipient_bank',
		in: 'body',
		type: 'string',
		required: true,
		optionsFrom: 'disbursementBanks',
		options: DISBURSEMENT_BANKS.map((bank) => bank.code),
		description: 'Bank code of the recipient, from the disbursement bank codes',
	},
	{
		name: 'recipient_account',
		in: 'body',
		type: 'digits',
		required: true,
		description: 'Account number of the recipient (digits only)',
	},
	{
		name: 'recipient_amount',
		in: 'body',
		type: 'amount',
		required: true,
		minimum: 1,
		description: 'Whole rupiah paid out to this recipient once the payer has paid',
	},
	// The request table marks the note and the e-mail required (OY API docs: Payment Routing › Create and Update Payment Routing › request parameters), but the docs'
	// own example sends no note, and the status table has both "only if given at creation"
	// (OY API docs: Payment Routing › Check Status Payment Routing Transaction › response parameters): both are optional here.
	{ name: 'recipient_note', in: 'body', type: 'string', description: 'Note for the payout' },
	{
		name: 'recipient_email',
		in: 'body',
		type: 'emailList',
		separator: ' ',
		maxItems: 5,
		description: 'Addresses OY! notifies about the payout: up to 5, separated by a space',
	},
];

const PARTNER_TRX_ID: ParameterDefinition = {
	name: 'partner_trx_id',
	displayName: 'Partner Transaction ID',
	in: 'body',
	type: 'string',
	required: true,
	description: 'The id you gave when you created the Payment Routing',
};

const CREATE_PARAMS: readonly ParameterDefinition[] = [
	{
		...PARTNER_TRX_ID,
		// OY! would generate one when it is empty (OY API docs: Payment Routing › Create and Update Payment Routing › request parameters); then a lost answer could never be resolved.
		idempotencyKey: true,
		description:
			'Your unique id for this Payment Routing. Use the same id when you retry: OY! refuses a second one under one id.',
	},
	{
		name: 'need_frontend',
		in: 'body',
		type: 'boolean',
		required: true,
		description:
			"Whether the payer uses OY's hosted payment page (true) or you show the VA, QRIS, e-wallet or card link yourself (false)",
	},
	{
		name: 'list_enable_payment_method',
		displayName: 'Payment Methods',
		in: 'body',
		type: 'codeList',
		required: true,
		optionsFrom: 'paymentRoutingMethods',
		description:
			'BANK_TRANSFER, QRIS, EWALLET or CARDS, comma-separated; exactly one when need_frontend is false. Each must be enabled for your account.',
	},
	{
		name: 'list_enable_sof',
		displayName: 'Sources of Fund',
		in: 'body',
		type: 'codeList',
		required: true,
		optionsFrom: 'paymentRoutingSources',
		description:
			'Banks, QRIS, e-wallets or CC_DC offered to the payer, comma-separated (e.g. 008,451,QRIS); exactly one when need_frontend is false',
	},
	{
		name: 'receive_amount',
		in: 'body',
		type: 'amount',
		required: true,
		minimum: 10_000,
		description:
			'Whole rupiah the payer pays: at least Rp10.000, Rp11.000 with BCA unique code, Rp15.000 with cards',
	},
	{
		name: 'partner_user_id',
		displayName: 'Partner User ID',
		in: 'body',
		type: 'string',
		description:
			'Your id for the payer: for a reusable VA, and required for a ShopeePay Direct Payment (a linked user)',
	},
	{
		name: 'use_linked_account',
		in: 'body',
		type: 'boolean',
		description: "Whether to charge the payer's linked ShopeePay account (Direct Payment)",
	},
	{
		name: 'sender_email',
		in: 'body',
		type: 'email',
		description:
			"Payer's e-mail; required for a Mandiri (008), Permata (013) or CIMB (022) virtual account when need_frontend is false",
	},
	{
		name: 'full_name',
		in: 'body',
		type: 'string',
		description:
			"Payer's name; required for a Mandiri (008), Permata (013) or CIMB (022) virtual account when need_frontend is false",
	},
	{
		name: 'va_display_name',
		displayName: 'VA Display Name',
		in: 'body',
		type: 'string',
		description: 'Name the payer sees on the virtual account; your brand name when empty',
	},
	{
		name: 'trx_expiration_time',
		in: 'body',
		type: 'date',
		dateFormat: 'yyyy-MM-dd HH:mm:ss',
		dateZone: 'WIB',
		description:
			'When the payment request expires (WIB). With the payment link (need_frontend true) and for virtual accounts: at least 1 hour from now; QRIS and DANA/ShopeePay: 1 to 60 minutes; LinkAja, cards and Direct Payment use a fixed expiry.',
	},
	{
		name: 'trx_counter',
		in: 'body',
		type: 'integer',
		minimum: -1,
		description: 'How many payments the virtual account accepts; -1 for unlimited',
	},
	{
		name: 'success_redirect_url',
		displayName: 'Success Redirect URL',
		in: 'body',
		type: 'string',
		maxLength: 512,
		pattern: APP_OR_WEB_URL,
		description:
			'Where the payer goes after paying; required for EWALLET and CARDS when need_frontend is false',
	},
	{
		name: 'failed_redirect_url',
		displayName: 'Failed Redirect URL',
		in: 'body',
		type: 'string',
		maxLength: 512,
		pattern: APP_OR_WEB_URL,
		description:
			'Where the payer goes when paying fails; required for CARDS when need_frontend is false',
	},
	{
		name: 'payment_routing',
		displayName: 'Recipients',
		in: 'body',
		type: 'array',
		maxItems: 10,
		items: RECIPIENT_PARAMS,
		description: 'Up to 10 recipients OY! pays out to once the payer has paid',
	},
];

/** `bank/account/amount` of each recipient, sorted, so two lists compare as sets. */
function recipientsOf(list: unknown): string {
	if (!Array.isArray(list)) return '';
	return list
		.filter(isRecord)
		.map(
			(entry) =>
				`${String(entry.recipient_bank)}/${String(entry.recipient_account)}/${toRupiah(entry.recipient_amount)}`,
		)
		.sort()
		.join(', ');
}

/**
 * With a BCA unique code the requested amount may carry the 3-digit code (OY API docs: Payment Routing › Partner Callback Payment Routing › payload examples writes
 * `amount` with the code and `unique_amount` without it), so those figures match too.
 */
function sameAmount(found: number, asked: number, body: unknown): boolean {
	if (found === asked) return true;
	const detail = readPath(body, 'payment_info.unique_code_detail');
	if (!isRecord(detail)) return false;
	const code = toRupiah(detail.unique_code);
	return (
		toRupiah(detail.unique_amount) === asked ||
		(code !== null && (found === asked + code || found === asked - code))
	);
}

/** Resolves a lost or duplicate create through Get Status with the same partner_trx_id. */
export const PAYMENT_ROUTING_STATUS_CHECK: StatusCheck = {
	operation: 'paymentRouting.getStatus',
	input: (create) => ({ partner_trx_id: create.partner_trx_id }),
	notFoundCodes: ['204'],
	duplicateCodes: ['203'],
	conflict: (create, body) => {
		const differences: string[] = [];
		const amount = toRupiah(readPath(body, 'request_amount'));
		if (amount !== null && !sameAmount(amount, Number(create.receive_amount), body)) {
			differences.push(`amount ${amount} instead of ${String(create.receive_amount)}`);
		}
		const found = recipientsOf(readPath(body, 'payment_routing'));
		const asked = recipientsOf(create.payment_routing);
		if (found !== asked)
			differences.push(`recipients ${found || 'none'} instead of ${asked || 'none'}`);
		return differences.length > 0 ? differences.join(', ') : undefined;
	},
};

const routing = {
	resource: 'paymentRouting',
	product: 'Payment Routing',
	envelope: 'statusObject',
	fields: ROUTING_FIELDS,
	timeoutSeconds: 120,
} as const;

export const paymentRoutingOperations: readonly OperationDefinition[] = [
	{
		...routing,
		id: 'paymentRouting.create',
		name: 'Create',
		action: 'Create a payment routing',
		description:
			'Asks a payer for money (payment link, VA, QRIS, e-wallet or card) and has OY! pay it out to up to 10 recipients once paid',
		method: 'POST',
		// The same endpoint is said to update (OY API docs: Payment Routing › Create and Update Payment Routing), but no update is documented and a reused
		// partner_trx_id is refused with 203: only creating is offered.
		path: '/api/payment-routing/create-transaction',
		params: CREATE_PARAMS,
		checks: [
			checkMethodsAndSources,
			checkLinkedAccount,
			checkRedirects,
			checkPayerDetails,
			checkCardMinimum,
			checkExpiry,
		],
		codes: CREATE_CODES,
		safety: 'moneyCreate',
		statusCheck: PAYMENT_ROUTING_STATUS_CHECK,
		docs: 'OY API docs: Payment Routing › Create and Update Payment Routing',
	},
	{
		...routing,
		id: 'paymentRouting.deactivate',
		name: 'Deactivate',
		action: 'Deactivate a payment routing',
		description:
			'Ends an unpaid QRIS Payment Routing created with need_frontend false; other methods cannot be ended',
		method: 'DELETE',
		path: '/api/payment-routing/{partner_trx_id}',
		params: [{ ...PARTNER_TRX_ID, in: 'path' }],
		codes: DEACTIVATE_CODES,
		safety: 'idempotentWrite',
		docs: 'OY API docs: Payment Routing › Deactivate Payment Routing',
	},
	{
		...routing,
		id: 'paymentRouting.getStatus',
		name: 'Get Status',
		action: 'Get the status of a payment routing',
		description:
			"Reads the payment and each recipient's payout by partner_trx_id (or a QRIS payment reference), and can have OY! send the callback again",
		method: 'POST',
		path: '/api/payment-routing/check-status',
		params: [
			{
				...PARTNER_TRX_ID,
				required: false,
				description: `${PARTNER_TRX_ID.description}; or give the reference below`,
			},
			{
				name: 'payment_reference_number',
				in: 'body',
				type: 'string',
				description:
					"QRIS only: the reference on the payer's receipt (paid with OVO: its first 12 characters)",
			},
			{
				name: 'send_callback',
				in: 'body',
				type: 'boolean',
				description: 'Whether OY! should also send this answer to your callback URL',
			},
		],
		checks: [
			(input) =>
				input.partner_trx_id || input.payment_reference_number
					? undefined
					: problem('partner_trx_id', 'or payment_reference_number is required'),
		],
		codes: STATUS_CODES,
		stateField: PAYMENT_STATUS,
		safety: 'read',
		absent: { codes: ['204'] },
		docs: 'OY API docs: Payment Routing › Check Status Payment Routing Transaction',
	},
];
