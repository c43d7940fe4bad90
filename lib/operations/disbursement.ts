import { CREATE_ID_USED_BEFORE } from '../outcomes';
import { differsFromCreate } from '../statusConflicts';
import { readPath } from '../json';
import type {
	CodeTable,
	FieldReading,
	OperationDefinition,
	OyResult,
	ParameterDefinition,
	StatusCheck,
} from '../types';

/**
 * Create Disbursement codes, OY API docs: Fund Disbursement › Create Disbursement › response codes. OY API docs (older version) (Fund Disbursement › Create Disbursement) also listed 000 (overbooking flow),
 * 102, 206 and 225, which the current API docs dropped; they are kept so that an older OY! answer still classifies.
 */
export const CREATE_DISBURSEMENT_CODES: CodeTable = {
	'000': { outcome: 'success', meaning: 'Disbursement completed (overbooking flow)' },
	'101': {
		outcome: 'pending',
		meaning: 'Disbursement accepted and in progress',
		hint: 'The final result arrives by callback or through Get Status.',
	},
	'102': { outcome: 'pending', meaning: 'Disbursement in progress' },
	'201': { outcome: 'rejected', meaning: 'Not created: OY! does not know this username' },
	'202': { outcome: 'rejected', meaning: 'Not created: this OY! user is not active' },
	'203': CREATE_ID_USED_BEFORE,
	'205': { outcome: 'rejected', meaning: 'Not created: OY! does not support this bank code' },
	'206': {
		outcome: 'failed',
		meaning: 'Failed: the balance is not enough',
		hint: 'Top up the OY! balance, then send a new disbursement.',
	},
	'207': { outcome: 'rejected', meaning: 'Not created: the IP address is not whitelisted at OY!' },
	'208': { outcome: 'rejected', meaning: 'Not created: OY! rejected the API key' },
	'209': {
		outcome: 'rejected',
		meaning: 'Not created: the bank account was not found',
		hint: 'Check the account number and bank with Account Inquiry.',
	},
	'210': { outcome: 'rejected', meaning: 'Not created: the amount is not valid' },
	'225': { outcome: 'failed', meaning: 'Failed: the amount exceeds the maximum limit' },
	'257': {
		outcome: 'rejected',
		meaning: 'Not created: a disbursement with this partner_trx_id is still in process',
		hint: 'The status of the existing transaction is checked automatically.',
	},
	'264': { outcome: 'rejected', meaning: 'Not created: the suggested routing is not valid' },
	'300': { outcome: 'failed', meaning: 'Disbursement failed' },
	'301': {
		outcome: 'pending',
		meaning: 'Pending: the bank network gave an unclear answer',
		hint: 'Wait for the callback or check the status later; do not send it again.',
	},
	'429': {
		outcome: 'rejected',
		meaning: 'Not created: too many requests',
		hint: 'Slow down; the same request may be sent again.',
		transient: true,
	},
	'504': {
		outcome: 'unknown',
		meaning: 'OY! timed out submitting the disbursement; the outcome is not known',
		hint: 'Check the status with the same partner_trx_id; never retry under a new id.',
	},
	'990': { outcome: 'rejected', meaning: 'Not created: a request parameter is not valid' },
	'999': {
		outcome: 'unknown',
		meaning: 'OY! had an internal error; the outcome is not known',
		hint: 'Check the status with the same partner_trx_id; never retry under a new id.',
	},
};

/**
 * Get Disbursement Status codes, OY API docs: Fund Disbursement › Get Disbursement Status. 201/202/207/208/429/990/999 describe the status
 * request, not the transaction ("Non-Final – Transaction Unknown", Fund Disbursement › Get Disbursement Status › response code): the common codes
 * read them, and a read's refusal other than 204 is `unknown` (lib/outcomes.ts `aboutTheRecord`).
 */
export const DISBURSEMENT_STATUS_CODES: CodeTable = {
	'000': { outcome: 'success', meaning: 'Disbursement completed: the recipient has the money' },
	'101': { outcome: 'pending', meaning: 'Disbursement in progress' },
	'102': { outcome: 'pending', meaning: 'Disbursement in progress' },
	'204': {
		outcome: 'rejected',
		meaning: 'No disbursement exists under this partner_trx_id',
	},
	'206': {
		outcome: 'failed',
		meaning: 'Failed: the balance was not enough',
		hint: 'Top up the OY! balance, then send a new disbursement with a new partner_trx_id.',
	},
	'225': { outcome: 'failed', meaning: 'Failed: the amount exceeds the maximum limit' },
	'300': {
		outcome: 'failed',
		meaning: 'Disbursement failed',
		hint: 'tx_status_description says why and whether a new attempt can succeed.',
	},
	'301': {
		outcome: 'pending',
		meaning: 'Pending: the bank network gave an unclear answer',
		hint: 'Wait for the callback or check again later.',
	},
};

