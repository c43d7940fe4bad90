import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import { control, expectSameShape, oy, startTestSandbox } from './helpers.mjs';

const examples = docExamples('account-receivable');
const DOC_CUSTOMER_ID = '8b57cbb0-41f9-48f2-b092-5fa999ddcb15';
let sandbox: RunningSandbox;

const wibDay = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
const sandboxNow = async () => Date.parse((await control(sandbox, 'GET', '/clock')).now);

/** The docs' invoice example moved to today (its 2022 dates are refused as "less than today"). */
async function invoiceBody(overrides: Record<string, unknown> = {}) {
	const now = await sandboxNow();
	return {
		...examples['create-invoice'].request,
		invoice_date: wibDay(now),
		due_date: wibDay(now + 4 * 86_400_000),
		expiration_date: `${wibDay(now + 4 * 86_400_000)} 12:58:01`,
		...overrides,
	};
}
const createInvoice = async (overrides: Record<string, unknown> = {}) =>
	oy(sandbox, 'POST', '/api/account-receivable/invoices', await invoiceBody(overrides));

beforeAll(async () => {
	sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
	await control(sandbox, 'POST', '/reset');
	// The customer of the docs' examples, as they left it after Edit Customer.
	await control(sandbox, 'POST', '/seed', {
		'account-receivable': {
			customers: [{ ...examples['edit-customer'].request, id: DOC_CUSTOMER_ID, pic_name: null }],
		},
	});
});

describe('customers', () => {
	it('creates, edits, retrieves and filters with the docs examples, in the documented shapes', async () => {
		const created = await oy(
			sandbox,
			'POST',
			'/api/account-receivable/customers',
			examples['create-customer'].request,
		);
		expect(created.status).toBe(200);
		expectSameShape(created.body, examples['create-customer'].response);
		expect(created.body.data).toMatchObject({
			status: 'ACTIVE',
			tax_type: 'PPN_10_INCLUSIVE',
			name: 'Acumen Metros',
		});
		const id = created.body.data.id;

		const edited = await oy(
			sandbox,
			'PUT',
			`/api/account-receivable/customers/${id}`,
			examples['edit-customer'].request,
		);
		expectSameShape(edited.body, examples['edit-customer'].response);
		expect(edited.body.data).toMatchObject({
			tax_type: 'NO_TAX',
			pic_name: 123,
			email: 'new_email@address.com',
		});

		const retrieved = await oy(sandbox, 'GET', `/api/account-receivable/customers/${id}`);
		expectSameShape(retrieved.body, examples['get-customer'].response);
		expect(retrieved.body.data).toMatchObject({ total_piutang: 0, can_be_deactivated: true });

		const filtered = await oy(
			sandbox,
			'GET',
			'/api/account-receivable/customers?limit=10&offset=0&name=acumen&tax_type=NO_TAX',
		);
		expectSameShape(filtered.body, examples['filter-customers'].response);
		expect(filtered.body.data).toHaveLength(2);
		expect(
			(await oy(sandbox, 'GET', '/api/account-receivable/customers?partner_customer_id=nobody'))
				.body.data,
		).toEqual([]);
		expect(
			(await oy(sandbox, 'GET', '/api/account-receivable/customers?limit=1&offset=1')).body.data,
		).toHaveLength(1);
	});

	it('answers the documented codes for bad customer data', async () => {
		const failure = async (overrides: Record<string, unknown>, code: string, message: string) => {
			const answer = await oy(sandbox, 'POST', '/api/account-receivable/customers', {
				...examples['create-customer'].request,
				...overrides,
			});
			expect(answer.body).toMatchObject({ success: false, data: null, error: { code, message } });
			expect(answer.body.status_code).toBe(answer.status);
		};
		await failure({ name: '' }, '400', 'Name cannot be null or empty');
		await failure({ tax_type: undefined }, '400', 'Invalid tax type input');
		await failure({ tax_type: 'PPN_12' }, '400', 'Tax type value is invalid');
		await failure({ pph_tax: undefined }, '400', "Pph tax can't be null");
		await failure({ pph_tax: 'PPH_21' }, '400', 'Pph tax type value is invalid');
		await failure(
			{ email: 'a@b.co;b@b.co;c@b.co;d@b.co;e@b.co;f@b.co;g@b.co' },
			'400',
			'Email address limit is 6',
		);
		await failure({ email: 'not-an-email' }, '247', 'Email is not valid');
		await failure({ phone_number: '+62812' }, '247', 'Phone number is not valid');
		const unknown = await oy(sandbox, 'GET', '/api/account-receivable/customers/nobody');
		expect(unknown.body.error).toEqual({ code: '400', message: 'Customer ID Not Found' });
	});

	it('refuses bad credentials with HTTP 403 in the failure envelope', async () => {
		const answer = await oy(sandbox, 'GET', '/api/account-receivable/customers', undefined, {
			'x-api-key': 'nope',
		});
		expect(answer.status).toBe(403);
		expect(answer.body).toMatchObject({
			success: false,
			data: null,
			error: { message: 'Invalid API Key' },
			status_code: 403,
		});
	});
});

