import { CREATE_ID_USED_BEFORE, idUsedBefore } from '../outcomes';
import { EWALLET_AGGREGATOR_ISSUERS } from '../tables/eWalletAggregatorIssuers';
import { differsFromCreate } from '../statusConflicts';
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
 * E-Wallet Aggregator codes, OY API docs: E-Wallet response codes: one list for all five endpoints. 248, 252 and 999
 * are "Non-Final": the request may still have taken effect, so they are unknown. 207, 208, 990 and
 * 999 mean what COMMON_CODES say; HTTP 403/404/429/5xx (OY API docs: E-Wallet HTTP status codes) are read by their status.
 */
const EWALLET_CODES: CodeTable = {
	'000': { outcome: 'success', meaning: 'Success' },
	'202': {
		outcome: 'rejected',
		meaning: 'Rejected: your OY! user is not active or not registered for the E-Wallet Aggregator',
	},
	'203': idUsedBefore('Rejected'),
	'204': {
		outcome: 'rejected',
		meaning: 'Rejected: OY! has no e-wallet transaction under this partner_trx_id',
	},
	'206': { outcome: 'rejected', meaning: 'Rejected: the balance is not enough' },
	'248': {
		outcome: 'unknown',
		meaning: "The e-wallet issuer's server had an error; the outcome is not known",
		hint: 'Check the status with the same partner_trx_id before doing anything else.',
	},
	'250': { outcome: 'rejected', meaning: 'Rejected: this ewallet_code is not available' },
	'251': {
		outcome: 'rejected',
		meaning: 'Rejected: this ewallet_code is disabled for your account',
		hint: 'Ask OY! to enable the e-wallet.',
	},
	'252': {
		outcome: 'unknown',
		meaning:
			'OY! reported that the request to the e-wallet issuer failed, but not finally; the outcome is not known',
		hint: 'Check the status with the same partner_trx_id before doing anything else.',
	},
	'253': {
		outcome: 'rejected',
		meaning: 'Rejected: your partner credential is missing or not valid at the e-wallet issuer',
		hint: 'Ask OY! to check your e-wallet setup.',
	},
	'254': {
		outcome: 'rejected',
		meaning: "Rejected: the customer's e-wallet account was not found, is blocked or not valid",
		hint: 'Check the mobile number with the customer.',
	},
	'255': { outcome: 'rejected', meaning: 'Rejected: OY! has no refund under this refund_id' },
};

export const EWALLET_CREATE_CODES: CodeTable = {
	...EWALLET_CODES,
	'203': CREATE_ID_USED_BEFORE,
	'248': {
		...EWALLET_CODES['248'],
		meaning:
			"The e-wallet issuer's server had an error; the transaction may still have been created",
	},
	'252': {
		...EWALLET_CODES['252'],
		meaning:
			'OY! reported that creating the transaction failed, but not finally; it may still exist',
	},
};

export const EWALLET_STATUS_CODES: CodeTable = {
	...EWALLET_CODES,
	'248': {
		...EWALLET_CODES['248'],
		meaning: "The e-wallet issuer's server had an error; this says nothing about the transaction",
		hint: 'Check the status again later.',
	},
	'252': {
		...EWALLET_CODES['252'],
		meaning:
			'OY! could not check the status at the e-wallet issuer; this says nothing about the transaction',
		hint: 'Check the status again later.',
	},
};

const REFUND_UNCERTAIN_HINT =
	'OY! takes no id for refunds: read Get Many Refunds for this partner_trx_id before asking for any new refund.';

export const EWALLET_REFUND_CODES: CodeTable = {
	...EWALLET_CODES,
	'206': {
		outcome: 'rejected',
		meaning: 'Not refunded: your balance is not enough',
		hint: 'Top up the OY! balance, then ask for the refund again.',
	},
	'248': {
		...EWALLET_CODES['248'],
		meaning: "The e-wallet issuer's server had an error; the refund may still have been made",
		hint: REFUND_UNCERTAIN_HINT,
	},
	'252': {
		...EWALLET_CODES['252'],
		meaning:
			'OY! reported that the refund request failed, but not finally; the refund may still be made',
		hint: REFUND_UNCERTAIN_HINT,
	},
	'999': {
		outcome: 'unknown',
		meaning: 'OY! had an internal error; whether the refund was made is not known',
		hint: REFUND_UNCERTAIN_HINT,
	},
};

