import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import {
	advanceToWibHour,
	CallbackReceiver,
	control,
	expectSameShape,
	oy,
	rawRequest,
	startTestSandbox,
} from './helpers.mjs';

const examples = docExamples('e-wallet');
const REFUND_PROCESSING_MS = 60_000;
const SETTLEMENT_TIME = /^\d{2}\/\d{2}\/\d{4}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;
const START_BALANCE = 1_000_000_000;
let sandbox: RunningSandbox;
let receiver: CallbackReceiver;
let counter = 0;

/** The docs' ShopeePay example under a fresh partner_trx_id. */
const create = (overrides: Record<string, unknown> = {}) =>
	oy(sandbox, 'POST', '/api/e-wallet-aggregator/create-transaction', {
		...examples['create-transaction'].request,
		partner_trx_id: `EW-${++counter}`,
		...overrides,
	});
const checkStatus = async (partnerTrxId: string) =>
	(
		await oy(sandbox, 'POST', '/api/e-wallet-aggregator/check-status', {
			partner_trx_id: partnerTrxId,
		})
	).body;
const refund = (partnerTrxId: string, refundAmount: unknown) =>
	oy(sandbox, 'POST', '/api/e-wallet-aggregator/refund', {
		partner_trx_id: partnerTrxId,
		refund_amount: refundAmount,
	});
const complete = (id: string, body: Record<string, unknown> = {}) =>
	control(sandbox, 'POST', `/e-wallet/transactions/${id}/complete`, body);
const balance = async () => (await control(sandbox, 'GET', '/balance')).own;
const callbacksFor = (partnerTrxId: string) =>
	receiver.received.filter((c) => c.body.partner_trx_id === partnerTrxId);

/** A paid transaction, settled in real time so the balance can fund its refunds. */
async function paid(overrides: Record<string, unknown>): Promise<string> {
	const created = (await create(overrides)).body;
	expect(created.status.code).toBe('000');
	await complete(created.partner_trx_id);
	return created.partner_trx_id;
}

