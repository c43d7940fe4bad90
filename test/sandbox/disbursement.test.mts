import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import { CallbackReceiver, control, expectSameShape, oy, startTestSandbox } from './helpers.mjs';

const examples = docExamples('disbursement');
const PROCESSING_MS = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let sandbox: RunningSandbox;
let receiver: CallbackReceiver;
let counter = 0;
const nextId = () => `TRX-${Date.now()}-${++counter}`;

function remit(overrides: Record<string, unknown> = {}) {
	return oy(sandbox, 'POST', '/api/remit', {
		...examples['create-disbursement'].request,
		partner_trx_id: nextId(),
		...overrides,
	});
}

const balance = async () => (await oy(sandbox, 'GET', '/api/balance')).body;

beforeAll(async () => {
	receiver = await new CallbackReceiver().start();
	sandbox = await startTestSandbox({
		processingDelays: { disbursement: PROCESSING_MS },
		callbackUrls: { disbursement: `${receiver.url}/oy/disbursement` },
		callbackRetry: { baseDelayMs: 1000 },
	});
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(async () => {
	await control(sandbox, 'POST', '/reset');
});

describe('Create Disbursement and its callback', () => {
	it('accepts the docs example with 101, then settles to 000, debits the balance and calls back', async () => {
		const example = examples['create-disbursement'];
		const created = await oy(sandbox, 'POST', '/api/remit', example.request);
		expect(created.status).toBe(200);
		expectSameShape(created.body, example.response);
		expect(created.body.status).toEqual({ code: '101', message: 'Request is Processed' });
		expect(created.body.trx_id).toMatch(UUID);
		expect(created.body.timestamp).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/);
		expect((await balance()).pendingBalance).toBe(125_000);

		const during = await oy(sandbox, 'POST', '/api/remit-status', { partner_trx_id: '1234-asdf' });
		expect(during.body.status.code).toBe('101');

		await control(sandbox, 'POST', '/clock/advance', { ms: PROCESSING_MS });
		const callback = await receiver.next((c) => c.body.partner_trx_id === '1234-asdf');
		expect(callback.path).toBe('/oy/disbursement');
		expect(callback.headers['content-type']).toBe('application/json');
		expectSameShape(callback.body, examples['callback-success'].response);
		expect(callback.body.status).toEqual({ code: '000', message: 'Success' });
		expect(callback.body.trx_id).toBe(created.body.trx_id);

		const after = await balance();
		expect(after.pendingBalance).toBe(0);
		expect(after.balance).toBe(1_000_000_000 - 125_000);
	});

	it('answers Get Disbursement Status in the documented shape and re-sends the callback on send_callback', async () => {
		const example = examples['disbursement-status-success'];
		await remit({ partner_trx_id: example.request!.partner_trx_id });
		sandbox.control.advanceTime(PROCESSING_MS);
		await receiver.next((c) => c.body.partner_trx_id === '1234-asde');
		const before = receiver.received.filter((c) => c.body.partner_trx_id === '1234-asde').length;

		const answer = await oy(sandbox, 'POST', '/api/remit-status', example.request);
		expectSameShape(answer.body, example.response);
		expect(answer.body.status).toEqual({ code: '000', message: 'Success' });
		expect(answer.body.tx_status_description).toBe('');
		await receiver.next(
			(c) =>
				c.body.partner_trx_id === '1234-asde' &&
				receiver.received.filter((r) => r.body.partner_trx_id === '1234-asde').length > before,
		);
	});

	it('fails a payout to a blocked account with the documented failed reason, and releases the held amount', async () => {
		await control(sandbox, 'PUT', '/bank-accounts', {
			bank_code: '014',
			account_number: '12341234',
			state: 'blocked',
		});
		const id = nextId();
		await remit({ partner_trx_id: id, recipient_account: '12341234', amount: 10_000 });
		sandbox.control.advanceTime(PROCESSING_MS);
		const callback = await receiver.next((c) => c.body.partner_trx_id === id);
		expectSameShape(callback.body, examples['callback-failed'].response);
		expect(callback.body.status).toEqual({ code: '300', message: 'Failed' });
		expect(callback.body.tx_status_description).toBe(
			'Account is blocked. Please create a new transaction with a different recipient account number.',
		);
		const status = await oy(sandbox, 'POST', '/api/remit-status', { partner_trx_id: id });
		expectSameShape(status.body, examples['disbursement-status-failed'].response);
		const after = await balance();
		expect(after.pendingBalance).toBe(0);
		expect(after.balance).toBe(1_000_000_000);
	});

	it('answers 209 at once for an account the bank does not know', async () => {
		await control(sandbox, 'PUT', '/bank-accounts', {
			bank_code: '014',
			account_number: '999',
			state: 'not-found',
		});
		const answer = await remit({ recipient_account: '999' });
		expect(answer.body.status.code).toBe('209');
		expect(answer.body.trx_id).toBe('');
	});

	it('fails for an insufficient balance: 206 from the status endpoint, 300 with the reason in the callback', async () => {
		await control(sandbox, 'PUT', '/balance', { balance: 5_000 });
		const id = nextId();
		const created = await remit({ partner_trx_id: id, amount: 10_000 });
		expect(created.body.status.code).toBe('101');
		sandbox.control.advanceTime(PROCESSING_MS);
		const callback = await receiver.next((c) => c.body.partner_trx_id === id);
		expect(callback.body.status.code).toBe('300');
		expect(callback.body.tx_status_description).toBe(
			'Not enough balance to disburse the money, please top up your balance.',
		);
		const status = await oy(sandbox, 'POST', '/api/remit-status', { partner_trx_id: id });
		expect(status.body.status.code).toBe('206');
		expect((await balance()).balance).toBe(5_000);
	});

	it('lets a control endpoint hold a payout pending (301) and settle it later', async () => {
		const id = nextId();
		await control(sandbox, 'PUT', `/disbursement/payouts/${id}/outcome`, { code: '301' });
		await remit({ partner_trx_id: id, amount: 50_000 });
		sandbox.control.advanceTime(PROCESSING_MS);
		const pending = await receiver.next((c) => c.body.partner_trx_id === id);
		expect(pending.body.status.code).toBe('301');
		expect((await balance()).pendingBalance).toBe(50_000);
		await control(sandbox, 'POST', `/disbursement/payouts/${id}/settle`, { code: '000' });
		const done = await receiver.next(
			(c) => c.body.partner_trx_id === id && c.body.status.code === '000',
		);
		expect(done.body.tx_status_description).toBeUndefined();
		expect((await balance()).balance).toBe(1_000_000_000 - 50_000);
	});
});

describe('Create Disbursement input checks', () => {
	it('answers 203 for a reused partner_trx_id once final and 257 while the first is in process', async () => {
		const id = nextId();
		await remit({ partner_trx_id: id });
		expect((await remit({ partner_trx_id: id })).body.status).toEqual({
			code: '257',
			message: 'Request is Rejected (Disbursement with the same Partner Tx ID is still in process)',
		});
		sandbox.control.advanceTime(PROCESSING_MS);
		const duplicate = await remit({ partner_trx_id: id });
		expect(duplicate.body.status).toEqual({
			code: '203',
			message: 'Request is Rejected (Duplicate Partner Tx ID)',
		});
		expect(duplicate.body.trx_id).toBe('');
		expectSameShape(duplicate.body, examples['create-disbursement-rejected'].response);
	});

	it('answers 205 for a bank code outside the Disbursement Bank Codes and accepts S-suffixed and e-wallet codes', async () => {
		expect((await remit({ recipient_bank: '999' })).body.status.code).toBe('205');
		expect((await remit({ recipient_bank: 'OVO' })).body.status.code).toBe('205');
		expect((await remit({ recipient_bank: '112S' })).body.status.code).toBe('101');
		expect((await remit({ recipient_bank: 'ovo', amount: 100 })).body.status.code).toBe('101');
	});

	it('answers 210 below Rp10.000 for banks and Rp100 for e-wallets', async () => {
		expect((await remit({ amount: 9_999 })).body.status.code).toBe('210');
		expect((await remit({ amount: 10_000 })).body.status.code).toBe('101');
		expect((await remit({ recipient_bank: 'gopay', amount: 99 })).body.status.code).toBe('210');
	});

	it('answers 990 for missing or malformed fields and for a body that is not JSON', async () => {
		for (const broken of [
			{ partner_trx_id: undefined },
			{ amount: '10000' },
			{ amount: 10000.5 },
			{ recipient_account: '12-34' },
			{ email: 'a@b.co c@d.co e@f.co g@h.co i@j.co k@l.co' },
			{ additional_data: { partner_merchant_id: 'x'.repeat(65) } },
		]) {
			const answer = await remit(broken);
			expect(answer.body.status, JSON.stringify(broken)).toEqual({
				code: '990',
				message: 'Request is Rejected (Invalid Format)',
			});
		}
		const notJson = await oy(sandbox, 'POST', '/api/remit', '{"recipient_bank": ');
		expect(notJson.body.status.code).toBe('990');
		expect((await oy(sandbox, 'POST', '/api/remit', '[1,2]')).body.status.code).toBe('990');
	});

	it('answers 201 for an unknown username and 208 for a wrong key', async () => {
		const unknown = await oy(
			sandbox,
			'POST',
			'/api/remit',
			examples['create-disbursement'].request,
			{ 'x-oy-username': 'nobody' },
		);
		expect(unknown.body.status).toEqual({
			code: '201',
			message: 'Request is Rejected (User ID is not Found)',
		});
		const wrongKey = await oy(
			sandbox,
			'POST',
			'/api/remit-status',
			{ partner_trx_id: 'x' },
			{ 'x-api-key': 'nope' },
		);
		expect(wrongKey.body.status).toEqual({
			code: '208',
			message: 'Request is Rejected (API Key is not Valid)',
		});
	});

	it('answers 204 from the status endpoint for an unknown partner_trx_id', async () => {
		const answer = await oy(sandbox, 'POST', '/api/remit-status', { partner_trx_id: 'never-sent' });
		expect(answer.body.status.code).toBe('204');
	});
});

describe('child_balance', () => {
	it('holds and debits the child balance, leaving the parent untouched', async () => {
		await control(sandbox, 'PUT', '/balance/children/child123', { balance: 200_000 });
		const id = nextId();
		const created = await remit({ partner_trx_id: id, amount: 150_000, child_balance: 'child123' });
		expect(created.body.status.code).toBe('101');
		sandbox.control.advanceTime(PROCESSING_MS);
		await receiver.next((c) => c.body.partner_trx_id === id);
		const ledger = await control(sandbox, 'GET', '/balance');
		expect(ledger.children.child123.balance).toBe(50_000);
		expect(ledger.own.balance).toBe(1_000_000_000);
	});

	it('fails a child payout the child cannot afford, and refuses an unknown child with 201', async () => {
		await control(sandbox, 'PUT', '/balance/children/poor-child', { balance: 1_000 });
		const id = nextId();
		await remit({ partner_trx_id: id, amount: 10_000, child_balance: 'poor-child' });
		sandbox.control.advanceTime(PROCESSING_MS);
		expect(
			(await oy(sandbox, 'POST', '/api/remit-status', { partner_trx_id: id })).body.status.code,
		).toBe('206');
		expect((await remit({ child_balance: 'no-such-child' })).body.status.code).toBe('201');
	});
});

describe('staging mock rule: recipient_account = <code> + 4 to 15 zeros', () => {
	it('answers the docs example exactly as documented', async () => {
		const example = examples['mock-amount-not-valid'];
		const answer = await oy(sandbox, 'POST', '/api/remit', example.request);
		expectSameShape(answer.body, example.response);
		const { timestamp: _ignored, ...rest } = answer.body;
		const { timestamp: _alsoIgnored, ...expected } = example.response;
		expect(rest).toEqual(expected);
	});

	const finalCodes = [
		'201',
		'202',
		'203',
		'205',
		'207',
		'208',
		'209',
		'210',
		'257',
		'264',
		'429',
		'990',
	];
	it.each(finalCodes)('forces %s with 4 and with 15 zeros and creates nothing', async (code) => {
		for (const zeros of [4, 15]) {
			const id = nextId();
			const answer = await remit({
				partner_trx_id: id,
				recipient_account: code + '0'.repeat(zeros),
			});
			expect(answer.body.status.code).toBe(code);
			expect(answer.body.trx_id).toBe('');
			expect(
				(await oy(sandbox, 'POST', '/api/remit-status', { partner_trx_id: id })).body.status.code,
			).toBe('204');
		}
	});

	it('forces 300 as a transaction that exists and has failed', async () => {
		const id = nextId();
		const answer = await remit({ partner_trx_id: id, recipient_account: '3000000' });
		expect(answer.body.status).toEqual({ code: '300', message: 'Failed' });
		expect(
			(await oy(sandbox, 'POST', '/api/remit-status', { partner_trx_id: id })).body.status.code,
		).toBe('300');
		expect((await balance()).balance).toBe(1_000_000_000);
	});

	it('processes other values normally: 3 or 16 zeros, non-final codes, unknown codes', async () => {
		for (const account of [
			'210000',
			'2100000000000000000',
			'3010000',
			'5040000',
			'9990000',
			'1230000',
		]) {
			expect((await remit({ recipient_account: account })).body.status.code, account).toBe('101');
		}
	});
});
