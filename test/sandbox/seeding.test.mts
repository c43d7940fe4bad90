import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { control, oy, startTestSandbox } from './helpers.mjs';

const DAY = 86_400_000;
const wibDay = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);

describe('seeding from a JSON file', () => {
	let sandbox: RunningSandbox;
	beforeAll(async () => {
		const now = Date.now();
		const seed = {
			balance: {
				balance: 5_000_000,
				overdraft: 100_000,
				children: { 'branch-1': { balance: 700_000 } },
			},
			'bank-accounts': [
				{ bank_code: '014', account_number: '5550001', account_name: 'Seeded Holder' },
			],
			disbursement: [
				{
					partner_trx_id: 'SEEDED-1',
					amount: 25_000,
					recipient_bank: '014',
					recipient_account: '5550001',
					code: '000',
				},
			],
			'virtual-account': [
				{
					partner_user_id: 'seed-user',
					bank_code: '002',
					is_open: true,
					is_lifetime: true,
					partner_trx_id: 'SEED-VA',
				},
			],
			'payment-checkout': [
				{
					partner_tx_id: 'SEEDLINK',
					sender_name: 'Seed Payer',
					amount: 50_000,
					is_open: true,
					include_admin_fee: false,
				},
			],
			'account-receivable': {
				customers: [
					{ id: 'cust-1', name: 'Seeded Customer', tax_type: 'NO_TAX', pph_tax: 'NO_TAX' },
				],
				invoices: [
					{
						id: 'inv-1',
						customer_id: 'cust-1',
						amount: 75_000,
						invoice_date: wibDay(now),
						due_date: wibDay(now + 7 * DAY),
					},
				],
			},
			'account-inquiry': [{ tx_date: wibDay(now - DAY), total_inquiry: 3 }],
		};
		const file = join(mkdtempSync(join(tmpdir(), 'oy-seed-')), 'seed.json');
		writeFileSync(file, JSON.stringify(seed));
		sandbox = await startTestSandbox({ seed: file });
	});
	afterAll(() => sandbox.close());

	it("loads every section and serves it through OY!'s endpoints", async () => {
		expect((await oy(sandbox, 'GET', '/api/balance')).body).toMatchObject({
			balance: 5_000_000,
			availableBalance: 5_100_000,
		});
		expect((await control(sandbox, 'GET', '/balance')).children['branch-1'].balance).toBe(700_000);
		const payout = await oy(sandbox, 'POST', '/api/remit-status', { partner_trx_id: 'SEEDED-1' });
		expect(payout.body).toMatchObject({ status: { code: '000' }, recipient_name: 'Seeded Holder' });
		expect((await oy(sandbox, 'GET', '/api/static-virtual-account')).body.data[0]).toMatchObject({
			partner_trx_id: 'SEED-VA',
			expiration_time: -1,
		});
		expect((await oy(sandbox, 'GET', '/api/payment-checkout/SEEDLINK')).body.data.status).toBe(
			'CREATED',
		);
		expect(
			(await oy(sandbox, 'GET', '/api/account-receivable/invoices/inv-1')).body.data,
		).toMatchObject({ amount_billed: 75_000, customer_name: 'Seeded Customer' });
		expect(
			(await oy(sandbox, 'GET', '/api/account-inquiry/invoices?status=UNPAID')).body,
		).toMatchObject({ total: 1, data: [{ total_inquiry: 3, amount: 3000 }] });
	});

	it('refuses a seed it cannot place, saying why', async () => {
		await expect(control(sandbox, 'POST', '/seed', { 'no-such-product': [] })).rejects.toThrow(
			/no product/,
		);
		await expect(
			control(sandbox, 'POST', '/seed', { 'virtual-account': [{ bank_code: '002' }] }),
		).rejects.toThrow(/seeded VA refused/);
	});
});

describe('generating large data sets', () => {
	let sandbox: RunningSandbox;
	beforeAll(async () => {
		sandbox = await startTestSandbox();
	});
	afterAll(() => sandbox.close());

	it('generates 100k AR invoices, 10k VAs and 90 days of inquiry invoices, and serves them', async () => {
		const result = await control(sandbox, 'POST', '/generate', {
			'account-receivable': { invoices: 100_000 },
			'virtual-account': { accounts: 10_000 },
			'account-inquiry': { days: 90 },
		});
		// Printed, not asserted: the machine is shared and timings are noisy.
		console.log(`[seeding] generated ${JSON.stringify(result.added)} in ${result.took_ms} ms`);
		expect(result.added).toEqual({
			'account-receivable': 101_000,
			'virtual-account': 10_000,
			'account-inquiry': 90,
		});

		const started = performance.now();
		const invoices = await oy(
			sandbox,
			'GET',
			'/api/account-receivable/invoices?limit=50&offset=99950',
		);
		console.log(
			`[seeding] filtering 100k AR invoices took ${Math.round(performance.now() - started)} ms`,
		);
		expect(invoices.body.data.total).toBe(100_000);
		expect(invoices.body.data.data).toHaveLength(50);
		const paid = await oy(sandbox, 'GET', '/api/account-receivable/invoices?status=PAID&limit=1');
		expect(paid.body.data.total).toBe(25_000);
		expect(
			(await oy(sandbox, 'GET', '/api/static-virtual-account?limit=5&offset=9995')).body,
		).toMatchObject({ total: 10_000 });
		const inquiry = await oy(sandbox, 'GET', '/api/account-inquiry/invoices?limit=100');
		expect(inquiry.body.total).toBe(90);
		expect(
			inquiry.body.data.filter(
				(invoice: { invoice_status: string }) => invoice.invoice_status === 'UNPAID',
			),
		).toHaveLength(1);
	});
});
