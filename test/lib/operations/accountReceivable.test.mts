import { describe, expect, it } from 'vitest';
import { getOperation } from '../../../lib/catalogue';
import { simplifyRecord } from '../../../lib/records';
import type { CodeTable } from '../../../lib/types';
import {
	classify,
	classifyFixture,
	dropped,
	expectOnlyRefused,
	fixture,
	normalizedRecord,
	problemsOf,
	recordsFromFixture,
	requestFor,
	scriptedClient,
} from '../support.mts';

const CUSTOMER_ID = '8b57cbb0-41f9-48f2-b092-5fa999ddcb15';
const INVOICE_ID = 'c6733a50-f93b-489f-b12b-48f8cc67735e';

const customerInput = () => ({ ...fixture('accountReceivable/createCustomer.request').input });
const invoiceInput = () =>
	structuredClone(fixture('accountReceivable/createInvoice.request').input!);

/** The default failed answer of every AR endpoint (OY API docs: AR default failed response) with one code. */
const failed = (code: string, message = 'message') => ({
	success: false,
	error: { code, message },
	data: null,
	reason: null,
	status_code: 400,
});

function expectCodes(operationId: string, expected: Record<string, [string, boolean?]>): void {
	const codes: CodeTable = getOperation(operationId).codes;
	expect(Object.keys(codes).sort()).toEqual(Object.keys(expected).sort());
	for (const [code, [outcome, transient = false]] of Object.entries(expected)) {
		// A success answer carries a record; Get Invoice reads its state from it.
		const body =
			code === '000'
				? { ...failed(code, 'Success'), success: true, data: { status: 'PAID' } }
				: failed(code);
		expect(classify(operationId, body, code === '000' ? 200 : 400), code).toMatchObject({
			outcome,
			transient,
			code,
		});
	}
}

describe('Account Receivable lookups', () => {
	it.each(['accountReceivable.getCustomer', 'accountReceivable.getInvoice'])(
		'%s classifies each of its codes (OY API docs: Account Receivable response codes); a refused read is unknown',
		(operationId) => {
			expectCodes(operationId, { '000': ['success'], '204': ['rejected'], '400': ['unknown'] });
		},
	);

	it.each(['accountReceivable.getManyCustomers', 'accountReceivable.getManyInvoices'])(
		'%s classifies each of its codes (OY API docs: Account Receivable response codes); a refused list read is unknown',
		(operationId) => {
			expectCodes(operationId, { '000': ['success'], '204': ['unknown'], '400': ['unknown'] });
		},
	);

	it('accountReceivable.resendInvoice classifies each of its codes (OY API docs: Account Receivable response codes)', () => {
		expectCodes('accountReceivable.resendInvoice', {
			'000': ['success'],
			'204': ['rejected'],
			'400': ['rejected'],
		});
	});
});

