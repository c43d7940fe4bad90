import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import { control, expectSameShape, oy, startTestSandbox } from './helpers.mjs';

const examples = docExamples('account-inquiry');
const DAY = 86_400_000;
let sandbox: RunningSandbox;

const inquire = (body: Record<string, unknown> = examples['account-inquiry'].request!) =>
	oy(sandbox, 'POST', '/api/account-inquiry', body);
const advanceDays = (days: number) => control(sandbox, 'POST', '/clock/advance', { days });
const wibDate = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
const sandboxNow = async () => Date.parse((await control(sandbox, 'GET', '/clock')).now);

beforeAll(async () => {
	sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
	await control(sandbox, 'POST', '/reset');
	await control(sandbox, 'PUT', '/account-inquiry/settings', { auto_pay: false });
});

describe('Account Inquiry', () => {
	it("answers the docs example in the documented shape and bills it to today's invoice", async () => {
		const first = await inquire();
		expect(first.status).toBe(200);
		expectSameShape(first.body, examples['account-inquiry'].response);
		expect(first.body.status).toEqual({ code: '000', message: 'Success' });
		expect(first.body.bank_code).toBe('014');
		expect(first.body.account_name).toMatch(/^\w+ \w+$/);
		expect(first.body.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
		const second = await inquire();
		expect(second.body.account_name).toBe(first.body.account_name);
		expect(second.body.invoice_id).toBe(first.body.invoice_id);
		expect(second.body.id).not.toBe(first.body.id);

		const invoice = await oy(
			sandbox,
			'GET',
			`/api/account-inquiry/invoices/${first.body.invoice_id}`,
		);
		expectSameShape(invoice.body, examples['invoice-by-id'].response);
		expect(invoice.body).toMatchObject({
			total_inquiry: 2,
			amount: 2000,
			invoice_status: 'INITIATED',
			paid_at: null,
		});
		expect(invoice.body.tx_date).toBe(wibDate(await sandboxNow()));
	});

	it('names registered holders, answers 209 with an id for a missing account, 205 for an unknown bank, 990 without fields', async () => {
		await control(sandbox, 'PUT', '/bank-accounts', {
			accounts: [
				{ bank_code: '014', account_number: '1239812390', account_name: 'John Doe' },
				{ bank_code: '014', account_number: '404', state: 'not-found' },
			],
		});
		expect((await inquire()).body.account_name).toBe('John Doe');
		const missing = await inquire({ bank_code: '014', account_number: '404' });
		expect(missing.body.status).toEqual({
			code: '209',
			message: 'Request is Rejected (Bank Account is not found)',
		});
		expect(missing.body.id).toEqual(expect.any(String));
		expect((await inquire({ bank_code: '000', account_number: '1' })).body.status.code).toBe('205');
		expect((await inquire({ bank_code: '014' })).body.status).toEqual({
			code: '990',
			message: 'Request is Rejected (Request Parameter is not Valid)',
		});
		expect((await oy(sandbox, 'POST', '/api/account-inquiry', 'nope')).body.status.code).toBe(
			'990',
		);
	});

	it('answers 201 / 208 for bad credentials', async () => {
		expect(
			(await oy(sandbox, 'POST', '/api/account-inquiry', {}, { 'x-oy-username': 'x' })).body.status
				.code,
		).toBe('201');
		expect(
			(await oy(sandbox, 'GET', '/api/account-inquiry/invoices', undefined, { 'x-api-key': 'x' }))
				.body.status.code,
		).toBe('208');
	});
});

describe('Account Inquiry invoices', () => {
	it('turns UNPAID the next day, due at 23:59:59 UTC+7 of that next day', async () => {
		const { invoice_id } = (await inquire()).body;
		await advanceDays(1);
		const invoice = (await oy(sandbox, 'GET', `/api/account-inquiry/invoices/${invoice_id}`)).body;
		expect(invoice.invoice_status).toBe('UNPAID');
		expect(invoice.due_at).toMatch(/T16:59:59$/);
		const due = Date.parse(`${invoice.due_at}Z`);
		expect(wibDate(due)).toBe(wibDate(Date.parse(`${invoice.tx_date}T12:00:00+07:00`) + DAY));
	});

	it('lists invoices newest first in the documented shape, with status filter and offset/limit', async () => {
		const now = await sandboxNow();
		await control(sandbox, 'POST', '/seed', {
			'account-inquiry': [
				{ tx_date: wibDate(now - 2 * DAY), total_inquiry: 10, paid_at: '2020-12-02T08:00:00' },
				{ tx_date: wibDate(now - DAY), total_inquiry: 10 },
			],
		});
		await inquire();
		await inquire();
		const list = await oy(sandbox, 'GET', '/api/account-inquiry/invoices');
		expectSameShape(list.body, examples['list-invoices'].response);
		expect(list.body.total).toBe(3);
		expect(list.body.data.map((i: { invoice_status: string }) => i.invoice_status)).toEqual([
			'INITIATED',
			'UNPAID',
			'PAID',
		]);
		expect(list.body.data[1].amount).toBe(10_000);

		const unpaid = await oy(sandbox, 'GET', '/api/account-inquiry/invoices?status=UNPAID');
		expect(unpaid.body.total).toBe(1);
		expect(unpaid.body.data[0].tx_date).toBe(wibDate(now - DAY));
		const page = await oy(sandbox, 'GET', '/api/account-inquiry/invoices?offset=1&limit=1');
		expect(page.body.data).toHaveLength(1);
		expect(page.body.data[0].invoice_status).toBe('UNPAID');
		expect(
			(await oy(sandbox, 'GET', '/api/account-inquiry/invoices?status=OPEN')).body.status.code,
		).toBe('990');
	});

	it('pays an UNPAID invoice from the balance (000), refuses one that is not UNPAID (300) and a short balance (206)', async () => {
		const { invoice_id } = (await inquire()).body;
		const tooEarly = await oy(sandbox, 'POST', '/api/account-inquiry/invoices/pay', { invoice_id });
		expect(tooEarly.body.status).toEqual({
			code: '300',
			message: 'Failed doing payment (invoice is not on UNPAID status)',
		});
		await advanceDays(1);

		await control(sandbox, 'PUT', '/balance', { balance: 500 });
		expect(
			(await oy(sandbox, 'POST', '/api/account-inquiry/invoices/pay', { invoice_id })).body.status,
		).toEqual({
			code: '206',
			message: 'Failed doing payment (Balance is not enough)',
		});
		await control(sandbox, 'PUT', '/balance', { balance: 100_000 });
		const paid = await oy(sandbox, 'POST', '/api/account-inquiry/invoices/pay', {
			...examples['pay-invoice'].request,
			invoice_id,
		});
		expectSameShape(paid.body, examples['pay-invoice'].response);
		expect(paid.body).toMatchObject({
			status: { code: '000', message: 'Success' },
			invoice_status: 'PAID',
			amount: 1000,
		});
		expect(paid.body.paid_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
		expect((await oy(sandbox, 'GET', '/api/balance')).body.balance).toBe(99_000);
		expect(
			(await oy(sandbox, 'POST', '/api/account-inquiry/invoices/pay', { invoice_id })).body.status
				.code,
		).toBe('300');
		expect(
			(await oy(sandbox, 'POST', '/api/account-inquiry/invoices/pay', { invoice_id: 'nope' })).body
				.status.code,
		).toBe('204');
		expect((await oy(sandbox, 'GET', '/api/account-inquiry/invoices/nope')).body.status.code).toBe(
			'204',
		);
	});

	it("accepts the docs' curl form too: GET /invoices/pay with a JSON body", async () => {
		const { invoice_id } = (await inquire()).body;
		await advanceDays(1);
		const paid = await oy(sandbox, 'GET', '/api/account-inquiry/invoices/pay', { invoice_id });
		expect(paid.body.invoice_status).toBe('PAID');
	});

	it("is paid by OY!'s daily run when the balance allows", async () => {
		await control(sandbox, 'PUT', '/account-inquiry/settings', { auto_pay: true });
		const { invoice_id } = (await inquire()).body;
		await advanceDays(2);
		const invoice = (await oy(sandbox, 'GET', `/api/account-inquiry/invoices/${invoice_id}`)).body;
		expect(invoice.invoice_status).toBe('PAID');
		expect((await oy(sandbox, 'GET', '/api/balance')).body.balance).toBe(1_000_000_000 - 1000);
	});

	it('blocks inquiries with 232 once an UNPAID invoice is past the grace period, until it is paid', async () => {
		await control(sandbox, 'PUT', '/account-inquiry/settings', { grace_days: 3 });
		const { invoice_id } = (await inquire()).body;
		await advanceDays(4);
		expect((await inquire()).body.status.code).toBe('000');
		await advanceDays(1);
		expect((await inquire()).body.status).toEqual({
			code: '232',
			message: 'Request is Rejected (User has unpaid invoices)',
		});
		await oy(sandbox, 'POST', '/api/account-inquiry/invoices/pay', { invoice_id });
		expect((await inquire()).body.status.code).toBe('000');
	});
});
