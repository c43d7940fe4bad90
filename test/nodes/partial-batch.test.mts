import { describe, expect, it } from 'vitest';
import { DISBURSEMENT_FROM_ITEMS, ONE_PAYOUT } from '../support/operationParameters.mjs';
import { outputOf, useOyHarness } from './harness.mjs';

/**
 * A run of many payouts that stops half-way never hides a payout it made (issue 11, item 6), and a
 * reused id reads as what it is (item 8).
 */
const oy = useOyHarness({ processingDelays: { disbursement: 0 } });

const sentIds = (run: { requests: Array<{ path: string; body: unknown }> }) =>
	run.requests
		.filter((request) => request.path === '/api/remit')
		.map((request) => (request.body as { partner_trx_id: string }).partner_trx_id);

// The staging mock rule (OY API docs: Mock Data in Demo Environment): this account answers 210 and creates nothing.
const REFUSED_ACCOUNT = '2100000';

describe('a bad item anywhere in the run', () => {
	it('sends nothing when item 2 of 3 has a bad amount, and names the parameter and the item', async () => {
		const run = await oy.run(DISBURSEMENT_FROM_ITEMS, {
			input: [
				{ id: 'B-0', amount: '150000' },
				{ id: 'B-1', amount: '150000' },
				{ id: 'B-2', amount: 'abc' },
			],
		});
		expect(run.requests).toHaveLength(0);
		expect(run.error?.message).toMatch(/^'Amount' .* \[item 2\]$/);
		expect(run.error?.itemIndex).toBe(2);
		expect(run.error?.description).toMatch(/Nothing was sent to OY!/);
		const state = await oy.control('GET', '/state?product=disbursement');
		expect(JSON.stringify(state)).not.toContain('B-0');
	});

	it('sends nothing with parallel requests either, and lists every bad item', async () => {
		const input = Array.from({ length: 9 }, (_, index) => ({ id: `P-${index}`, amount: '150000' }));
		input[4].amount = '150.000';
		input[7].amount = '';
		const run = await oy.run(
			{ ...DISBURSEMENT_FROM_ITEMS, options: { concurrency: 5 } },
			{ input },
		);
		expect(run.requests).toHaveLength(0);
		expect(run.error?.message).toMatch(/\[item 4\]$/);
		expect(run.error?.description).toMatch(/\[item 7\]/);
		expect(run.error?.description).toMatch(/Nothing was sent to OY!/);
	});
});

describe('a run that OY! stops half-way', () => {
	it('reports the payout of item 0 in the error when OY! refuses item 1', async () => {
		const run = await oy.run(
			{ ...DISBURSEMENT_FROM_ITEMS, options: { concurrency: 1 } },
			{
				input: [
					{ id: 'R-0', amount: '150000' },
					{ id: 'R-1', amount: '150000', account: REFUSED_ACCOUNT },
					{ id: 'R-2', amount: '150000' },
				],
			},
		);
		expect(sentIds(run)).toEqual(['R-0', 'R-1']);
		expect(run.error?.message).toMatch(/\(OY! code 210\)/);
		expect(run.error?.itemIndex).toBe(1);
		expect(run.error?.description).not.toMatch(/Nothing was sent/);
		expect(run.error?.description).toMatch(/item 0 \(partner_trx_id R-0\): pending/);
		expect(run.error?.description).toMatch(/item 1 \(partner_trx_id R-1\): rejected/);
		expect(run.error?.description).toMatch(/Not sent: item 2\./);
		expect(run.error?.context?.sentItems).toEqual([
			expect.objectContaining({
				itemIndex: 0,
				partner_trx_id: 'R-0',
				outcome: 'pending',
				code: '101',
			}),
			expect.objectContaining({
				itemIndex: 1,
				partner_trx_id: 'R-1',
				outcome: 'rejected',
				code: '210',
			}),
		]);
		expect(run.error?.context?.notSentItems).toEqual([2]);
		const payout = await oy.control('GET', '/disbursement/payouts/R-0');
		expect(payout).toMatchObject({ partner_trx_id: 'R-0' });
	});

	it('reports every payout made around the refused item with parallel requests', async () => {
		const input = Array.from({ length: 5 }, (_, index) => ({ id: `Q-${index}`, amount: '150000' }));
		(input[2] as { account?: string }).account = REFUSED_ACCOUNT;
		const run = await oy.run(
			{ ...DISBURSEMENT_FROM_ITEMS, options: { concurrency: 5 } },
			{ input },
		);
		expect(sentIds(run).sort()).toEqual(['Q-0', 'Q-1', 'Q-2', 'Q-3', 'Q-4']);
		const reported = (
			run.error?.context?.sentItems as Array<{ partner_trx_id: string; outcome: string }>
		).map((entry) => `${entry.partner_trx_id} ${entry.outcome}`);
		expect(reported).toEqual([
			'Q-0 pending',
			'Q-1 pending',
			'Q-2 rejected',
			'Q-3 pending',
			'Q-4 pending',
		]);
		for (const id of ['Q-0', 'Q-1', 'Q-3', 'Q-4'])
			expect(run.error?.description).toContain(`partner_trx_id ${id}): pending`);
	});
});