describe('accountReceivable.createCustomer', () => {
	it('builds the request of the docs example (OY API docs: Account Receivable › Create New Customer)', () => {
		const request = requestFor('accountReceivable.createCustomer', customerInput());
		expect(request).toMatchObject({ method: 'POST', path: '/api/account-receivable/customers' });
		expect(request.body).toEqual(customerInput());
	});

	it('reads the docs answer (OY API docs: Account Receivable › Create New Customer, flag named `status`) as success, the customer under data', () => {
		expect(
			classifyFixture(
				'accountReceivable.createCustomer',
				'accountReceivable/createCustomer.response',
			).outcome,
		).toBe('success');
		const [record] = recordsFromFixture(
			'accountReceivable.createCustomer',
			'accountReceivable/createCustomer.response',
		);
		const { fields } = getOperation('accountReceivable.createCustomer');
		expect(simplifyRecord(record, fields)).toMatchObject({ id: CUSTOMER_ID, status: 'ACTIVE' });
	});

	it('classifies each of its codes (OY API docs: Account Receivable response codes)', () => {
		expectCodes('accountReceivable.createCustomer', {
			'000': ['success'],
			'247': ['rejected'],
			'400': ['rejected'],
		});
	});

	it('reads the common codes too: a wrong key is rejected, an internal error unknown', () => {
		expect(classify('accountReceivable.createCustomer', failed('208'), 200).outcome).toBe(
			'rejected',
		);
		expect(classify('accountReceivable.createCustomer', failed('999'), 200).outcome).toBe(
			'unknown',
		);
	});

	it.each([
		['tax_type', 'PPN_12_INCLUSIVE', /must be one of NO_TAX, PPN_11_INCLUSIVE/],
		['pph_tax', 'PPH_21', /must be one of NO_TAX, PPH_23_NON_NPWP, PPH_23_NPWP/],
		['email', 'a@x.id;b@x.id;c@x.id;d@x.id;e@x.id;f@x.id;g@x.id', /at most 6 addresses/],
		['email', 'email@address', /not valid/],
		['phone_number', '+628123456789', /digits only/],
	])('refuses %s = %j', (field, value, rule) => {
		expectOnlyRefused(
			'accountReceivable.createCustomer',
			{ ...customerInput(), [field]: value },
			field,
			rule,
		);
	});

	it.each(['name', 'tax_type', 'pph_tax'])('requires %s', (field) => {
		expectOnlyRefused(
			'accountReceivable.createCustomer',
			{ ...customerInput(), [field]: '' },
			field,
			/is required$/,
		);
	});

	it('joins several addresses with ";" as OY! expects', () => {
		const request = requestFor('accountReceivable.createCustomer', {
			...customerInput(),
			email: 'a@x.id, b@x.id',
		});
		expect(request.body?.email).toBe('a@x.id;b@x.id');
	});
});

describe('accountReceivable.updateCustomer', () => {
	it('builds the PUT of the docs example (OY API docs: Account Receivable › Edit Customer), pic_name as text', () => {
		const input = fixture('accountReceivable/updateCustomer.request').input!;
		const request = requestFor('accountReceivable.updateCustomer', input);
		expect(request).toMatchObject({
			method: 'PUT',
			path: `/api/account-receivable/customers/${CUSTOMER_ID}`,
		});
		const { id: _id, address: _empty, ...body } = input;
		expect(request.body).toEqual({ ...body, pic_name: '123' });
	});

	it('reads the docs answer (OY API docs: Account Receivable › Edit Customer) as success', () => {
		expect(
			classifyFixture(
				'accountReceivable.updateCustomer',
				'accountReceivable/updateCustomer.response',
			).outcome,
		).toBe('success');
	});

	it('classifies each of its codes (OY API docs: Account Receivable response codes)', () => {
		expectCodes('accountReceivable.updateCustomer', {
			'000': ['success'],
			'204': ['rejected'],
			'247': ['rejected'],
			'400': ['rejected'],
		});
	});

	it('requires the full customer, status included', () => {
		const input = fixture('accountReceivable/updateCustomer.request').input!;
		expectOnlyRefused(
			'accountReceivable.updateCustomer',
			{ ...input, status: undefined },
			'status',
			/is required$/,
		);
		expectOnlyRefused(
			'accountReceivable.updateCustomer',
			{ ...input, status: 'DELETED' },
			'status',
			/ACTIVE, INACTIVE/,
		);
		expectOnlyRefused(
			'accountReceivable.updateCustomer',
			{ ...input, id: '' },
			'id',
			/is required$/,
		);
	});
});