/** The failed reasons OY! writes into `tx_status_description`, and whether trying again helps (OY API docs: Disbursement Failed Reasons). */
const DISBURSEMENT_FAILED_REASONS: ReadonlyArray<{
	reason: string;
	retry: boolean;
	advice: string;
}> = [
	{
		reason: 'Account is blocked.',
		retry: false,
		advice:
			'The bank blocked the account. Confirm the details with the recipient and use another account.',
	},
	{
		reason: 'Account has exceeded the maximum amount for receiving money.',
		retry: false,
		advice:
			'The recipient reached their holding limit. Confirm with them and adjust the account or amount.',
	},
	{
		reason: 'Account is no longer active.',
		retry: false,
		advice: 'The account is inactive. Use a correct account.',
	},
	{
		reason: 'Account not found.',
		retry: false,
		advice: 'The account does not exist at the selected bank. Fix the account number or bank.',
	},
	{
		reason: 'The bank/e-wallet provider system is under maintenance.',
		retry: true,
		advice: 'Try again after the maintenance window (OY! customer service knows the schedule).',
	},
	{
		reason: 'The bank/e-wallet system encounters an error while disbursing the money.',
		retry: true,
		advice:
			'An intermittent bank-side error. Try again in a few minutes with a new partner_trx_id.',
	},
	{
		reason: 'System encounters an error while disbursing the money.',
		retry: true,
		advice: 'An intermittent OY! error. Try again in a few minutes with a new partner_trx_id.',
	},
	{
		reason: 'Your transaction exceeds the maximum limit amount.',
		retry: false,
		advice: 'Reduce the amount (OY! can tell you the limit).',
	},
	{
		reason: 'Not enough balance to disburse the money',
		retry: true,
		advice: 'Top up the OY! balance, then try again with a new partner_trx_id.',
	},
	{
		reason: 'Your transaction amount exceeds maximum routing limit.',
		retry: false,
		advice: 'Adjust the routing or the amount.',
	},
];

/** Advice for a failed disbursement, from OY's failed-reason text. */
export function adviceForFailedDisbursement(
	description: unknown,
): { retry: boolean; advice: string } | undefined {
	if (typeof description !== 'string' || description.trim() === '') return undefined;
	const text = description.toLowerCase();
	return DISBURSEMENT_FAILED_REASONS.find((entry) => text.startsWith(entry.reason.toLowerCase()));
}

/** A failed payout's advice (retry or not), from its `tx_status_description`. */
export function disbursementAdvice(result: Pick<OyResult, 'outcome' | 'body'>): string | undefined {
	if (result.outcome !== 'failed') return undefined;
	const advice = adviceForFailedDisbursement(readPath(result.body, 'tx_status_description'));
	return (
		advice &&
		`${advice.advice} ${advice.retry ? 'Trying again can succeed.' : 'Trying again will fail the same way.'}`
	);
}

const DISBURSEMENT_FIELDS: FieldReading = {
	dates: {
		timestamp: { format: 'dd-MM-yyyy HH:mm:ss', zone: 'UTC' },
		created_date: { format: 'dd-MM-yyyy HH:mm:ss', zone: 'UTC' },
		last_updated_date: { format: 'dd-MM-yyyy HH:mm:ss', zone: 'UTC' },
	},
	amounts: ['amount'],
	simplify: [
		'partner_trx_id',
		'trx_id',
		'amount',
		'recipient_bank',
		'recipient_account',
		'recipient_name',
		'tx_status_description',
		'last_updated_date',
	],
};

const EMAIL_RULE =
	'up to 5 addresses separated by a space, 255 characters in all (OY product guide, FAQs)';

