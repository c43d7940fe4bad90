import { TRANSACTION_DATA_BANKS } from '../tables/transactionDataBanks';
import type {
	CodeTable,
	FieldReading,
	OperationDefinition,
	ParameterDefinition,
	ValidationProblem,
} from '../types';

/**
 * Codes every API Transactions Data endpoint lists (OY API docs: API Transactions Data › Account Linking › list of response codes and the later tables).
 * "User is not found / not active" reads like the other products' partner checks, but here it may
 * also mean the partner_user_id, so the meaning names both. 207, 208 and 990 mean what COMMON_CODES say.
 */
const ACCESS_CODES: CodeTable = {
	'201': {
		outcome: 'rejected',
		meaning: 'OY! does not know the user: your OY! username, or the partner_user_id',
		hint: 'Check the username in the credential and the partner_user_id.',
	},
	'202': {
		outcome: 'rejected',
		meaning: 'The user is not active: your OY! user, or the partner_user_id',
		hint: 'Ask OY! to activate API Transactions Data for your account.',
	},
	'900': {
		outcome: 'unknown',
		meaning: 'OY! had an unexpected error; the outcome is not known',
		hint: 'Check the state again before doing anything else.',
	},
};

const INVALID_PERMANENT_TOKEN = {
	outcome: 'rejected',
	meaning: 'The permanent token is not valid',
	hint: 'The account may have been unlinked; link it again to get a new permanent token.',
} as const;

/** Register Account, OY API docs: API Transactions Data › Account Linking › list of response codes. */
export const REGISTER_ACCOUNT_CODES: CodeTable = {
	...ACCESS_CODES,
	'000': {
		outcome: 'success',
		meaning: 'Registration link created',
		hint: 'Send the user the registration_link, then poll Get Registration Status with the token.',
	},
};

/** Check Registration Status, OY API docs: API Transactions Data › Check Registration Status › list of response codes. */
export const REGISTRATION_STATUS_CODES: CodeTable = {
	...ACCESS_CODES,
	'000': {
		outcome: 'success',
		meaning: 'The bank account is linked',
		hint: 'Store permanent_token securely: it opens the account statements of this user.',
	},
	'102': {
		outcome: 'pending',
		meaning: 'Linking in progress: the user has not finished, or the bank is still checking',
		hint: 'Check again in a few minutes.',
	},
	'237': {
		outcome: 'rejected',
		meaning: 'The registration token is not valid',
		hint: 'Use the token of Register Account, or register again.',
	},
	'300': { outcome: 'failed', meaning: 'Linking failed', hint: 'Ask the user to register again.' },
};

/** List of Registered Accounts, OY API docs: API Transactions Data › List of Registered Accounts › list of response codes. */
export const REGISTERED_ACCOUNTS_CODES: CodeTable = {
	...ACCESS_CODES,
	'000': { outcome: 'success', meaning: 'Linked accounts read' },
	'244': { outcome: 'rejected', meaning: 'The partner_user_id is not valid' },
};

/**
 * Initialize Account Statement, OY API docs: API Transactions Data › Initialize Account Statement › list of response codes. The table calls 101 "Request is processed", but
 * the docs' only 101 answer is the failure example "Bank account not found" with no statement id
 * (OY API docs: API Transactions Data › Initialize Account Statement): nothing can be followed, so 101 reads as not started. The success example
 * answers 102 "Preparing data" (OY API docs: API Transactions Data › Initialize Account Statement), which the table does not list.
 */
