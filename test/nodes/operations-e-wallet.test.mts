import { beforeEach, describe, expect, it } from 'vitest';
import { outputOf, useOyHarness, theRequest, refusedBeforeSending } from './harness.mjs';

/** E-wallet payments, refunds and account linking through the node, against the sandbox. */
const oy = useOyHarness();
beforeEach(async () => {
	await oy.control('PUT', '/e-wallet/settings', { settlement_days: 0 });
});

const payment = {
	resource: 'eWallet',
	operation: 'create',
	customerId: 'cust-1',
	partnerTrxId: 'EW-1',
	amount: '25000',
	ewalletCode: 'shopeepay_ewallet',
	additionalFields: { successRedirectUrl: 'https://shop.example/paid' },
};

async function paidTransaction(): Promise<void> {
	await oy.run(payment);
	await oy.control('POST', '/e-wallet/transactions/EW-1/complete', {});
}

describe('E-Wallet transactions and refunds', () => {
	it('Create: the payment waits for the customer; its state decides the outcome', async () => {
		const run = await oy.run({
			...payment,
			additionalFields: {
				...payment.additionalFields,
				expirationTime: 30,
				email: 'budi@example.com',
				subMerchantId: 'SUB-1',
			},
		});
		expect(theRequest(run)).toEqual({
			method: 'POST',
			path: '/api/e-wallet-aggregator/create-transaction',
			query: {},
			body: {
				customer_id: 'cust-1',
				sub_merchant_id: 'SUB-1',
				partner_trx_id: 'EW-1',
				amount: 25000,
				email: 'budi@example.com',
				ewallet_code: 'shopeepay_ewallet',
				success_redirect_url: 'https://shop.example/paid',
				expiration_time: 30,
			},
		});
		expect(run.requests[0].headers.timeout).toBe('60');
		const [item] = outputOf(run);
		expect(item).toMatchObject({
			outcome: 'pending',
			partner_trx_id: 'EW-1',
			ewallet_trx_status: 'WAITING_PAYMENT',
			oy: { code: '000', state: 'WAITING_PAYMENT', final: false },
		});
		expect(item.ewallet_url).toMatch(/^http/);
	});

	it('Get Status: a paid transaction is a success', async () => {
		await paidTransaction();
		const run = await oy.run({ resource: 'eWallet', operation: 'getStatus', partnerTrxId: 'EW-1' });
		expect(theRequest(run)).toEqual({
			method: 'POST',
			path: '/api/e-wallet-aggregator/check-status',
			query: {},
			body: { partner_trx_id: 'EW-1' },
		});
		expect(outputOf(run)[0]).toMatchObject({
			outcome: 'success',
			ewallet_trx_status: 'COMPLETE',
			amount: 25000,
		});
	});

	it('Refund, Get Refund, Get Many Refunds: a refund is pending until the issuer decides', async () => {
		await paidTransaction();
		const refund = await oy.run({
			resource: 'eWallet',
			operation: 'refund',
			partnerTrxId: 'EW-1',
			refundAmount: '25000',
		});
		expect(theRequest(refund)).toEqual({
			method: 'POST',
			path: '/api/e-wallet-aggregator/refund',
			query: {},
			body: { partner_trx_id: 'EW-1', refund_amount: 25000 },
		});
		const [made] = outputOf(refund);
		expect(made).toMatchObject({
			outcome: 'pending',
			refund_status: 'REFUND_ONPROCESS',
			refund_amount: 25000,
		});

		await oy.control('POST', `/e-wallet/refunds/${made.refund_id}/conclude`, {
			refund_status: 'REFUNDED',
		});
		const one = await oy.run({
			resource: 'eWallet',
			operation: 'getRefund',
			refundId: made.refund_id as string,
		});
		expect(theRequest(one)).toEqual({
			method: 'GET',
			path: '/api/e-wallet-aggregator/get-refund',
			query: { refund_id: made.refund_id },
			body: undefined,
		});
		expect(outputOf(one)[0]).toMatchObject({ outcome: 'success', refund_status: 'REFUNDED' });

		const many = await oy.run({
			resource: 'eWallet',
			operation: 'getManyRefunds',
			partnerTrxId: 'EW-1',
			returnAll: true,
		});
		expect(theRequest(many)).toEqual({
			method: 'GET',
			path: '/api/e-wallet-aggregator/list-refund',
			query: { partner_trx_id: 'EW-1' },
			body: undefined,
		});
		expect(outputOf(many, () => 0)).toEqual([
			{ refund_id: made.refund_id, refund_amount: 25000, refund_status: 'REFUNDED' },
		]);
	});

	it('rejects bad input before any request, naming the parameter and the item', async () => {
		const run = await refusedBeforeSending(
			oy,
			{
				...payment,
				additionalFields: {
					successRedirectUrl: 'https://shop.example/paid',
					expirationTime: '={{ "1.5" }}',
				},
			},
			"'Expiration Time' must be a whole number [item 0]",
		);
	});
});

