import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import {
	CallbackReceiver,
	control,
	expectSameShape,
	oy,
	startTestSandbox,
	type OyAnswer,
} from './helpers.mjs';

const examples = docExamples('offline');
const OFFLINE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/;
const HOUR_MS = 3_600_000;
const START_BALANCE = 1_000_000_000;
let sandbox: RunningSandbox;
let receiver: CallbackReceiver;
let counter = 0;

/** The docs' cash-in example under a fresh id and without a phone number (one active transaction per phone). */
const initiate = (overrides: Record<string, unknown> = {}) =>
	oy(sandbox, 'POST', '/api/offline-create', {
		...examples.initiate.request,
		partner_trx_id: `OFF-${++counter}`,
		receiver_phone_number: undefined,
		...overrides,
	});
const crmCashOut = (overrides: Record<string, unknown> = {}) =>
	initiate({ transaction_type: 'CASH_OUT', offline_channel: 'CRM', amount: 100_000, ...overrides });
const refreshCode = (partnerTrxId: string, path = '/api/offline-refresh-code') =>
	oy(sandbox, 'POST', path, { partner_trx_id: partnerTrxId });
const cancel = (partnerTrxId: string) =>
	oy(sandbox, 'POST', '/api/offline-cancel', { partner_trx_id: partnerTrxId });
const codeOf = async (answer: Promise<OyAnswer>) => (await answer).body.status.code;
const idOf = async (answer: Promise<OyAnswer>) => (await answer).body.partner_trx_id;
const info = async (partnerTrxId: string) =>
	(await oy(sandbox, 'POST', '/api/offline-info', { partner_trx_id: partnerTrxId })).body;
const atCounter = (key: string, action: 'start' | 'complete' | 'fail') =>
	control(sandbox, 'POST', `/offline/transactions/${key}/${action}`, {});
const balance = async () => (await control(sandbox, 'GET', '/balance')).own;
const time = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);

