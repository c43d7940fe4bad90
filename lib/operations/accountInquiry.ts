import type {
	CodeTable,
	FieldReading,
	OperationDefinition,
	ParameterDefinition,
	StateField,
} from '../types';

/** Account Inquiry response codes, OY API docs: Account Inquiry response codes (identical in the older version). */
export const ACCOUNT_INQUIRY_CODES: CodeTable = {
	'000': { outcome: 'success', meaning: 'Success' },
	'204': { outcome: 'rejected', meaning: 'OY! does not know this invoice id' },
	'205': { outcome: 'rejected', meaning: 'OY! does not support this bank code for inquiry' },
	'206': {
		outcome: 'failed',
		meaning: 'Payment failed: the balance is not enough',
		hint: 'Top up the OY! balance; paying again before that fails the same way.',
	},
	'209': {
		outcome: 'rejected',
		meaning: 'The bank account was not found',
		hint: 'Check the account number and the bank.',
	},
	'232': {
		outcome: 'rejected',
		meaning: 'Inquiry blocked: you have unpaid account-inquiry invoices past the grace period',
		hint: 'Pay the UNPAID invoices (Pay Invoice) and try again.',
	},
	'300': {
		outcome: 'rejected',
		meaning: 'Not paid: the invoice is not UNPAID (still INITIATED, or already PAID)',
		hint: 'Nothing to pay now; read the invoice to see its status.',
	},
};

const INVOICE_STATUSES = ['INITIATED', 'UNPAID', 'PAID'] as const;

/** An invoice's own state: only PAID is done; UNPAID and INITIATED are still to pay. */
const INVOICE_STATE: StateField = {
	path: 'invoice_status',
	values: {
		PAID: { outcome: 'success', meaning: 'The invoice is paid' },
		UNPAID: {
			outcome: 'pending',
			meaning: 'The invoice is UNPAID',
			hint: 'Pay it before the grace period ends, or account inquiries get blocked (code 232).',
		},
		INITIATED: {
			outcome: 'pending',
			meaning:
				"The invoice is INITIATED: today's inquiries still add to it; it turns UNPAID tomorrow",
		},
	},
};

const INVOICE_FIELDS: FieldReading = {
	dates: {
		paid_at: { format: 'yyyy-MM-ddTHH:mm:ss', zone: 'UTC' },
		due_at: { format: 'yyyy-MM-ddTHH:mm:ss', zone: 'UTC' },
		timestamp: { format: 'yyyy-MM-ddTHH:mm:ss', zone: 'UTC' },
	},
	amounts: ['amount'],
	simplify: [
		'invoice_id',
		'tx_date',
		'amount',
		'total_inquiry',
		'invoice_status',
		'due_at',
		'paid_at',
	],
};

const INVOICE_ID: ParameterDefinition = {
	name: 'id',
	pick: 'inquiryInvoice',
	displayName: 'Invoice ID',
	in: 'path',
	type: 'string',
	required: true,
	maxLength: 255,
	description: 'The id of the account-inquiry invoice',
};

