import { parseOyDate } from '../dates';
import { CHECKOUT_PAYMENT_METHODS } from '../tables/checkoutPaymentMethods';
import type {
	CodeTable,
	FieldReading,
	OperationDefinition,
	ParameterDefinition,
	ParameterOption,
	ValidationProblem,
} from '../types';
import { someMethodEnabled, wibDates } from './paymentLink';

/**
 * Account Receivable codes, OY API docs: Account Receivable response codes (not in the older version). 247 and 400 each stand for several
 * causes, so OY's message is always shown next to ours. The table does not say which endpoint
 * answers which code; each operation gets the ones its messages are about.
 */
const AR_CODES: CodeTable = {
	'000': { outcome: 'success', meaning: 'Success' },
	'400': {
		outcome: 'rejected',
		meaning: 'OY! refused the request',
		hint: "Read OY's message: it names the field (dates, customer, tax type, e-mail limit …).",
	},
};

/** Answers about a record looked up by id or filter. */
const LOOKUP_CODES: CodeTable = {
	...AR_CODES,
	'204': {
		outcome: 'rejected',
		meaning: 'OY! has no such record ("Tx Id is not found")',
		hint: 'Use the id OY! returned on creation (not your own customer or invoice number).',
	},
};

const CONTACT_CODES: CodeTable = {
	'247': { outcome: 'rejected', meaning: 'OY! found the e-mail address or phone number not valid' },
};

const CREATE_INVOICE_CODES: CodeTable = {
	...AR_CODES,
	...CONTACT_CODES,
	'210': {
		outcome: 'rejected',
		meaning: 'Not created: the billed total is below Rp10.000',
		hint: 'The total counts additional items and the customer’s taxes.',
	},
	'901': {
		outcome: 'rejected',
		meaning: 'Not created: OY! refused the expiration date for these invoice dates',
	},
};

const CANCEL_INVOICE_CODES: CodeTable = {
	...LOOKUP_CODES,
	'223': {
		outcome: 'rejected',
		meaning:
			'Not cancelled: the invoice is in a status that cannot be cancelled (paid or cancelled already)',
		hint: 'Read the invoice to see its status.',
	},
	'300': {
		outcome: 'rejected',
		meaning: 'Not cancelled: OY! failed to cancel the invoice',
		hint: 'OY! asks to try again.',
		transient: true,
	},
};

const option = (value: string, name: string): ParameterOption => ({ value, name });

/** PPN (VAT) treatment of a customer's invoices, OY API docs: Account Receivable › Create New Customer › request parameters. */
const AR_TAX_TYPES: readonly ParameterOption[] = [
	option('NO_TAX', 'No PPN'),
	option('PPN_11_INCLUSIVE', 'PPN 11%, included in the prices'),
	option('PPN_11_EXCLUSIVE', 'PPN 11%, added to the prices'),
	option('PPN_10_INCLUSIVE', 'PPN 10%, included in the prices'),
	option('PPN_10_EXCLUSIVE', 'PPN 10%, added to the prices'),
];

/** PPh 23 withholding of a customer's invoices, OY API docs: Account Receivable › Create New Customer › request parameters. */
const AR_PPH_TAXES: readonly ParameterOption[] = [
	option('NO_TAX', 'No PPh 23'),
	option('PPH_23_NON_NPWP', 'PPh 23, customer without NPWP'),
	option('PPH_23_NPWP', 'PPh 23, customer with NPWP'),
];

const AR_CUSTOMER_STATUSES = ['ACTIVE', 'INACTIVE'] as const;
const AR_INVOICE_STATUSES = ['CREATED', 'OVERDUE', 'PAID', 'CANCELLED'] as const;

const id = (what: 'Customer' | 'Invoice'): ParameterDefinition => ({
	name: 'id',
	pick: what === 'Customer' ? 'customer' : 'invoice',
	displayName: `${what} ID`,
	in: 'path',
	type: 'string',
	required: true,
	description: `The id OY! gave the ${what.toLowerCase()} on creation (data.id)`,
});