/** `ewallet_trx_status`, OY API docs: E-Wallet transaction status. */
export const EWALLET_TRANSACTION_STATE: StateField = {
	path: 'ewallet_trx_status',
	values: {
		WAITING_PAYMENT: {
			outcome: 'pending',
			meaning: 'Waiting for the customer to pay',
			hint: 'Send the customer to ewallet_url (OVO: they approve in the app). OY! sends a callback only when paid: check the status after the expiry.',
		},
		COMPLETE: { outcome: 'success', meaning: 'Paid: the payment is received' },
		// Paid, then refunded by your own request: the payment did happen.
		REFUNDED: {
			outcome: 'success',
			meaning: 'Paid, then refunded',
			hint: 'Read Get Many Refunds for the refunded amounts.',
		},
		FAILED: { outcome: 'failed', meaning: 'The payment failed' },
		EXPIRED: { outcome: 'failed', meaning: 'Expired: the customer did not pay in time' },
	},
};

/** `refund_status`, OY API docs: E-Wallet refund status. */
export const EWALLET_REFUND_STATE: StateField = {
	path: 'refund_status',
	values: {
		REFUNDED: { outcome: 'success', meaning: 'Refunded' },
		REFUND_ONPROCESS: {
			outcome: 'pending',
			meaning: 'The e-wallet issuer is processing the refund',
			hint: 'The result arrives by callback or through Get Refund.',
		},
		SUSPECTED: {
			outcome: 'pending',
			meaning: 'The refund failed at the e-wallet issuer and OY! is checking the balance',
			hint: 'Do not refund again; check Get Refund later, or ask OY!.',
		},
		REFUND_FAILED: { outcome: 'failed', meaning: 'The refund failed' },
	},
};

const TRANSACTION_FIELDS: FieldReading = {
	amounts: ['amount'],
	simplify: [
		'partner_trx_id',
		'trx_id',
		'ewallet_code',
		'amount',
		'ewallet_trx_status',
		'ewallet_url',
		'ref_number',
		'reason',
	],
};

const REFUND_FIELDS: FieldReading = {
	amounts: ['refund_amount'],
	simplify: ['refund_id', 'partner_trx_id', 'refund_amount', 'refund_status'],
};

const partnerTrxId = (location: 'body' | 'query'): ParameterDefinition => ({
	name: 'partner_trx_id',
	displayName: 'Partner Transaction ID',
	in: location,
	type: 'string',
	required: true,
	maxLength: 255,
	description: 'The id you gave when you created the e-wallet transaction',
});

function issuerOf(input: Record<string, unknown>) {
	return EWALLET_AGGREGATOR_ISSUERS.find((issuer) => issuer.code === input.ewallet_code);
}

/** A parameter that the chosen issuer requires (OY API docs: API E-Wallet Aggregator › Create E-Wallet Transaction › request parameters). */
const requiredByIssuer =
	(
		field: 'mobile_number' | 'success_redirect_url',
		needed: 'needsMobileNumber' | 'needsRedirectUrl',
	) =>
	(input: Record<string, unknown>): ValidationProblem | undefined => {
		const issuer = issuerOf(input);
		return issuer?.[needed] && input[field] === undefined
			? { field, message: `${field} is required for ${issuer.code} (${issuer.name})` }
			: undefined;
	};

// The curl sample sends DANA with 120 minutes (OY API docs: API E-Wallet Aggregator › Create E-Wallet Transaction › request parameters); the issuer table's 60-minute maximum
// (OY API docs: E-Wallet details) is the rule, since whether OY! clamps or refuses a larger value is not documented.
const expirationWithinIssuerLimits = (
	input: Record<string, unknown>,
): ValidationProblem | undefined => {
	const issuer = issuerOf(input);
	const minutes = Number(input.expiration_time);
	if (!issuer || input.expiration_time === undefined) return undefined;
	const { minExpirationMinutes: min, maxExpirationMinutes: max } = issuer;
	if (min === undefined || max === undefined || (minutes >= min && minutes <= max))
		return undefined;
	return {
		field: 'expiration_time',
		message: `expiration_time must be between ${min} and ${max} minutes for ${issuer.code} (got ${minutes})`,
	};
};

