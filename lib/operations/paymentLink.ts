import { parseOyDate } from '../dates';
import { readPath } from '../json';
import { CHECKOUT_BANKS } from '../tables/checkoutBanks';
import { CHECKOUT_EWALLETS } from '../tables/checkoutEWallets';
import { CHECKOUT_PAYMENT_METHODS } from '../tables/checkoutPaymentMethods';
import type {
	CodeMeaning,
	CodeTable,
	DateFormat,
	FieldReading,
	OperationDefinition,
	OyResult,
	ParameterDefinition,
	ValidationProblem,
} from '../types';

/**
 * A `pattern` for OY's comma-separated code lists ("002,008" or "002, 008"). The type `stringArray`
 * cannot serve: in a body it is sent as a JSON array, and OY! wants one string.
 */
export function codeListPattern(codes: readonly string[]): { regex: RegExp; rule: string } {
	const one = `(?:${codes.join('|')})`;
	return {
		regex: new RegExp(`^${one}(?:\\s*,\\s*${one})*$`),
		rule: `must list codes separated by commas, each one of: ${codes.join(', ')}`,
	};
}

export function listedCodes(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	return value
		.split(',')
		.map((code) => code.trim())
		.filter((code) => code !== '');
}

/** OY! needs at least one payment method left enabled (OY API docs: Payment Checkout › Create Payment Link (v2) › request parameters, Account Receivable › Create & Send Invoice › request parameters). */
export function someMethodEnabled(path: string, product: 'paymentLink' | 'accountReceivable') {
	return (input: Record<string, unknown>): ValidationProblem | undefined => {
		const disabled = new Set(listedCodes(readPath(input, path)));
		// BANK_TRANSFER hides VA and unique code together (OY API docs: Payment Checkout › Create Payment Link (v2) › request parameters).
		if (disabled.has('BANK_TRANSFER')) disabled.add('VA');
		const left = CHECKOUT_PAYMENT_METHODS.filter(
			(method) => method[product] && !disabled.has(method.code),
		);
		return left.length === 0
			? {
					field: path,
					message: `${path} disables every payment method; OY! needs at least one enabled`,
				}
			: undefined;
	};
}

const codesOf = (table: ReadonlyArray<{ code: string }>) => table.map((entry) => entry.code);

export const CHECKOUT_BANK_LIST = codeListPattern(codesOf(CHECKOUT_BANKS));
export const CHECKOUT_EWALLET_LIST = codeListPattern(codesOf(CHECKOUT_EWALLETS));

const LETTERS_DIGITS_SPACES = {
	regex: /^[A-Za-z0-9 ]*$/,
	rule: 'may contain letters, digits and spaces only',
};