const PAGE_PARAMS: readonly ParameterDefinition[] = [
	{ name: 'limit', in: 'query', type: 'integer', minimum: 1, description: 'Records per page' },
	{ name: 'offset', in: 'query', type: 'integer', minimum: 0, description: 'Records to skip' },
];

const PAGINATION = {
	style: 'offset',
	offsetParam: 'offset',
	limitParam: 'limit',
	// No maximum page size is documented (OY API docs: Account Receivable › Filter & Search Customers › request parameters, Account Receivable › Filter & Search Invoices › request parameters); 100 keeps each answer small.
	maxPageSize: 100,
	defaultPageSize: 10,
} as const;

const CUSTOMER_PARAMS: readonly ParameterDefinition[] = [
	{ name: 'name', in: 'body', type: 'string', required: true, description: 'Customer name' },
	{
		name: 'partner_customer_id',
		displayName: 'Partner Customer ID',
		in: 'body',
		type: 'string',
		description: 'Your own id for this customer',
	},
	{
		name: 'tax_type',
		displayName: 'PPN Tax Type',
		in: 'body',
		type: 'string',
		required: true,
		options: AR_TAX_TYPES,
		description: "PPN (VAT) shown on the customer's invoices",
	},
	{ name: 'address', in: 'body', type: 'string', description: "Customer's address" },
	{
		name: 'email',
		in: 'body',
		type: 'emailList',
		separator: ';',
		maxItems: 6,
		description: 'Up to 6 addresses the invoices are sent to',
	},
	{
		name: 'pic_name',
		displayName: 'PIC Name',
		in: 'body',
		type: 'string',
		description: 'Person in charge of the invoices at the customer',
	},
	{
		name: 'phone_number',
		in: 'body',
		type: 'digits',
		description: "Customer's phone number, digits only (no +)",
	},
	{
		name: 'pph_tax',
		displayName: 'PPh Tax',
		in: 'body',
		type: 'string',
		required: true,
		options: AR_PPH_TAXES,
		description: "PPh 23 withholding shown on the customer's invoices",
	},
];

const CUSTOMER_FIELDS: FieldReading = {
	amounts: ['total_piutang'],
	simplify: [
		'id',
		'name',
		'partner_customer_id',
		'status',
		'email',
		'phone_number',
		'tax_type',
		'pph_tax',
		'total_piutang',
		'can_be_deactivated',
	],
};

const INVOICE_SIMPLIFY = [
	'id',
	'invoice_number',
	'status',
	'customer_name',
	'amount_billed',
	'amount_received',
	'invoice_date',
	'due_date',
	'payment_url',
];

/**
 * Get Invoice writes `yyyy-MM-dd HH:mm:ss` in WIB: Get Many answers the same invoice in epoch
 * milliseconds that match these strings read as UTC+7 (OY API docs: Account Receivable › Get Invoice Details vs Account Receivable › Filter & Search Invoices).
 * invoice_date and due_date are calendar dates: as UTC instants they would read as the day before,
 * so they stay as OY! writes them. timeline_invoices[].action_date cannot be reached by a path.
 */
const INVOICE_FIELDS: FieldReading = {
	dates: wibDates('yyyy-MM-dd HH:mm:ss', 'expiration_date', 'payment_date'),
	amounts: ['amount_billed', 'amount_received', 'admin_fee'],
	simplify: INVOICE_SIMPLIFY,
};

/**
 * Get Many Invoices writes its dates as epoch milliseconds (OY API docs: Account Receivable › Filter & Search Invoices); payment_date, null
 * there, alike. invoice_date and due_date are midnight UTC+7 of the day Get Invoice writes as
 * `yyyy-MM-dd` (Account Receivable › Get Invoice Details): read into that day.
 */
const LISTED_INVOICE_FIELDS: FieldReading = {
	dates: {
		expiration_date: { format: 'epochMillis', zone: 'UTC' },
		payment_date: { format: 'epochMillis', zone: 'UTC' },
	},
	calendarDates: {
		invoice_date: { format: 'epochMillis', zone: 'WIB' },
		due_date: { format: 'epochMillis', zone: 'WIB' },
	},
	amounts: INVOICE_FIELDS.amounts,
	simplify: INVOICE_SIMPLIFY,
};