describe('the error output (On Error › Continue (using error output))', () => {
	it('sends the good items, routes failed ones to the error branch with their id, index and verdict', async () => {
		const run = await oy.run(DISBURSEMENT_FROM_ITEMS, {
			errorOutput: true,
			input: [
				{ id: 'E-0', amount: '150000' },
				{ id: 'E-1', amount: '150000', account: REFUSED_ACCOUNT },
				{ id: 'E-2', amount: 'abc' },
				{ id: 'E-3', amount: '160000' },
			],
		});
		expect(run.error).toBeUndefined();
		expect(sentIds(run).sort()).toEqual(['E-0', 'E-1', 'E-3']);
		expect(
			run.items.map((item) => [item.json.partner_trx_id, item.json.outcome, item.pairedItem]),
		).toEqual([
			['E-0', 'pending', { item: 0 }],
			['E-3', 'pending', { item: 3 }],
		]);
		expect(run.errorItems.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		// n8n routes an item to the error branch when its json is only `error` and `message` (1.x and
		// 2.x); real n8n adds the input item's own fields (test/e2e/partial-batch.e2e.mts)
		const [refused, bad] = run.errorItems.map((item) => item.json);
		expect(Object.keys(refused).sort()).toEqual(['error', 'message']);
		expect(refused).toMatchObject({
			message: expect.stringMatching(/code 210/),
			error: {
				outcome: 'rejected',
				partner_trx_id: 'E-1',
				itemIndex: 1,
				message: expect.stringMatching(/code 210/),
				oy: { code: '210', sent: true },
			},
		});
		expect(bad).toMatchObject({
			message: expect.stringMatching(/^'Amount' .* \[item 2\]$/),
			error: {
				outcome: 'rejected',
				partner_trx_id: 'E-2',
				itemIndex: 2,
				description: 'Nothing was sent to OY!.',
				oy: {
					outcome: 'rejected',
					final: true,
					code: null,
					sent: false,
					meaning: expect.stringMatching(/^Refused before sending/),
				},
			},
		});
	});

	it('keeps failed items in place with Continue (regular output), each with its id, index and verdict', async () => {
		const run = await oy.run(DISBURSEMENT_FROM_ITEMS, {
			continueOnFail: true,
			input: [
				{ id: 'C-0', amount: 'abc' },
				{ id: 'C-1', amount: '150000' },
			],
		});
		const [bad, paid] = outputOf(run);
		expect(bad).toMatchObject({
			outcome: 'rejected',
			partner_trx_id: 'C-0',
			itemIndex: 0,
			oy: {
				outcome: 'rejected',
				sent: false,
				meaning: expect.stringMatching(/^Refused before sending/),
			},
		});
		expect(paid).toMatchObject({ outcome: 'pending', partner_trx_id: 'C-1' });
	});
});

describe('a reused partner_trx_id', () => {
	it('reports the original in words: nothing new was sent, and when the original was made', async () => {
		await oy.run(ONE_PAYOUT);
		const run = await oy.run(ONE_PAYOUT);
		expect(run.requests.map((request) => request.path)).toEqual([
			'/api/remit',
			'/api/remit-status',
		]);
		const [item] = outputOf(run);
		expect(item).toMatchObject({
			outcome: 'success',
			partner_trx_id: 'PAY-1',
			oy: {
				duplicate: true,
				reusedId: true,
				resolvedBy: 'statusCheck',
				originalCreatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/),
			},
		});
		const oyVerdict = item.oy as { meaning: string; originalCreatedAt: string };
		expect(oyVerdict.meaning).toMatch(/nothing new was sent/i);
		expect(oyVerdict.meaning).toContain(oyVerdict.originalCreatedAt);
		const state = await oy.control('GET', '/state?product=disbursement');
		expect(JSON.stringify(state).match(/"partner_trx_id":"PAY-1"/g)).toHaveLength(1);
	});

	it('is an error under Options › Reused ID: Treat as Error, still naming the original', async () => {
		await oy.run(ONE_PAYOUT);
		const run = await oy.run({ ...ONE_PAYOUT, options: { reusedId: 'error' } });
		expect(run.requests.map((request) => request.path)).toEqual([
			'/api/remit',
			'/api/remit-status',
		]);
		expect(run.error?.message).toBe(
			'This id was already used for a transaction at OY! (OY! code 203)',
		);
		expect(run.error?.description).toMatch(/nothing new was sent/i);
		const kept = await oy.run(
			{ ...ONE_PAYOUT, options: { reusedId: 'error' } },
			{ continueOnFail: true },
		);
		expect(outputOf(kept)[0]).toMatchObject({
			outcome: 'rejected',
			partner_trx_id: 'PAY-1',
			oy: { reusedId: true, original: { outcome: 'success', code: '000' } },
		});
	});

	it('is not called reused when the answer was lost and the payout of this run is found', async () => {
		await oy.control('POST', '/faults', {
			kind: 'drop-after-commit',
			path: '/api/remit',
			times: 1,
		});
		const run = await oy.run({ ...ONE_PAYOUT, options: { reusedId: 'error' } });
		const [item] = outputOf(run);
		expect(item).toMatchObject({ outcome: 'success', oy: { resolvedBy: 'statusCheck' } });
		expect(item.oy).not.toHaveProperty('reusedId');
	});
});
