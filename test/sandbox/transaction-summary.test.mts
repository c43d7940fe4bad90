import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import { control, expectSameShape, oy, startTestSandbox } from './helpers.mjs';

const examples = docExamples('transaction-summary');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WIB = 7 * HOUR;
let sandbox: RunningSandbox;

/** A GET with a JSON body, as the docs send it. */
const summary = (timePeriod: string, headers: Record<string, string> = {}) =>
	oy(
		sandbox,
		'GET',
		'/api/transaction-summary',
		{ product_group: 'PENDING_SETTLEMENT', time_period: timePeriod },
		headers,
	);

/** Moves the clock to 10:00 UTC+7 of the next day, so that "today" and "tomorrow" are known. */
async function atTenInTheMorning(): Promise<number> {
	const now = sandbox.control.clock.now();
	const target = Math.floor((now + WIB) / DAY) * DAY - WIB + DAY + 10 * HOUR;
	await control(sandbox, 'POST', '/clock/advance', { to: new Date(target).toISOString() });
	return target;
}

beforeAll(async () => {
	sandbox = await startTestSandbox({ processingDelays: { 'payment-routing': 0 } });
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(async () => {
	await control(sandbox, 'POST', '/reset');
});

describe('Get Transaction Summary', () => {
	it('answers the docs example (a GET with a JSON body) in the documented shape', async () => {
		const example = examples['get-transaction-summary'];
		const answer = await oy(sandbox, 'GET', '/api/transaction-summary', example.request);
		expectSameShape(answer.body, example.response);
		expect(answer.body).toEqual({
			status: { code: '000', message: 'Success' },
			data: {
				product_group: 'PENDING_SETTLEMENT',
				time_period: 'ALL_TIME',
				amount: 0,
				admin_fee: 0,
				ppn_tax: 0,
				count: 0,
				settlement_balance: 0,
			},
		});
	});

	it('sums what settles today, tomorrow and at all; PPN is 11% of the admin fee, as in the docs example', async () => {
		const now = await atTenInTheMorning();
		const at = (ms: number) => new Date(ms).toISOString();
		await control(sandbox, 'POST', '/seed', {
			'transaction-detail': [
				{
					product_type: 'VA_AGGREGATOR',
					partner_tx_id: 'TODAY',
					transfer_amount: 6_000_000,
					admin_fee: 600_000,
					settles_at: at(now + 5 * HOUR),
				},
				{
					product_type: 'PAYMENT_LINK',
					partner_tx_id: 'TOMORROW',
					transfer_amount: 1_000_000,
					admin_fee: 100_000,
					settles_at: at(now + DAY),
				},
				{
					product_type: 'EWALLET_AGGREGATOR',
					partner_tx_id: 'LATER',
					transfer_amount: 1_000_000,
					admin_fee: 100_000,
					settles_at: at(now + 3 * DAY),
				},
				{
					product_type: 'VA_AGGREGATOR',
					partner_tx_id: 'SETTLED',
					transfer_amount: 9_000,
					admin_fee: 1_000,
					settles_at: at(now - HOUR),
				},
				{
					product_type: 'API_DISBURSE',
					partner_tx_id: 'PAYOUT',
					transfer_amount: 9_000,
					admin_fee: 1_000,
				},
			],
		});
		expect((await summary('ALL_TIME')).body.data).toEqual({
			product_group: 'PENDING_SETTLEMENT',
			time_period: 'ALL_TIME',
			amount: 8_000_000,
			admin_fee: 800_000,
			ppn_tax: 88_000,
			count: 3,
			settlement_balance: 7_112_000,
		});
		expect((await summary('TODAY')).body.data).toMatchObject({
			amount: 6_000_000,
			count: 1,
			settlement_balance: 6_000_000 - 600_000 - 66_000,
		});
		expect((await summary('TOMORROW')).body.data).toMatchObject({ amount: 1_000_000, count: 1 });
		await control(sandbox, 'POST', '/clock/advance', { hours: 6 });
		expect((await summary('TODAY')).body.data.count).toBe(0);
		expect((await summary('ALL_TIME')).body.data.count).toBe(2);
	});

	it('counts a Payment Routing payment with delayed settlement until it settles', async () => {
		await control(sandbox, 'PUT', '/payment-routing/settings', {
			settlement_type: 'non_realtime',
			admin_fee: 1_000,
		});
		await oy(sandbox, 'POST', '/api/payment-routing/create-transaction', {
			partner_trx_id: 'LATE',
			need_frontend: false,
			receive_amount: 20_000,
			list_enable_payment_method: 'QRIS',
			list_enable_sof: 'QRIS',
		});
		await control(sandbox, 'POST', '/payment-routing/transactions/LATE/pay', {});
		expect((await summary('ALL_TIME')).body.data).toMatchObject({
			amount: 20_000,
			admin_fee: 1_000,
			ppn_tax: 110,
			count: 1,
			settlement_balance: 18_890,
		});
		expect((await summary('TOMORROW')).body.data.count).toBe(1);
		await control(sandbox, 'POST', '/clock/advance', { days: 2 });
		expect((await summary('ALL_TIME')).body.data.count).toBe(0);
	});

	it('answers 290 for a bad product_group, time_period or no body, and 102 while OY! computes', async () => {
		const invalid = {
			status: { code: '290', message: 'Parameter / object is not valid' },
			data: null,
		};
		expect((await summary('YESTERDAY')).body).toEqual(invalid);
		expect(
			(
				await oy(sandbox, 'GET', '/api/transaction-summary', {
					product_group: 'PENDING SETTLEMENT',
					time_period: 'TODAY',
				})
			).body,
		).toEqual(invalid);
		expect((await oy(sandbox, 'GET', '/api/transaction-summary')).body).toEqual(invalid);
		await control(sandbox, 'PUT', '/transaction-summary/settings', { computing: true });
		expect((await summary('TODAY')).body.status).toEqual({
			code: '102',
			message: 'Request is in progress. Please retry after several minutes',
		});
	});

	it('refuses with the product table: 201, 208, and 229 under a rate limit', async () => {
		expect((await summary('TODAY', { 'x-oy-username': 'nobody' })).body.status).toEqual({
			code: '201',
			message: 'Username Not Found',
		});
		expect((await summary('TODAY', { 'x-api-key': 'nope' })).body.status).toEqual({
			code: '208',
			message: 'API Key is not valid',
		});
		await control(sandbox, 'POST', '/faults', {
			kind: 'rate-limit',
			product: 'transaction-summary',
		});
		const limited = await summary('TODAY');
		expect(limited.status).toBe(429);
		expect(limited.body.status).toEqual({ code: '229', message: 'Too many request' });
	});
});