/**
 * The invoice's own state (OY API docs: Account Receivable › Filter & Search Invoices › request parameters): only PAID is done. Whether an OVERDUE invoice can still be
 * paid is not said; its link lives until expiration_date.
 */
const INVOICE_STATES: CodeTable = {
	CREATED: { outcome: 'pending', meaning: 'The invoice was sent and waits for payment' },
	OVERDUE: { outcome: 'pending', meaning: 'The invoice is past its due date and not paid' },
	PAID: { outcome: 'success', meaning: 'The invoice is paid' },
	CANCELLED: { outcome: 'failed', meaning: 'The invoice was cancelled; it can no longer be paid' },
};

const lineItems = (
	name: string,
	price: ParameterDefinition,
	description: string,
): ParameterDefinition => ({
	name,
	in: 'body',
	type: 'array',
	description,
	items: [
		price,
		{
			name: 'description',
			in: 'body',
			type: 'string',
			required: true,
			description: 'What the line is for',
		},
		{
			name: 'quantity',
			in: 'body',
			type: 'integer',
			required: true,
			minimum: 1,
			description: 'Quantity, at least 1',
		},
	],
});

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function dueNotBeforeInvoiceDate(input: Record<string, unknown>): ValidationProblem | undefined {
	const invoiceDate = String(input.invoice_date ?? '');
	const dueDate = String(input.due_date ?? '');
	return invoiceDate && dueDate && dueDate < invoiceDate
		? { field: 'due_date', message: 'due_date must not be before invoice_date' }
		: undefined;
}

function expirationAfterInvoiceDate(input: Record<string, unknown>): ValidationProblem | undefined {
	const expiration = parseOyDate(input.expiration_date, 'WIB', 'yyyy-MM-dd HH:mm:ss');
	const invoiceDate = parseOyDate(input.invoice_date, 'WIB', 'yyyy-MM-dd');
	return expiration !== null && invoiceDate !== null && expiration <= invoiceDate
		? { field: 'expiration_date', message: 'expiration_date must be later than invoice_date' }
		: undefined;
}

function attachmentsAreBase64(input: Record<string, unknown>): ValidationProblem | undefined {
	const attachments = Array.isArray(input.attachments) ? (input.attachments as string[]) : [];
	const bad = attachments.findIndex((attachment) => !BASE64.test(attachment.trim()));
	return bad >= 0
		? {
				field: `attachments[${bad}]`,
				message: `attachments[${bad}] must be a file encoded in base64`,
			}
		: undefined;
}

function minimumNotAboveMaximum(input: Record<string, unknown>): ValidationProblem | undefined {
	const { min_invoice_amount: min, max_invoice_amount: max } = input;
	return min !== undefined && max !== undefined && Number(min) > Number(max)
		? {
				field: 'min_invoice_amount',
				message: 'min_invoice_amount must not be greater than max_invoice_amount',
			}
		: undefined;
}

const ar = {
	resource: 'accountReceivable',
	product: 'Account Receivable',
	// `status` in some examples and `success` in others, always with error and status_code (OY API docs: AR default failed response).
	envelope: 'successError',
} as const;

