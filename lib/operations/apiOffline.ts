import { idUsedBefore } from '../outcomes';
import { OFFLINE_CHANNELS } from '../tables/offlineChannels';
import { differsFromCreate } from '../statusConflicts';
import type { OfflineTransactionType } from '../tables/offlineChannels';
import type {
	CodeTable,
	FieldReading,
	OperationDefinition,
	ParameterDefinition,
	StatusCheck,
	ValidationProblem,
} from '../types';

const CASH_OUT_STEP = 50_000;

/**
 * API Offline's rejected-request codes, OY API docs: API Offline rejected-request codes. OY! gives one code list for all four
 * endpoints and does not say which endpoint answers which code, so every endpoint reads them all.
 * 201, 202, 207, 208, 429, 990 and 999 mean what COMMON_CODES say. 999 is marked "Final" in the
 * docs, but an internal error cannot prove that nothing was created, so it stays unknown.
 */
const OFFLINE_REJECTIONS: CodeTable = {
	'203': idUsedBefore(
		'Rejected',
		'Read the existing transaction with Get under the same partner_trx_id.',
	),
	'204': {
		outcome: 'rejected',
		meaning: 'Rejected: OY! has no transaction under this partner_trx_id',
	},
	'206': {
		outcome: 'rejected',
		meaning: 'Rejected: your OY! deposit balance is not enough',
		hint: 'Top up the OY! balance, then create it again.',
	},
	'215': {
		outcome: 'rejected',
		meaning: 'Rejected: the amount is not a valid denomination',
		hint: 'A cash-out must be a multiple of Rp50.000.',
	},
	'220': {
		outcome: 'rejected',
		meaning: 'Rejected: the offline channel is not valid or does not take this transaction type',
		hint: 'INDOMARET takes cash-in only.',
	},
	'221': { outcome: 'rejected', meaning: 'Rejected: the transaction type is not valid' },
	'224': { outcome: 'rejected', meaning: 'Rejected: the amount is below the minimum' },
	'225': {
		outcome: 'rejected',
		meaning: 'Rejected: the amount is above the maximum per transaction',
	},
	// "Non-Final" in the docs: the other transaction of this phone number will end; this request
	// created nothing, and repeating it within seconds cannot help, so it is not transient.
	'296': {
		outcome: 'rejected',
		meaning: 'Rejected: this phone number still has an active offline transaction',
		hint: 'Wait until that transaction ends (or cancel it), then create a new one.',
	},
	'298': { outcome: 'rejected', meaning: 'Rejected: this transaction cannot be cancelled' },
};

const WAITING_FOR_CUSTOMER = {
	outcome: 'pending',
	meaning: 'In progress: waiting for the customer to deposit or withdraw at the channel',
	hint: 'Give the customer the code; the result arrives by callback or through Get.',
} as const;

/**
 * The transaction's own state, which API Offline writes into `status.code`, OY API docs: API Offline transaction status codes.
 * 100 appears only in the create example (OY API docs: API Offline › Initiate Transaction); it is read like 102.
 */
const OFFLINE_TRANSACTION_STATES: CodeTable = {
	'000': { outcome: 'success', meaning: 'The offline transaction is completed' },
	'100': WAITING_FOR_CUSTOMER,
	'102': WAITING_FOR_CUSTOMER,
	'222': { outcome: 'failed', meaning: 'The offline transaction expired before the customer came' },
	'297': {
		outcome: 'pending',
		meaning: 'In progress: the cash-in or cash-out is being processed at the channel',
	},
	'299': { outcome: 'failed', meaning: 'The offline transaction was cancelled' },
	'300': { outcome: 'failed', meaning: 'The offline transaction failed' },
};

export const OFFLINE_TRANSACTION_CODES: CodeTable = {
	...OFFLINE_REJECTIONS,
	...OFFLINE_TRANSACTION_STATES,
};

/** Cancel answers with the transaction's state; 299 is the cancellation itself (OY API docs: API Offline › Cancel Transaction). */
export const OFFLINE_CANCEL_CODES: CodeTable = {
	...OFFLINE_REJECTIONS,
	'299': { outcome: 'success', meaning: 'The offline transaction is cancelled' },
	'298': {
		outcome: 'rejected',
		meaning:
			'Not cancelled: only ALFAMART cash-out and CRM transactions that are not yet processed can be cancelled',
		hint: 'The transaction goes on; read it with Get.',
	},
	// OY! answers a cancellation with 299; 000 is its code for a completed transaction.
	'000': {
		outcome: 'unknown',
		meaning: 'OY! answered 000: the transaction may be completed rather than cancelled',
		hint: 'Read the transaction with Get before doing anything else.',
	},
	'222': { outcome: 'rejected', meaning: 'Not cancelled: the transaction had already expired' },
	'300': { outcome: 'rejected', meaning: 'Not cancelled: the transaction had already failed' },
};

