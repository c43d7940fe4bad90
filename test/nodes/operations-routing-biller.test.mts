import { describe, expect, it } from 'vitest';
import { ONE_PAYOUT } from '../support/operationParameters.mjs';
import { outputOf, useOyHarness, theRequest, refusedBeforeSending } from './harness.mjs';

/** Payment Routing, Biller and the cross-product Transaction reads through the node, against the sandbox. */
const oy = useOyHarness({ processingDelays: { disbursement: 0 } });

const routing = {
	resource: 'paymentRouting',
	operation: 'create',
	partnerTrxId: 'PR-1',
	needFrontend: false,
	listEnablePaymentMethod: ['BANK_TRANSFER'],
	listEnableSof: ['002'],
	receiveAmount: '100000',
};

describe('Payment Routing', () => {
	it('Create: collects by VA and passes part on to a recipient', async () => {
		const run = await oy.run({
			...routing,
			additionalFields: {
				partnerUserId: 'pu-1',
				fullName: 'Budi Santoso',
				senderEmail: 'budi@example.com',
				trxExpirationTime: '2030-01-01T00:00:00Z',
				paymentRouting: {
					items: [
						{
							recipientBank: '014',
							recipientAccount: '1234567890',
							recipientAmount: '50000',
							recipientNote: 'Share',
						},
					],
				},
			},
		});
		expect(theRequest(run)).toEqual({
			method: 'POST',
			path: '/api/payment-routing/create-transaction',
			query: {},
			body: {
				partner_trx_id: 'PR-1',
				need_frontend: false,
				list_enable_payment_method: 'BANK_TRANSFER',
				list_enable_sof: '002',
				receive_amount: 100000,
				partner_user_id: 'pu-1',
				full_name: 'Budi Santoso',
				sender_email: 'budi@example.com',
				trx_expiration_time: '2030-01-01 07:00:00',
				payment_routing: [
					{
						recipient_bank: '014',
						recipient_account: '1234567890',
						recipient_amount: 50000,
						recipient_note: 'Share',
					},
				],
			},
		});
		expect(outputOf(run)[0]).toMatchObject({
			outcome: 'pending',
			partner_trx_id: 'PR-1',
			oy: { code: '000' },
		});
	});

	it('Get Status and Deactivate (an unpaid QRIS)', async () => {
		await oy.run({ ...routing, listEnablePaymentMethod: ['QRIS'], listEnableSof: ['QRIS'] });
		const status = await oy.run({
			resource: 'paymentRouting',
			operation: 'getStatus',
			additionalFields: { partnerTrxId: 'PR-1', sendCallback: false },
		});
		expect(theRequest(status)).toEqual({
			method: 'POST',
			path: '/api/payment-routing/check-status',
			query: {},
			body: { partner_trx_id: 'PR-1', send_callback: false },
		});
		expect(outputOf(status)[0]).toMatchObject({ outcome: 'pending', partner_trx_id: 'PR-1' });

		const deactivate = await oy.run({
			resource: 'paymentRouting',
			operation: 'deactivate',
			partnerTrxId: 'PR-1',
		});
		expect(theRequest(deactivate)).toEqual({
			method: 'DELETE',
			path: '/api/payment-routing/PR-1',
			query: {},
			body: undefined,
		});
		expect(outputOf(deactivate)[0]).toMatchObject({ outcome: 'success', oy: { code: '000' } });
	});

	it('rejects bad input before any request, naming the parameter and the item', async () => {
		const run = await refusedBeforeSending(
			oy,
			{ ...routing, listEnablePaymentMethod: '={{ "VA" }}' },
			"'Payment Methods' must list codes separated by commas, each one of: BANK_TRANSFER, QRIS, EWALLET, CARDS (not allowed: VA) [item 0]",
		);
	});
});

