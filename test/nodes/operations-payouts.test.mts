import { beforeEach, describe, expect, it } from 'vitest';
import { ONE_PAYOUT } from '../support/operationParameters.mjs';
import {
	byId,
	expectCredentialHeaders,
	outputOf,
	useOyHarness,
	theRequest,
	refusedBeforeSending,
} from './harness.mjs';

/** Balance, Disbursement, Account Inquiry and Multi Account through the node, against the sandbox. */
const oy = useOyHarness({ processingDelays: { disbursement: 0 } });

const payout = ONE_PAYOUT;

describe('Balance', () => {
	it('Get: reads the balance, amounts as numbers and the timestamp as ISO-8601 UTC', async () => {
		const run = await oy.run({ resource: 'balance', operation: 'get' });
		expect(theRequest(run)).toEqual({
			method: 'GET',
			path: '/api/balance',
			query: {},
			body: undefined,
		});
		const [item] = outputOf(run);
		expect(item).toMatchObject({
			outcome: 'success',
			balance: 1_000_000_000,
			availableBalance: 1_000_000_000,
			oy: { outcome: 'success', final: true, code: '000', message: 'Success' },
		});
		expect(item.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
		expect(item).not.toHaveProperty('status');
	});
});

describe('Disbursement', () => {
	it('Create: sends the payout with its optional fields and reports it pending', async () => {
		const run = await oy.run({
			...payout,
			additionalFields: {
				note: 'Salary November',
				email: 'a@example.com b@example.com',
				additionalDataPartnerMerchantId: 'M-7',
			},
		});
		expect(theRequest(run)).toEqual({
			method: 'POST',
			path: '/api/remit',
			query: {},
			body: {
				partner_trx_id: 'PAY-1',
				recipient_bank: '014',
				recipient_account: '1234567890',
				amount: 150000,
				note: 'Salary November',
				email: 'a@example.com b@example.com',
				additional_data: { partner_merchant_id: 'M-7' },
			},
		});
		expect(run.requests[0].headers['content-type']).toMatch(/^application\/json/);
		const [item] = outputOf(run);
		expect(item).toMatchObject({
			outcome: 'pending',
			partner_trx_id: 'PAY-1',
			amount: 150000,
			oy: { outcome: 'pending', final: false, code: '101', message: 'Request is Processed' },
		});
		expect(typeof item.trx_id).toBe('string');
	});

	it('Get Status: reads the settled payout with the recipient name, asking OY! to resend the callback', async () => {
		await oy.run(payout);
		const run = await oy.run({
			resource: 'disbursement',
			operation: 'getStatus',
			partnerTrxId: 'PAY-1',
			additionalFields: { sendCallback: true },
		});
		expect(theRequest(run)).toEqual({
			method: 'POST',
			path: '/api/remit-status',
			query: {},
			body: { partner_trx_id: 'PAY-1', send_callback: true },
		});
		const [item] = outputOf(run);
		expect(item).toMatchObject({
			outcome: 'success',
			partner_trx_id: 'PAY-1',
			amount: 150000,
			oy: { code: '000' },
		});
		expect(typeof item.recipient_name).toBe('string');
		expect(item.last_updated_date).toMatch(/Z$/);
	});

	it('Create: a payout whose answer was lost after OY! booked it is found by a status check, not sent again', async () => {
		await oy.control('POST', '/faults', {
			kind: 'drop-after-commit',
			path: '/api/remit',
			times: 1,
		});
		const run = await oy.run(payout);
		expectCredentialHeaders(run.requests);
		expect(run.requests.map((request) => request.path)).toEqual([
			'/api/remit',
			'/api/remit-status',
		]);
		const [item] = outputOf(run);
		expect(item).toMatchObject({
			outcome: 'success',
			partner_trx_id: 'PAY-1',
			oy: { resolvedBy: 'statusCheck' },
		});
		const stored = await oy.control('GET', '/disbursement/payouts/PAY-1');
		expect(stored).toMatchObject({ partner_trx_id: 'PAY-1', amount: 150000 });
	});

	it('Create: a reused id is reported as the earlier payout, never paid twice', async () => {
		await oy.run(payout);
		const run = await oy.run({ ...payout, amount: '99000' });
		expect(run.requests.map((request) => request.path)).toEqual([
			'/api/remit',
			'/api/remit-status',
		]);
		expect(run.error?.message).toMatch(/already belongs to another transaction/);
		const state = await oy.control('GET', '/state?product=disbursement');
		expect(JSON.stringify(state).match(/"partner_trx_id":"PAY-1"/g)).toHaveLength(1);
	});

	it('Create: a payout that fails at once raises OY! code and message; continue-on-fail keeps it as an item', async () => {
		// the staging mock rule (OY API docs: Mock Data in Demo Environment): this account number makes a transaction that failed
		const failing = { ...payout, recipientAccount: '3000000' };
		const raised = await oy.run(failing);
		expect(raised.status).toBe('error');
		expect(raised.error?.message).toMatch(/\(OY! code 300\)$/);
		expect(raised.error?.description).toMatch(/^OY! says: /);
		const kept = await oy.run({ ...failing, partnerTrxId: 'PAY-2' }, { continueOnFail: true });
		const [item] = outputOf(kept);
		expect(item).toMatchObject({
			outcome: 'failed',
			error: expect.stringMatching(/code 300/),
			oy: { code: '300', final: true },
		});
	});

	it('Get Status: a payout that failed later is read as an item with the outcome failed and what to do', async () => {
		await oy.control('PUT', '/bank-accounts', {
			bank_code: '014',
			account_number: '5550001',
			state: 'blocked',
		});
		await oy.run({ ...payout, recipientAccount: '5550001' });
		const run = await oy.run({
			resource: 'disbursement',
			operation: 'getStatus',
			partnerTrxId: 'PAY-1',
		});
		const [item] = outputOf(run);
		expect(item).toMatchObject({ outcome: 'failed', oy: { code: '300', final: true } });
		expect(item.oy).toMatchObject({
			hint: expect.stringMatching(/Trying again (can succeed|will fail the same way)\.$/),
		});
	});

	it('Create: an amount written the Indonesian way ("150.000") is refused, not read as 150', async () => {
		const run = await oy.run(
			{ ...payout, amount: '={{ $json.amount }}' },
			{ input: [{ amount: '150.000' }] },
		);
		expect(run.requests).toHaveLength(0);
		expect(run.error?.message).toBe(
			'\'Amount\' is ambiguous ("150.000" may mean 150000); write digits only [item 0]',
		);
	});

	it('rejects bad input before any request, naming the parameter and the item', async () => {
		const run = await oy.run(
			{ ...payout, partnerTrxId: '={{ $json.id }}' },
			{ input: [{ id: 'PAY-9' }, { id: '' }] },
		);
		expect(run.error?.message).toBe("'Partner Transaction ID' is required [item 1]");
		expect(run.error?.itemIndex).toBe(1);
		expect(
			run.requests.every(
				(request) => (request.body as { partner_trx_id?: string }).partner_trx_id === 'PAY-9',
			),
		).toBe(true);
		const bankless = await refusedBeforeSending(
			oy,
			{ ...payout, recipientBank: '={{ "" }}' },
			"'Recipient Bank Name or ID' is required [item 0]",
		);
	});
});

describe('Account Inquiry', () => {
	beforeEach(async () => {
		await oy.control('PUT', '/account-inquiry/settings', { auto_pay: false });
	});

	async function yesterdaysInvoice(): Promise<string> {
		await oy.run({
			resource: 'accountInquiry',
			operation: 'inquire',
			bankCode: '014',
			accountNumber: '1234567890',
		});
		await oy.control('POST', '/clock/advance', { days: 1 });
		const run = await oy.run({
			resource: 'accountInquiry',
			operation: 'getInvoices',
			returnAll: true,
		});
		return outputOf(run, () => 0)[0].invoice_id as string;
	}

	it("Inquire: reads the account holder's name", async () => {
		const run = await oy.run({
			resource: 'accountInquiry',
			operation: 'inquire',
			bankCode: '014',
			accountNumber: '1234567890',
		});
		expect(theRequest(run)).toEqual({
			method: 'POST',
			path: '/api/account-inquiry',
			query: {},
			body: { bank_code: '014', account_number: '1234567890' },
		});
		const [item] = outputOf(run);
		expect(item).toMatchObject({
			outcome: 'success',
			bank_code: '014',
			account_number: '1234567890',
			oy: { code: '000' },
		});
		expect(typeof item.account_name).toBe('string');
		expect(Object.keys(item).sort()).toEqual([
			'account_name',
			'account_number',
			'bank_code',
			'id',
			'invoice_id',
			'outcome',
			'oy',
		]);
	});

	it('Get Invoices: pages through every invoice with Return All, or stops at the limit', async () => {
		await oy.control('POST', '/generate', { 'account-inquiry': { days: 120 } });
		const all = await oy.run({
			resource: 'accountInquiry',
			operation: 'getInvoices',
			returnAll: true,
		});
		expect(all.requests.map((request) => request.query)).toEqual([
			{ offset: '0', limit: '100' },
			{ offset: '100', limit: '100' },
		]);
		expectCredentialHeaders(all.requests);
		const invoices = outputOf(all, () => 0);
		expect(invoices).toHaveLength(120);
		expect(invoices[0]).toMatchObject({
			invoice_status: expect.any(String),
			amount: expect.any(Number),
		});
		expect(invoices[0].due_at).toMatch(/Z$/);
		const some = await oy.run({
			resource: 'accountInquiry',
			operation: 'getInvoices',
			returnAll: false,
			limit: 7,
			additionalFields: { status: 'PAID' },
		});
		expect(theRequest(some)).toMatchObject({ query: { offset: '0', limit: '7', status: 'PAID' } });
		expect(outputOf(some, () => 0).map((invoice) => invoice.invoice_status)).toEqual(
			Array(7).fill('PAID'),
		);
	});

	it('Get Invoice: reads one invoice picked by ID, its state in the verdict', async () => {
		const id = await yesterdaysInvoice();
		const run = await oy.run({ resource: 'accountInquiry', operation: 'getInvoice', id: byId(id) });
		expect(theRequest(run)).toEqual({
			method: 'GET',
			path: `/api/account-inquiry/invoices/${id}`,
			query: {},
			body: undefined,
		});
		expect(outputOf(run)[0]).toMatchObject({
			outcome: 'pending',
			invoice_id: id,
			invoice_status: 'UNPAID',
			oy: { state: 'UNPAID' },
		});
	});

	it('Pay Invoice: pays the unpaid invoice from the balance', async () => {
		const id = await yesterdaysInvoice();
		const run = await oy.run({
			resource: 'accountInquiry',
			operation: 'payInvoice',
			invoiceId: byId(id),
		});
		expect(theRequest(run)).toEqual({
			method: 'POST',
			path: '/api/account-inquiry/invoices/pay',
			query: {},
			body: { invoice_id: id },
		});
		expect(outputOf(run)[0]).toMatchObject({
			outcome: 'success',
			invoice_id: id,
			oy: { code: '000' },
		});
		const ledger = await oy.control('GET', '/balance');
		expect(ledger.own.balance).toBe(1_000_000_000 - 1000);
	});

	it('finds inquiry invoices for the ID picker', async () => {
		const id = await yesterdaysInvoice();
		const { Oy } = await import('../../nodes/Oy/Oy.node.js');
		const search = new Oy().methods.listSearch.searchInquiryInvoices;
		const found = await search.call(
			oy.loadContext({ resource: 'accountInquiry', operation: 'payInvoice' }),
			'unpaid',
		);
		expect(found.results).toEqual([
			{
				name: expect.stringMatching(/^\d{4}-\d{2}-\d{2} · 1 inquiry · Rp1\.000 \(UNPAID\)$/),
				value: id,
			},
		]);
	});

	it('rejects bad input before any request, naming the parameter and the item', async () => {
		const run = await oy.run({
			resource: 'accountInquiry',
			operation: 'inquire',
			bankCode: '014',
			accountNumber: '1234-5678',
		});
		expect(run.error?.message).toBe("'Account Number' must contain digits only [item 0]");
		expect(run.error?.description).toBe('Nothing was sent to OY!.');
		expect(run.requests).toHaveLength(0);
	});
});

describe('Multi Account', () => {
	beforeEach(async () => {
		await oy.control('PUT', '/balance/children/branch-bandung', { balance: 5_000_000 });
		await oy.control('PUT', '/balance/children/branch-medan', { balance: 700_000 });
	});

	it('Get Child Balance: one item per child account, or the one asked for', async () => {
		const all = await oy.run({
			resource: 'multiAccount',
			operation: 'getChildBalance',
			returnAll: true,
		});
		expect(theRequest(all)).toEqual({
			method: 'GET',
			path: '/api/v1/multi-account/child/balance',
			query: {},
			body: undefined,
		});
		expect(outputOf(all, () => 0).map((child) => [child.username, child.availableBalance])).toEqual(
			[
				['branch-bandung', 5_000_000],
				['branch-medan', 700_000],
			],
		);
		const one = await oy.run({
			resource: 'multiAccount',
			operation: 'getChildBalance',
			returnAll: true,
			additionalFields: { childUsername: 'branch-medan' },
		});
		expect(theRequest(one).query).toEqual({ child_username: 'branch-medan' });
		expect(outputOf(one, () => 0)).toHaveLength(1);
	});

	it('Disburse With Child Balance: pays from the child account', async () => {
		const run = await oy.run({
			...payout,
			resource: 'multiAccount',
			operation: 'disburseWithChildBalance',
			childBalance: 'branch-medan',
			amount: '200000',
		});
		expect(theRequest(run)).toEqual({
			method: 'POST',
			path: '/api/remit',
			query: {},
			body: {
				partner_trx_id: 'PAY-1',
				recipient_bank: '014',
				recipient_account: '1234567890',
				amount: 200000,
				child_balance: 'branch-medan',
			},
		});
		expect(outputOf(run)[0]).toMatchObject({ outcome: 'pending', oy: { code: '101' } });
		const children = await oy.run({
			resource: 'multiAccount',
			operation: 'getChildBalance',
			returnAll: true,
			additionalFields: { childUsername: 'branch-medan' },
		});
		expect(outputOf(children, () => 0)[0].balance).toBe(500_000);
	});

	it('offers the child accounts in the dropdown, and shows why when OY! refuses', async () => {
		const { Oy } = await import('../../nodes/Oy/Oy.node.js');
		const methods = new Oy().methods.loadOptions;
		const context = oy.loadContext({
			resource: 'multiAccount',
			operation: 'disburseWithChildBalance',
		});
		expect(await methods.getChildAccounts.call(context)).toEqual([
			{ name: 'branch-bandung', value: 'branch-bandung', description: 'Rp5.000.000 available' },
			{ name: 'branch-medan', value: 'branch-medan', description: 'Rp700.000 available' },
		]);
		await oy.control('POST', '/faults', {
			kind: 'http-error',
			path: '/api/v1/multi-account/child/balance',
			http_status: 503,
		});
		await expect(methods.getChildAccounts.call(context)).rejects.toThrow(/HTTP 503/);
	});

	it('rejects bad input before any request, naming the parameter and the item', async () => {
		const run = await refusedBeforeSending(
			oy,
			{
				...payout,
				resource: 'multiAccount',
				operation: 'disburseWithChildBalance',
				childBalance: '={{ $json.child }}',
			},
			"'Child Balance Name or ID' is required [item 0]",
		);
	});
});
