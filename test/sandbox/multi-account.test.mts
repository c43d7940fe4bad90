import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import { CallbackReceiver, control, expectSameShape, oy, startTestSandbox } from './helpers.mjs';

const examples = docExamples('multi-account');
const PROCESSING_MS = 60_000;
/** The table lists overdraftBalance and overbookingBalance; the example leaves them out (OY API docs: API Multi Account Management › Get Child Balance › response parameters). */
const TABLE_FIELDS = ['data.balances[].overdraftBalance', 'data.balances[].overbookingBalance'];

let sandbox: RunningSandbox;
let receiver: CallbackReceiver;

const childBalances = async (child?: string) =>
	(
		await oy(
			sandbox,
			'GET',
			`/api/v1/multi-account/child/balance${child ? `?child_username=${encodeURIComponent(child)}` : ''}`,
		)
	).body;

beforeAll(async () => {
	receiver = await new CallbackReceiver().start();
	sandbox = await startTestSandbox({
		processingDelays: { disbursement: PROCESSING_MS },
		callbackUrls: { disbursement: `${receiver.url}/disbursement` },
	});
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(async () => {
	await control(sandbox, 'POST', '/reset');
	await control(sandbox, 'POST', '/seed', {
		'multi-account': {
			children: {
				Alice: { balance: 500_000 },
				JohnDoe: { balance: 100_000_000, overdraft: 500_000 },
			},
		},
	});
});

describe('Get Child Balance', () => {
	it('answers every child in the documented shape, with the docs figures adding up (overdraft counted)', async () => {
		const answer = await childBalances();
		expectSameShape(answer, examples['get-child-balance'].response, TABLE_FIELDS);
		expect(answer.status).toEqual({ code: '000', message: 'Success' });
		expect(answer.data.timeStamp).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/);
		expect(answer.data.balances.map((b: any) => b.username)).toEqual(['Alice', 'JohnDoe']);
		expect(answer.data.balances[1]).toMatchObject({
			balance: 100_000_000,
			overdraftBalance: 500_000,
			pendingBalance: 0,
			availableBalance: 100_500_000,
		});
	});

	it('answers one child when child_username is given, and 201 for a child that does not exist', async () => {
		const one = await childBalances('Alice');
		expect(one.data.balances).toEqual([
			{
				username: 'Alice',
				balance: 500_000,
				overdraftBalance: 0,
				overbookingBalance: 0,
				pendingBalance: 0,
				availableBalance: 500_000,
			},
		]);
		expect(await childBalances('Bob')).toEqual({
			status: { code: '201', message: 'Request is Rejected (User ID is not Found)' },
			data: null,
		});
	});

	it('refuses unknown credentials with 201 and a wrong key with 208', async () => {
		const path = '/api/v1/multi-account/child/balance';
		expect(
			(await oy(sandbox, 'GET', path, undefined, { 'x-oy-username': 'stranger' })).body.status.code,
		).toBe('201');
		expect((await oy(sandbox, 'GET', path, undefined, { 'x-api-key': 'wrong' })).body).toEqual({
			status: { code: '208', message: 'Request is Rejected (API Key is not Valid)' },
			data: null,
		});
	});

	it('generates child accounts for large data sets', async () => {
		const answer = await control(sandbox, 'POST', '/generate', {
			'multi-account': { children: 300 },
		});
		expect(answer.added).toEqual({ 'multi-account': 300 });
		expect((await childBalances()).data.balances).toHaveLength(302);
	});
});

describe('Disburse with Child Balance (/api/remit with child_balance)', () => {
	it('sends the docs example: 101, held on the child then debited from it, the parent untouched', async () => {
		const example = examples['disburse-with-child-balance'];
		const created = await oy(sandbox, 'POST', '/api/remit', example.request);
		expectSameShape(created.body, example.response);
		expect(created.body).toMatchObject({
			status: { code: '101', message: 'Request is Processed' },
			amount: 125000,
			partner_trx_id: '1234-asdf',
		});
		expect((await childBalances('Alice')).data.balances[0]).toMatchObject({
			pendingBalance: 125_000,
			availableBalance: 375_000,
		});

		await control(sandbox, 'POST', '/clock/advance', { ms: PROCESSING_MS });
		const callback = await receiver.next((c) => c.body.partner_trx_id === '1234-asdf');
		expect(callback.body.status.code).toBe('000');
		expect((await childBalances('Alice')).data.balances[0]).toMatchObject({
			balance: 375_000,
			pendingBalance: 0,
		});
		expect((await oy(sandbox, 'GET', '/api/balance')).body.balance).toBe(1_000_000_000);
	});

	it('fails a payout the child cannot afford (206 by status, 300 by callback) and leaves the parent alone', async () => {
		await oy(sandbox, 'POST', '/api/remit', {
			...examples['disburse-with-child-balance'].request,
			partner_trx_id: 'CHILD-BIG',
			amount: 600_000,
		});
		await control(sandbox, 'POST', '/clock/advance', { ms: PROCESSING_MS });
		expect(
			(await receiver.next((c) => c.body.partner_trx_id === 'CHILD-BIG')).body.status.code,
		).toBe('300');
		expect(
			(await oy(sandbox, 'POST', '/api/remit-status', { partner_trx_id: 'CHILD-BIG' })).body.status
				.code,
		).toBe('206');
		expect((await childBalances('Alice')).data.balances[0].balance).toBe(500_000);
		expect((await oy(sandbox, 'GET', '/api/balance')).body.balance).toBe(1_000_000_000);
	});

	it('keeps the staging mock rule (2100000 answers 210) and refuses a child that does not exist', async () => {
		const request = examples['disburse-with-child-balance'].request!;
		const mocked = await oy(sandbox, 'POST', '/api/remit', {
			...request,
			partner_trx_id: 'CHILD-MOCK',
			recipient_account: '2100000',
		});
		expect(mocked.body.status).toEqual({
			code: '210',
			message: 'Request is Rejected (Amount is not valid)',
		});
		const stranger = await oy(sandbox, 'POST', '/api/remit', {
			...request,
			partner_trx_id: 'CHILD-X',
			child_balance: 'Mallory',
		});
		expect(stranger.body.status.code).toBe('201');
	});
});