describe('Biller', () => {
	const bill = { resource: 'biller', partnerTxId: 'BILL-1' };

	it('Inquire Bill, Pay Bill, Get Status', async () => {
		const inquiry = await oy.run({
			...bill,
			operation: 'inquireBill',
			productId: 'plnpost',
			customerId: '123456789012',
		});
		expect(theRequest(inquiry)).toEqual({
			method: 'POST',
			path: '/api/v2/bill',
			query: {},
			body: { partner_tx_id: 'BILL-1', product_id: 'plnpost', customer_id: '123456789012' },
		});
		const [owed] = outputOf(inquiry);
		expect(owed).toMatchObject({
			outcome: 'success',
			customer_name: expect.any(String),
			amount: expect.any(Number),
			admin_fee: 2500,
		});

		const pay = await oy.run({
			...bill,
			operation: 'payBill',
			additionalFields: { note: 'Electricity November' },
		});
		expect(theRequest(pay)).toEqual({
			method: 'POST',
			path: '/api/v2/bill/payment',
			query: {},
			body: { partner_tx_id: 'BILL-1', note: 'Electricity November' },
		});
		expect(outputOf(pay)[0]).toMatchObject({
			outcome: 'pending',
			amount: owed.amount,
			oy: { code: '102' },
		});

		const status = await oy.run({ ...bill, operation: 'getStatus' });
		expect(theRequest(status)).toEqual({
			method: 'GET',
			path: '/api/v2/bill/status',
			query: { partner_tx_id: 'BILL-1' },
			body: undefined,
		});
		expect(outputOf(status)[0]).toMatchObject({
			partner_tx_id: 'BILL-1',
			status: expect.any(String),
			oy: { code: '000' },
		});
	});

	it('Get Many Products: the live product list, cut at the limit', async () => {
		const run = await oy.run({
			resource: 'biller',
			operation: 'getManyProducts',
			returnAll: false,
			limit: 3,
		});
		expect(theRequest(run)).toEqual({
			method: 'GET',
			path: '/api/v2/bill/products',
			query: {},
			body: undefined,
		});
		const products = outputOf(run, () => 0);
		expect(products).toHaveLength(3);
		expect(products[0]).toMatchObject({ product_id: expect.any(String), is_available: true });
	});

	it('rejects bad input before any request, naming the parameter and the item', async () => {
		const run = await refusedBeforeSending(
			oy,
			{
				...bill,
				operation: 'inquireBill',
				productId: 'plnpost',
				customerId: '={{ "9".repeat(256) }}',
			},
			"'Customer ID' must be at most 255 characters long (got 256) [item 0]",
		);
	});
});

describe('Transaction', () => {
	it('Get Detail: the amounts and fees of a payout', async () => {
		await oy.run(ONE_PAYOUT);
		const run = await oy.run({
			resource: 'transaction',
			operation: 'getDetail',
			partnerTxId: 'PAY-1',
			productType: 'API_DISBURSE',
		});
		expect(theRequest(run)).toEqual({
			method: 'GET',
			path: '/api/v1/transaction',
			query: { partner_tx_id: 'PAY-1', product_type: 'API_DISBURSE' },
			body: undefined,
		});
		expect(outputOf(run)[0]).toMatchObject({
			outcome: 'success',
			transfer_amount: 150000,
			oy: { code: '000' },
		});
	});

	it('Get Summary (not offered in the panel): a workflow saved with it is refused before anything is sent, saying why', async () => {
		const run = await oy.run({
			resource: 'transaction',
			operation: 'getSummary',
			productGroup: 'PENDING_SETTLEMENT',
			timePeriod: 'TODAY',
		});
		expect(run.requests).toHaveLength(0);
		expect(run.error?.message).toBe(
			'Get Summary of API GET Transaction Summary cannot be sent from n8n',
		);
		expect(run.error?.description).toMatch(
			/n8n's HTTP helper drops the body of every GET request.*Nothing was sent to OY!\. n8n's HTTP Request node can send it, with the OY! API credential/,
		);
	});

	it('rejects bad input before any request, naming the parameter and the item', async () => {
		const run = await refusedBeforeSending(
			oy,
			{
				resource: 'transaction',
				operation: 'getDetail',
				partnerTxId: 'PAY-1',
				productType: '={{ "CASH" }}',
			},
			/^'Product Type' must be one of .* \(got CASH\) \[item 0\]$/,
		);
	});
});