/** Resolves a lost or duplicate create by reading the transaction under the same partner_trx_id. */
export const EWALLET_STATUS_CHECK: StatusCheck = {
	operation: 'eWallet.getStatus',
	input: (create) => ({ partner_trx_id: create.partner_trx_id }),
	notFoundCodes: ['204'],
	duplicateCodes: ['203'],
	conflict: differsFromCreate(['customer_id', 'ewallet_code']),
};

const eWallet = {
	resource: 'eWallet',
	product: 'API E-Wallet Aggregator',
	envelope: 'statusObject',
	// OY's documented timeout for the E-Wallet Aggregator, OY API docs: Client timeout durations and the Timeout request header.
	timeoutSeconds: 60,
} as const;

export const eWalletOperations: readonly OperationDefinition[] = [
	{
		...eWallet,
		id: 'eWallet.create',
		name: 'Create',
		action: 'Create an e-wallet transaction',
		description:
			'Asks a customer to pay with OVO, ShopeePay, LinkAja or DANA. The answer carries the payment URL (OVO: the customer approves in the app); OY! calls back only when paid.',
		method: 'POST',
		path: '/api/e-wallet-aggregator/create-transaction',
		params: [
			{
				name: 'customer_id',
				displayName: 'Customer ID',
				in: 'body',
				type: 'string',
				required: true,
				maxLength: 255,
				description: 'Your id for the customer who pays',
			},
			{
				name: 'sub_merchant_id',
				displayName: 'Sub-Merchant ID',
				in: 'body',
				type: 'string',
				maxLength: 255,
				description: 'Your id for the sub-merchant this payment belongs to',
			},
			{
				...partnerTrxId('body'),
				idempotencyKey: true,
				description:
					'Your unique id for this transaction. Use the same id when you retry: OY! refuses a second transaction under one id.',
			},
			{
				name: 'amount',
				in: 'body',
				type: 'amount',
				required: true,
				minimum: 100,
				maximum: 10_000_000,
				description: 'Whole rupiah, from Rp100 to Rp10.000.000',
			},
			{
				name: 'email',
				in: 'body',
				type: 'email',
				maxLength: 255,
				description: "The customer's e-mail address",
			},
			{
				name: 'ewallet_code',
				displayName: 'E-Wallet',
				in: 'body',
				type: 'string',
				required: true,
				optionsFrom: 'eWallets',
				options: EWALLET_AGGREGATOR_ISSUERS.map((issuer) => ({
					value: issuer.code,
					name: issuer.name,
				})),
				description: 'The e-wallet the customer pays with',
			},
			{
				name: 'mobile_number',
				in: 'body',
				type: 'digits',
				maxLength: 255,
				pattern: {
					regex: /^628\d+$/,
					rule: 'must start with 628 (country code 62, no + and no leading 0)',
				},
				description: "The customer's e-wallet phone number as 628…; required for OVO",
			},
			{
				name: 'success_redirect_url',
				displayName: 'Success Redirect URL',
				in: 'body',
				type: 'string',
				maxLength: 255,
				pattern: {
					regex: /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/,
					rule: 'must be a link (https://…) or an app URL scheme (myapp://…)',
				},
				description:
					'Where the e-wallet sends the customer after paying; required for DANA, LinkAja and ShopeePay',
			},
			{
				name: 'expiration_time',
				in: 'body',
				type: 'integer',
				minimum: 1,
				description:
					'Minutes the customer has to pay: 1 to 60 for DANA and ShopeePay (60 when empty). OVO always allows 55 seconds and LinkAja 5 minutes, whatever is sent.',
			},
		],
		checks: [
			requiredByIssuer('mobile_number', 'needsMobileNumber'),
			requiredByIssuer('success_redirect_url', 'needsRedirectUrl'),
			expirationWithinIssuerLimits,
		],
		codes: EWALLET_CREATE_CODES,
		// A created transaction answers WAITING_PAYMENT: pending until the customer pays.
		stateField: EWALLET_TRANSACTION_STATE,
		fields: TRANSACTION_FIELDS,
		safety: 'moneyCreate',
		statusCheck: EWALLET_STATUS_CHECK,
		docs: 'OY API docs: API E-Wallet Aggregator › Create E-Wallet Transaction; issuers: E-Wallet details; codes: E-Wallet response codes',
	},
	{
		...eWallet,
		id: 'eWallet.getStatus',
		name: 'Get Status',
		action: 'Get the status of an e-wallet transaction',
		description:
			'Reads the state of an e-wallet transaction by your partner_trx_id; the only way to learn that it expired or failed',
		method: 'POST',
		path: '/api/e-wallet-aggregator/check-status',
		params: [partnerTrxId('body')],
		codes: EWALLET_STATUS_CODES,
		stateField: EWALLET_TRANSACTION_STATE,
		fields: TRANSACTION_FIELDS,
		safety: 'read',
		absent: { codes: ['204'] },
		docs: 'OY API docs: API E-Wallet Aggregator › Check E-Wallet Transaction Status; codes: E-Wallet transaction status',
	},
	{
		...eWallet,
		id: 'eWallet.refund',
		name: 'Refund',
		action: 'Refund an e-wallet transaction',
		description:
			'Refunds a COMPLETE e-wallet transaction. DANA: full or partial; ShopeePay (not 00.00-05.00 WIB) and LinkAja: full only; OVO: none.',
		method: 'POST',
		path: '/api/e-wallet-aggregator/refund',
		params: [
			partnerTrxId('body'),
			{
				name: 'refund_amount',
				in: 'body',
				type: 'amount',
				required: true,
				minimum: 1,
				// No transaction exceeds Rp10.000.000 (OY API docs: API E-Wallet Aggregator › Create E-Wallet Transaction › request parameters), so neither can its refund.
				maximum: 10_000_000,
				description:
					'Whole rupiah, more than 0 and at most the transaction amount (the full amount except at DANA)',
			},
		],
		codes: EWALLET_REFUND_CODES,
		stateField: EWALLET_REFUND_STATE,
		fields: REFUND_FIELDS,
		// A refund moves money, but OY! takes no idempotency key for it (OY API docs: API E-Wallet Aggregator › Refund E-Wallet Transaction › request parameters) and
		// allows several refunds per transaction (DANA), so no status read can tell whether a lost
		// request was made: it is never re-sent, and an unknown answer stays unknown with the advice
		// to read Get Many Refunds (see the report on `moneyCreate`).
		safety: 'write',
		movesMoney: true,
		docs: 'OY API docs: API E-Wallet Aggregator › Refund E-Wallet Transaction; codes: E-Wallet refund status',
	},
	{
		...eWallet,
		id: 'eWallet.getRefund',
		name: 'Get Refund',
		action: 'Get an e-wallet refund',
		description: 'Reads the state of one refund by the refund_id Refund returned',
		method: 'GET',
		path: '/api/e-wallet-aggregator/get-refund',
		params: [
			{
				name: 'refund_id',
				displayName: 'Refund ID',
				in: 'query',
				type: 'string',
				required: true,
				maxLength: 255,
				description: 'The refund_id that Refund returned',
			},
		],
		codes: EWALLET_STATUS_CODES,
		stateField: EWALLET_REFUND_STATE,
		fields: REFUND_FIELDS,
		safety: 'read',
		absent: { codes: ['255'] },
		docs: 'OY API docs: API E-Wallet Aggregator › Get E-Wallet Refund Status; codes: E-Wallet refund status',
	},
	{
		...eWallet,
		id: 'eWallet.getManyRefunds',
		name: 'Get Many Refunds',
		action: 'Get many e-wallet refunds',
		description: 'Lists every refund asked for one e-wallet transaction',
		method: 'GET',
		path: '/api/e-wallet-aggregator/list-refund',
		params: [partnerTrxId('query')],
		codes: EWALLET_STATUS_CODES,
		fields: REFUND_FIELDS,
		list: { itemsPath: 'data', totalPath: 'total', pagination: { style: 'none' } },
		safety: 'read',
		absent: { codes: ['204'] },
		docs: 'OY API docs: API E-Wallet Aggregator › Get List of E-Wallet Refund; codes: E-Wallet refund status',
	},
];
