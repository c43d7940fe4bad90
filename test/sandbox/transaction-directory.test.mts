import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { control, oy, startTestSandbox } from './helpers.mjs';

let sandbox: RunningSandbox;
const detail = (partnerTxId: string, productType: string) =>
	oy(
		sandbox,
		'GET',
		`/api/v1/transaction?partner_tx_id=${encodeURIComponent(partnerTxId)}&product_type=${productType}`,
	);

beforeAll(async () => {
	sandbox = await startTestSandbox({ processingDelays: { disbursement: 0 } });
});
afterAll(async () => sandbox.close());
beforeEach(async () => {
	await control(sandbox, 'POST', '/reset');
});

describe('Transaction Detail reads what the other products did', () => {
	it('finds a completed disbursement, not one still in progress', async () => {
		await oy(sandbox, 'POST', '/api/remit', {
			partner_trx_id: 'PAYOUT-9',
			recipient_bank: '014',
			recipient_account: '1234567890',
			amount: 25_000,
		});
		await control(sandbox, 'POST', '/clock/advance', { ms: 1 });
		expect((await detail('PAYOUT-9', 'API_DISBURSE')).body.data).toEqual({
			transfer_amount: 25_000,
			settlement_amount: 25_000,
			admin_fee: { total_fee: 0 },
		});
	});

	it('finds a paid payment link', async () => {
		const created = await oy(sandbox, 'POST', '/api/payment-checkout/create-v2', {
			partner_tx_id: 'LINK7',
			description: 'Order 7',
			amount: 50_000,
			sender_name: 'Budi',
			is_open: false,
			include_admin_fee: false,
			list_disabled_payment_methods: '',
			list_enabled_banks: '002',
		});
		expect(created.body.status).toBe(true);
		expect((await detail('LINK7', 'PAYMENT_LINK')).body.status.code).toBe('204');
		await control(sandbox, 'POST', '/payment-checkout/links/LINK7/pay', { payment_method: 'VA' });
		expect((await detail('LINK7', 'PAYMENT_LINK')).body.data).toMatchObject({
			transfer_amount: 50_000,
		});
	});

	it('finds a payment into a single-use VA, but not into a multiple-use one', async () => {
		for (const [id, single] of [
			['VA-SINGLE', true],
			['VA-MULTI', false],
		] as const) {
			const created = await oy(sandbox, 'POST', '/api/generate-static-va', {
				partner_user_id: id,
				bank_code: '002',
				amount: 30_000,
				is_open: false,
				is_single_use: single,
				partner_trx_id: id,
			});
			await control(sandbox, 'POST', '/virtual-account/payments', {
				va_number: created.body.va_number,
				amount: 30_000,
			});
		}
		expect((await detail('VA-SINGLE', 'VA_AGGREGATOR')).body.data).toMatchObject({
			transfer_amount: 30_000,
		});
		expect((await detail('VA-MULTI', 'VA_AGGREGATOR')).body.status.code).toBe('204');
	});

	it('finds a completed e-wallet payment', async () => {
		await oy(sandbox, 'POST', '/api/e-wallet-aggregator/create-transaction', {
			customer_id: 'my_user_id',
			partner_trx_id: 'EW-77',
			amount: 75_000,
			ewallet_code: 'shopeepay_ewallet',
			success_redirect_url: 'https://myweb.com/usertx/123456',
			expiration_time: 15,
		});
		expect((await detail('EW-77', 'EWALLET_AGGREGATOR')).body.status.code).toBe('204');
		await control(sandbox, 'POST', '/e-wallet/transactions/EW-77/complete', {});
		expect((await detail('EW-77', 'EWALLET_AGGREGATOR')).body.data).toMatchObject({
			transfer_amount: 75_000,
		});
	});
});