const link = {
	partner_tx_id: {
		name: 'partner_tx_id',
		displayName: 'Partner Transaction ID',
		in: 'body',
		type: 'string',
		// OY! makes one up when it is empty (OY API docs: Payment Checkout › Create Payment Link (v2) › request parameters); we require it so that a lost answer can be
		// checked with Get Status under the same id instead of creating a second link.
		required: true,
		idempotencyKey: true,
		pattern: { regex: /^[A-Za-z0-9]+$/, rule: 'may contain letters and digits only' },
		description:
			'Your unique id for this link (letters and digits). OY! refuses an id that was already paid; reuse the id when you retry.',
	},
	description: {
		name: 'description',
		in: 'body',
		type: 'string',
		pattern: LETTERS_DIGITS_SPACES,
		description: 'What the payment is for (letters, digits and spaces)',
	},
	notes: {
		name: 'notes',
		in: 'body',
		type: 'string',
		pattern: LETTERS_DIGITS_SPACES,
		description: 'Notes (letters, digits and spaces)',
	},
	sender_name: {
		name: 'sender_name',
		in: 'body',
		type: 'string',
		required: true,
		pattern: { regex: /^[A-Za-z ]+$/, rule: 'may contain letters and spaces only' },
		description: 'Name of the payer (letters and spaces)',
	},
	amount: {
		name: 'amount',
		in: 'body',
		type: 'amount',
		required: true,
		minimum: 10_000,
		description:
			'Whole rupiah, at least Rp10.000 (Rp11.000 to pay by BCA unique code, Rp15.000 by card). With is_open it is the most the payer may pay.',
	},
	email: {
		name: 'email',
		in: 'body',
		type: 'emailList',
		separator: ';',
		maxItems: 3,
		description: 'Up to 3 addresses OY! sends the link to',
	},
	phone_number: {
		name: 'phone_number',
		in: 'body',
		type: 'digits',
		description: "The payer's phone number, digits only (no +)",
	},
	is_open: {
		name: 'is_open',
		in: 'body',
		type: 'boolean',
		required: true,
		description:
			'Open amount: the payer chooses any amount above Rp10.000 up to amount. Closed (false): exactly amount.',
	},
	include_admin_fee: {
		name: 'include_admin_fee',
		in: 'body',
		type: 'boolean',
		required: true,
		description: 'Whether the admin fee is added on top of the amount, paid by the payer',
	},
	list_disabled_payment_methods: {
		name: 'list_disabled_payment_methods',
		displayName: 'Disabled Payment Methods',
		in: 'body',
		type: 'codeList',
		optionsFrom: 'paymentMethods',
		options: codesOf(CHECKOUT_PAYMENT_METHODS.filter((method) => method.paymentLink)),
		description:
			'Payment methods to hide, comma-separated; all are offered when empty. BANK_TRANSFER hides VA and unique code, CREDIT_CARD every card.',
	},
	// OY API docs: Payment Checkout › Create Payment Link (v2) › request parameters marks it required, yet its own example sends "" (Payment Checkout › Create Payment Link (v2)): empty means every bank.
	list_enabled_banks: {
		name: 'list_enabled_banks',
		displayName: 'Enabled Banks',
		in: 'body',
		type: 'codeList',
		optionsFrom: 'checkoutBanks',
		description:
			'Banks offered for bank transfer, comma-separated codes; unique code only with BCA (014)',
	},
	expiration: {
		name: 'expiration',
		in: 'body',
		type: 'date',
		dateFormat: 'yyyy-MM-dd HH:mm:ss',
		dateZone: 'WIB',
		description: 'When the link expires (WIB); 24 hours after creation when empty',
	},
} satisfies Record<string, ParameterDefinition>;

/** What both creates take between the id and the expiration, in the docs' order. */
const LINK_TERMS: readonly ParameterDefinition[] = [
	link.description,
	link.notes,
	link.sender_name,
	link.amount,
	link.email,
	link.phone_number,
	link.is_open,
	link.include_admin_fee,
	link.list_disabled_payment_methods,
	link.list_enabled_banks,
];

const LINK_ID: ParameterDefinition = {
	name: 'payment_link_id_or_partner_tx_id',
	displayName: 'Payment Link ID or Partner Transaction ID',
	in: 'path',
	type: 'string',
	required: true,
	description: 'The payment_link_id OY! returned on creation, or your partner_tx_id',
};

const OPEN: CodeMeaning = {
	outcome: 'pending',
	meaning: 'The link is open; the payer has not chosen a payment method yet',
};
const IN_PROGRESS: CodeMeaning = { outcome: 'pending', meaning: 'The payment is being processed' };
const PAID: CodeMeaning = { outcome: 'success', meaning: 'The link is paid' };

/**
 * A link's own state (OY API docs: Payment Checkout › Payment Link / Invoice Callback › statuses), as Get Status (lower case) and Get (upper case) write it.
 * Other spellings seen in the docs: `success` (Payment Checkout › Get Payment Status) for complete, `INITIATED` (Payment Checkout › Delete Payment / Invoice Link › messages) for
 * created, `processing` (Payment Checkout › Payment Link / Invoice Callback › fields).
 */