describe('accountReceivable.getCustomer', () => {
	it('puts the id in the path and sends no body', () => {
		const request = requestFor('accountReceivable.getCustomer', { id: CUSTOMER_ID });
		expect(request).toMatchObject({
			method: 'GET',
			path: `/api/account-receivable/customers/${CUSTOMER_ID}`,
		});
		expect(request.body).toBeUndefined();
	});

	it('reads the docs answer (OY API docs: Account Receivable › Retrieve Customer’s Details) as success, with its undocumented fields', () => {
		expect(
			classifyFixture('accountReceivable.getCustomer', 'accountReceivable/getCustomer.response')
				.outcome,
		).toBe('success');
		expect(
			normalizedRecord('accountReceivable.getCustomer', 'accountReceivable/getCustomer.response'),
		).toMatchObject({
			total_piutang: 0,
			can_be_deactivated: true,
		});
	});

	it('reads "not found" as rejected', () => {
		expect(
			classify('accountReceivable.getCustomer', failed('204', 'Tx Id is not found')),
		).toMatchObject({
			outcome: 'rejected',
			message: 'Tx Id is not found',
		});
	});
});

describe('accountReceivable.getManyCustomers', () => {
	it('sends the filters as query parameters, not as a GET body (OY API docs: Account Receivable › Filter & Search Customers)', () => {
		const request = requestFor('accountReceivable.getManyCustomers', {
			limit: 10,
			offset: 0,
			status: 'ACTIVE',
			name: 'Aston',
			tax_type: 'NO_TAX',
			pph_tax: 'PPH_23_NON_NPWP',
		});
		expect(request).toMatchObject({
			method: 'GET',
			path: '/api/account-receivable/customers',
			query: {
				limit: '10',
				offset: '0',
				status: 'ACTIVE',
				name: 'Aston',
				tax_type: 'NO_TAX',
				pph_tax: 'PPH_23_NON_NPWP',
			},
		});
		expect(request.body).toBeUndefined();
	});

	it('filters customers by their own statuses, not the invoice ones the docs copied (OY API docs: Account Receivable › Filter & Search Customers › request parameters)', () => {
		expectOnlyRefused(
			'accountReceivable.getManyCustomers',
			{ status: 'PAID' },
			'status',
			/ACTIVE, INACTIVE/,
		);
		expectOnlyRefused('accountReceivable.getManyCustomers', { limit: 0 }, 'limit', /at least 1/);
	});

	it('reads the docs answer (OY API docs: Account Receivable › Filter & Search Customers): one customer in data', () => {
		expect(
			classifyFixture(
				'accountReceivable.getManyCustomers',
				'accountReceivable/getManyCustomers.response',
			).outcome,
		).toBe('success');
		expect(
			recordsFromFixture(
				'accountReceivable.getManyCustomers',
				'accountReceivable/getManyCustomers.response',
			),
		).toHaveLength(1);
	});
});

