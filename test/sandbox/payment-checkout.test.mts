import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import { CallbackReceiver, control, expectSameShape, oy, startTestSandbox } from './helpers.mjs';

const examples = docExamples('payment-checkout');
let sandbox: RunningSandbox;
let receiver: CallbackReceiver;
let counter = 0;

/** A payment link that expires in a week (the docs example's expiration is in 2020). */
const linkBody = (overrides: Record<string, unknown> = {}) => ({
	...examples['create-payment-link'].request,
	partner_tx_id: `LINK${++counter}`,
	expiration: undefined,
	...overrides,
});
const createLink = (overrides: Record<string, unknown> = {}) =>
	oy(sandbox, 'POST', '/api/payment-checkout/create-v2', linkBody(overrides));
const status = (partnerTxId: string, sendCallback = false) =>
	oy(
		sandbox,
		'GET',
		`/api/payment-checkout/status?partner_tx_id=${partnerTxId}&send_callback=${sendCallback}`,
	);

beforeAll(async () => {
	receiver = await new CallbackReceiver().start();
	sandbox = await startTestSandbox({
		callbackUrls: { 'payment-checkout': `${receiver.url}/checkout` },
	});
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(async () => {
	await control(sandbox, 'POST', '/reset');
	await control(sandbox, 'PUT', '/balance/children/child123', { balance: 0 });
});

describe('Create Payment Link', () => {
	it('creates the docs example in the documented shape; its past expiration makes it expired at once', async () => {
		const example = examples['create-payment-link'];
		const created = await oy(sandbox, 'POST', '/api/payment-checkout/create-v2', example.request);
		expect(created.status).toBe(200);
		expectSameShape(created.body, example.response);
		expect(created.body).toMatchObject({
			status: true,
			message: 'success',
			child_balance: 'child123',
		});
		const data = await oy(sandbox, 'GET', `/api/payment-checkout/${created.body.payment_link_id}`);
		expect(data.body.data.status).toBe('EXPIRED');
		expect(data.body.data.expirationTime).toBe('2020-08-08 08:09:12');
	});

	it('checks the documented limits', async () => {
		const refused = async (overrides: Record<string, unknown>) => {
			const answer = await createLink(overrides);
			expect(answer.body.status, JSON.stringify(overrides)).toBe(false);
			expect(answer.body.message).toEqual(expect.any(String));
		};
		await refused({ partner_tx_id: 'with-dash' });
		await refused({ sender_name: 'J0hn' });
		await refused({ sender_name: '' });
		await refused({ description: 'semi;colon' });
		await refused({ amount: 9_999 });
		await refused({ email: 'a@b.co;c@d.co;e@f.co;g@h.co' });
		await refused({ phone_number: '+62812' });
		await refused({ is_open: undefined });
		await refused({ is_open: false, partner_tx_id: '' });
		await refused({ list_disabled_payment_methods: 'VA,CREDIT_CARD,QRIS,EWALLET' });
		await refused({ list_disabled_payment_methods: 'CASH' });
		await refused({ list_enabled_banks: '002,999' });
		await refused({ list_enabled_ewallet: 'gopay_ewallet' });
		await refused({ expiration: '08-08-2030' });
		await refused({ child_balance: 'stranger' });
		expect(
			(
				await createLink({
					list_enabled_banks: '002, 008, 451',
					list_enabled_ewallet: 'ovo_ewallet,dana_ewallet',
				})
			).body.status,
		).toBe(true);
	});

	it('refuses to reuse a paid partner_tx_id and replaces an unpaid one', async () => {
		const first = (await createLink({ partner_tx_id: 'REUSE1' })).body;
		const second = (await createLink({ partner_tx_id: 'REUSE1' })).body;
		expect(second.status).toBe(true);
		expect(
			(await oy(sandbox, 'GET', `/api/payment-checkout/${first.payment_link_id}`)).body.data.status,
		).toBe('CLOSED');
		await control(sandbox, 'POST', '/payment-checkout/links/REUSE1/pay', {});
		const third = await createLink({ partner_tx_id: 'REUSE1' });
		expect(third.body).toMatchObject({ status: false });
	});

	it('answers Username/API key failures with status false and HTTP 403', async () => {
		const unknown = await oy(sandbox, 'POST', '/api/payment-checkout/create-v2', linkBody(), {
			'x-oy-username': 'x',
		});
		expect(unknown.status).toBe(403);
		expect(unknown.body).toEqual({ status: false, message: 'Username is not found' });
		const wrongKey = await oy(
			sandbox,
			'GET',
			'/api/payment-checkout/status?partner_tx_id=x',
			undefined,
			{ 'x-api-key': 'x' },
		);
		expect(wrongKey.body).toEqual({ status: false, message: 'Invalid API Key' });
	});
});

describe('Create Invoice Link', () => {
	it('refuses the docs example as sent: its partner_tx_id has spaces, which the docs forbid', async () => {
		const answer = await oy(sandbox, 'POST', '/api/payment-checkout/create-invoice', {
			...examples['create-invoice-link'].request,
			expiration: undefined,
			due_date: undefined,
		});
		expect(answer.body.status).toBe(false);
		expect(answer.body.message).toMatch(/alphanumerics/);
	});

	it('creates the docs example (string amount and is_open, base64 PDF) once the id is alphanumeric', async () => {
		const example = examples['create-invoice-link'];
		const created = await oy(sandbox, 'POST', '/api/payment-checkout/create-invoice', {
			...example.request,
			partner_tx_id: 'INVOICE1',
			expiration: undefined,
			due_date: undefined,
		});
		expectSameShape(created.body, example.response);
		expect(created.body.url).toContain('/invoice/');
		const data = (await oy(sandbox, 'GET', '/api/payment-checkout/INVOICE1')).body;
		expectSameShape(data, examples['get-link'].response, ['data.child_balance']);
		expect(data.data.invoiceData.fullName).toBe('Raymond');
		expect(JSON.parse(data.data.invoiceData.invoiceItems)[0]).toMatchObject({
			item: 'item name',
			date_of_purchase: 1600560000000,
		});
		expect(data.data.amount).toBe(30000);
		expect(data.data.isOpen).toBe(true);
	});

	it('checks due_date against expiration and the attachment', async () => {
		const base = {
			...examples['create-invoice-link'].request,
			partner_tx_id: 'INVOICE2',
			attachment: '',
		};
		const code = async (overrides: Record<string, unknown>) =>
			(await oy(sandbox, 'POST', '/api/payment-checkout/create-invoice', { ...base, ...overrides }))
				.body.status;
		expect(await code({ expiration: '2099-01-01 10:00:00', due_date: '2099-01-02 10:00:00' })).toBe(
			false,
		);
		expect(
			await code({
				expiration: '2099-01-01 10:00:00',
				due_date: '2099-01-01 09:00:00',
				attachment: 'bm90IGEgcGRm',
			}),
		).toBe(false);
		expect(
			await code({
				expiration: '2099-01-01 10:00:00',
				due_date: '2099-01-01 09:00:00',
				is_va_lifetime: true,
				partner_user_id: '',
			}),
		).toBe(false);
		expect(await code({ expiration: '2099-01-01 10:00:00', due_date: '2099-01-01 09:00:00' })).toBe(
			true,
		);
	});
});

describe('payment, status, callback, get and delete', () => {
	it('pays a link: callback and status in the documented shapes, credited to the child balance', async () => {
		const created = (
			await createLink({
				partner_tx_id: 'PAID1',
				amount: 15_000,
				is_open: false,
				include_admin_fee: true,
			})
		).body;
		await control(sandbox, 'POST', '/payment-checkout/links/PAID1/select-method', {
			payment_method: 'VA',
			sender_bank: '008',
		});
		expect((await status('PAID1')).body.status).toBe('waiting_payment');
		expect((await oy(sandbox, 'DELETE', '/api/payment-checkout/PAID1')).body).toEqual({
			status: false,
			message: 'Cannot delete payment link status other than CREATED/INITIATIED',
		});

		await control(sandbox, 'POST', '/payment-checkout/links/PAID1/pay', {
			sender_phone: '6281111111',
			sender_note: 'Mohon dikirim segera',
			admin_fee: 5_000,
		});
		const callback = await receiver.next((c) => c.body.partner_tx_id === 'PAID1');
		expect(callback.path).toBe('/checkout');
		expectSameShape(callback.body, examples.callback.response, [
			'child_balance',
			'payment_received_time',
		]);
		expect(callback.body).toMatchObject({
			status: 'complete',
			paid_amount: 20_000,
			payment_method: 'VA',
			sender_bank: '008',
			is_invoice: false,
		});
		expect(callback.body.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);

		const answer = await status('PAID1', true);
		expectSameShape(answer.body, examples['payment-status'].response, ['payment_received_time']);
		await receiver.next(
			(c) =>
				c.body.partner_tx_id === 'PAID1' &&
				receiver.received.filter((r) => r.body.partner_tx_id === 'PAID1').length === 2,
		);
		const ledger = await control(sandbox, 'GET', '/balance');
		expect(ledger.children.child123.balance).toBe(15_000);
		expect(ledger.own.balance).toBe(1_000_000_000);

		const data = await oy(sandbox, 'GET', `/api/payment-checkout/${created.payment_link_id}`);
		expect(data.body.data).toMatchObject({
			status: 'COMPLETE',
			senderPhoneNumber: '6281111111',
			txRefNumber: expect.any(String),
		});
		await expect(control(sandbox, 'POST', '/payment-checkout/links/PAID1/pay', {})).rejects.toThrow(
			/complete/,
		);
	});

	it('calls back an invoice with invoice_ID and full_name, and a failed payment with status failed', async () => {
		const invoice = await oy(sandbox, 'POST', '/api/payment-checkout/create-invoice', {
			...examples['create-invoice-link'].request,
			partner_tx_id: 'INVOICE3',
			attachment: '',
			expiration: undefined,
			due_date: undefined,
		});
		await control(sandbox, 'POST', `/payment-checkout/links/${invoice.body.payment_link_id}/fail`, {
			payment_method: 'CC',
		});
		const failed = await receiver.next((c) => c.body.partner_tx_id === 'INVOICE3');
		expect(failed.body).toMatchObject({
			status: 'failed',
			is_invoice: true,
			invoice_ID: invoice.body.payment_link_id,
			full_name: 'Raymond',
		});
		await control(sandbox, 'POST', '/payment-checkout/links/INVOICE3/pay', {
			payment_method: 'QRIS',
			amount: 20_000,
		});
		const paid = await receiver.next(
			(c) => c.body.partner_tx_id === 'INVOICE3' && c.body.status === 'complete',
		);
		expect(paid.body.payment_reference_number).not.toBe('');
		const byReference = await oy(
			sandbox,
			'GET',
			`/api/payment-checkout/status?payment_reference_number=${paid.body.payment_reference_number}`,
		);
		expect(byReference.body.partner_tx_id).toBe('INVOICE3');
	});

	it('gets a link in the documented camelCase shape and deletes it while it is created', async () => {
		const created = (await createLink({ partner_tx_id: 'GET1' })).body;
		const data = await oy(sandbox, 'GET', '/api/payment-checkout/GET1');
		expectSameShape(data.body, examples['get-link'].response, ['data.invoiceData']);
		expect(data.body.data).toMatchObject({
			status: 'CREATED',
			invoiceData: null,
			paymentLinkId: created.payment_link_id,
			username: sandbox.username,
		});
		const deleted = await oy(sandbox, 'DELETE', `/api/payment-checkout/${created.payment_link_id}`);
		expectSameShape(deleted.body, examples['delete-link'].response, ['child_balance']);
		expect(deleted.body.status).toBe(true);
		expect((await status('GET1')).body.status).toBe('closed');
		expect((await oy(sandbox, 'GET', '/api/payment-checkout/nothing')).body).toEqual({
			status: false,
			message: 'The payment_link_id or partner_trx_id cannot be found in our system',
		});
	});

	it('expires a link on the sandbox clock (24 hours by default)', async () => {
		await createLink({ partner_tx_id: 'EXP1' });
		await control(sandbox, 'POST', '/clock/advance', { hours: 23 });
		expect((await status('EXP1')).body.status).toBe('created');
		await control(sandbox, 'POST', '/clock/advance', { hours: 1 });
		expect((await status('EXP1')).body.status).toBe('expired');
		await expect(control(sandbox, 'POST', '/payment-checkout/links/EXP1/pay', {})).rejects.toThrow(
			/expired/,
		);
	});
});

describe('Get Payment Status: the docs shape, and the envelope two OY! clients read (issue 11 item 12)', () => {
	const invoiceBody = () => ({
		...examples['create-invoice-link'].request,
		attachment: '',
		expiration: undefined,
		due_date: undefined,
	});

	it('answers an invoice link exactly in the example shape: no callback-only invoice_ID or full_name', async () => {
		await oy(sandbox, 'POST', '/api/payment-checkout/create-invoice', {
			...invoiceBody(),
			partner_tx_id: 'SHAPE1',
		});
		const answer = await status('SHAPE1');
		// Unpaid: the payer's and the settlement's fields are not there yet; nothing else may be.
		const documented = [
			...Object.keys(examples['payment-status'].response),
			'payment_received_time',
		];
		expect(Object.keys(answer.body).filter((key) => !documented.includes(key))).toEqual([]);
		expect(answer.body).toMatchObject({
			partner_tx_id: 'SHAPE1',
			is_invoice: true,
			status: 'created',
		});
	});

	it('status_envelope: {success, error, data, reason, status_code} around the same record; failures inside it too', async () => {
		await createLink({ partner_tx_id: 'SHAPE2' });
		const bare = (await status('SHAPE2')).body;
		expect(
			await control(sandbox, 'PUT', '/payment-checkout/settings', { status_envelope: true }),
		).toEqual({ status_envelope: true });
		const wrapped = await status('SHAPE2');
		expect(wrapped.status).toBe(200);
		expect(wrapped.body).toEqual({
			success: true,
			error: null,
			data: bare,
			reason: null,
			status_code: 200,
		});
		const missing = await status('NOSUCHLINK');
		expect(missing.status).toBe(404);
		expect(missing.body).toEqual({
			success: false,
			error: 'The payment_link_id or partner_trx_id cannot be found in our system',
			data: null,
			reason: 'The payment_link_id or partner_trx_id cannot be found in our system',
			status_code: 404,
		});
		// Only Get Payment Status changes shape; a reset brings the documented one back.
		expect((await oy(sandbox, 'GET', '/api/payment-checkout/SHAPE2')).body).toMatchObject({
			status: true,
			data: { partnerTxId: 'SHAPE2' },
		});
		await control(sandbox, 'POST', '/reset');
		expect(await control(sandbox, 'GET', '/payment-checkout/settings')).toEqual({
			status_envelope: false,
		});
	});
});