export const LINK_STATES: CodeTable = {
	CREATED: { ...OPEN, hint: 'It can still be deleted.' },
	INITIATED: OPEN,
	WAITING_PAYMENT: {
		outcome: 'pending',
		meaning: 'The payer chose a payment method; OY! waits for the money',
	},
	CHARGE_IN_PROGRESS: IN_PROGRESS,
	PROCESSING: IN_PROGRESS,
	// Not final: the card was refused or the chosen channel expired, but the link is still valid (Payment Checkout › Payment Link / Invoice Callback › statuses).
	FAILED: {
		outcome: 'pending',
		meaning:
			'A payment attempt failed (card refused, or the chosen channel expired); the link stays open',
		hint: 'The payer can try again until the link expires.',
	},
	COMPLETE: PAID,
	SUCCESS: PAID,
	EXPIRED: {
		outcome: 'failed',
		meaning: 'The link expired without being paid',
		hint: 'Create a new link (with a new partner_tx_id) to ask for the payment again.',
	},
	CLOSED: { outcome: 'failed', meaning: 'The link was deleted; nothing was paid' },
};

/**
 * Payment Checkout answers carry no status code: a boolean `status` (create, get, delete) or the
 * bare record (get status), and the HTTP status (OY API docs: Fund Acceptance HTTP status codes), which lib/outcomes.ts reads.
 */
const CHECKOUT_CODES: CodeTable = {};

/**
 * The messages of a `status: false` answer of Get and Delete (OY API docs: Payment Checkout › Delete Payment / Invoice Link › messages, Payment Checkout › Get Payment / Invoice Link Data › failure messages). They
 * carry no code, so every one classifies as rejected; this table adds what to do.
 */
const CHECKOUT_FAILURE_MESSAGES: ReadonlyArray<{ reason: string; message: string; hint: string }> =
	[
		{
			reason: 'Data Not Found',
			message: 'The payment_link_id or partner_trx_id cannot be found in our system',
			hint: 'Check the id and that the credential points at the environment the link was created in.',
		},
		{
			reason: 'Invalid Payment Link Id',
			message: 'The payment_link_id or partner_trx_id is null or invalid',
			hint: 'Give the payment_link_id from Create, or your partner_tx_id.',
		},
		{
			reason: 'Username Not Found',
			message: 'Username is not found',
			hint: 'Check the username in the credential.',
		},
		{
			reason: 'Invalid IP Address',
			message: 'Invalid IP Address',
			hint: "Ask OY! to whitelist the IP address this n8n instance calls from (OY's docs: contact OY! for IP whitelisting).",
		},
		{
			reason: 'Invalid API Key',
			message: 'Invalid API Key',
			hint: 'Check the API key in the credential.',
		},
		{
			reason: 'Restricted Access',
			message: 'User does not have access',
			hint: 'This OY! user may not use that link; check which account created it.',
		},
		{
			reason: 'Invalid Payment Status',
			message: 'Cannot delete payment link status other than CREATED',
			hint: 'The payer already chose a payment method, or the link ended; it can no longer be deleted.',
		},
	];

/** What to do about a failed Get or Delete, from OY's message. */
export function adviceForCheckoutFailure(message: unknown): string | undefined {
	if (typeof message !== 'string' || message.trim() === '') return undefined;
	const text = message.trim().toLowerCase();
	return CHECKOUT_FAILURE_MESSAGES.find(
		(entry) =>
			text.startsWith(entry.reason.toLowerCase()) || text.startsWith(entry.message.toLowerCase()),
	)?.hint;
}

function checkoutAdvice(result: Pick<OyResult, 'outcome' | 'message'>): string | undefined {
	return result.outcome === 'success' ? undefined : adviceForCheckoutFailure(result.message);
}

/** Date readings for fields OY! writes in one format, in WIB. */
export function wibDates(format: DateFormat, ...paths: string[]): FieldReading['dates'] {
	return Object.fromEntries(paths.map((path) => [path, { format, zone: 'WIB' as const }]));
}

const CREATED_LINK_FIELDS: FieldReading = {
	simplify: ['payment_link_id', 'url', 'email_status', 'child_balance', 'message'],
};