export const accountInquiryOperations: readonly OperationDefinition[] = [
	{
		id: 'accountInquiry.inquire',
		resource: 'accountInquiry',
		product: 'Account Inquiry',
		name: 'Inquire',
		action: 'Inquire a bank account',
		description:
			"Looks up a bank account and returns its holder's name. Each call is billed on the day's account-inquiry invoice.",
		method: 'POST',
		path: '/api/account-inquiry',
		params: [
			{
				name: 'bank_code',
				in: 'body',
				type: 'string',
				required: true,
				maxLength: 255,
				optionsFrom: 'disbursementBanks',
				description: 'Bank code of the account, from the disbursement bank codes',
			},
			{
				name: 'account_number',
				in: 'body',
				type: 'digits',
				required: true,
				maxLength: 255,
				description: 'The account number to look up (digits only)',
			},
			{
				name: 'retry_unclear',
				displayName: 'Ask Again Once When Unclear',
				in: 'client',
				type: 'boolean',
				default: true,
				description:
					'Each inquiry is billed (OY API docs: Account Inquiry). When the answer is lost or unclear (timeout, 5xx, 999), ask again at most once; off: never ask again. Not sent to OY!.',
			},
		],
		envelope: 'statusObject',
		codes: ACCOUNT_INQUIRY_CODES,
		fields: {
			dates: { timestamp: { format: 'yyyy-MM-ddTHH:mm:ss', zone: 'UTC' } },
			simplify: ['bank_code', 'account_number', 'account_name', 'id', 'invoice_id'],
		},
		// An inquiry costs money but moves none and can be repeated without harm.
		safety: 'read',
		// Billed per call: an unclear answer is asked again at most once (429 and refused connections,
		// which OY! did not process, are waited out as usual).
		unclearRetries: (input) => (input.retry_unclear === false ? 0 : 1),
		absent: { codes: ['209'] },
		docs: 'OY API docs: Account Inquiry › Account Inquiry',
	},
	{
		id: 'accountInquiry.getInvoices',
		resource: 'accountInquiry',
		product: 'Account Inquiry',
		name: 'Get Many Invoices',
		action: 'Get many account inquiry invoices',
		description: 'Lists your daily account-inquiry invoices, optionally by status',
		method: 'GET',
		path: '/api/account-inquiry/invoices',
		params: [
			{
				name: 'status',
				in: 'query',
				type: 'string',
				options: INVOICE_STATUSES,
				description: 'Only invoices in this status; all when empty',
			},
			{ name: 'offset', in: 'query', type: 'integer', minimum: 0, description: 'Records to skip' },
			{ name: 'limit', in: 'query', type: 'integer', minimum: 1, description: 'Records per page' },
		],
		envelope: 'statusObject',
		codes: ACCOUNT_INQUIRY_CODES,
		fields: INVOICE_FIELDS,
		safety: 'read',
		list: {
			itemsPath: 'data',
			totalPath: 'total',
			// No maximum page size is documented (OY API docs: Account Inquiry › Get Account Inquiry Invoices); 100 keeps each answer small.
			pagination: {
				style: 'offset',
				offsetParam: 'offset',
				limitParam: 'limit',
				maxPageSize: 100,
				defaultPageSize: 10,
			},
		},
		docs: 'OY API docs: Account Inquiry › Get Account Inquiry Invoices',
	},
	{
		id: 'accountInquiry.getInvoice',
		resource: 'accountInquiry',
		product: 'Account Inquiry',
		name: 'Get Invoice',
		action: 'Get an account inquiry invoice',
		description: 'Reads one account-inquiry invoice; the outcome tells whether it is paid',
		method: 'GET',
		path: '/api/account-inquiry/invoices/{id}',
		params: [INVOICE_ID],
		envelope: 'statusObject',
		codes: ACCOUNT_INQUIRY_CODES,
		stateField: INVOICE_STATE,
		fields: INVOICE_FIELDS,
		safety: 'read',
		absent: { codes: ['204'] },
		docs: 'OY API docs: Account Inquiry › Get Account Inquiry Invoice by ID',
	},
	{
		id: 'accountInquiry.payInvoice',
		resource: 'accountInquiry',
		product: 'Account Inquiry',
		name: 'Pay Invoice',
		action: 'Pay an account inquiry invoice',
		description: 'Pays an UNPAID account-inquiry invoice from your OY! balance',
		method: 'POST',
		// The curl sample says GET with a body; the request definition says POST (OY API docs: Account Inquiry › Pay Account Inquiry Invoice).
		path: '/api/account-inquiry/invoices/pay',
		params: [
			{
				name: 'invoice_id',
				displayName: 'Invoice ID',
				pick: 'inquiryInvoice',
				in: 'body',
				type: 'string',
				required: true,
				maxLength: 255,
				idempotencyKey: true,
				description: 'The UNPAID invoice to pay',
			},
		],
		envelope: 'statusObject',
		codes: ACCOUNT_INQUIRY_CODES,
		fields: INVOICE_FIELDS,
		safety: 'moneyCreate',
		// Paying moves money. A lost answer is resolved by reading the invoice: PAID means done,
		// UNPAID means the payment did not happen. OY! pays only UNPAID invoices (300 otherwise),
		// so the same request cannot pay twice.
		statusCheck: {
			operation: 'accountInquiry.getInvoice',
			input: (create) => ({ id: create.invoice_id }),
			notFoundCodes: ['204'],
			duplicateCodes: [],
			notDone: (verdict) => verdict.state === 'UNPAID',
		},
		docs: 'OY API docs: Account Inquiry › Pay Account Inquiry Invoice',
	},
];
