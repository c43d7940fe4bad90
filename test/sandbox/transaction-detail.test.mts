import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import { control, expectSameShape, oy, startTestSandbox } from './helpers.mjs';

const examples = docExamples('transaction-detail');
let sandbox: RunningSandbox;

const detail = (partnerTxId: string, productType: string) =>
	oy(
		sandbox,
		'GET',
		`/api/v1/transaction?partner_tx_id=${encodeURIComponent(partnerTxId)}&product_type=${productType}`,
	);

beforeAll(async () => {
	sandbox = await startTestSandbox({ processingDelays: { 'payment-routing': 0, biller: 0 } });
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(async () => {
	await control(sandbox, 'POST', '/reset');
});

describe('Get Transaction Detail', () => {
	it('answers a paid Payment Routing transaction in the documented shape: money in less the fee', async () => {
		await control(sandbox, 'PUT', '/payment-routing/settings', { admin_fee: 150 });
		await oy(sandbox, 'POST', '/api/payment-routing/create-transaction', {
			partner_trx_id: 'ROUTE/1',
			need_frontend: false,
			receive_amount: 10_000,
			list_enable_payment_method: 'QRIS',
			list_enable_sof: 'QRIS',
		});
		expect((await detail('ROUTE/1', 'PAYMENT_ROUTING')).body.status.code).toBe('204');
		await control(sandbox, 'POST', '/payment-routing/transactions/ROUTE%2F1/pay', {});
		const answer = await detail('ROUTE/1', 'PAYMENT_ROUTING');
		expectSameShape(answer.body, examples['get-transaction-detail'].response);
		expect(answer.body).toEqual({
			status: { code: '000', message: 'Success' },
			data: { transfer_amount: 10_000, settlement_amount: 9_850, admin_fee: { total_fee: 150 } },
		});
	});

	it('answers a paid bill as money out: amount plus the fee', async () => {
		await oy(sandbox, 'POST', '/api/v2/bill', {
			customer_id: '5550001',
			product_id: 'as10',
			partner_tx_id: 'BILL-1',
		});
		await oy(sandbox, 'POST', '/api/v2/bill/payment', { partner_tx_id: 'BILL-1' });
		await control(sandbox, 'POST', '/clock/advance', { ms: 1 });
		const answer = await detail('BILL-1', 'API_BILLER');
		expect(answer.body.data).toEqual({
			transfer_amount: 10_000,
			settlement_amount: 12_500,
			admin_fee: { total_fee: 2_500 },
		});
	});

	it('keeps product types apart and reads transactions published through the control endpoint', async () => {
		await control(sandbox, 'PUT', '/transaction-detail/transactions', {
			product_type: 'API_DISBURSE',
			partner_tx_id: 'PAYOUT-1',
			transfer_amount: 10_000,
			admin_fee: 150,
		});
		expect((await detail('PAYOUT-1', 'API_DISBURSE')).body.data).toEqual({
			transfer_amount: 10_000,
			settlement_amount: 10_150,
			admin_fee: { total_fee: 150 },
		});
		expect((await detail('PAYOUT-1', 'VA_AGGREGATOR')).body).toEqual({
			status: { code: '204', message: 'Request is Rejected (Partner Tx ID is Not Found)' },
			data: null,
		});
	});

	it('answers 290 for a missing id or an unknown product_type, and refuses bad credentials', async () => {
		expect(
			(await oy(sandbox, 'GET', '/api/v1/transaction?product_type=API_DISBURSE')).body.status.code,
		).toBe('290');
		expect((await detail('X', 'PAYOUTS')).body).toEqual({
			status: { code: '290', message: 'Request is Rejected (Parameter / object is not valid)' },
			data: null,
		});
		expect(
			(
				await oy(
					sandbox,
					'GET',
					'/api/v1/transaction?partner_tx_id=X&product_type=API_DISBURSE',
					undefined,
					{ 'x-api-key': 'no' },
				)
			).body.status.code,
		).toBe('208');
	});

	it('seeds transactions of any product', async () => {
		const added = await control(sandbox, 'POST', '/seed', {
			'transaction-detail': [
				{
					product_type: 'VA_AGGREGATOR',
					partner_tx_id: 'VA-1',
					transfer_amount: 50_000,
					admin_fee: 4_000,
				},
			],
		});
		expect(added.added).toEqual({ 'transaction-detail': 1 });
		expect((await detail('VA-1', 'VA_AGGREGATOR')).body.data.settlement_amount).toBe(46_000);
	});
});