export const INIT_STATEMENT_CODES: CodeTable = {
	...ACCESS_CODES,
	'000': {
		outcome: 'success',
		meaning: 'Account statement initialized',
		hint: 'Read it with Get Statement Status until the data is ready.',
	},
	'101': {
		outcome: 'rejected',
		meaning:
			'Not started: OY! did not initialize the statement (e.g. the bank account was not found)',
		hint: "Read OY's message; if account_statement_id is set anyway, follow it with Get Statement Status.",
	},
	'102': {
		outcome: 'pending',
		meaning: 'Account statement initialized: OY! is preparing the data',
		hint: 'Wait for the callback, or poll Get Statement Status until it answers 103.',
	},
	'211': {
		outcome: 'rejected',
		meaning: 'This bank code is not available for API Transactions Data',
	},
	'238': INVALID_PERMANENT_TOKEN,
	'242': {
		outcome: 'rejected',
		meaning: 'The bank has no data for this start date',
		hint: 'Use a later start_date (BCA keeps 3 months, BNI 6, Mandiri 12), or set ignore_start_date.',
	},
	'300': { outcome: 'failed', meaning: 'OY! could not initialize the account statement' },
};

/**
 * Get Account Statement and Check Account Statement Status, OY API docs: API Transactions Data › Get Account Statement › list of response codes and API Transactions Data › Check Account Statement Status / re-send callback › list of response codes (one
 * table). 102 "Preparing data" and 103 "Data ready for retrieval" appear only in the examples
 * (OY API docs: API Transactions Data › Get Account Statement, API Transactions Data › Check Account Statement Status / re-send callback). The bank-side codes describe the statement that was asked for,
 * whose preparation ended without data: failed, not a rejected request.
 */
export const STATEMENT_CODES: CodeTable = {
	...ACCESS_CODES,
	'000': { outcome: 'success', meaning: 'The account statement is ready' },
	'101': {
		outcome: 'pending',
		meaning: 'OY! is processing the account statement',
		hint: 'Check again later.',
	},
	'102': {
		outcome: 'pending',
		meaning: 'OY! is preparing the account statement',
		hint: 'Wait for the callback, or check again later.',
	},
	'103': { outcome: 'success', meaning: 'The account statement is ready to read' },
	'209': { outcome: 'failed', meaning: 'No statement: the bank account number was not found' },
	'211': {
		outcome: 'failed',
		meaning: 'No statement: this bank is not available for API Transactions Data',
	},
	'238': {
		...INVALID_PERMANENT_TOKEN,
		outcome: 'failed',
		meaning: 'No statement: the permanent token is not valid',
	},
	'239': {
		outcome: 'rejected',
		meaning: 'OY! has no account statement under this id',
		hint: 'Use the account_statement_id of Initialize Statement.',
	},
	'240': {
		outcome: 'failed',
		meaning: 'No statement: OY! could not log in to the internet banking',
		hint: 'The user may have changed the banking password; ask them to link the account again.',
	},
	'242': { outcome: 'failed', meaning: 'No statement: the bank has no data for the start date' },
	'300': { outcome: 'failed', meaning: 'The account statement failed' },
};

/** Account Deactivate, OY API docs: API Transactions Data › Account Deactivate (unlink) › list of response codes. */
export const UNLINK_ACCOUNT_CODES: CodeTable = {
	...ACCESS_CODES,
	'000': {
		outcome: 'success',
		meaning: 'The account is unlinked: the permanent token no longer works',
	},
	'238': INVALID_PERMANENT_TOKEN,
};

const PARTNER_USER_ID: ParameterDefinition = {
	name: 'partner_user_id',
	displayName: 'Partner User ID',
	in: 'body',
	type: 'string',
	required: true,
	description: 'Your unique id for the user whose bank account statements are read',
};

const PERMANENT_TOKEN: ParameterDefinition = {
	name: 'permanent_token',
	secret: true,
	in: 'body',
	type: 'string',
	required: true,
	description:
		'The token Get Registration Status (or Get Many Accounts) returned for this linked account',
};

/** "each page contains max. of 1000 row of transactions" (OY API docs: API Transactions Data › Get Account Statement › request query parameters) */
const STATEMENT_PAGE_LINES = 1000;

const STATEMENT_ID = (location: 'query' | 'body'): ParameterDefinition => ({
	name: 'id',
	displayName: 'Account Statement ID',
	in: location,
	type: 'string',
	required: true,
	description: 'The account_statement_id that Initialize Statement returned',
});

/**
 * The docs write the dates "YYYY-MM-dd" (calendar year) and give no zone; an instant typed by a
 * workflow is read as a Jakarta calendar date, the banks' own.
 */
