import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOperation } from '../../lib/catalogue.js';
import { OyClient } from '../../lib/client.js';
import { buildRequest } from '../../lib/request.js';
import { validateInput } from '../../lib/validation.js';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { control, oy, startTestSandbox } from '../sandbox/helpers.mjs';
import { httpSend } from '../support/httpSend.mjs';

/** Issue 11 item 11: Create Disbursement takes `child_balance` (OY API docs: Fund Disbursement › Create Disbursement › request parameters, String(255), optional). */
describe('Create Disbursement with child_balance', () => {
	let sandbox: RunningSandbox;
	beforeAll(async () => {
		sandbox = await startTestSandbox({ processingDelays: { disbursement: 0 } });
	});
	afterAll(async () => sandbox.close());

	const payout = {
		partner_trx_id: 'CHILD-1',
		recipient_bank: '014',
		recipient_account: '1234567890',
		amount: 25_000,
	};

	it('accepts it as text and sends it in the body', () => {
		const operation = getOperation('disbursement.create');
		const { input, problems } = validateInput(operation, {
			...payout,
			child_balance: 'branch-bandung',
		});
		expect(problems).toEqual([]);
		expect(buildRequest(operation, input).body).toEqual({
			...payout,
			child_balance: 'branch-bandung',
		});
		expect(
			validateInput(operation, { ...payout, child_balance: 'x'.repeat(256) }).problems.map(
				(problem) => problem.field,
			),
		).toEqual(['child_balance']);
	});

	it("pays from the child account's balance at OY! (the sandbox)", async () => {
		await control(sandbox, 'PUT', '/balance/children/branch-bandung', { balance: 100_000 });
		const client = new OyClient({
			send: httpSend(sandbox.url, { username: sandbox.username, apiKey: sandbox.apiKey }),
			sleep: () => Promise.resolve(),
		});
		const result = await client.call('disbursement.create', {
			...payout,
			child_balance: 'branch-bandung',
		});
		expect(result.outcome).toBe('pending');
		await control(sandbox, 'POST', '/clock/advance', { seconds: 5 });
		const children = await oy(
			sandbox,
			'GET',
			'/api/v1/multi-account/child/balance?child_username=branch-bandung',
		);
		expect(JSON.stringify(children.body)).toContain('75000');
	});
});