beforeAll(async () => {
	receiver = await new CallbackReceiver().start();
	sandbox = await startTestSandbox({
		callbackUrls: { 'e-wallet': `${receiver.url}/ewallet` },
		processingDelays: { 'e-wallet': REFUND_PROCESSING_MS },
	});
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(async () => {
	await control(sandbox, 'POST', '/reset');
	// These tests read the table's fields (partner_trx_id, ref_number); callback-forms.test.mts
	// checks the example's form, which the sandbox sends by default.
	await control(sandbox, 'PUT', '/callbacks/forms', { 'e-wallet-payment': 'table' });
	// Refund tests need daytime in Jakarta: ShopeePay takes no refunds between 00.00 and 05.00 WIB.
	await advanceToWibHour(sandbox, 10);
});

describe('Create E-Wallet Transaction', () => {
	it('creates the docs example in the documented shape, WAITING_PAYMENT with a payment URL', async () => {
		const example = examples['create-transaction'];
		const created = await oy(
			sandbox,
			'POST',
			'/api/e-wallet-aggregator/create-transaction',
			example.request,
		);
		expect(created.status).toBe(200);
		// `ref_number` is in the response table (OY API docs: API E-Wallet Aggregator › Create E-Wallet Transaction › response parameters) but not in the example.
		expectSameShape(created.body, example.response, ['ref_number']);
		expect(created.body).toMatchObject({
			status: { code: '000', message: 'Success' },
			ewallet_trx_status: 'WAITING_PAYMENT',
			amount: 75000,
			partner_trx_id: 'ABC123456527',
			customer_id: 'my_user_id',
			ewallet_code: 'shopeepay_ewallet',
			ref_number: expect.any(String),
		});
		const page = await fetch(created.body.ewallet_url);
		expect(((await page.json()) as { partner_trx_id: string }).partner_trx_id).toBe('ABC123456527');
	});

	it("refuses the docs' curl example (DANA for 120 minutes, over DANA's 60) and takes it at 60", async () => {
		const curl = examples['create-transaction-curl'].request!;
		const refused = await oy(sandbox, 'POST', '/api/e-wallet-aggregator/create-transaction', curl);
		expect(refused.body).toEqual({
			status: { code: '990', message: 'Request is Rejected (Parameter is invalid)' },
		});
		const accepted = await oy(sandbox, 'POST', '/api/e-wallet-aggregator/create-transaction', {
			...curl,
			expiration_time: 60,
		});
		expect(accepted.body).toMatchObject({
			status: { code: '000' },
			ewallet_code: 'dana_ewallet',
			amount: 125000,
		});
	});

	it('applies the documented input checks and issuer rules', async () => {
		const code = async (overrides: Record<string, unknown>) =>
			(await create(overrides)).body.status.code;
		expect(await code({ amount: 99 })).toBe('990');
		expect(await code({ amount: 10_000_001 })).toBe('990');
		expect(await code({ amount: '5000' })).toBe('000');
		expect(await code({ customer_id: '' })).toBe('990');
		expect(await code({ email: 'not-an-email' })).toBe('990');
		expect(await code({ ewallet_code: 'gopay_ewallet' })).toBe('250');
		expect(await code({ ewallet_code: 'ovo_ewallet', mobile_number: undefined })).toBe('990');
		expect(await code({ ewallet_code: 'ovo_ewallet', mobile_number: '081234567890' })).toBe('990');
		expect(await code({ ewallet_code: 'dana_ewallet', success_redirect_url: undefined })).toBe(
			'990',
		);
		expect(await code({ ewallet_code: 'linkaja_ewallet', success_redirect_url: 'not a url' })).toBe(
			'990',
		);
		expect(
			await code({ ewallet_code: 'linkaja_ewallet', success_redirect_url: 'myapp://paid' }),
		).toBe('000');
		expect(await code({ expiration_time: 0 })).toBe('990');
		expect(await code({ expiration_time: undefined })).toBe('000');
		await create({ partner_trx_id: 'DUP' });
		expect(await code({ partner_trx_id: 'DUP' })).toBe('203');
		const malformed = await oy(
			sandbox,
			'POST',
			'/api/e-wallet-aggregator/create-transaction',
			'{oops',
		);
		expect(malformed.body.status.code).toBe('990');
	});

	it('takes OVO with a 628 number and no redirect, ignores expiration_time, and hands out no URL', async () => {
		const created = await create({
			ewallet_code: 'ovo_ewallet',
			success_redirect_url: undefined,
			expiration_time: 120,
		});
		expect(created.body).toMatchObject({ status: { code: '000' }, ewallet_url: '' });
	});

	it('answers 251 for a disabled issuer and 254 for an OVO number with no OVO account', async () => {
		await control(sandbox, 'PUT', '/e-wallet/settings', {
			disabled_ewallet_codes: ['linkaja_ewallet'],
			unregistered_mobile_numbers: ['628111111111'],
		});
		expect((await create({ ewallet_code: 'linkaja_ewallet' })).body.status).toEqual({
			code: '251',
			message: 'Request is rejected (EWallet code is disabled)',
		});
		expect(
			(await create({ ewallet_code: 'ovo_ewallet', mobile_number: '628111111111' })).body.status
				.code,
		).toBe('254');
		expect(
			(await create({ ewallet_code: 'ovo_ewallet', mobile_number: '628222222222' })).body.status
				.code,
		).toBe('000');
	});

	it('answers 202 / 208 for bad credentials', async () => {
		const unknown = await oy(
			sandbox,
			'POST',
			'/api/e-wallet-aggregator/check-status',
			{},
			{ 'x-oy-username': 'x' },
		);
		expect(unknown.body).toEqual({
			status: {
				code: '202',
				message: 'Request is Rejected (User is not active/registered for this feature)',
			},
		});
		const wrongKey = await oy(
			sandbox,
			'GET',
			'/api/e-wallet-aggregator/get-refund?refund_id=x',
			undefined,
			{ 'x-api-key': 'x' },
		);
		expect(wrongKey.body.status).toEqual({
			code: '208',
			message: 'Request is Rejected (API Key is not Valid)',
		});
	});
});

describe('Check E-Wallet Transaction Status and expiry', () => {
	it('answers the docs example in the documented shape, and 204 / 990 without a transaction', async () => {
		await oy(
			sandbox,
			'POST',
			'/api/e-wallet-aggregator/create-transaction',
			examples['create-transaction'].request,
		);
		const answer = await oy(
			sandbox,
			'POST',
			'/api/e-wallet-aggregator/check-status',
			examples['check-status'].request,
		);
		expectSameShape(answer.body, examples['check-status'].response);
		expect(answer.body).toMatchObject({
			ewallet_trx_status: 'WAITING_PAYMENT',
			reason: 'marked as WAITING_PAYMENT by creation service',
		});
		expect(await checkStatus('nothing')).toEqual({
			status: { code: '204', message: 'Request is Rejected (Partner Trx ID not found)' },
		});
		expect(
			(await oy(sandbox, 'POST', '/api/e-wallet-aggregator/check-status', {})).body.status.code,
		).toBe('990');
	});

	it('expires on the sandbox clock: ShopeePay after expiration_time, LinkAja after 5 minutes, OVO after 55 seconds', async () => {
		const shopee = (await create({ expiration_time: 15 })).body.partner_trx_id;
		const linkaja = (await create({ ewallet_code: 'linkaja_ewallet', expiration_time: 60 })).body
			.partner_trx_id;
		const ovo = (await create({ ewallet_code: 'ovo_ewallet' })).body.partner_trx_id;
		await control(sandbox, 'POST', '/clock/advance', { seconds: 54 });
		expect((await checkStatus(ovo)).ewallet_trx_status).toBe('WAITING_PAYMENT');
		await control(sandbox, 'POST', '/clock/advance', { seconds: 1 });
		expect((await checkStatus(ovo)).ewallet_trx_status).toBe('EXPIRED');
		await control(sandbox, 'POST', '/clock/advance', { seconds: 4 * 60 + 5 });
		expect((await checkStatus(linkaja)).ewallet_trx_status).toBe('EXPIRED');
		expect((await checkStatus(shopee)).ewallet_trx_status).toBe('WAITING_PAYMENT');
		await control(sandbox, 'POST', '/clock/advance', { minutes: 10 });
		expect(await checkStatus(shopee)).toMatchObject({
			ewallet_trx_status: 'EXPIRED',
			reason: expect.stringContaining('EXPIRED'),
		});
		await expect(complete(shopee)).rejects.toThrow(/EXPIRED/);
	});

	it('fails or expires a payment through control endpoints, with no callback', async () => {
		const failed = (await create()).body.partner_trx_id;
		const expired = (await create()).body.partner_trx_id;
		await control(sandbox, 'POST', `/e-wallet/transactions/${failed}/fail`, {
			reason: 'insufficient e-wallet balance',
		});
		await control(sandbox, 'POST', `/e-wallet/transactions/${expired}/expire`, {});
		expect(await checkStatus(failed)).toMatchObject({
			ewallet_trx_status: 'FAILED',
			reason: 'insufficient e-wallet balance',
		});
		expect((await checkStatus(expired)).ewallet_trx_status).toBe('EXPIRED');
		const { deliveries } = await control(sandbox, 'GET', '/callbacks?product=e-wallet');
		expect(deliveries).toEqual([]);
	});
});

describe('E-Wallet Transaction Callback', () => {
	it('calls back WAITING at payment and SUCCESS at settlement (H+1 15:00 WIB), crediting the balance then', async () => {
		const id = (await create({ amount: 75_000 })).body.partner_trx_id;
		const paidView = await complete(id, { mobile_number: '6282114845847' });
		const first = await receiver.next((c) => c.body.partner_trx_id === id);
		expect(first.path).toBe('/ewallet');
		// The table lists `partner_trx_id` and `ref_number` (OY API docs: API E-Wallet Aggregator › E-Wallet Transaction Callback); the example omits them.
		expectSameShape(first.body, examples['transaction-callback'].response, [
			'partner_trx_id',
			'ref_number',
		]);
		expect(first.body).toMatchObject({
			success: true,
			amount: 75_000,
			settlement_status: 'WAITING',
			mobile_number: '6282114845847',
		});
		expect(first.body.settlement_time).toMatch(SETTLEMENT_TIME);
		expect(await checkStatus(id)).toMatchObject({ ewallet_trx_status: 'COMPLETE' });
		expect((await balance()).balance).toBe(START_BALANCE);

		// Paid at 10:00 WIB; settles the next day at 15:00 WIB, which is 08:00 UTC.
		const settlement = new Date(paidView.settlement_time);
		expect(settlement.getUTCHours()).toBe(8);
		expect(settlement.getUTCMinutes()).toBe(0);
		expect(settlement.getTime() - paidView.paid_at).toBeGreaterThan(28 * 3_600_000);
		expect(settlement.getTime() - paidView.paid_at).toBeLessThanOrEqual(29 * 3_600_000);
		await control(sandbox, 'POST', '/clock/advance', { to: settlement.toISOString() });
		const second = await receiver.next(
			(c) => c.body.partner_trx_id === id && c.body.settlement_status === 'SUCCESS',
		);
		expect(second.body.settlement_time).toBe(first.body.settlement_time);
		expect(callbacksFor(id)).toHaveLength(2);
		expect((await balance()).balance).toBe(START_BALANCE + 75_000);
	});

	it('calls back once with SUCCESS under real-time settlement, and completes by ref_number as staging mocks do', async () => {
		await control(sandbox, 'PUT', '/e-wallet/settings', { settlement_days: 0 });
		const created = (await create({ amount: 20_000 })).body;
		await complete(created.ref_number);
		const callback = await receiver.next((c) => c.body.partner_trx_id === created.partner_trx_id);
		expect(callback.body).toMatchObject({
			settlement_status: 'SUCCESS',
			trx_id: created.trx_id,
			ref_number: created.ref_number,
		});
		expect((await balance()).balance).toBe(START_BALANCE + 20_000);
		await expect(complete(created.partner_trx_id)).rejects.toThrow(/COMPLETE/);
	});
});

describe('refunds', () => {
	beforeEach(() => control(sandbox, 'PUT', '/e-wallet/settings', { settlement_days: 0 }));

	it('refunds the docs example in the documented shapes: request, callback, status and list (DANA, partial)', async () => {
		const id = await paid({
			partner_trx_id: 'ABC123456527',
			ewallet_code: 'dana_ewallet',
			amount: 20_000,
		});
		const requested = await oy(
			sandbox,
			'POST',
			'/api/e-wallet-aggregator/refund',
			examples.refund.request,
		);
		expectSameShape(requested.body, examples.refund.response);
		expect(requested.body).toMatchObject({
			status: { code: '000' },
			refund_amount: 10_000,
			refund_status: 'REFUND_ONPROCESS',
			partner_trx_id: id,
		});
		const refundId = requested.body.refund_id;
		expect((await balance()).pending).toBe(10_000);

		await control(sandbox, 'POST', '/clock/advance', { ms: REFUND_PROCESSING_MS });
		const callback = await receiver.next((c) => c.body.refund_id === refundId);
		expectSameShape(callback.body, examples['refund-callback'].response);
		expect(callback.body).toEqual({
			success: true,
			refund_id: refundId,
			refund_status: 'REFUNDED',
			refund_amount: 10_000,
		});
		const one = await oy(
			sandbox,
			'GET',
			`/api/e-wallet-aggregator/get-refund?refund_id=${refundId}`,
		);
		expectSameShape(one.body, examples['get-refund'].response);
		expect(one.body.refund_status).toBe('REFUNDED');
		expect(await balance()).toMatchObject({ balance: START_BALANCE + 10_000, pending: 0 });
		expect((await checkStatus(id)).ewallet_trx_status).toBe('COMPLETE');

		expect((await refund(id, 10_001)).body.status.code).toBe('990');
		const rest = (await refund(id, 10_000)).body.refund_id;
		await control(sandbox, 'POST', '/clock/advance', { ms: REFUND_PROCESSING_MS });
		await receiver.next((c) => c.body.refund_id === rest);
		expect(await checkStatus(id)).toMatchObject({
			ewallet_trx_status: 'REFUNDED',
			reason: 'marked as REFUNDED by refund service',
		});
		const list = await oy(
			sandbox,
			'GET',
			`/api/e-wallet-aggregator/list-refund?partner_trx_id=${id}`,
		);
		expectSameShape(list.body, examples['list-refund'].response);
		expect(list.body).toMatchObject({
			total: 2,
			data: [{ refund_id: refundId }, { refund_id: rest }],
		});
		expect((await refund(id, 1)).body.status.code).toBe('990');
	});

	it('follows each issuer: OVO none, ShopeePay and LinkAja full only', async () => {
		const ovo = await paid({ ewallet_code: 'ovo_ewallet', amount: 30_000 });
		const shopee = await paid({ amount: 30_000 });
		const linkaja = await paid({ ewallet_code: 'linkaja_ewallet', amount: 30_000 });
		expect((await refund(ovo, 30_000)).body).toEqual({
			status: { code: '990', message: 'Request is Rejected (Parameter is invalid)' },
		});
		expect((await refund(shopee, 10_000)).body.status.code).toBe('990');
		expect((await refund(shopee, 30_000)).body.status.code).toBe('000');
		expect((await refund(shopee, 30_000)).body.status.code).toBe('990');
		expect((await refund(linkaja, 29_999)).body.status.code).toBe('990');
		expect((await refund(linkaja, 30_000)).body.status.code).toBe('000');
	});

	it('refuses a ShopeePay refund between 00.00 and 05.00 WIB with the non-final 252', async () => {
		const shopee = await paid({ amount: 30_000 });
		await advanceToWibHour(sandbox, 0);
		expect((await refund(shopee, 30_000)).body.status).toEqual({
			code: '252',
			message: 'Request is rejected (Creation/Check Status/Refund request failed)',
		});
		const dana = await paid({ ewallet_code: 'dana_ewallet', amount: 30_000 });
		expect((await refund(dana, 30_000)).body.status.code).toBe('000');
		await advanceToWibHour(sandbox, 5);
		expect((await refund(shopee, 30_000)).body.status.code).toBe('000');
	});

	it('refuses refunds of unpaid or unknown transactions, without enough balance, and with bad input', async () => {
		const waiting = (await create({ ewallet_code: 'dana_ewallet' })).body.partner_trx_id;
		expect((await refund(waiting, 1_000)).body.status.code).toBe('990');
		expect((await refund('nothing', 1_000)).body.status.code).toBe('204');
		const dana = await paid({ ewallet_code: 'dana_ewallet', amount: 30_000 });
		expect((await refund(dana, 0)).body.status.code).toBe('990');
		expect((await refund(dana, 'ten')).body.status.code).toBe('990');
		await control(sandbox, 'PUT', '/balance', { balance: 5_000 });
		expect((await refund(dana, 10_000)).body).toEqual({
			status: { code: '206', message: 'Request is Rejected (Balance is not enough)' },
		});
		expect(
			(await oy(sandbox, 'GET', '/api/e-wallet-aggregator/get-refund?refund_id=nothing')).body
				.status.code,
		).toBe('255');
		expect((await oy(sandbox, 'GET', '/api/e-wallet-aggregator/get-refund')).body.status.code).toBe(
			'990',
		);
		expect(
			(await oy(sandbox, 'GET', '/api/e-wallet-aggregator/list-refund?partner_trx_id=nothing')).body
				.status.code,
		).toBe('204');
	});

	it('calls back a failed refund with success false and gives the money back', async () => {
		await control(sandbox, 'PUT', '/e-wallet/settings', { refund_outcome: 'REFUND_FAILED' });
		const dana = await paid({ ewallet_code: 'dana_ewallet', amount: 30_000 });
		const refundId = (await refund(dana, 30_000)).body.refund_id;
		await control(sandbox, 'POST', '/clock/advance', { ms: REFUND_PROCESSING_MS });
		const callback = await receiver.next((c) => c.body.refund_id === refundId);
		expect(callback.body).toMatchObject({ success: false, refund_status: 'REFUND_FAILED' });
		expect(await balance()).toMatchObject({ balance: START_BALANCE + 30_000, pending: 0 });
		expect((await checkStatus(dana)).ewallet_trx_status).toBe('COMPLETE');
		expect((await refund(dana, 30_000)).body.status.code).toBe('000');
	});

	it('holds a SUSPECTED refund until the issuer concludes it through the control endpoint', async () => {
		await control(sandbox, 'PUT', '/e-wallet/settings', { refund_outcome: 'SUSPECTED' });
		const dana = await paid({ ewallet_code: 'dana_ewallet', amount: 30_000 });
		const refundId = (await refund(dana, 30_000)).body.refund_id;
		await control(sandbox, 'POST', '/clock/advance', { ms: REFUND_PROCESSING_MS });
		expect((await receiver.next((c) => c.body.refund_id === refundId)).body).toMatchObject({
			success: false,
			refund_status: 'SUSPECTED',
		});
		expect((await balance()).pending).toBe(30_000);
		await control(sandbox, 'POST', `/e-wallet/refunds/${refundId}/conclude`, {
			refund_status: 'REFUNDED',
		});
		await receiver.next(
			(c) => c.body.refund_id === refundId && c.body.refund_status === 'REFUNDED',
		);
		expect(await balance()).toMatchObject({ balance: START_BALANCE, pending: 0 });
		expect((await checkStatus(dana)).ewallet_trx_status).toBe('REFUNDED');
		await expect(
			control(sandbox, 'POST', `/e-wallet/refunds/${refundId}/conclude`, {
				refund_status: 'REFUND_FAILED',
			}),
		).rejects.toThrow(/final/);
	});
});

describe('seeding', () => {
	it('generates transactions across issuers and statuses, and seeds paid ones that can be refunded', async () => {
		const generated = await control(sandbox, 'POST', '/generate', {
			'e-wallet': { transactions: 2_000 },
		});
		expect(generated.added).toEqual({ 'e-wallet': 2_000 });
		expect((await checkStatus('GEN-EWALLET-1')).ewallet_trx_status).toBe('COMPLETE');
		expect((await checkStatus('GEN-EWALLET-9')).ewallet_trx_status).toBe('FAILED');
		expect((await checkStatus('GEN-EWALLET-2000')).ewallet_trx_status).toBe('WAITING_PAYMENT');

		await control(sandbox, 'POST', '/seed', {
			'e-wallet': [
				{
					...examples['create-transaction'].request,
					ewallet_code: 'dana_ewallet',
					ewallet_trx_status: 'COMPLETE',
				},
			],
		});
		expect((await refund('ABC123456527', 5_000)).body.status.code).toBe('000');
		await expect(
			control(sandbox, 'POST', '/seed', { 'e-wallet': [{ partner_trx_id: 'X' }] }),
		).rejects.toThrow(/refused/);
	});
});

describe('faults', () => {
	it('drop-after-commit on create: the connection dies, yet the transaction exists and a retry answers 203', async () => {
		await control(sandbox, 'POST', '/faults', {
			kind: 'drop-after-commit',
			product: 'e-wallet',
			path: '/api/e-wallet-aggregator/create-transaction',
			times: 1,
		});
		const body = { ...examples['create-transaction'].request, partner_trx_id: 'DROPPED-1' };
		await expect(
			rawRequest(sandbox, 'POST', '/api/e-wallet-aggregator/create-transaction', body),
		).rejects.toThrow(/socket hang up|ECONNRESET/);
		expect((await checkStatus('DROPPED-1')).ewallet_trx_status).toBe('WAITING_PAYMENT');
		expect(
			(await oy(sandbox, 'POST', '/api/e-wallet-aggregator/create-transaction', body)).body.status
				.code,
		).toBe('203');
	});

	it('rate-limit: HTTP 429 in the e-wallet envelope, nothing refunded', async () => {
		await control(sandbox, 'PUT', '/e-wallet/settings', { settlement_days: 0 });
		const dana = await paid({ ewallet_code: 'dana_ewallet', amount: 30_000 });
		await control(sandbox, 'POST', '/faults', {
			kind: 'rate-limit',
			path: '/api/e-wallet-aggregator/refund',
			times: 1,
		});
		const limited = await refund(dana, 30_000);
		expect(limited.status).toBe(429);
		expect(limited.body.status.code).toBe('429');
		const list = await oy(
			sandbox,
			'GET',
			`/api/e-wallet-aggregator/list-refund?partner_trx_id=${dana}`,
		);
		expect(list.body).toMatchObject({ total: 0, data: [] });
	});
});