const statementDate = (name: string, description: string): ParameterDefinition => ({
	name,
	in: 'body',
	type: 'date',
	required: true,
	dateFormat: 'yyyy-MM-dd',
	dateZone: 'WIB',
	description,
});

const startNotAfterEnd = (input: Record<string, unknown>): ValidationProblem | undefined =>
	String(input.start_date) > String(input.end_date)
		? {
				field: 'start_date',
				message: `start_date must not be later than end_date (${String(input.end_date)})`,
			}
		: undefined;

const STATEMENT_LINE_FIELDS: FieldReading = {
	// `date` is a calendar date of unstated zone: left as OY! writes it.
	amounts: ['amount'],
};

const transactionData = {
	resource: 'transactionData',
	product: 'API Transactions Data',
	envelope: 'statusObject',
} as const;

export const transactionDataOperations: readonly OperationDefinition[] = [
	{
		...transactionData,
		id: 'transactionData.registerAccount',
		name: 'Register Account',
		action: 'Register a bank account for transaction data',
		description:
			'Returns a registration link where the user enters their internet-banking login to link a bank account; then poll Get Registration Status with the token',
		method: 'POST',
		path: '/api/transaction-data/account/register',
		params: [PARTNER_USER_ID],
		codes: REGISTER_ACCOUNT_CODES,
		fields: { simplify: ['registration_link', 'token'] },
		safety: 'write',
		docs: 'OY API docs: API Transactions Data › Account Linking',
	},
	{
		...transactionData,
		id: 'transactionData.getRegistrationStatus',
		name: 'Get Registration Status',
		action: 'Get the registration status of a transaction data account',
		description:
			'Tells whether the user finished linking; once linked, returns the permanent token for the statements',
		method: 'POST',
		path: '/api/transaction-data/account/check-registration-status',
		params: [
			{
				name: 'registration_token',
				secret: true,
				in: 'body',
				type: 'string',
				required: true,
				description: 'The token that Register Account returned',
			},
		],
		codes: REGISTRATION_STATUS_CODES,
		safety: 'read',
		absent: { codes: ['237'] },
		docs: 'OY API docs: API Transactions Data › Check Registration Status',
	},
	{
		...transactionData,
		id: 'transactionData.getAccounts',
		name: 'Get Many Accounts',
		action: 'Get many registered transaction data accounts',
		description:
			'Lists the bank accounts a user has linked, each with its permanent token; linking again adds an entry',
		method: 'POST',
		path: '/api/transaction-data/account/registered-accounts',
		params: [PARTNER_USER_ID],
		codes: REGISTERED_ACCOUNTS_CODES,
		// `linking_date` has no documented zone: left as OY! writes it. The table names the account
		// list `bank_account_number`, the example `account_numbers` (OY API docs: API Transactions Data › List of Registered Accounts vs API Transactions Data › List of Registered Accounts › response parameters).
		fields: {
			simplify: [
				'bank_code',
				'account_numbers',
				'bank_account_number',
				'account_status',
				'linking_date',
				'permanent_token',
			],
		},
		list: { itemsPath: 'data', pagination: { style: 'none' } },
		safety: 'read',
		docs: 'OY API docs: API Transactions Data › List of Registered Accounts',
	},
	{
		...transactionData,
		id: 'transactionData.initStatement',
		name: 'Initialize Statement',
		action: 'Initialize an account statement',
		description:
			'Asks OY! to fetch the statement of a linked account for a period; the data is prepared in the background and announced by callback',
		method: 'POST',
		path: '/api/transaction-data/account-statement/init',
		params: [
			{
				name: 'bank_code',
				in: 'body',
				type: 'string',
				required: true,
				optionsFrom: 'transactionDataBanks',
				options: TRANSACTION_DATA_BANKS.map((bank) => bank.code),
				description:
					'Bank of the account: 008 Mandiri (12 months of history), 014 BCA (3), 009 BNI (6)',
			},
			{
				name: 'account_type',
				in: 'body',
				type: 'string',
				required: true,
				options: ['INDIVIDUAL'],
				default: 'INDIVIDUAL',
				description: 'Type of the account; only INDIVIDUAL exists today',
			},
			{
				name: 'account_number',
				in: 'body',
				type: 'digits',
				required: true,
				description: 'A linked account number (digits only), as Get Many Accounts lists it',
			},
			statementDate(
				'start_date',
				'First day of the statement (yyyy-MM-dd), within the bank’s history',
			),
			statementDate('end_date', 'Last day of the statement (yyyy-MM-dd)'),
			PERMANENT_TOKEN,
			// Not in the parameter table, but every sample sends it (OY API docs: API Transactions Data › Initialize Account Statement).
			{
				name: 'ignore_start_date',
				in: 'body',
				type: 'boolean',
				description:
					'Sent as true by all of OY’s samples but not described; presumably lets OY! start at the oldest date the bank keeps instead of answering 242',
			},
		],
		checks: [startNotAfterEnd],
		codes: INIT_STATEMENT_CODES,
		fields: { simplify: ['account_statement_id'] },
		safety: 'write',
		docs: 'OY API docs: API Transactions Data bank codes',
	},
	{
		...transactionData,
		id: 'transactionData.getStatement',
		name: 'Get Statement',
		action: 'Get an account statement',
		description: `Reads the lines of a prepared account statement, up to ${STATEMENT_PAGE_LINES} per page`,
		method: 'GET',
		path: '/api/transaction-data/account-statement/mutations',
		params: [
			STATEMENT_ID('query'),
			{
				name: 'page',
				in: 'query',
				type: 'integer',
				required: true,
				minimum: 1,
				default: 1,
				// Called "Pagination offset" (OY API docs: API Transactions Data › Get Account Statement › request query parameters), but every example asks page=1 and Get Statement
				// Status counts total_pages: a page number from 1.
				description: `Page number from 1 to total_pages of Get Statement Status; ${STATEMENT_PAGE_LINES} lines a page`,
			},
		],
		codes: STATEMENT_CODES,
		fields: STATEMENT_LINE_FIELDS,
		// No total in this answer: reading stops on a page of fewer than 1000 lines (OY API docs: API Transactions Data › Get Account Statement › request query parameters), on an
		// empty page, or on a page seen twice.
		list: {
			itemsPath: 'data',
			pagination: {
				style: 'page',
				pageParam: 'page',
				firstPage: 1,
				fullPage: STATEMENT_PAGE_LINES,
			},
		},
		safety: 'read',
		docs: 'OY API docs: API Transactions Data › Get Account Statement',
	},
	{
		...transactionData,
		id: 'transactionData.getStatementStatus',
		name: 'Get Statement Status',
		action: 'Get the status of an account statement',
		description:
			'Tells whether an account statement is ready and how many pages it has; can have OY! send the callback again',
		method: 'POST',
		path: '/api/transaction-data/account-statement/status',
		params: [
			STATEMENT_ID('body'),
			{
				name: 'send_callback',
				in: 'body',
				type: 'boolean',
				required: true,
				default: false,
				description: 'Whether OY! should send the statement callback again (required by OY!)',
			},
		],
		codes: STATEMENT_CODES,
		fields: { simplify: ['total_transactions', 'total_pages'] },
		safety: 'read',
		docs: 'OY API docs: API Transactions Data › Check Account Statement Status / re-send callback',
	},
	{
		...transactionData,
		id: 'transactionData.unlinkAccount',
		name: 'Unlink Account',
		action: 'Unlink a transaction data account',
		description:
			'Revokes your access to a linked bank account (one permanent token). OY! requires you to offer this to your users.',
		method: 'POST',
		path: '/api/transaction-data/account/unlink',
		params: [PERMANENT_TOKEN, PARTNER_USER_ID],
		codes: UNLINK_ACCOUNT_CODES,
		safety: 'idempotentWrite',
		docs: 'OY API docs: API Transactions Data › Account Deactivate (unlink)',
	},
];