describe('accountReceivable.createInvoice', () => {
	it('builds the request of the docs example (OY API docs: Account Receivable › Create & Send Invoice), leaving out its empty values', () => {
		const request = requestFor('accountReceivable.createInvoice', invoiceInput());
		expect(request).toMatchObject({ method: 'POST', path: '/api/account-receivable/invoices' });
		expect(request.body).toEqual({
			invoice_number: 'INV/2022/12/210205',
			invoice_date: '2022-12-21',
			due_date: '2022-12-25',
			customer_id: CUSTOMER_ID,
			expiration_date: '2022-12-25 12:58:01',
			invoice_items: [{ price_per_item: 25600, description: 'kopi susu', quantity: 4 }],
			additional_items: [{ description: 'Diskon', price_per_item: -5000, quantity: 1 }],
			save_as_default_message: false,
			payment_configuration: {
				include_admin_fee: true,
				list_disabled_payment_methods: 'OFFLINE_CASH_IN',
				list_enabled_banks: '002,008,009,013,213',
				list_enabled_ewallet: 'shopeepay_ewallet,linkaja_ewallet,dana_ewallet',
			},
		});
	});

	it('reads the docs answer (OY API docs: Account Receivable › Create & Send Invoice) as success and its expiry in WIB', () => {
		expect(
			classifyFixture('accountReceivable.createInvoice', 'accountReceivable/createInvoice.response')
				.outcome,
		).toBe('success');
		expect(
			normalizedRecord(
				'accountReceivable.createInvoice',
				'accountReceivable/createInvoice.response',
			),
		).toMatchObject({
			id: INVOICE_ID,
			invoice_date: '2022-12-21',
			expiration_date: '2022-12-25T05:58:01.000Z',
		});
	});

	it('reads a billed total below Rp10.000 as not created (OY API docs: Account Receivable response codes)', () => {
		const verdict = classifyFixture(
			'accountReceivable.createInvoice',
			'accountReceivable/createInvoice.response.below-threshold',
		);
		expect(verdict).toMatchObject({ outcome: 'rejected', code: '210', httpStatus: 400 });
	});

	it('classifies each of its codes (OY API docs: Account Receivable response codes)', () => {
		expectCodes('accountReceivable.createInvoice', {
			'000': ['success'],
			'210': ['rejected'],
			'247': ['rejected'],
			'400': ['rejected'],
			'901': ['rejected'],
		});
	});

	// OY API docs: Account Receivable › Create & Send Invoice › request parameters: the key is required, null means "never expires" and "" is refused.
	it.each([null, undefined, ''])(
		'sends no expiry (%s) as null, for an invoice that never expires',
		(expiry) => {
			const request = requestFor('accountReceivable.createInvoice', {
				...invoiceInput(),
				expiration_date: expiry,
			});
			expect(request.body).toHaveProperty('expiration_date', null);
		},
	);

	const withItem = (key: string, changes: Record<string, unknown>) => {
		const input = invoiceInput();
		const [item] = input[key] as Record<string, unknown>[];
		return { ...input, [key]: [{ ...item, ...changes }] };
	};

	it('takes a negative additional item but refuses a negative invoice item (OY API docs: Account Receivable › Create & Send Invoice › request parameters)', () => {
		expect(
			problemsOf(
				'accountReceivable.createInvoice',
				withItem('additional_items', { price_per_item: -20000 }),
			),
		).toEqual([]);
		expectOnlyRefused(
			'accountReceivable.createInvoice',
			withItem('invoice_items', { price_per_item: -1 }),
			'invoice_items[0].price_per_item',
			/at least 0/,
		);
	});

	it.each([
		['invoice_items', { quantity: 0 }, 'invoice_items[0].quantity', /at least 1/],
		['additional_items', { quantity: 0 }, 'additional_items[0].quantity', /at least 1/],
		['invoice_items', { description: '' }, 'invoice_items[0].description', /is required$/],
		[
			'additional_items',
			{ price_per_item: undefined },
			'additional_items[0].price_per_item',
			/is required$/,
		],
	])('refuses an item of %s with %j', (key, changes, field, rule) => {
		expectOnlyRefused('accountReceivable.createInvoice', withItem(key, changes), field, rule);
	});

	it.each([
		['invoice_number', '', /is required$/],
		['customer_id', '', /is required$/],
		['invoice_items', [], /is required$/],
		[
			'invoice_date',
			'21/12/2022 10:00',
			/is ambiguous \(got 21\/12\/2022 10:00: which is the day and which the month\?\)/,
		],
		['expiration_date', 'never', /must be a date \(yyyy-MM-dd HH:mm:ss/],
		['attachments', ['a', 'b', 'c', 'd', 'e'], /at most 4 entries/],
	])('refuses %s = %j', (field, value, rule) => {
		expectOnlyRefused(
			'accountReceivable.createInvoice',
			{ ...invoiceInput(), [field]: value },
			field,
			rule,
		);
	});

	it('refuses a due date before the invoice date, and an expiry not after it', () => {
		expectOnlyRefused(
			'accountReceivable.createInvoice',
			{ ...invoiceInput(), due_date: '2022-12-20' },
			'due_date',
			/not be before invoice_date/,
		);
		expectOnlyRefused(
			'accountReceivable.createInvoice',
			{ ...invoiceInput(), expiration_date: '2022-12-21 00:00:00' },
			'expiration_date',
			/later than invoice_date/,
		);
	});

	it('refuses an attachment that is not base64', () => {
		const input = { ...invoiceInput(), attachments: ['JVBERi0xLjQK', 'not base64!'] };
		expectOnlyRefused(
			'accountReceivable.createInvoice',
			input,
			'attachments[1]',
			/encoded in base64/,
		);
	});

	const withConfiguration = (changes: Record<string, unknown>) => {
		const input = invoiceInput();
		return {
			...input,
			payment_configuration: { ...(input.payment_configuration as object), ...changes },
		};
	};

	it.each([
		['include_admin_fee', undefined, /is required$/],
		['list_enabled_banks', '', /is required$/],
		['list_enabled_banks', '002,999', /each one of: 002, 008/],
		['list_enabled_ewallet', 'gopay', /each one of: shopeepay_ewallet/],
		[
			'list_disabled_payment_methods',
			'BANK_TRANSFER',
			/each one of: VA, CREDIT_CARD, QRIS, EWALLET, OFFLINE_CASH_IN \(not allowed: BANK_TRANSFER\)$/,
		],
		[
			'list_disabled_payment_methods',
			'VA,CREDIT_CARD,QRIS,EWALLET,OFFLINE_CASH_IN',
			/at least one enabled/,
		],
	])('refuses payment_configuration.%s = %j', (key, value, rule) => {
		expectOnlyRefused(
			'accountReceivable.createInvoice',
			withConfiguration({ [key]: value }),
			`payment_configuration.${key}`,
			rule,
		);
	});

	it('requires the payment configuration', () => {
		const problems = problemsOf('accountReceivable.createInvoice', {
			...invoiceInput(),
			payment_configuration: null,
		});
		expect(problems.map((problem) => problem.field)).toEqual([
			'payment_configuration.include_admin_fee',
			'payment_configuration.list_enabled_banks',
			'payment_configuration.list_enabled_ewallet',
		]);
	});
});

describe('accountReceivable.cancelInvoice', () => {
	it('sends a PUT to the invoice with an empty body (OY API docs: Account Receivable › Cancel Invoice)', () => {
		const request = requestFor('accountReceivable.cancelInvoice', { id: INVOICE_ID });
		expect(request).toMatchObject({
			method: 'PUT',
			path: `/api/account-receivable/invoices/${INVOICE_ID}`,
			body: {},
		});
	});

	it('reads the docs answer (OY API docs: Account Receivable › Cancel Invoice) as success', () => {
		expect(
			classifyFixture('accountReceivable.cancelInvoice', 'accountReceivable/cancelInvoice.response')
				.outcome,
		).toBe('success');
	});

	it('reads "not eligible" (OY API docs: Account Receivable response codes) as rejected, even on HTTP 200', () => {
		const verdict = classifyFixture(
			'accountReceivable.cancelInvoice',
			'accountReceivable/cancelInvoice.response.not-eligible',
		);
		expect(verdict).toMatchObject({ outcome: 'rejected', code: '223', httpStatus: 200 });
	});

	it('classifies each of its codes; 300 "please try again" may be sent again', () => {
		expectCodes('accountReceivable.cancelInvoice', {
			'000': ['success'],
			'204': ['rejected'],
			'223': ['rejected'],
			'300': ['rejected', true],
			'400': ['rejected'],
		});
	});
});

describe('accountReceivable.getInvoice', () => {
	it('puts the id in the path and sends no body', () => {
		const request = requestFor('accountReceivable.getInvoice', { id: INVOICE_ID });
		expect(request).toMatchObject({
			method: 'GET',
			path: `/api/account-receivable/invoices/${INVOICE_ID}`,
		});
		expect(request.body).toBeUndefined();
	});

	it('reads the docs answer (OY API docs: Account Receivable › Get Invoice Details), a cancelled invoice, as failed', () => {
		const verdict = classifyFixture(
			'accountReceivable.getInvoice',
			'accountReceivable/getInvoice.response',
		);
		expect(verdict).toMatchObject({ outcome: 'failed', state: 'CANCELLED', source: 'state' });
	});

	it.each([
		['CREATED', 'pending'],
		['OVERDUE', 'pending'],
		['PAID', 'success'],
		['CANCELLED', 'failed'],
	])('reads the invoice state %s as %s', (state, outcome) => {
		const body = fixture('accountReceivable/getInvoice.response').body as {
			data: Record<string, unknown>;
		};
		expect(
			classify('accountReceivable.getInvoice', { ...body, data: { ...body.data, status: state } }),
		).toMatchObject({
			outcome,
			state,
		});
	});

	it('reads a refused request as saying nothing about the invoice', () => {
		const verdict = classify('accountReceivable.getInvoice', failed('204', 'Tx Id is not found'));
		expect(verdict).toMatchObject({ outcome: 'rejected', source: 'body' });
		expect(verdict.state).toBeUndefined();
	});

	it('reads its times in WIB, keeps calendar dates, and reads 93304.0000 as whole rupiah', () => {
		expect(
			normalizedRecord('accountReceivable.getInvoice', 'accountReceivable/getInvoice.response'),
		).toMatchObject({
			invoice_date: '2022-12-21',
			due_date: '2022-12-25',
			payment_date: '2022-12-20T19:22:19.000Z',
			expiration_date: '2022-12-25T05:58:01.000Z',
			amount_billed: 93304,
			amount_received: 0,
		});
	});
});

describe('accountReceivable.getManyInvoices', () => {
	it('builds the query of the docs example (OY API docs: Account Receivable › Filter & Search Invoices)', () => {
		const request = requestFor('accountReceivable.getManyInvoices', {
			limit: 10,
			offset: 0,
			source_data: 'API',
		});
		expect(request).toMatchObject({
			method: 'GET',
			path: '/api/account-receivable/invoices',
			query: { limit: '10', offset: '0', source_data: 'API' },
		});
		expect(request.body).toBeUndefined();
	});

	it('reads the docs answer (OY API docs: Account Receivable › Filter & Search Invoices): the invoices sit under data.data, the total under data.total', () => {
		expect(
			classifyFixture(
				'accountReceivable.getManyInvoices',
				'accountReceivable/getManyInvoices.response',
			).outcome,
		).toBe('success');
		expect(
			recordsFromFixture(
				'accountReceivable.getManyInvoices',
				'accountReceivable/getManyInvoices.response',
			),
		).toHaveLength(1);
		expect(getOperation('accountReceivable.getManyInvoices').list?.totalPath).toBe('data.total');
	});

	it('reads its epoch dates as Get Invoice writes them: the expiry the same instant, the invoice and due dates the same WIB days', () => {
		const fromList = normalizedRecord(
			'accountReceivable.getManyInvoices',
			'accountReceivable/getManyInvoices.response',
		) as Record<string, unknown>;
		const fromGet = normalizedRecord(
			'accountReceivable.getInvoice',
			'accountReceivable/getInvoice.response',
		) as Record<string, unknown>;
		expect(fromList.expiration_date).toBe(fromGet.expiration_date);
		// 1671555600000 is 2022-12-21 00:00 UTC+7 (OY API docs: Account Receivable › Filter & Search Invoices vs Account Receivable › Get Invoice Details)
		expect(fromList.invoice_date).toBe('2022-12-21');
		expect(fromList.invoice_date).toBe(fromGet.invoice_date);
		expect(fromList.due_date).toBe(fromGet.due_date);
	});

	it.each([
		['status', 'UNPAID', /CREATED, OVERDUE, PAID, CANCELLED/],
		['source_data', 'api', /API, DASHBOARD/],
		['min_invoice_amount', -1, /at least 0/],
	])('refuses %s = %j', (field, value, rule) => {
		expectOnlyRefused('accountReceivable.getManyInvoices', { [field]: value }, field, rule);
	});

	it('refuses a minimum above the maximum', () => {
		const input = { min_invoice_amount: 100000, max_invoice_amount: 10000 };
		expectOnlyRefused(
			'accountReceivable.getManyInvoices',
			input,
			'min_invoice_amount',
			/not be greater than max_invoice_amount/,
		);
	});
});

describe('accountReceivable.resendInvoice', () => {
	it('posts the channel to /invoices/{id}/send (the docs show an internal IP and "//api", OY API docs: Account Receivable › Resend Invoice)', () => {
		const request = requestFor('accountReceivable.resendInvoice', {
			id: 'd24ee55f-7eaf-4269-b932-f123dec6f863',
			channel: 'EMAIL',
		});
		expect(request).toMatchObject({
			method: 'POST',
			path: '/api/account-receivable/invoices/d24ee55f-7eaf-4269-b932-f123dec6f863/send',
			body: { channel: 'EMAIL' },
		});
	});

	it('reads the docs answer (OY API docs: Account Receivable › Resend Invoice) as success', () => {
		expect(
			classifyFixture('accountReceivable.resendInvoice', 'accountReceivable/resendInvoice.response')
				.outcome,
		).toBe('success');
	});

	it('refuses a channel other than EMAIL or WHATSAPP', () => {
		expectOnlyRefused(
			'accountReceivable.resendInvoice',
			{ id: INVOICE_ID, channel: 'SMS' },
			'channel',
			/EMAIL, WHATSAPP/,
		);
		expectOnlyRefused(
			'accountReceivable.resendInvoice',
			{ id: INVOICE_ID },
			'channel',
			/is required$/,
		);
	});
});

describe('client behaviour for Part B', () => {
	it('never resends an invoice reminder after a dropped connection', async () => {
		const { client, sent } = scriptedClient([dropped()]);
		const result = await client.call('accountReceivable.resendInvoice', {
			id: 'abc',
			channel: 'WHATSAPP',
		});
		expect(result.outcome).toBe('unknown');
		expect(sent).toHaveLength(1);
	});

	it('tries a cancel again when OY! answers 300 "please try again"', async () => {
		const { client, sent } = scriptedClient([
			{
				statusCode: 200,
				body: {
					success: false,
					error: { code: '300', message: 'Failed to cancel invoice' },
					data: null,
				},
			},
			{ statusCode: 200, body: fixture('accountReceivable/cancelInvoice.response').body },
		]);
		const result = await client.call('accountReceivable.cancelInvoice', {
			id: 'c6733a50-f93b-489f-b12b-48f8cc67735e',
		});
		expect(result.outcome).toBe('success');
		expect(sent).toHaveLength(2);
	});

	it('pages through invoices by offset and stops at the total OY! reports', async () => {
		const page = (offset: number, count: number) => ({
			statusCode: 200,
			body: {
				success: true,
				error: null,
				data: {
					page: 0,
					total: 5,
					limit: 2,
					data: Array.from({ length: count }, (_, i) => ({ id: `inv-${offset + i}` })),
				},
			},
		});
		const { client, sent } = scriptedClient([page(0, 2), page(2, 2), page(4, 1)]);
		const records = await client.listAll(
			'accountReceivable.getManyInvoices',
			{ status: 'PAID' },
			{ pageSize: 2 },
		);
		expect(records).toHaveLength(5);
		expect(sent.map((request) => request.query)).toEqual([
			{ status: 'PAID', limit: '2', offset: '0' },
			{ status: 'PAID', limit: '2', offset: '2' },
			{ status: 'PAID', limit: '2', offset: '4' },
		]);
	});

	it('pages through customers, which have no total, until a short page', async () => {
		const body = fixture('accountReceivable/getManyCustomers.response').body as { data: unknown[] };
		const { client, sent } = scriptedClient([
			{ statusCode: 200, body: { ...body, data: [{ id: 'a' }, { id: 'b' }] } },
			{ statusCode: 200, body },
		]);
		const records = await client.listAll('accountReceivable.getManyCustomers', {}, { pageSize: 2 });
		expect(records).toHaveLength(3);
		expect(sent).toHaveLength(2);
	});
});
