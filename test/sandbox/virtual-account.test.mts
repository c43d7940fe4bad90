import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import { CallbackReceiver, control, expectSameShape, oy, startTestSandbox } from './helpers.mjs';

const examples = docExamples('virtual-account');
const MINUTE = 60_000;
let sandbox: RunningSandbox;
let receiver: CallbackReceiver;
let userCounter = 0;

const createVa = (overrides: Record<string, unknown> = {}) =>
	oy(sandbox, 'POST', '/api/generate-static-va', {
		...examples['create-va'].request,
		partner_user_id: `USER-${++userCounter}`,
		partner_trx_id: `VA-TRX-${userCounter}`,
		...overrides,
	});
const vaInfo = async (id: string) =>
	(await oy(sandbox, 'GET', `/api/static-virtual-account/${id}`)).body;
const pay = (va_number: string, amount?: number) =>
	control(sandbox, 'POST', '/virtual-account/payments', { va_number, amount });

beforeAll(async () => {
	receiver = await new CallbackReceiver().start();
	sandbox = await startTestSandbox({ callbackUrls: { 'virtual-account': `${receiver.url}/va` } });
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(() => control(sandbox, 'POST', '/reset'));

describe('static VA', () => {
	it('creates the docs example in the documented shape, with epoch-ms expiry minutes from now', async () => {
		const before = Date.parse((await control(sandbox, 'GET', '/clock')).now);
		const created = await oy(
			sandbox,
			'POST',
			'/api/generate-static-va',
			examples['create-va'].request,
		);
		expect(created.status).toBe(200);
		expectSameShape(created.body, examples['create-va'].response);
		expect(created.body).toMatchObject({
			status: { code: '000', message: 'Success' },
			va_status: 'WAITING_PAYMENT',
			trx_counter: 1,
		});
		expect(created.body.va_number).toMatch(/^\d{18}$/);
		expect(created.body.expiration_time - before).toBeGreaterThanOrEqual(5 * MINUTE);
		expect(created.body.expiration_time - before).toBeLessThan(6 * MINUTE);
	});

	it('reads a VA by id in the documented shape and lists VAs with offset/limit', async () => {
		const created = (await createVa({ full_name: 'budi budiman' })).body;
		await createVa();
		await createVa();
		const info = await vaInfo(created.id);
		expectSameShape(info, examples['va-info'].response);
		expect(info).toMatchObject({
			bank_name: 'Bank BRI',
			email: 'email@mail.com',
			full_name: 'budi budiman',
			amount_detected: 0,
		});
		const list = await oy(sandbox, 'GET', '/api/static-virtual-account?offset=1&limit=1');
		expect(list.body.total).toBe(3);
		expect(list.body.data).toHaveLength(1);
		expectSameShape(list.body, examples['list-va'].response, ['data[].full_name']);
		expect((await oy(sandbox, 'GET', '/api/static-virtual-account/unknown')).body.status.code).toBe(
			'216',
		);
	});

	it('updates a VA with the docs example and deactivates it with expiration_time 0', async () => {
		const created = (await createVa()).body;
		const updated = await oy(
			sandbox,
			'PUT',
			`/api/static-virtual-account/${created.id}`,
			examples['update-va'].request,
		);
		// The update example omits `email`, which the table says is returned when it was given at creation.
		expectSameShape(updated.body, examples['update-va'].response, ['email']);
		expect(updated.body).toMatchObject({
			amount: 50000,
			username_display: 'test',
			partner_trx_id: 'TRX0002',
			email: 'email@domain.com',
		});
		const deactivated = await oy(
			sandbox,
			'PUT',
			`/api/static-virtual-account/${created.id}`,
			examples['deactivate-va'].request,
		);
		expectSameShape(deactivated.body, examples['deactivate-va'].response, ['email']);
		expect(deactivated.body).toMatchObject({
			va_status: 'EXPIRED',
			expiration_time: 0,
			trx_expiration_time: 0,
		});
		const again = await oy(sandbox, 'PUT', `/api/static-virtual-account/${created.id}`, {
			amount: 1,
		});
		expect(again.body.status).toEqual({
			code: '246',
			message: 'Request is rejected (Failed update VA)',
		});
	});

	it('expires the transaction window (STATIC_TRX_EXPIRED), then the VA (EXPIRED), on the sandbox clock', async () => {
		const created = (await createVa({ expiration_time: 60, trx_expiration_time: 10 })).body;
		await control(sandbox, 'POST', '/clock/advance', { minutes: 11 });
		expect((await vaInfo(created.id)).va_status).toBe('STATIC_TRX_EXPIRED');
		await control(sandbox, 'POST', '/clock/advance', { minutes: 50 });
		expect((await vaInfo(created.id)).va_status).toBe('EXPIRED');
	});

	it('re-arms a lifetime VA whose transaction expired through Update VA', async () => {
		const created = (
			await createVa({ is_lifetime: true, expiration_time: undefined, trx_expiration_time: 10 })
		).body;
		expect(created.expiration_time).toBe(-1);
		await control(sandbox, 'POST', '/clock/advance', { minutes: 11 });
		expect((await vaInfo(created.id)).va_status).toBe('STATIC_TRX_EXPIRED');
		const rearmed = await oy(sandbox, 'PUT', `/api/static-virtual-account/${created.id}`, {
			is_lifetime: true,
			trx_expiration_time: 30,
			partner_trx_id: 'NEW-WINDOW',
		});
		expect(rearmed.body).toMatchObject({
			va_status: 'WAITING_PAYMENT',
			expiration_time: -1,
			partner_trx_id: 'NEW-WINDOW',
		});
	});

	it('takes payments: counters, amount_detected, balance, history, callback; single use completes', async () => {
		const created = (
			await createVa({
				is_single_use: true,
				trx_counter: undefined,
				is_open: false,
				amount: 15_000,
				expiration_time: 60,
				trx_expiration_time: 60,
			})
		).body;
		expect(created.trx_counter).toBe(1);
		const paid = await pay(created.va_number);
		const callback = await receiver.next((c) => c.body.va_number === created.va_number);
		expect(callback.path).toBe('/va');
		expectSameShape(callback.body, examples['va-payment-callback'].response);
		expect(callback.body).toMatchObject({
			amount: 15_000,
			success: true,
			partner_user_id: created.partner_user_id,
			trx_id: paid.payment.id,
		});
		expect(callback.body.tx_date).toMatch(/^\d{2}\/\d{2}\/\d{4}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
		const info = await vaInfo(created.id);
		expect(info).toMatchObject({
			va_status: 'COMPLETE',
			counter_incoming_payment: 1,
			amount_detected: 15_000,
			trx_counter: 0,
		});
		expect((await oy(sandbox, 'GET', '/api/balance')).body.balance).toBe(1_000_000_000 + 15_000);
		await expect(pay(created.va_number)).rejects.toThrow(/COMPLETE/);

		const history = await oy(sandbox, 'GET', `/api/va-tx-history/${created.id}?offset=0&limit=10`);
		expectSameShape(history.body, examples['va-tx-history'].response);
		expect(history.body).toMatchObject({
			number_of_transaction: 1,
			total_incoming_payment: 15_000,
		});
		expect(history.body.data[0].created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
	});

	it('books payments back in time (paid_at) where their time puts them in the history, paged by offset and limit', async () => {
		const created = (
			await createVa({
				is_open: true,
				amount: 0,
				trx_counter: -1,
				expiration_time: 600,
				trx_expiration_time: 600,
			})
		).body;
		const madeAt = Date.parse((await control(sandbox, 'GET', '/clock')).now);
		await control(sandbox, 'POST', '/clock/advance', { hours: 2 });
		const at = (minutes: number) => new Date(madeAt + minutes * MINUTE).toISOString();
		const payAt = (amount: number, paid_at?: string) =>
			control(sandbox, 'POST', '/virtual-account/payments', {
				va_number: created.va_number,
				amount,
				paid_at,
			});
		await payAt(30_000, at(30));
		await payAt(50_000);
		await payAt(10_000, at(10));
		const page = async (offset: number) =>
			(await oy(sandbox, 'GET', `/api/va-tx-history/${created.id}?offset=${offset}&limit=2`)).body;
		const first = await page(0);
		expectSameShape(first, examples['va-tx-history'].response);
		const second = await page(2);
		expect([...first.data, ...second.data].map((row: { amount: number }) => row.amount)).toEqual([
			10_000, 30_000, 50_000,
		]);
		// `created` as the sandbox writes it: UTC, `yyyy-MM-dd HH:mm:ss` (the docs name no zone).
		expect(first.data[0].created).toBe(at(10).slice(0, 19).replace('T', ' '));
		expect(first).toMatchObject({ number_of_transaction: 3, total_incoming_payment: 90_000 });

		await expect(payAt(1_000, at(24 * 60))).rejects.toThrow(/must not be in the future/);
		await expect(payAt(1_000, at(-1))).rejects.toThrow(/must not be before the VA was created/);
		await expect(payAt(1_000, 'yesterday')).rejects.toThrow(/ISO-8601 time or epoch ms/);
	});

	it('counts down trx_counter on a multi-use VA and stops taking payments at zero', async () => {
		const created = (
			await createVa({ trx_counter: 2, expiration_time: 60, trx_expiration_time: 60 })
		).body;
		await pay(created.va_number, 20_000);
		await pay(created.va_number, 30_000);
		const info = await vaInfo(created.id);
		expect(info).toMatchObject({
			trx_counter: 0,
			counter_incoming_payment: 2,
			amount_detected: 50_000,
			va_status: 'STATIC_TRX_EXPIRED',
		});
		await expect(pay(created.va_number, 1_000)).rejects.toThrow(/STATIC_TRX_EXPIRED/);
		await expect(pay('000', 1)).rejects.toThrow(/no VA/);
	});

	it('applies the documented input checks', async () => {
		const code = async (overrides: Record<string, unknown>) =>
			(await createVa(overrides)).body.status.code;
		expect(await code({ bank_code: '016' })).toBe('211');
		expect(await code({ bank_code: '009', is_open: true })).toBe('214');
		expect(await code({ is_open: false, amount: 5_000 })).toBe('212');
		expect(await code({ is_open: false, amount: undefined })).toBe('990');
		expect(await code({ bank_code: '008', full_name: undefined })).toBe('990');
		expect((await createVa({ bank_code: '008' })).body.status.message).toBe(
			'Request is Rejected (Field full_name and email is required)',
		);
		expect(await code({ email: 'not-an-email' })).toBe('990');
		expect(await code({ bank_code: '022', full_name: 'Budi', expiration_time: 5 })).toBe('245');
		expect(
			await code({
				bank_code: '022',
				full_name: 'Budi',
				expiration_time: 10,
				trx_expiration_time: 10,
			}),
		).toBe('000');
		expect(await code({ expiration_time: 5, trx_expiration_time: 6 })).toBe('226');
		expect(
			await code({ bank_code: '451', is_open: false, amount: 10_000, is_lifetime: true }),
		).toBe('990');
		await createVa({ partner_trx_id: 'DUP' });
		expect(await code({ partner_trx_id: 'DUP' })).toBe('203');
		await createVa({ partner_user_id: 'SAME', partner_trx_id: 'A' });
		expect(await code({ partner_user_id: 'SAME', partner_trx_id: 'B' })).toBe('217');
		expect((await oy(sandbox, 'POST', '/api/generate-static-va', '{oops')).body.status).toEqual({
			code: '990',
			message: 'Request is Rejected (Invalid Format)',
		});
	});

	it('answers 201 / 208 for bad credentials', async () => {
		expect(
			(await oy(sandbox, 'POST', '/api/generate-static-va', {}, { 'x-oy-username': 'x' })).body
				.status,
		).toEqual({
			code: '201',
			message: 'Request is Rejected (User ID is not found)',
		});
		expect(
			(await oy(sandbox, 'GET', '/api/static-virtual-account', undefined, { 'x-api-key': 'x' }))
				.body.status.code,
		).toBe('208');
	});
});

describe('customized VA', () => {
	it('creates, updates and deletes the docs examples in the documented shapes', async () => {
		const created = await oy(
			sandbox,
			'POST',
			'/api/custom-va',
			examples['create-custom-va'].request,
		);
		expectSameShape(created.body, examples['create-custom-va'].response);
		expect(created.body.va_number.endsWith('081234567890')).toBe(true);
		expect(created.body.status.code).toBe('000');
		const id = created.body.id;
		const updated = await oy(
			sandbox,
			'PUT',
			`/api/custom-va/${id}`,
			examples['update-custom-va'].request,
		);
		expectSameShape(updated.body, examples['update-custom-va'].response);
		expect(updated.body).toMatchObject({ amount: 50000, partner_trx_id: 'TRX0002' });
		const paid = await pay(created.body.va_number, 50_000);
		expect(paid.va.counter_incoming_payment).toBe(1);
		const deleted = await oy(sandbox, 'DELETE', `/api/custom-va/${id}`);
		expectSameShape(deleted.body, examples['delete-custom-va'].response);
		expect((await vaInfo(id)).va_status).toBe('EXPIRED');
		expect((await oy(sandbox, 'DELETE', `/api/custom-va/${id}`)).body.status.code).toBe('246');
	});

	it('checks bank, suffix and duplicates', async () => {
		const base = { ...examples['create-custom-va'].request, partner_trx_id: undefined };
		const code = async (overrides: Record<string, unknown>) =>
			(await oy(sandbox, 'POST', '/api/custom-va', { ...base, ...overrides })).body.status.code;
		expect(await code({ bank_code: '014' })).toBe('211');
		expect(await code({ va_suffix: '123' })).toBe('260');
		expect(await code({ va_suffix: '12345abcde' })).toBe('260');
		expect(await code({ va_suffix: '1234567890' })).toBe('000');
		expect(await code({ va_suffix: '1234567890' })).toBe('217');
		expect(await code({ trx_expiration_time: undefined, va_suffix: '5555555555' })).toBe('000');
	});
});