/**
 * Get Status writes `yyyy-MM-ddTHH:mm:ss` with no offset (OY API docs: Payment Checkout › Get Payment Status). Only settlement_time is
 * documented as UTC+7 (Payment Checkout › Get Payment Status › response parameters); the other times of the same answer share its format and are read in
 * the same zone. The table claims `yyyy-MM-dd HH:mm:ss` for expiration and due_date (Payment Checkout › Get Payment Status › response parameters);
 * a value in that shape is left as OY! sent it.
 */
const STATUS_FIELDS: FieldReading = {
	dates: wibDates(
		'yyyy-MM-ddTHH:mm:ss',
		'created',
		'updated',
		'payment_received_time',
		'expiration',
		'due_date',
		'settlement_time',
	),
	amounts: ['amount', 'paid_amount'],
	simplify: [
		'partner_tx_id',
		'tx_ref_number',
		'status',
		'amount',
		'paid_amount',
		'payment_method',
		'sender_bank',
		'sender_name',
		'updated',
		'settlement_status',
	],
};

/**
 * Get answers camelCase keys under `data` and its state in upper case (OY API docs: Payment Checkout › Get Payment / Invoice Link Data), where
 * Get Status and the callback write snake_case and lower case (Payment Checkout › Get Payment Status): the same facts are
 * given one way, Get Status's. Its dates echo the request's, read in the same zone.
 */
const LINK_DATA_FIELDS: FieldReading = {
	dates: wibDates('yyyy-MM-dd HH:mm:ss', 'expirationTime', 'due_date'),
	amounts: ['amount'],
	lowerCase: ['status'],
	snakeCaseKeys: true,
	simplify: [
		'partner_tx_id',
		'payment_link_id',
		'status',
		'amount',
		'sender_name',
		'description',
		'expiration_time',
		'due_date',
	],
};

// The largest PDF OY! takes for an invoice link: 2 MB (OY API docs: Payment Checkout › Create Invoice Link › request parameters).
const ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024;