export const OFFLINE_REFRESH_CODES: CodeTable = {
	...OFFLINE_REJECTIONS,
	'000': {
		outcome: 'success',
		meaning: 'New code issued',
		hint: 'Give the customer the new code before inactive_at.',
	},
	'222': { outcome: 'rejected', meaning: 'No new code: the transaction has expired' },
	'299': { outcome: 'rejected', meaning: 'No new code: the transaction was cancelled' },
	'300': { outcome: 'rejected', meaning: 'No new code: the transaction failed' },
};

/**
 * The dates (`timestamp`, `inactive_at`, `expired_at`) are left as OY! writes them: their zone is
 * not documented, and the examples even disagree on the format (OY API docs: API Offline › Initiate Transaction vs API Offline › Initiate Transaction › response parameters).
 */
const OFFLINE_FIELDS: FieldReading = {
	amounts: ['amount', 'admin_fee', 'tax_fee', 'total_amount'],
	simplify: [
		'partner_trx_id',
		'trx_id',
		'code',
		'transaction_type',
		'offline_channel',
		'amount',
		'total_amount',
		'inactive_at',
		'expired_at',
	],
};

const PARTNER_TRX_ID: ParameterDefinition = {
	name: 'partner_trx_id',
	displayName: 'Partner Transaction ID',
	in: 'body',
	type: 'string',
	required: true,
	maxLength: 255,
	description: 'The id you gave when you created the offline transaction',
};

function channelOf(input: Record<string, unknown>) {
	return OFFLINE_CHANNELS.find((channel) => channel.code === input.offline_channel);
}

const channelTakesType = (input: Record<string, unknown>): ValidationProblem | undefined => {
	const channel = channelOf(input);
	const type = input.transaction_type as OfflineTransactionType;
	if (!channel || channel.maximum[type] !== undefined) return undefined;
	return {
		field: 'offline_channel',
		message: `offline_channel ${channel.code} does not take ${type}; it takes ${Object.keys(channel.maximum).join(', ')}`,
	};
};

const cashOutInSteps = (input: Record<string, unknown>): ValidationProblem | undefined =>
	input.transaction_type === 'CASH_OUT' && Number(input.amount) % CASH_OUT_STEP !== 0
		? {
				field: 'amount',
				message: `amount must be a multiple of ${CASH_OUT_STEP} for CASH_OUT (got ${String(input.amount)})`,
			}
		: undefined;

// The cash-in limits include the admin fee, which only OY! knows: the amount alone must not exceed
// the maximum, while the Rp10.000 minimum may be reached with the fee and is left to OY! (224).
const withinChannelMaximum = (input: Record<string, unknown>): ValidationProblem | undefined => {
	const type = input.transaction_type as OfflineTransactionType;
	const maximum = channelOf(input)?.maximum[type];
	const amount = Number(input.amount);
	if (maximum === undefined || amount <= maximum) return undefined;
	const fee = type === 'CASH_IN' ? ', including the admin fee' : '';
	return {
		field: 'amount',
		message: `amount must be at most ${maximum} for ${type} at ${String(input.offline_channel)}${fee} (got ${amount})`,
	};
};

/** Resolves a lost or duplicate create by reading the transaction under the same partner_trx_id. */
export const OFFLINE_STATUS_CHECK: StatusCheck = {
	operation: 'apiOffline.get',
	input: (create) => ({ partner_trx_id: create.partner_trx_id }),
	notFoundCodes: ['204'],
	duplicateCodes: ['203'],
	conflict: differsFromCreate(['customer_id', 'transaction_type', 'offline_channel']),
};

const offline = {
	resource: 'apiOffline',
	product: 'API Offline',
	envelope: 'statusObject',
	fields: OFFLINE_FIELDS,
} as const;

