import { describe, expect, it } from 'vitest';
import { Oy } from '../../nodes/Oy/Oy.node.js';
import { byId, outputOf, useOyHarness, theRequest, refusedBeforeSending } from './harness.mjs';

/** Account Receivable customers and invoices through the node, against the sandbox. */
const oy = useOyHarness();

const customer = {
	resource: 'accountReceivable',
	operation: 'createCustomer',
	name: 'PT Maju',
	taxType: 'NO_TAX',
	pphTax: 'NO_TAX',
};

async function createCustomer(name = 'PT Maju'): Promise<string> {
	return outputOf(await oy.run({ ...customer, name }))[0].id as string;
}

/** Today in Jakarta, as AR's invoice dates are read. */
function wibDay(offsetDays = 0): string {
	return new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

function invoiceFor(customerId: string, number = 'INV-001') {
	return {
		resource: 'accountReceivable',
		operation: 'createInvoice',
		invoiceNumber: number,
		invoiceDate: wibDay(),
		dueDate: wibDay(7),
		customerId: byId(customerId),
		invoiceItems: { items: [{ description: 'Consulting', quantity: 2, pricePerItem: '75000' }] },
		paymentConfigurationIncludeAdminFee: false,
		paymentConfigurationListEnabledBanks: ['002'],
		paymentConfigurationListEnabledEwallet: ['shopeepay_ewallet'],
	};
}

async function createInvoice(customerId: string, number?: string): Promise<string> {
	return outputOf(await oy.run(invoiceFor(customerId, number)))[0].id as string;
}

describe('Account Receivable customers', () => {
	it('Create Customer: sends the customer and gives back its ID', async () => {
		const run = await oy.run({
			...customer,
			additionalFields: {
				partnerCustomerId: 'C-1',
				address: 'Jl. Merdeka 1',
				email: 'finance@maju.co.id',
				picName: 'Sari',
				phoneNumber: '081234567890',
			},
		});
		expect(theRequest(run)).toEqual({
			method: 'POST',
			path: '/api/account-receivable/customers',
			query: {},
			body: {
				name: 'PT Maju',
				partner_customer_id: 'C-1',
				tax_type: 'NO_TAX',
				address: 'Jl. Merdeka 1',
				email: 'finance@maju.co.id',
				pic_name: 'Sari',
				phone_number: '081234567890',
				pph_tax: 'NO_TAX',
			},
		});
		const [item] = outputOf(run);
		expect(item).toMatchObject({
			outcome: 'success',
			name: 'PT Maju',
			status: 'ACTIVE',
			oy: { outcome: 'success', final: true },
		});
		expect(typeof item.id).toBe('string');
	});

	it('Update Customer: replaces the customer picked from the list', async () => {
		const id = await createCustomer();
		const run = await oy.run({
			resource: 'accountReceivable',
			operation: 'updateCustomer',
			id: byId(id),
			name: 'PT Maju Jaya',
			taxType: 'PPN_11_EXCLUSIVE',
			pphTax: 'PPH_23_NPWP',
			status: 'ACTIVE',
		});
		expect(theRequest(run)).toEqual({
			method: 'PUT',
			path: `/api/account-receivable/customers/${id}`,
			query: {},
			body: {
				name: 'PT Maju Jaya',
				tax_type: 'PPN_11_EXCLUSIVE',
				pph_tax: 'PPH_23_NPWP',
				status: 'ACTIVE',
			},
		});
		expect(outputOf(run)[0]).toMatchObject({
			outcome: 'success',
			name: 'PT Maju Jaya',
			tax_type: 'PPN_11_EXCLUSIVE',
		});
	});

	it('Get Customer: reads the outstanding amount as a number', async () => {
		const id = await createCustomer();
		await createInvoice(id);
		const run = await oy.run({
			resource: 'accountReceivable',
			operation: 'getCustomer',
			id: byId(id),
		});
		expect(theRequest(run)).toEqual({
			method: 'GET',
			path: `/api/account-receivable/customers/${id}`,
			query: {},
			body: undefined,
		});
		expect(outputOf(run)[0]).toMatchObject({
			outcome: 'success',
			id,
			total_piutang: 150000,
			can_be_deactivated: false,
		});
	});

	it('Get Many Customers: filters by name and pages to the limit', async () => {
		for (const name of ['PT Maju', 'CV Maju Bersama', 'PT Lain']) await createCustomer(name);
		const run = await oy.run({
			resource: 'accountReceivable',
			operation: 'getManyCustomers',
			returnAll: false,
			limit: 10,
			additionalFields: { name: 'maju', status: 'ACTIVE' },
		});
		expect(theRequest(run)).toEqual({
			method: 'GET',
			path: '/api/account-receivable/customers',
			query: { limit: '10', offset: '0', name: 'maju', status: 'ACTIVE' },
			body: undefined,
		});
		expect(
			outputOf(run, () => 0)
				.map((found) => found.name)
				.sort(),
		).toEqual(['CV Maju Bersama', 'PT Maju']);
	});

	it('finds customers for the ID picker through OY! own name filter', async () => {
		for (const name of ['PT Maju', 'PT Lain']) await createCustomer(name);
		const search = new Oy().methods.listSearch.searchCustomers;
		const found = await search.call(
			oy.loadContext({ resource: 'accountReceivable', operation: 'getCustomer' }),
			'lain',
		);
		expect(found.results).toEqual([{ name: 'PT Lain', value: expect.any(String) }]);
	});

	it('rejects bad input before any request, naming the parameter and the item', async () => {
		const run = await refusedBeforeSending(
			oy,
			{ ...customer, additionalFields: { email: 'finance@maju' } },
			/^'Email' has addresses that are not valid: finance@maju \[item 0\]$/,
		);
	});
});

describe('Account Receivable invoices', () => {
	it('Create Invoice: sends lines, payment configuration and a null expiry (never expires)', async () => {
		const customerId = await createCustomer();
		const run = await oy.run(invoiceFor(customerId));
		expect(theRequest(run)).toEqual({
			method: 'POST',
			path: '/api/account-receivable/invoices',
			query: {},
			body: {
				invoice_number: 'INV-001',
				invoice_date: wibDay(),
				due_date: wibDay(7),
				customer_id: customerId,
				expiration_date: null,
				invoice_items: [{ price_per_item: 75000, description: 'Consulting', quantity: 2 }],
				payment_configuration: {
					include_admin_fee: false,
					list_enabled_banks: '002',
					list_enabled_ewallet: 'shopeepay_ewallet',
				},
			},
		});
		const [item] = outputOf(run);
		expect(item).toMatchObject({ outcome: 'success', invoice_number: 'INV-001' });
		expect(item.payment_url).toMatch(/^http/);
	});

	it('Get Invoice: an unpaid invoice is pending, a paid one a success', async () => {
		const id = await createInvoice(await createCustomer());
		const get = { resource: 'accountReceivable', operation: 'getInvoice', id: byId(id) };
		const run = await oy.run(get);
		expect(theRequest(run)).toEqual({
			method: 'GET',
			path: `/api/account-receivable/invoices/${id}`,
			query: {},
			body: undefined,
		});
		expect(outputOf(run)[0]).toMatchObject({
			outcome: 'pending',
			status: 'CREATED',
			amount_billed: 150000,
			oy: { state: 'CREATED' },
		});
		await oy.control('POST', `/account-receivable/invoices/${id}/pay`, { payment_method: 'VA' });
		expect(outputOf(await oy.run(get))[0]).toMatchObject({
			outcome: 'success',
			status: 'PAID',
			amount_received: 150000,
		});
	});

	it('Get Many Invoices: filters by number and amount, pages through all', async () => {
		const customerId = await createCustomer();
		for (let index = 0; index < 3; index++) await createInvoice(customerId, `INV-00${index}`);
		const run = await oy.run({
			resource: 'accountReceivable',
			operation: 'getManyInvoices',
			returnAll: true,
			additionalFields: { invoiceNumber: 'INV-00', minInvoiceAmount: '100000', status: 'CREATED' },
		});
		expect(theRequest(run)).toEqual({
			method: 'GET',
			path: '/api/account-receivable/invoices',
			query: {
				limit: '100',
				offset: '0',
				invoice_number: 'INV-00',
				min_invoice_amount: '100000',
				status: 'CREATED',
			},
			body: undefined,
		});
		expect(
			outputOf(run, () => 0)
				.map((invoice) => invoice.invoice_number)
				.sort(),
		).toEqual(['INV-000', 'INV-001', 'INV-002']);
	});

	it('Resend Invoice: sends the invoice again by e-mail', async () => {
		const id = await createInvoice(await createCustomer());
		const run = await oy.run({
			resource: 'accountReceivable',
			operation: 'resendInvoice',
			id: byId(id),
			channel: 'EMAIL',
		});
		expect(theRequest(run)).toEqual({
			method: 'POST',
			path: `/api/account-receivable/invoices/${id}/send`,
			query: {},
			body: { channel: 'EMAIL' },
		});
		expect(outputOf(run)[0]).toMatchObject({ outcome: 'success', channel: 'EMAIL', id });
		const sends = await oy.control('GET', `/account-receivable/sends?invoice_id=${id}`);
		expect(JSON.stringify(sends)).toContain('EMAIL');
	});

	it('Cancel Invoice: cancels an unpaid invoice', async () => {
		const id = await createInvoice(await createCustomer());
		const run = await oy.run({
			resource: 'accountReceivable',
			operation: 'cancelInvoice',
			id: byId(id),
		});
		expect(theRequest(run)).toEqual({
			method: 'PUT',
			path: `/api/account-receivable/invoices/${id}`,
			query: {},
			body: undefined,
		});
		expect(outputOf(run)[0]).toMatchObject({ outcome: 'success', data: id });
		const after = await oy.run({
			resource: 'accountReceivable',
			operation: 'getInvoice',
			id: byId(id),
		});
		expect(outputOf(after)[0]).toMatchObject({ outcome: 'failed', status: 'CANCELLED' });
	});

	it('finds invoices for the ID picker by number', async () => {
		const customerId = await createCustomer();
		await createInvoice(customerId, 'INV-APPLE');
		await createInvoice(customerId, 'INV-PEAR');
		const search = new Oy().methods.listSearch.searchInvoices;
		const found = await search.call(
			oy.loadContext({ resource: 'accountReceivable', operation: 'getInvoice' }),
			'pear',
		);
		expect(found.results).toEqual([
			{ name: 'INV-PEAR · PT Maju (CREATED)', value: expect.any(String) },
		]);
	});

	it('rejects bad input before any request, naming the parameter, the row and the item', async () => {
		const customerId = await createCustomer();
		const bad = invoiceFor(customerId);
		bad.invoiceItems.items[0].pricePerItem = '75.000';
		const run = await refusedBeforeSending(
			oy,
			bad,
			"'Invoice Items' (row 1) 'Price Per Item' is ambiguous (\"75.000\" may mean 75000); write digits only [item 0]",
		);
	});
});