export const accountReceivableOperations: readonly OperationDefinition[] = [
	{
		...ar,
		id: 'accountReceivable.createCustomer',
		name: 'Create Customer',
		action: 'Create a customer',
		description:
			'Registers a customer with contact details and the PPN and PPh 23 treatment of their invoices',
		method: 'POST',
		path: '/api/account-receivable/customers',
		params: CUSTOMER_PARAMS,
		codes: { ...AR_CODES, ...CONTACT_CODES },
		recordPath: 'data',
		fields: CUSTOMER_FIELDS,
		safety: 'write',
		docs: 'OY API docs: Account Receivable › Create New Customer',
	},
	{
		...ar,
		id: 'accountReceivable.updateCustomer',
		name: 'Update Customer',
		action: 'Update a customer',
		description:
			'Sends the whole customer again (name, tax_type, pph_tax and status each time) and can deactivate it: INACTIVE only when no invoice is outstanding (see can_be_deactivated)',
		// OY API docs (older version) (Account Receivable › Edit Customer) says POST; its samples and the current API docs say PUT.
		method: 'PUT',
		path: '/api/account-receivable/customers/{id}',
		params: [
			id('Customer'),
			...CUSTOMER_PARAMS,
			{
				name: 'status',
				in: 'body',
				type: 'string',
				required: true,
				options: AR_CUSTOMER_STATUSES,
				description: 'ACTIVE, or INACTIVE to stop invoicing the customer',
			},
		],
		codes: { ...LOOKUP_CODES, ...CONTACT_CODES },
		recordPath: 'data',
		fields: CUSTOMER_FIELDS,
		safety: 'idempotentWrite',
		docs: 'OY API docs: Account Receivable › Edit Customer',
	},
	{
		...ar,
		id: 'accountReceivable.getCustomer',
		name: 'Get Customer',
		action: 'Get a customer',
		description: 'Reads one customer, with the outstanding total and whether it can be deactivated',
		// OY API docs (older version) (Account Receivable › Retrieve Customer’s Details) says PUT; its samples and the current API docs say GET.
		method: 'GET',
		path: '/api/account-receivable/customers/{id}',
		params: [id('Customer')],
		codes: LOOKUP_CODES,
		recordPath: 'data',
		fields: CUSTOMER_FIELDS,
		safety: 'read',
		absent: { codes: ['204'] },
		docs: 'OY API docs: Account Receivable › Retrieve Customer’s Details',
	},
	{
		...ar,
		id: 'accountReceivable.getManyCustomers',
		name: 'Get Many Customers',
		action: 'Get many customers',
		description: 'Lists customers, optionally filtered by status, id, name or tax treatment',
		method: 'GET',
		// The samples send GET with a JSON body; the request line puts the filters in the query (OY API docs: Account Receivable › Filter & Search Customers).
		path: '/api/account-receivable/customers',
		params: [
			...PAGE_PARAMS,
			{
				name: 'status',
				in: 'query',
				type: 'string',
				// OY API docs: Account Receivable › Filter & Search Customers › request parameters lists the invoice statuses (CREATED, OVERDUE, PAID), copied from the invoice
				// filter; a customer is ACTIVE or INACTIVE (Account Receivable › Edit Customer › request parameters).
				options: AR_CUSTOMER_STATUSES,
				description: 'Only customers in this status',
			},
			{
				name: 'partner_customer_id',
				displayName: 'Partner Customer ID',
				in: 'query',
				type: 'string',
				description: 'Only the customer with your id',
			},
			{ name: 'name', in: 'query', type: 'string', description: 'Only customers with this name' },
			{
				name: 'tax_type',
				displayName: 'PPN Tax Type',
				in: 'query',
				type: 'string',
				options: AR_TAX_TYPES,
				description: 'Only customers with this PPN treatment',
			},
			{
				name: 'pph_tax',
				displayName: 'PPh Tax',
				in: 'query',
				type: 'string',
				options: AR_PPH_TAXES,
				description: 'Only customers with this PPh 23 treatment',
			},
		],
		codes: LOOKUP_CODES,
		fields: CUSTOMER_FIELDS,
		safety: 'read',
		// No total is returned (OY API docs: Account Receivable › Filter & Search Customers): paging stops at a short page.
		list: { itemsPath: 'data', pagination: PAGINATION },
		docs: 'OY API docs: Account Receivable › Filter & Search Customers',
	},
	{
		...ar,
		id: 'accountReceivable.createInvoice',
		name: 'Create Invoice',
		action: 'Create and send an invoice',
		description:
			'Creates an invoice for an ACTIVE customer and e-mails it; OY! computes the total from the items and the customer’s taxes and returns the payment URL',
		method: 'POST',
		path: '/api/account-receivable/invoices',
		params: [
			{
				name: 'invoice_number',
				in: 'body',
				type: 'string',
				required: true,
				description:
					'Your invoice number. OY! does not say it refuses a repeated number: after an unclear answer, look it up with Get Many Invoices before creating again.',
			},
			{
				name: 'invoice_date',
				in: 'body',
				type: 'date',
				required: true,
				dateFormat: 'yyyy-MM-dd',
				dateZone: 'WIB',
				description: 'Date of the invoice, today or later',
			},
			{
				name: 'due_date',
				in: 'body',
				type: 'date',
				required: true,
				dateFormat: 'yyyy-MM-dd',
				dateZone: 'WIB',
				description: 'Due date, in the future and not before invoice_date',
			},
			{
				name: 'customer_id',
				displayName: 'Customer ID',
				pick: 'customer',
				in: 'body',
				type: 'string',
				required: true,
				description: "OY's id of an ACTIVE customer (data.id of Create Customer)",
			},
			{
				name: 'expiration_date',
				in: 'body',
				type: 'date',
				dateFormat: 'yyyy-MM-dd HH:mm:ss',
				dateZone: 'WIB',
				// Required in OY API docs: Account Receivable › Create & Send Invoice › request parameters, where null means "never expires" and "" is refused: empty is sent as null.
				nullWhenEmpty: true,
				description:
					'When the payment link expires (WIB), later than invoice_date; empty for never',
			},
			{
				...lineItems(
					'invoice_items',
					{
						name: 'price_per_item',
						in: 'body',
						type: 'amount',
						required: true,
						minimum: 0,
						description: 'Unit price in whole rupiah, 0 or more',
					},
					'The lines of the invoice',
				),
				required: true,
			},
			lineItems(
				'additional_items',
				{
					name: 'price_per_item',
					in: 'body',
					type: 'amount',
					required: true,
					description: 'Amount per unit in whole rupiah; negative for a discount',
				},
				'Extra lines such as discounts or fees',
			),
			{
				name: 'message',
				in: 'body',
				type: 'string',
				description: 'Footnote printed on the invoice',
			},
			{
				name: 'save_as_default_message',
				in: 'body',
				type: 'boolean',
				// Only in the examples (OY API docs: Account Receivable › Create & Send Invoice), not in the table.
				description: 'Keep message as the footnote of future invoices',
			},
			{
				name: 'attachments',
				in: 'body',
				type: 'stringArray',
				maxItems: 4,
				description: 'Up to 4 files, each encoded in base64',
			},
			{
				name: 'payment_configuration.include_admin_fee',
				displayName: 'Include Admin Fee',
				in: 'body',
				type: 'boolean',
				required: true,
				description: "Whether the admin fee is added to the payer's total",
			},
			{
				name: 'payment_configuration.list_disabled_payment_methods',
				displayName: 'Disabled Payment Methods',
				in: 'body',
				type: 'codeList',
				optionsFrom: 'paymentMethods',
				options: CHECKOUT_PAYMENT_METHODS.filter((method) => method.accountReceivable).map(
					(method) => method.code,
				),
				description: 'Payment methods to hide, comma-separated; all are offered when empty',
			},
			{
				name: 'payment_configuration.list_enabled_banks',
				displayName: 'Enabled Banks',
				in: 'body',
				type: 'codeList',
				required: true,
				optionsFrom: 'checkoutBanks',
				description: 'Banks offered for VA payment, comma-separated codes',
			},
			{
				name: 'payment_configuration.list_enabled_ewallet',
				displayName: 'Enabled E-Wallets',
				in: 'body',
				type: 'codeList',
				required: true,
				optionsFrom: 'checkoutEWallets',
				description: 'E-wallets offered, comma-separated codes',
			},
			{
				name: 'payment_configuration.list_enabled_offline_channel',
				displayName: 'Enabled Offline Channels',
				in: 'body',
				type: 'codeList',
				// Values are not documented for AR; the example sends "" (OY API docs: Account Receivable › Create & Send Invoice).
				optionsFrom: 'offlineChannels',
				description: 'Retail outlets offered, comma-separated',
			},
		],
		checks: [
			dueNotBeforeInvoiceDate,
			expirationAfterInvoiceDate,
			attachmentsAreBase64,
			someMethodEnabled('payment_configuration.list_disabled_payment_methods', 'accountReceivable'),
		],
		codes: CREATE_INVOICE_CODES,
		recordPath: 'data',
		fields: INVOICE_FIELDS,
		// An invoice asks for money; it moves none. Never re-sent on an unclear answer.
		safety: 'write',
		docs: 'OY API docs: Account Receivable › Create & Send Invoice',
	},
	{
		...ar,
		id: 'accountReceivable.cancelInvoice',
		name: 'Cancel Invoice',
		action: 'Cancel an invoice',
		description: 'Cancels an invoice that is not paid; it can then no longer be paid',
		// PUT on the invoice's own address cancels it; there is no update (OY API docs: Account Receivable › Cancel Invoice).
		method: 'PUT',
		path: '/api/account-receivable/invoices/{id}',
		params: [id('Invoice')],
		codes: CANCEL_INVOICE_CODES,
		safety: 'idempotentWrite',
		docs: 'OY API docs: Account Receivable › Cancel Invoice',
	},
	{
		...ar,
		id: 'accountReceivable.getInvoice',
		name: 'Get Invoice',
		action: 'Get an invoice',
		description:
			'Reads one invoice with its billed and received amounts; the outcome tells whether it is paid',
		method: 'GET',
		path: '/api/account-receivable/invoices/{id}',
		params: [id('Invoice')],
		codes: LOOKUP_CODES,
		stateField: { path: 'data.status', values: INVOICE_STATES },
		recordPath: 'data',
		fields: INVOICE_FIELDS,
		safety: 'read',
		absent: { codes: ['204'] },
		docs: 'OY API docs: Account Receivable › Get Invoice Details',
	},
	{
		...ar,
		id: 'accountReceivable.getManyInvoices',
		name: 'Get Many Invoices',
		action: 'Get many invoices',
		description: 'Lists invoices, filtered by source, number, customer name, status or amount',
		method: 'GET',
		path: '/api/account-receivable/invoices',
		params: [
			...PAGE_PARAMS,
			{
				name: 'source_data',
				in: 'query',
				type: 'string',
				options: ['API', 'DASHBOARD'],
				description: 'Only invoices created through the API or in the dashboard',
			},
			{
				name: 'invoice_number',
				in: 'query',
				type: 'string',
				description: 'Only invoices whose number is or contains this text',
			},
			{
				name: 'customer_name',
				in: 'query',
				type: 'string',
				description: 'Only invoices whose customer name is or contains this text',
			},
			{
				name: 'status',
				in: 'query',
				type: 'string',
				options: AR_INVOICE_STATUSES,
				description: 'Only invoices in this status',
			},
			{
				name: 'min_invoice_amount',
				in: 'query',
				type: 'amount',
				minimum: 0,
				description: 'Only invoices of at least this amount',
			},
			{
				name: 'max_invoice_amount',
				in: 'query',
				type: 'amount',
				minimum: 0,
				description: 'Only invoices of at most this amount',
			},
		],
		checks: [minimumNotAboveMaximum],
		codes: LOOKUP_CODES,
		fields: LISTED_INVOICE_FIELDS,
		safety: 'read',
		// The table says a list (OY API docs: Account Receivable › Filter & Search Invoices › response parameters); the example wraps it in a page object (Account Receivable › Filter & Search Invoices).
		list: { itemsPath: 'data.data', totalPath: 'data.total', pagination: PAGINATION },
		docs: 'OY API docs: Account Receivable › Filter & Search Invoices',
	},
	{
		...ar,
		id: 'accountReceivable.resendInvoice',
		name: 'Resend Invoice',
		action: 'Resend an invoice',
		description:
			'Sends an invoice to the customer again as a reminder, by e-mail or WhatsApp (WhatsApp may cost a fee and has a daily limit)',
		method: 'POST',
		// The request line (OY API docs: Account Receivable › Resend Invoice) has "//api" and a fixed id, and the curl an internal IP (Account Receivable › Resend Invoice).
		path: '/api/account-receivable/invoices/{id}/send',
		params: [
			id('Invoice'),
			{
				name: 'channel',
				in: 'body',
				type: 'string',
				required: true,
				options: ['EMAIL', 'WHATSAPP'],
				description: 'EMAIL or WHATSAPP',
			},
		],
		codes: LOOKUP_CODES,
		recordPath: 'data',
		// Each call sends another message: never re-sent on an unclear answer.
		safety: 'write',
		docs: 'OY API docs: Account Receivable › Resend Invoice',
	},
];