describe('E-Wallet account linking', () => {
	const linking = { resource: 'eWallet', partnerUserId: 'pu-7', paymentMethod: 'EWALLET' };

	it('Get Linking URL, Get Account Balance, Unlink Account', async () => {
		const link = await oy.run({
			...linking,
			operation: 'getLinkingUrl',
			phoneNumber: '081234567890',
			channelCode: 'shopeepay_ewallet',
		});
		expect(theRequest(link)).toEqual({
			method: 'POST',
			path: '/api/account/linking',
			query: {},
			body: {
				partner_user_id: 'pu-7',
				phone_number: '081234567890',
				payment_method: 'EWALLET',
				channel_code: 'shopeepay_ewallet',
			},
		});
		const [linked] = outputOf(link);
		expect(linked).toMatchObject({
			outcome: 'success',
			partner_user_id: 'pu-7',
			channel_code: 'shopeepay_ewallet',
		});
		const linkingId = String(linked.linking_url).split('/').pop();
		await oy.control('POST', `/account-linking/linkings/${linkingId}/complete`, {
			balance: 125000,
		});

		const balance = await oy.run({
			resource: 'eWallet',
			operation: 'getAccountBalance',
			partnerUserId: 'pu-7',
			channelCode: 'shopeepay_ewallet',
		});
		expect(theRequest(balance)).toEqual({
			method: 'POST',
			path: '/api/account/balance',
			query: {},
			body: { partner_user_id: 'pu-7', channel_code: 'shopeepay_ewallet' },
		});
		expect(outputOf(balance)[0]).toMatchObject({ outcome: 'success', amount: 125000 });

		const unlink = await oy.run({
			...linking,
			operation: 'unlinkAccount',
			channelCode: 'shopeepay_ewallet',
		});
		expect(theRequest(unlink)).toEqual({
			method: 'POST',
			path: '/api/account/unlink',
			query: {},
			body: {
				partner_user_id: 'pu-7',
				payment_method: 'EWALLET',
				channel_code: 'shopeepay_ewallet',
			},
		});
		expect(outputOf(unlink)[0]).toMatchObject({ outcome: 'success' });
	});

	it('Get Account Balance: an account that is not linked raises OY! refusal', async () => {
		const run = await oy.run({
			resource: 'eWallet',
			operation: 'getAccountBalance',
			partnerUserId: 'nobody',
			channelCode: 'dana_ewallet',
		});
		expect(run.error?.message).toMatch(/\(OY! code 400\)$/);
		expect(run.error?.description).toBe(
			'OY! says: User account is not linked. Link the account first with Get Linking URL. Read it again once that is fixed; this answer does not mean that it does not exist.',
		);
	});

	it('rejects bad input before any request, naming the parameter and the item', async () => {
		const run = await refusedBeforeSending(
			oy,
			{
				...linking,
				operation: 'getLinkingUrl',
				phoneNumber: '0812-3456',
				channelCode: 'dana_ewallet',
			},
			"'Phone Number' must contain digits only [item 0]",
		);
	});
});