/** Shared by Create Disbursement and Multi Account's Disburse with Child Balance (same endpoint). */
export const DISBURSEMENT_PARAMS: readonly ParameterDefinition[] = [
	{
		name: 'partner_trx_id',
		displayName: 'Partner Transaction ID',
		in: 'body',
		type: 'string',
		required: true,
		maxLength: 255,
		idempotencyKey: true,
		description:
			'Your unique id for this disbursement. Use the same id when you retry: OY! refuses a second disbursement under one id.',
	},
	{
		name: 'recipient_bank',
		displayName: 'Recipient Bank',
		in: 'body',
		type: 'string',
		required: true,
		maxLength: 255,
		optionsFrom: 'disbursementBanks',
		description: 'Bank or e-wallet code of the recipient, e.g. 014 for BCA or ovo',
	},
	{
		name: 'recipient_account',
		displayName: 'Recipient Account',
		in: 'body',
		type: 'digits',
		required: true,
		maxLength: 255,
		description:
			'Account number (digits only). For an e-wallet, the phone number the wallet is registered to.',
	},
	{
		name: 'amount',
		in: 'body',
		type: 'amount',
		required: true,
		minimum: 100,
		description:
			'Whole rupiah. At least Rp10.000 to a bank and Rp100 to an e-wallet (OY API docs: Fund Disbursement › Create Disbursement › request parameters).',
	},
	{
		name: 'note',
		in: 'body',
		type: 'string',
		maxLength: 255,
		pattern: {
			regex: /^[A-Za-z0-9 .,\-*/_:()#@&+']*$/,
			rule: 'may contain letters, digits, spaces and common symbols only',
		},
		description:
			'Message to the recipient; shown on the statement only at BCA, BNI, BRI, CIMB, DBS, Mandiri and Permata',
	},
	{
		name: 'email',
		in: 'body',
		type: 'emailList',
		separator: ' ',
		maxItems: 5,
		maxLength: 255,
		description: `Addresses OY! notifies about this disbursement: ${EMAIL_RULE}`,
	},
	{
		name: 'additional_data.partner_merchant_id',
		displayName: 'Partner Merchant ID',
		in: 'body',
		type: 'string',
		maxLength: 64,
		description: 'Your own id for the merchant this disbursement belongs to',
	},
];

/** Optional on Create Disbursement (OY API docs: Fund Disbursement › Create Disbursement › request parameters); Multi Account's Disburse with Child Balance requires it. */
export const CHILD_BALANCE: ParameterDefinition = {
	name: 'child_balance',
	displayName: 'Child Balance',
	in: 'body',
	type: 'string',
	maxLength: 255,
	description:
		'Username of the child account whose balance pays (Multi Account Management must be active); your own balance when empty',
};

const EWALLET_CODES = new Set(['dana', 'gopay', 'linkaja', 'ovo', 'shopeepay']);

export function checkDisbursementMinimum(input: Record<string, unknown>) {
	const bank = String(input.recipient_bank ?? '');
	const amount = Number(input.amount);
	const minimum = EWALLET_CODES.has(bank.toLowerCase()) ? 100 : 10_000;
	if (Number.isFinite(amount) && amount < minimum) {
		return {
			field: 'amount',
			message: `amount must be at least ${minimum} rupiah for ${EWALLET_CODES.has(bank.toLowerCase()) ? 'an e-wallet' : 'a bank'} recipient (got ${amount})`,
		};
	}
	return undefined;
}

/** The status check that resolves a lost or duplicate create (same partner_trx_id). */
export const DISBURSEMENT_STATUS_CHECK: StatusCheck = {
	operation: 'disbursement.getStatus',
	input: (create) => ({ partner_trx_id: create.partner_trx_id }),
	notFoundCodes: ['204'],
	duplicateCodes: ['203', '257'],
	conflict: differsFromCreate(['recipient_account', 'recipient_bank'], {
		caseInsensitive: ['recipient_bank'],
	}),
};

export const disbursementOperations: readonly OperationDefinition[] = [
	{
		id: 'disbursement.create',
		resource: 'disbursement',
		product: 'Fund Disbursement',
		name: 'Create',
		action: 'Create a disbursement',
		description:
			'Sends money from your OY! balance to a bank account or e-wallet. The answer is usually "in progress"; the result arrives by callback or Get Status.',
		method: 'POST',
		path: '/api/remit',
		params: [...DISBURSEMENT_PARAMS, CHILD_BALANCE],
		checks: [checkDisbursementMinimum],
		envelope: 'statusObject',
		codes: CREATE_DISBURSEMENT_CODES,
		fields: DISBURSEMENT_FIELDS,
		safety: 'moneyCreate',
		statusCheck: DISBURSEMENT_STATUS_CHECK,
		advice: disbursementAdvice,
		docs: 'OY API docs: Fund Disbursement › Create Disbursement',
	},
	{
		id: 'disbursement.getStatus',
		resource: 'disbursement',
		product: 'Fund Disbursement',
		name: 'Get Status',
		action: 'Get the status of a disbursement',
		description:
			'Reads the current state of a disbursement by your partner_trx_id, and can have OY! send the callback again',
		method: 'POST',
		path: '/api/remit-status',
		params: [
			{
				name: 'partner_trx_id',
				displayName: 'Partner Transaction ID',
				in: 'body',
				type: 'string',
				required: true,
				maxLength: 255,
				description: 'The id you gave when you created the disbursement',
			},
			{
				name: 'send_callback',
				in: 'body',
				type: 'boolean',
				description: 'Whether OY! should send the disbursement callback again to your callback URL',
			},
		],
		envelope: 'statusObject',
		codes: DISBURSEMENT_STATUS_CODES,
		fields: DISBURSEMENT_FIELDS,
		safety: 'read',
		absent: { codes: ['204'] },
		advice: disbursementAdvice,
		docs: 'OY API docs: Fund Disbursement › Get Disbursement Status',
	},
];