export const apiOfflineOperations: readonly OperationDefinition[] = [
	{
		...offline,
		id: 'apiOffline.create',
		name: 'Create',
		action: 'Create an offline transaction',
		description:
			'Creates a cash-in (deposit) or cash-out (withdrawal) for a customer at a CRM, Alfamart or Indomaret. The answer carries the code the customer shows at the channel; the result arrives by callback or Get.',
		method: 'POST',
		path: '/api/offline-create',
		params: [
			{
				...PARTNER_TRX_ID,
				idempotencyKey: true,
				description:
					'Your unique id for this transaction. Use the same id when you retry: OY! refuses a second transaction under one id.',
			},
			{
				name: 'receiver_phone_number',
				in: 'body',
				type: 'string',
				maxLength: 255,
				pattern: {
					regex: /^\+?\d+$/,
					rule: 'must be a phone number: digits, optionally after a +',
				},
				description:
					'Phone number of the customer, e.g. 081234567890; one active transaction per number',
			},
			{
				name: 'customer_id',
				displayName: 'Customer ID',
				in: 'body',
				type: 'string',
				required: true,
				maxLength: 255,
				description: 'Your id for the customer who deposits or withdraws',
			},
			{
				name: 'amount',
				in: 'body',
				type: 'amount',
				required: true,
				minimum: 1,
				description:
					'Whole rupiah. Cash-out: a multiple of Rp50.000. Cash-in: Rp10.000 to Rp5.000.000 including the admin fee. Channel maximums apply.',
			},
			{
				name: 'notes',
				in: 'body',
				type: 'string',
				maxLength: 40,
				description: 'A note for the transaction',
			},
			{
				name: 'transaction_type',
				in: 'body',
				type: 'string',
				required: true,
				options: [
					{ value: 'CASH_IN', name: 'Cash In', description: 'The customer deposits cash' },
					{ value: 'CASH_OUT', name: 'Cash Out', description: 'The customer withdraws cash' },
				],
				description: 'CASH_IN for a deposit, CASH_OUT for a withdrawal',
			},
			{
				name: 'offline_channel',
				in: 'body',
				type: 'string',
				required: true,
				optionsFrom: 'offlineChannels',
				options: OFFLINE_CHANNELS.map((channel) => channel.code),
				description: 'Where the customer completes it: CRM, ALFAMART or INDOMARET (cash-in only)',
			},
		],
		checks: [channelTakesType, cashOutInSteps, withinChannelMaximum],
		codes: OFFLINE_TRANSACTION_CODES,
		safety: 'moneyCreate',
		statusCheck: OFFLINE_STATUS_CHECK,
		docs: 'OY API docs: API Offline › Initiate Transaction; codes: API Offline transaction status codes',
	},
	{
		...offline,
		id: 'apiOffline.cancel',
		name: 'Cancel',
		action: 'Cancel an offline transaction',
		description:
			'Cancels an ALFAMART cash-out or CRM transaction the customer has not completed; cash-ins cannot be cancelled',
		method: 'POST',
		path: '/api/offline-cancel',
		params: [PARTNER_TRX_ID],
		codes: OFFLINE_CANCEL_CODES,
		safety: 'idempotentWrite',
		docs: 'OY API docs: API Offline › Cancel Transaction; codes: API Offline transaction status codes',
	},
	{
		...offline,
		id: 'apiOffline.get',
		name: 'Get',
		action: 'Get an offline transaction',
		description:
			'Reads an offline transaction and its state by your partner_trx_id, and can have OY! send the callback again',
		method: 'POST',
		// The request block and the curl say /api/offline-info; the other samples say
		// /api-offline/tx-info (OY API docs: API Offline › Transaction Info). The request block is the reference, and it matches the
		// create and cancel paths, on which every sample agrees.
		path: '/api/offline-info',
		params: [
			PARTNER_TRX_ID,
			{
				name: 'send_callback',
				in: 'body',
				type: 'boolean',
				description: 'Whether OY! should send the transaction callback again to your callback URL',
			},
		],
		codes: OFFLINE_TRANSACTION_CODES,
		safety: 'read',
		absent: { codes: ['204'] },
		docs: 'OY API docs: API Offline › Transaction Info; codes: API Offline transaction status codes',
	},
	{
		...offline,
		id: 'apiOffline.refreshCode',
		name: 'Refresh Code',
		action: 'Refresh the code of an offline transaction',
		description:
			'Issues a new code for an ALFAMART cash-out or CRM transaction whose code lapsed (inactive_at) while the transaction is still valid',
		method: 'POST',
		// Same choice as Get: the request block's path, not the samples' /api-offline/refresh-code.
		path: '/api/offline-refresh-code',
		params: [PARTNER_TRX_ID],
		codes: OFFLINE_REFRESH_CODES,
		// A second refresh only replaces the code again: nothing is lost by repeating it.
		safety: 'idempotentWrite',
		docs: 'OY API docs: API Offline › Refresh Code; codes: API Offline transaction status codes',
	},
];