describe('invoices', () => {
	it('refuses the docs example as it stands: its invoice_date is in 2022', async () => {
		const answer = await oy(
			sandbox,
			'POST',
			'/api/account-receivable/invoices',
			examples['create-invoice'].request,
		);
		expect(answer.body.error).toEqual({ code: '400', message: 'Invoice date is less than today' });
	});

	it('creates, reads, filters, resends and cancels the docs example (moved to today) in the documented shapes', async () => {
		const created = await createInvoice();
		expectSameShape(created.body, examples['create-invoice'].response);
		const id = created.body.data.id;
		expect(created.body.data.payment_configuration.include_admin_fee).toBe(true);

		const details = await oy(sandbox, 'GET', `/api/account-receivable/invoices/${id}`);
		expectSameShape(details.body, examples['get-invoice'].response);
		// The docs' worked example: 4 × 25,600, PPh 23 without NPWP (4%), a 5,000 discount.
		expect(details.body.data).toMatchObject({
			status: 'CREATED',
			amount_billed: 93_304,
			amount_received: 0,
			customer_name: 'Acumen Metros',
		});

		const listed = await oy(
			sandbox,
			'GET',
			'/api/account-receivable/invoices?limit=10&offset=0&source_data=API',
		);
		expectSameShape(listed.body, examples['filter-invoices'].response);
		expect(listed.body.data.total).toBe(1);
		expect(listed.body.data.data[0].invoice_date).toBe(
			Date.parse(`${created.body.data.invoice_date}T00:00:00+07:00`),
		);

		const resent = await oy(
			sandbox,
			'POST',
			`/api/account-receivable/invoices/${id}/send`,
			examples['resend-invoice'].request,
		);
		expectSameShape(resent.body, examples['resend-invoice'].response);
		expect(resent.body.data).toEqual({ channel: 'EMAIL', id });
		const { sends } = await control(sandbox, 'GET', `/account-receivable/sends?invoice_id=${id}`);
		expect(sends.map((send: { channel: string }) => send.channel)).toEqual(['EMAIL', 'EMAIL']);

		expect(
			(await oy(sandbox, 'GET', `/api/account-receivable/customers/${DOC_CUSTOMER_ID}`)).body.data,
		).toMatchObject({
			total_piutang: 93_304,
			can_be_deactivated: false,
		});
		const cancelled = await oy(sandbox, 'PUT', `/api/account-receivable/invoices/${id}`);
		expectSameShape(cancelled.body, examples['cancel-invoice'].response);
		expect(cancelled.body.data).toBe(id);
		const after = (await oy(sandbox, 'GET', `/api/account-receivable/invoices/${id}`)).body.data;
		expect(after.status).toBe('CANCELLED');
		expect(after.timeline_invoices.map((entry: { status: string }) => entry.status)).toEqual([
			'CREATED',
			'CANCELLED',
		]);
		expect(after.payment_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		expect((await oy(sandbox, 'PUT', `/api/account-receivable/invoices/${id}`)).body.error).toEqual(
			{
				code: '223',
				message: 'Invoice status not eligible to cancel',
			},
		);
	});

	it('turns OVERDUE after the due day and PAID when the customer pays, crediting the balance', async () => {
		const { id } = (await createInvoice()).body.data;
		await control(sandbox, 'POST', '/clock/advance', { days: 5 });
		expect(
			(await oy(sandbox, 'GET', `/api/account-receivable/invoices/${id}`)).body.data.status,
		).toBe('OVERDUE');
		expect(
			(await oy(sandbox, 'GET', '/api/account-receivable/invoices?status=OVERDUE')).body.data.total,
		).toBe(1);
		await expect(
			control(sandbox, 'POST', `/account-receivable/invoices/${id}/pay`, {}),
		).rejects.toThrow(/expired/);

		const payable = (await createInvoice({ expiration_date: null })).body.data;
		await control(sandbox, 'POST', `/account-receivable/invoices/${payable.id}/pay`, {
			payment_method: 'QRIS',
		});
		const paid = (await oy(sandbox, 'GET', `/api/account-receivable/invoices/${payable.id}`)).body
			.data;
		expect(paid).toMatchObject({ status: 'PAID', amount_received: 93_304, payment_method: 'QRIS' });
		expect((await oy(sandbox, 'GET', '/api/balance')).body.balance).toBe(1_000_000_000 + 93_304);
		expect(
			(await oy(sandbox, 'PUT', `/api/account-receivable/invoices/${payable.id}`)).body.error.code,
		).toBe('223');
	});

	it('answers the documented codes for bad invoices', async () => {
		const now = await sandboxNow();
		const failure = async (overrides: Record<string, unknown>, code: string, message: string) => {
			const answer = await createInvoice(overrides);
			expect(answer.body.error, JSON.stringify(overrides)).toEqual({ code, message });
			expect(answer.body.success).toBe(false);
		};
		await failure({ payment_configuration: null }, '400', "Payment configuration can't be null");
		await failure({ invoice_date: '' }, '400', "Invoice date can't be null or empty");
		await failure({ customer_id: '' }, '400', "Customer id can't be null or empty");
		await failure({ customer_id: 'nobody' }, '400', 'Customer ID Not Found');
		await failure({ due_date: undefined }, '400', "Due date can't be null or empty");
		await failure(
			{ due_date: wibDay(now - 86_400_000) },
			'400',
			"Due date can't before invoice date",
		);
		await failure({ expiration_date: '' }, '400', 'Invalid expired Date time');
		await failure({ expiration_date: undefined }, '400', 'Invalid expired Date time');
		await failure(
			{ expiration_date: `${wibDay(now - 86_400_000)} 10:00:00` },
			'901',
			'Expiration date exceed invoice time',
		);
		await failure(
			{ invoice_items: [{ price_per_item: -1, description: 'x', quantity: 1 }] },
			'400',
			'Please fix negative price in invoice items',
		);
		await failure(
			{ attachments: ['a', 'b', 'c', 'd', 'e'] },
			'400',
			'Attachments maximum is 4 item',
		);
		await failure(
			{
				invoice_items: [{ price_per_item: 9_000, description: 'x', quantity: 1 }],
				additional_items: [],
			},
			'210',
			'Billed invoice less than threshold : Rp 10000',
		);

		await oy(sandbox, 'PUT', `/api/account-receivable/customers/${DOC_CUSTOMER_ID}`, {
			...examples['edit-customer'].request,
			status: 'INACTIVE',
		});
		await failure({}, '400', 'User is not active');
		expect(
			(await oy(sandbox, 'GET', '/api/account-receivable/invoices/unknown')).body.error,
		).toEqual({ code: '204', message: 'Tx Id is not found' });
	});

	it('adds exclusive PPN and withholds PPh 23 at 2% with an NPWP', async () => {
		const customer = (
			await oy(sandbox, 'POST', '/api/account-receivable/customers', {
				...examples['create-customer'].request,
				tax_type: 'PPN_11_EXCLUSIVE',
				pph_tax: 'PPH_23_NPWP',
			})
		).body.data;
		const invoice = (await createInvoice({ customer_id: customer.id, additional_items: [] })).body
			.data;
		const details = (await oy(sandbox, 'GET', `/api/account-receivable/invoices/${invoice.id}`))
			.body.data;
		expect(details.amount_billed).toBe(Math.round(102_400 * 1.11 - 102_400 * 0.02));
	});

	it('keeps a customer with outstanding invoices active', async () => {
		await createInvoice();
		const answer = await oy(
			sandbox,
			'PUT',
			`/api/account-receivable/customers/${DOC_CUSTOMER_ID}`,
			{ ...examples['edit-customer'].request, status: 'INACTIVE' },
		);
		expect(answer.body.success).toBe(false);
	});
});