beforeAll(async () => {
	receiver = await new CallbackReceiver().start();
	sandbox = await startTestSandbox({ callbackUrls: { offline: `${receiver.url}/offline` } });
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(async () => {
	await control(sandbox, 'POST', '/reset');
	// These tests read the table's created_date and last_updated_date; callback-forms.test.mts checks the example's form.
	await control(sandbox, 'PUT', '/callbacks/forms', { offline: 'table' });
});

describe('Initiate Transaction', () => {
	it('creates the docs example (Indomaret cash-in) in the documented shape, waiting (102) for 24 hours', async () => {
		const created = await oy(sandbox, 'POST', '/api/offline-create', examples.initiate.request);
		expect(created.status).toBe(200);
		expectSameShape(created.body, examples.initiate.response);
		// The example says 100 "In Progress"; the status table's waiting state is 102 (OY API docs: API Offline transaction status codes).
		expect(created.body).toMatchObject({
			status: {
				code: '102',
				message: 'Request is In Progress (Waiting for Deposit or Withdrawal)',
			},
			partner_trx_id: 'withdraw_request_123',
			receiver_phone_number: '+6281234567890',
			amount: 50_000,
			admin_fee: 4_505,
			tax_fee: 495,
			total_amount: 55_000,
		});
		expect(created.body.code).toMatch(/^\d{16}$/);
		for (const key of ['timestamp', 'inactive_at', 'expired_at'])
			expect(created.body[key]).toMatch(OFFLINE_TIME);
		// A cash-in code lives as long as the transaction.
		expect(created.body.inactive_at).toBe(created.body.expired_at);
		expect(time(created.body.expired_at) - time(created.body.timestamp)).toBe(24 * HOUR_MS);
	});

	it('splits a 500 fee as the 2020 example did (451 admin, 49 tax) once the fee is set so', async () => {
		await control(sandbox, 'PUT', '/offline/settings', { fee: 500 });
		expect((await initiate()).body).toMatchObject({
			admin_fee: 451,
			tax_fee: 49,
			total_amount: 50_500,
		});
	});

	it('applies the documented channel, type, amount and phone rules', async () => {
		const code = async (overrides: Record<string, unknown>) =>
			(await initiate(overrides)).body.status.code;
		expect(await code({ transaction_type: 'DEPOSIT' })).toBe('221');
		expect(await code({ offline_channel: 'BANK' })).toBe('220');
		expect(await code({ offline_channel: 'INDOMARET', transaction_type: 'CASH_OUT' })).toBe('220');
		expect(
			await code({ offline_channel: 'ALFAMART', transaction_type: 'CASH_OUT', amount: 75_000 }),
		).toBe('215');
		expect(
			await code({ offline_channel: 'ALFAMART', transaction_type: 'CASH_OUT', amount: 3_000_000 }),
		).toBe('225');
		expect(
			await code({ offline_channel: 'CRM', transaction_type: 'CASH_OUT', amount: 3_000_000 }),
		).toBe('102');
		// Cash-in limits include the 5,000 fee: 4,000 + 5,000 is under 10,000; 4,996,000 + 5,000 is over 5,000,000.
		expect(await code({ amount: 4_000 })).toBe('224');
		expect(await code({ amount: 5_000 })).toBe('102');
		expect(await code({ amount: 4_996_000 })).toBe('225');
		expect(await code({ amount: 4_995_000 })).toBe('102');
		expect(await code({ notes: 'x'.repeat(41) })).toBe('990');
		expect(await code({ receiver_phone_number: 'call me' })).toBe('990');
		// The docs' JavaScript and PHP samples leave out customer_id, which the table requires.
		expect(await code({ customer_id: undefined })).toBe('990');
		await initiate({ partner_trx_id: 'DUP' });
		const duplicate = await initiate({ partner_trx_id: 'DUP' });
		expect(duplicate.body).toMatchObject({
			status: { code: '203', message: 'Request is Rejected (Duplicate Partner Tx ID)' },
			partner_trx_id: 'DUP',
		});
		expect(duplicate.body.timestamp).toMatch(OFFLINE_TIME);
	});

	it('allows one active transaction per phone number (296), in any of its spellings', async () => {
		const first = (await initiate({ receiver_phone_number: '081200000001' })).body;
		expect((await initiate({ receiver_phone_number: '+6281200000001' })).body.status).toEqual({
			code: '296',
			message: 'There is still an active transaction for this phone number',
		});
		await atCounter(first.code, 'complete');
		expect((await initiate({ receiver_phone_number: '6281200000001' })).body.status.code).toBe(
			'102',
		);
	});

	it('holds a cash-out total from the balance and refuses it with 206 when the balance is short', async () => {
		await crmCashOut({ amount: 100_000 });
		expect(await balance()).toMatchObject({ balance: START_BALANCE, pending: 105_000 });
		await control(sandbox, 'PUT', '/balance', { balance: 200_000 });
		expect((await crmCashOut({ amount: 100_000 })).body.status.code).toBe('206');
	});

	it('answers 201 / 208 / 990 for bad credentials and malformed JSON', async () => {
		expect(
			(await oy(sandbox, 'POST', '/api/offline-create', {}, { 'x-oy-username': 'x' })).body.status,
		).toEqual({
			code: '201',
			message: 'Request is Rejected (User ID is not Found)',
		});
		expect(
			(await oy(sandbox, 'POST', '/api/offline-info', {}, { 'x-api-key': 'x' })).body.status.code,
		).toBe('208');
		expect((await oy(sandbox, 'POST', '/api/offline-cancel', '{oops')).body.status).toEqual({
			code: '990',
			message: 'Parameter / object is not valid',
		});
	});
});

describe('Transaction Info and the callback', () => {
	it('answers the docs example in the documented shape and re-sends the callback on send_callback "true"', async () => {
		await initiate({
			partner_trx_id: 'oyonoy-00002',
			amount: 100_000,
			receiver_phone_number: '0812123890',
		});
		const answer = await oy(sandbox, 'POST', '/api/offline-info', examples.info.request);
		expectSameShape(answer.body, examples.info.response);
		expect(answer.body).toMatchObject({
			status: { code: '102' },
			offline_channel: 'INDOMARET',
			receiver_phone_number: '+62812123890',
			total_amount: 105_000,
		});
		const callback = await receiver.next((c) => c.body.partner_trx_id === 'oyonoy-00002');
		expect(callback.path).toBe('/offline');
		// The callback table adds created_date and last_updated_date (OY API docs: API Offline › Offline Transaction Callback), which the example lacks.
		expectSameShape(callback.body, examples.callback.response, [
			'created_date',
			'last_updated_date',
		]);
		expect(callback.body.created_date).toMatch(OFFLINE_TIME);
	});

	it("serves the code samples' paths too, and sends no callback without send_callback", async () => {
		const created = (await initiate()).body;
		const answer = await oy(sandbox, 'POST', '/api-offline/tx-info', {
			partner_trx_id: created.partner_trx_id,
			send_callback: false,
		});
		expect(answer.body).toMatchObject({ status: { code: '102' }, code: created.code });
		expect((await control(sandbox, 'GET', '/callbacks?product=offline')).deliveries).toEqual([]);
		expect(
			(await oy(sandbox, 'POST', '/api/offline-info', { partner_trx_id: 'nothing' })).body.status
				.code,
		).toBe('204');
		expect(
			(
				await oy(sandbox, 'POST', '/api/offline-info', {
					partner_trx_id: created.partner_trx_id,
					send_callback: 'yes',
				})
			).body.status.code,
		).toBe('990');
	});

	it('completes a cash-in presented at the counter: 297, then 000, called back, balance credited with the amount', async () => {
		const created = (await initiate({ amount: 100_000 })).body;
		await atCounter(created.code, 'start');
		expect((await info(created.partner_trx_id)).status).toEqual({
			code: '297',
			message: 'Cash out/in in-progress',
		});
		await atCounter(created.code, 'complete');
		const callback = await receiver.next((c) => c.body.partner_trx_id === created.partner_trx_id);
		expect(callback.body.status).toEqual({ code: '000', message: 'Success' });
		expect((await info(created.partner_trx_id)).status.code).toBe('000');
		expect((await balance()).balance).toBe(START_BALANCE + 100_000);
		await expect(atCounter(created.partner_trx_id, 'complete')).rejects.toThrow(/final/);
	});

	it('fails at the counter with 300, called back, releasing a cash-out hold', async () => {
		const created = (await crmCashOut()).body;
		await atCounter(created.partner_trx_id, 'fail');
		const callback = await receiver.next((c) => c.body.partner_trx_id === created.partner_trx_id);
		expect(callback.body.status).toEqual({ code: '300', message: 'Transaction Failed' });
		expect(await balance()).toMatchObject({ balance: START_BALANCE, pending: 0 });
	});

	it('expires after 24 hours (222), called back, releasing a cash-out hold', async () => {
		const created = (await crmCashOut()).body;
		await control(sandbox, 'POST', '/clock/advance', { hours: 24 });
		const callback = await receiver.next((c) => c.body.partner_trx_id === created.partner_trx_id);
		expect(callback.body.status).toEqual({ code: '222', message: 'Transaction Expired' });
		expect((await info(created.partner_trx_id)).status.code).toBe('222');
		expect(await balance()).toMatchObject({ balance: START_BALANCE, pending: 0 });
		expect(await codeOf(refreshCode(created.partner_trx_id))).toBe('222');
	});
});

describe('Refresh Code', () => {
	it('gives a lapsed CRM cash-out code (3 hours) a new one: the docs example in the documented shape', async () => {
		const created = (await crmCashOut({ partner_trx_id: 'withdraw_request_123', amount: 500_000 }))
			.body;
		expect(created.code).toMatch(/^\d{6}$/);
		expect(time(created.inactive_at) - time(created.timestamp)).toBe(3 * HOUR_MS);
		await control(sandbox, 'POST', '/clock/advance', { hours: 3 });
		await expect(atCounter(created.code, 'complete')).rejects.toThrow(/lapsed/);

		const refreshed = await refreshCode(examples['refresh-code'].request!.partner_trx_id as string);
		expectSameShape(refreshed.body, examples['refresh-code'].response);
		expect(refreshed.body).toMatchObject({
			status: { code: '000', message: 'Success' },
			expired_at: created.expired_at,
		});
		expect(refreshed.body.code).not.toBe(created.code);
		expect(time(refreshed.body.inactive_at) - time(created.inactive_at)).toBeGreaterThanOrEqual(
			3 * HOUR_MS,
		);
		await expect(atCounter(created.code, 'complete')).rejects.toThrow(/no offline transaction/);

		await atCounter(refreshed.body.code, 'complete');
		expect(await balance()).toMatchObject({ balance: START_BALANCE - 505_000, pending: 0 });
	});

	it("refuses a cash-in (220) and an unknown id (204); serves the code samples' path", async () => {
		expect(await codeOf(refreshCode(await idOf(initiate())))).toBe('220');
		expect(await codeOf(refreshCode('nothing'))).toBe('204');
		const alfamart = await idOf(
			initiate({ offline_channel: 'ALFAMART', transaction_type: 'CASH_OUT', amount: 50_000 }),
		);
		expect(await codeOf(refreshCode(alfamart, '/api-offline/refresh-code'))).toBe('000');
	});
});

describe('Cancel Transaction', () => {
	it('cancels the docs example (a CRM cash-out) in the documented shape, calls back 299 and releases the hold', async () => {
		await crmCashOut({ partner_trx_id: 'withdraw_request_123' });
		const cancelled = await cancel(examples.cancel.request!.partner_trx_id as string);
		expectSameShape(cancelled.body, examples.cancel.response);
		expect(cancelled.body.status).toEqual({ code: '299', message: 'Transaction Canceled' });
		// Other tests use the docs' id too, so the callback is picked by its code.
		const callback = await receiver.next(
			(c) => c.body.partner_trx_id === 'withdraw_request_123' && c.body.status.code === '299',
		);
		expectSameShape(callback.body, examples.callback.response, [
			'created_date',
			'last_updated_date',
		]);
		expect(await balance()).toMatchObject({ pending: 0 });
		expect(await codeOf(cancel('withdraw_request_123'))).toBe('299');
		expect((await info('withdraw_request_123')).status.code).toBe('299');
	});

	it('cancels only waiting Alfamart cash-outs and CRM transactions (298 otherwise)', async () => {
		expect(await codeOf(cancel(await idOf(initiate())))).toBe('298');
		expect(await codeOf(cancel(await idOf(initiate({ offline_channel: 'ALFAMART' }))))).toBe('298');
		const alfamartCashOut = initiate({
			offline_channel: 'ALFAMART',
			transaction_type: 'CASH_OUT',
			amount: 50_000,
		});
		expect(await codeOf(cancel(await idOf(alfamartCashOut)))).toBe('299');
		expect(await codeOf(cancel(await idOf(initiate({ offline_channel: 'CRM' }))))).toBe('299');
		const started = (await crmCashOut()).body;
		await atCounter(started.code, 'start');
		expect(await codeOf(cancel(started.partner_trx_id))).toBe('298');
		expect(await codeOf(cancel('nothing'))).toBe('204');
		expect((await oy(sandbox, 'POST', '/api/offline-cancel', {})).body.status.code).toBe('990');
	});
});

describe('seeding', () => {
	it('seeds transactions through Initiate Transaction', async () => {
		const seeded = await control(sandbox, 'POST', '/seed', {
			offline: [{ ...examples.initiate.request, partner_trx_id: 'SEEDED-1' }],
		});
		expect(seeded.added).toEqual({ offline: 1 });
		expect((await info('SEEDED-1')).status.code).toBe('102');
		await expect(
			control(sandbox, 'POST', '/seed', { offline: [{ partner_trx_id: 'SEEDED-2' }] }),
		).rejects.toThrow(/refused/);
	});
});