function attachmentWithinLimit(input: Record<string, unknown>): ValidationProblem | undefined {
	if (typeof input.attachment !== 'string') return undefined;
	const base64 = input.attachment;
	const bytes =
		Math.floor((base64.length * 3) / 4) -
		(base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
	return bytes > ATTACHMENT_MAX_BYTES
		? {
				field: 'attachment',
				message: `attachment must be a PDF of at most 2 MB (got ${(bytes / 1024 / 1024).toFixed(1)} MB)`,
			}
		: undefined;
}

function lifetimeVaNeedsUserAndVa(input: Record<string, unknown>): ValidationProblem | undefined {
	if (input.is_va_lifetime !== true) return undefined;
	if (!input.partner_user_id) {
		return {
			field: 'partner_user_id',
			message: 'partner_user_id is required when is_va_lifetime is true',
		};
	}
	const disabled = listedCodes(input.list_disabled_payment_methods);
	if (disabled.includes('VA') || disabled.includes('BANK_TRANSFER')) {
		return {
			field: 'is_va_lifetime',
			message:
				'is_va_lifetime needs the VA payment method, which list_disabled_payment_methods hides',
		};
	}
	return undefined;
}

function dueNotAfterExpiration(input: Record<string, unknown>): ValidationProblem | undefined {
	const due = parseOyDate(input.due_date, 'WIB', 'yyyy-MM-dd HH:mm:ss');
	const expiration = parseOyDate(input.expiration, 'WIB', 'yyyy-MM-dd HH:mm:ss');
	return due !== null && expiration !== null && due > expiration
		? {
				field: 'due_date',
				message:
					'due_date must not be later than expiration (OY API docs: Payment Checkout › Create Invoice Link › request parameters)',
			}
		: undefined;
}

const checkout = {
	resource: 'paymentLink',
	product: 'Payment Checkout',
	codes: CHECKOUT_CODES,
	// OY's documented timeout for Fund Acceptance (Payment Link), OY API docs: Client timeout durations and the Timeout request header.
	timeoutSeconds: 120,
} as const;

/**
 * No code in this product: `{status: false, message}` says "not found" or "null or invalid" id, but
 * also "Username is not found", "Invalid API Key", "Invalid IP Address" (OY API docs: Payment Checkout › Get Payment / Invoice Link Data › failure messages).
 */
const LINK_ABSENT = { message: /cannot be found|is null or invalid|^data not found$/i };

export const paymentLinkOperations: readonly OperationDefinition[] = [
	{
		...checkout,
		id: 'paymentLink.create',
		name: 'Create',
		action: 'Create a payment link',
		description:
			"Creates a payment page on OY! for one payment and returns its URL; OY! can e-mail it. The payer's result arrives by callback or Get Status.",
		method: 'POST',
		path: '/api/payment-checkout/create-v2',
		params: [
			link.partner_tx_id,
			{
				name: 'child_balance',
				choicesFromAccount: 'childAccounts',
				in: 'body',
				type: 'string',
				description: 'Username of a child account (Multi Account): the payment goes to its balance',
			},
			...LINK_TERMS,
			// Marked required (OY API docs: Payment Checkout › Create Payment Link (v2) › request parameters), but the first example leaves it out (Payment Checkout › Create Payment Link (v2)).
			{
				name: 'list_enabled_ewallet',
				displayName: 'Enabled E-Wallets',
				in: 'body',
				type: 'codeList',
				optionsFrom: 'checkoutEWallets',
				description: 'E-wallets offered on the page, comma-separated codes',
			},
			link.expiration,
			{
				name: 'va_display_name',
				displayName: 'VA Display Name',
				in: 'body',
				type: 'string',
				pattern: LETTERS_DIGITS_SPACES,
				description: 'Name shown on the bank-transfer VA (letters, digits and spaces)',
			},
		],
		checks: [someMethodEnabled('list_disabled_payment_methods', 'paymentLink')],
		envelope: 'booleanStatus',
		fields: CREATED_LINK_FIELDS,
		// A link asks for money; it moves none. Never re-sent on an unclear answer.
		safety: 'write',
		docs: 'OY API docs: Payment Checkout › Create Payment Link (v2)',
	},
	{
		...checkout,
		id: 'paymentLink.createInvoice',
		name: 'Create Invoice',
		action: 'Create an invoice link',
		description:
			'Creates a payment page in invoice form (items, due date, PDF attachment, optional static VA) and returns its URL; OY! can e-mail it',
		method: 'POST',
		path: '/api/payment-checkout/create-invoice',
		// The table (OY API docs: Payment Checkout › Create Invoice Link › request parameters) has no Required column; required-ness follows the payment link's.
		// child_balance, list_enabled_ewallet and va_display_name are not in it and are not offered.
		params: [
			link.partner_tx_id,
			...LINK_TERMS,
			link.expiration,
			{
				name: 'due_date',
				in: 'body',
				type: 'date',
				dateFormat: 'yyyy-MM-dd HH:mm:ss',
				dateZone: 'WIB',
				description:
					'When the payment is due (WIB), not later than expiration; expiration when empty',
			},
			{
				name: 'partner_user_id',
				displayName: 'Partner User ID',
				in: 'body',
				type: 'string',
				description: 'Your id for the customer; needed for a lifetime VA',
			},
			{ name: 'full_name', in: 'body', type: 'string', description: "The customer's full name" },
			{
				name: 'is_va_lifetime',
				displayName: 'Lifetime VA',
				in: 'body',
				type: 'boolean',
				description:
					"Reuse the customer's static VA numbers (needs partner_user_id and the VA method)",
			},
			{
				name: 'invoice_items',
				in: 'body',
				type: 'array',
				description: 'The lines of the invoice',
				items: [
					{ name: 'item', in: 'body', type: 'string', description: 'Item name' },
					{ name: 'description', in: 'body', type: 'string', description: 'Item description' },
					// Not stated here; AR documents at least 1 for the same item shape (OY API docs: Account Receivable › Create & Send Invoice › request parameters).
					{ name: 'quantity', in: 'body', type: 'integer', minimum: 1, description: 'Quantity' },
					{
						name: 'date_of_purchase',
						in: 'body',
						type: 'date',
						dateFormat: 'yyyy-MM-dd',
						dateZone: 'WIB',
						description: 'Date of purchase',
					},
					{
						name: 'price_per_item',
						in: 'body',
						type: 'amount',
						description: 'Unit price in whole rupiah',
					},
				],
			},
			{
				name: 'attachment',
				in: 'body',
				type: 'string',
				pattern: {
					regex: /^JVBER[A-Za-z0-9+/]*={0,2}$/,
					rule: 'must be one PDF file encoded in base64 (no line breaks)',
				},
				description:
					'One PDF of at most 2 MB, encoded in base64, that the payer can download from the page',
			},
		],
		checks: [
			someMethodEnabled('list_disabled_payment_methods', 'paymentLink'),
			lifetimeVaNeedsUserAndVa,
			dueNotAfterExpiration,
			attachmentWithinLimit,
		],
		envelope: 'booleanStatus',
		fields: CREATED_LINK_FIELDS,
		safety: 'write',
		docs: 'OY API docs: Payment Checkout › Create Invoice Link',
	},
	{
		...checkout,
		id: 'paymentLink.getStatus',
		name: 'Get Status',
		action: 'Get the status of a payment link',
		description:
			'Reads the latest state of a payment or invoice link by partner_tx_id (or QRIS reference), and can have OY! send the callback again',
		method: 'GET',
		path: '/api/payment-checkout/status',
		params: [
			{
				name: 'partner_tx_id',
				displayName: 'Partner Transaction ID',
				in: 'query',
				type: 'string',
				description: 'The id you gave when you created the link',
			},
			{
				name: 'payment_reference_number',
				in: 'query',
				type: 'string',
				description:
					"QRIS only: the reference on the payer's receipt (paid with OVO: its first 12 characters)",
			},
			{
				name: 'send_callback',
				in: 'query',
				type: 'boolean',
				description: 'Whether OY! should send the latest callback again to your callback URL',
			},
		],
		checks: [
			(input) =>
				input.partner_tx_id === undefined && input.payment_reference_number === undefined
					? {
							field: 'partner_tx_id',
							message: 'partner_tx_id is required (or payment_reference_number for QRIS)',
						}
					: undefined,
		],
		// No envelope: the answer is the callback record (OY API docs: Payment Checkout › Get Payment Status).
		envelope: 'bare',
		clientShape: {
			envelope: 'successData',
			seenIn:
				'nadhirfr/oy-go checkout.go (CheckoutGet) and checkout/client.go; AMETORY/ametory-erp-modules thirdparty/payment/oy/objects.go (OyPaymentResponse) and service.go (DetailPayment)',
		},
		stateField: { path: 'status', values: LINK_STATES },
		fields: STATUS_FIELDS,
		safety: 'read',
		absent: LINK_ABSENT,
		docs: 'OY API docs: Payment Checkout › Get Payment Status',
	},
	{
		...checkout,
		id: 'paymentLink.get',
		name: 'Get',
		action: 'Get a payment link',
		description: 'Reads the settings and current state of one payment or invoice link',
		method: 'GET',
		path: '/api/payment-checkout/{payment_link_id_or_partner_tx_id}',
		params: [LINK_ID],
		envelope: 'booleanStatus',
		stateField: { path: 'data.status', values: LINK_STATES },
		recordPath: 'data',
		fields: LINK_DATA_FIELDS,
		safety: 'read',
		absent: LINK_ABSENT,
		advice: checkoutAdvice,
		docs: 'OY API docs: Payment Checkout › Get Payment / Invoice Link Data',
	},
	{
		...checkout,
		id: 'paymentLink.delete',
		name: 'Delete',
		action: 'Delete a payment link',
		description:
			'Closes a payment or invoice link whose payer has not chosen a payment method yet (state created); it can then no longer be paid',
		method: 'DELETE',
		path: '/api/payment-checkout/{payment_link_id_or_partner_tx_id}',
		params: [LINK_ID],
		envelope: 'booleanStatus',
		safety: 'idempotentWrite',
		advice: checkoutAdvice,
		docs: 'OY API docs: Payment Checkout › Delete Payment / Invoice Link',
	},
];
