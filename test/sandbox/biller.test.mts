import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import { CallbackReceiver, control, expectSameShape, oy, startTestSandbox } from './helpers.mjs';

const examples = docExamples('biller');
const PROCESSING_MS = 60_000;
const START_BALANCE = 1_000_000_000;
let sandbox: RunningSandbox;
let receiver: CallbackReceiver;
let counter = 0;

const inquire = (body: Record<string, unknown>) =>
	oy(sandbox, 'POST', '/api/v2/bill', {
		product_id: 'plnpost',
		partner_tx_id: `BILL-${++counter}`,
		...body,
	});
const payBill = (partnerTxId: string, note?: string) =>
	oy(sandbox, 'POST', '/api/v2/bill/payment', { partner_tx_id: partnerTxId, note });
const billStatus = (partnerTxId: string) =>
	oy(sandbox, 'GET', `/api/v2/bill/status?partner_tx_id=${encodeURIComponent(partnerTxId)}`);
const balance = async () => (await oy(sandbox, 'GET', '/api/balance')).body;
const afterProcessing = () => control(sandbox, 'POST', '/clock/advance', { ms: PROCESSING_MS });

beforeAll(async () => {
	receiver = await new CallbackReceiver().start();
	sandbox = await startTestSandbox({
		processingDelays: { biller: PROCESSING_MS },
		callbackUrls: { biller: `${receiver.url}/biller` },
	});
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(async () => {
	await control(sandbox, 'POST', '/reset');
});

describe('Bill Inquiry → Pay Bill → callback → status', () => {
	it('runs the docs examples end to end in the documented shapes, debiting amount and admin fee', async () => {
		const inquiry = await oy(sandbox, 'POST', '/api/v2/bill', examples['inquiry'].request);
		expectSameShape(inquiry.body, examples['inquiry'].response);
		const bill = inquiry.body.data;
		expect(inquiry.body.status).toEqual({ code: '000', message: 'Success' });
		expect(bill).toMatchObject({
			partner_tx_id: 'DEV123456789',
			product_id: 'plnpre',
			customer_id: '12345678910',
			admin_fee: 2_500,
		});
		expect(JSON.parse(bill.additional_data)).toMatchObject({
			electric_power: 'R1M/900 VA',
			customer_id: '12345678910',
			total_amount: bill.amount + 2_500,
		});
		expect((await billStatus('DEV123456789')).body.data.status).toBe('INQUIRY');

		const paid = await oy(sandbox, 'POST', '/api/v2/bill/payment', examples['pay'].request);
		expectSameShape(paid.body, examples['pay'].response);
		expect(paid.body.status).toEqual({ code: '102', message: 'Request is In Progress' });
		expect(paid.body.data).toMatchObject({
			tx_id: bill.tx_id,
			note: 'Payment for bill #001',
			amount: bill.amount,
		});
		expect((await balance()).pendingBalance).toBe(bill.amount + 2_500);
		expect((await billStatus('DEV123456789')).body.data.status).toBe('IN_PROGRESS');

		await afterProcessing();
		const callback = await receiver.next((c) => c.body.data?.partner_tx_id === 'DEV123456789');
		expect(callback.path).toBe('/biller');
		expectSameShape(callback.body, examples['callback'].response);
		expect(callback.body.status).toEqual({ code: '000', message: 'Success' });
		expect(JSON.parse(callback.body.data.additional_data)).toMatchObject({
			receipt_code: expect.any(String),
			settlement_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
		});

		const status = await billStatus('DEV123456789');
		expectSameShape(status.body, examples['status'].response);
		expect(status.body.data).toMatchObject({ status: 'SUCCESS', tx_status_description: '' });
		const after = await balance();
		expect(after.pendingBalance).toBe(0);
		expect(after.balance).toBe(START_BALANCE - bill.amount - 2_500);
	});

	it('fails a payment for customer 3000000 (300, money back) and keeps 3010000 pending (callback 301) until resolved', async () => {
		const failing = (await inquire({ customer_id: '3000000' })).body.data;
		const pending = (await inquire({ customer_id: '3010000' })).body.data;
		await payBill(failing.partner_tx_id);
		await payBill(pending.partner_tx_id);
		await afterProcessing();
		const failed = await receiver.next((c) => c.body.data?.partner_tx_id === failing.partner_tx_id);
		expect(failed.body.status).toEqual({ code: '300', message: 'Transaction Failed' });
		expect((await billStatus(failing.partner_tx_id)).body.data).toMatchObject({
			status: 'FAILED',
			tx_status_description: 'Transaction Failed',
		});
		const waiting = await receiver.next(
			(c) => c.body.data?.partner_tx_id === pending.partner_tx_id,
		);
		// The staging mock: "3010000 will mock the payment callback to return pending status" with 301 (OY API docs: API Biller staging mock values).
		expect(waiting.body.status).toEqual({ code: '301', message: 'Transaction Pending' });
		expect((await billStatus(pending.partner_tx_id)).body.data.status).toBe('PENDING');
		expect((await balance()).pendingBalance).toBe(pending.amount + pending.admin_fee);

		await control(sandbox, 'POST', `/biller/bills/${pending.partner_tx_id}/resolve`, {
			status: 'SUCCESS',
		});
		await receiver.next(
			(c) => c.body.data?.partner_tx_id === pending.partner_tx_id && c.body.status.code === '000',
		);
		expect(await balance()).toMatchObject({
			pendingBalance: 0,
			balance: START_BALANCE - pending.amount - pending.admin_fee,
		});
	});

	it('plays the inquiry mock values: a customer_id ending in 9 fails, its code before the 9', async () => {
		expect((await inquire({ customer_id: '123456789' })).body).toEqual({
			status: { code: '999', message: 'Internal Server Error' },
			data: null,
		});
		expect((await inquire({ customer_id: '1234563059' })).body.status).toEqual({
			code: '305',
			message: 'Customer ID Already Paid',
		});
		expect((await inquire({ customer_id: '1234563029' })).body.status).toEqual({
			code: '302',
			message: 'Customer ID Not Found',
		});
		expect((await inquire({ customer_id: '987654321' })).body.status.code).toBe('000');
	});

	it('answers 305 for a bill already paid, but sells credit again and again', async () => {
		const first = (await inquire({ customer_id: '7770001' })).body.data;
		await payBill(first.partner_tx_id);
		await afterProcessing();
		expect((await inquire({ customer_id: '7770001' })).body.status.code).toBe('305');
		const credit = (await inquire({ customer_id: '6281234567', product_id: 'sim10' })).body.data;
		expect(credit.amount).toBe(10_000);
		await payBill(credit.partner_tx_id);
		await afterProcessing();
		expect(
			(await inquire({ customer_id: '6281234567', product_id: 'sim10' })).body.status.code,
		).toBe('000');
	});
});

describe('Biller checks and codes', () => {
	it('answers 203, 204, 223 and 206 as documented', async () => {
		await inquire({ customer_id: '1000', partner_tx_id: 'SAME' });
		expect((await inquire({ customer_id: '1001', partner_tx_id: 'SAME' })).body.status).toEqual({
			code: '203',
			message: 'Request is Rejected (Duplicate Partner Tx ID)',
		});
		expect((await payBill('NEVER-INQUIRED')).body.status.code).toBe('204');
		expect((await billStatus('NEVER-INQUIRED')).body).toEqual({
			status: { code: '204', message: 'Request is Rejected (Partner Tx ID is Not Found)' },
			data: null,
		});
		await payBill('SAME');
		expect((await payBill('SAME')).body.status).toEqual({
			code: '223',
			message: 'Request is Rejected (Duplicate payment request)',
		});
		await control(sandbox, 'PUT', '/balance', { balance: 1_000 });
		const poor = (await inquire({ customer_id: '1002' })).body.data;
		expect((await payBill(poor.partner_tx_id)).body.status.code).toBe('206');
		expect((await billStatus(poor.partner_tx_id)).body.data.status).toBe('INQUIRY');
	});

	it('checks products, PLN Prepaid denominations, and the BPJS months and PBB year', async () => {
		expect((await inquire({ customer_id: '1', product_id: 'nosuch' })).body.status.code).toBe(
			'303',
		);
		expect(
			(await inquire({ customer_id: '1', product_id: 'plnpre', amount: 30_000 })).body.status.code,
		).toBe('210');
		expect(
			(await inquire({ customer_id: '1', product_id: 'plnpre', amount: 50_000 })).body.data.amount,
		).toBe(50_000);
		expect((await inquire({ customer_id: '2', product_id: 'bpjsks' })).body.status.code).toBe(
			'290',
		);
		const bpjs = (await inquire({ customer_id: '2', product_id: 'bpjsks', additional_data: '3' }))
			.body.data;
		expect(JSON.parse(bpjs.additional_data).months).toBe(3);
		expect((await inquire({ customer_id: '3', product_id: 'pbbkot.bogor' })).body.status.code).toBe(
			'290',
		);
		expect(
			(await inquire({ customer_id: '3', product_id: 'pbbkot.bogor', additional_data: '2023' }))
				.body.status.code,
		).toBe('000');
		expect((await inquire({ product_id: 'plnpost' })).body.status).toEqual({
			code: '290',
			message: 'Request is Rejected (Parameter / object is not valid)',
		});
		await control(sandbox, 'PUT', '/biller/products/plnpost', { is_available: false });
		expect((await inquire({ customer_id: '4' })).body.status.code).toBe('205');
	});

	it('answers the bills a control endpoint registered', async () => {
		await control(sandbox, 'PUT', '/biller/bills', {
			product_id: 'pdamaetra',
			customer_id: '000372190053',
			customer_name: 'FIRDAUS',
			amount: 832_500,
		});
		const bill = (await inquire({ product_id: 'pdamaetra', customer_id: '000372190053' })).body
			.data;
		expect(bill).toMatchObject({ customer_name: 'FIRDAUS', amount: 832_500, admin_fee: 2_500 });
		expect(JSON.parse(bill.additional_data).total_amount).toBe(835_000);
	});

	it('lists the products in the documented shape, availability and fees as set', async () => {
		await control(sandbox, 'PUT', '/biller/products/telkom', {
			is_available: false,
			admin_fee: 3_000,
		});
		const answer = await oy(sandbox, 'GET', '/api/v2/bill/products');
		expectSameShape(answer.body, examples['products'].response);
		const products = answer.body.data.product_list;
		// 204 rows in the docs, tvindvs and tvtlkmv three times each.
		expect(products.length).toBe(200);
		expect(products.find((p: any) => p.product_id === 'as100')).toMatchObject({
			amount: 100_000,
			is_available: true,
		});
		expect(products.find((p: any) => p.product_id === 'telkom')).toMatchObject({
			admin_fee: 3_000,
			is_available: false,
		});
		expect(products.find((p: any) => p.product_id === 'tvindvs').description).toBe(
			'INDOVISION / TOPTV / OKEVISION',
		);
	});

	it('refuses bad credentials with 201 and 208', async () => {
		expect(
			(await oy(sandbox, 'GET', '/api/v2/bill/products', undefined, { 'x-oy-username': 'who' }))
				.body,
		).toEqual({
			status: { code: '201', message: 'Request is Rejected (User ID is not Found)' },
			data: null,
		});
		expect(
			(
				await oy(sandbox, 'POST', '/api/v2/bill', examples['inquiry'].request, {
					'x-api-key': 'bad',
				})
			).body.status.code,
		).toBe('208');
	});
});
