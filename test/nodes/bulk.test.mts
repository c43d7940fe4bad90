import { describe, expect, it } from 'vitest';
import { DISBURSEMENT_FROM_ITEMS } from '../support/operationParameters.mjs';
import { outputOf, useOyHarness } from './harness.mjs';

/** Many input items: bounded concurrency, order kept, back-off on 429, no new payout after an error. */
const oy = useOyHarness({ processingDelays: { disbursement: 0 } });

const payouts = (count: number) =>
	Array.from({ length: count }, (_, index) => ({
		id: `BULK-${index}`,
		account: '1234567890',
		amount: String(10_000 + index),
	}));

/** The payouts sent (a run of several items first reads the balance: the funds check). */
const sentIds = (run: { requests: Array<{ path: string; body: unknown }> }) =>
	run.requests
		.filter((request) => request.path === '/api/remit')
		.map((request) => (request.body as { partner_trx_id: string }).partner_trx_id);

describe('the OY! node with many items', () => {
	it('sends at most "Parallel Requests" at a time and keeps the input order in the output', async () => {
		await oy.control('POST', '/faults', { kind: 'latency', path: '/api/remit', latency_ms: 20 });
		const input = payouts(60);
		const run = await oy.run(
			{ ...DISBURSEMENT_FROM_ITEMS, options: { concurrency: 4 } },
			{ input },
		);
		const items = outputOf(run);
		expect(items.map((item) => item.partner_trx_id)).toEqual(input.map((payout) => payout.id));
		expect(items.map((item) => item.amount)).toEqual(input.map((payout) => Number(payout.amount)));
		expect(items.every((item) => item.outcome === 'pending')).toBe(true);
		expect(oy.concurrency.max).toBe(4);
		expect(new Set(sentIds(run)).size).toBe(60);
	});

	it('backs off on HTTP 429 and sends the same payout again (OY! processed nothing)', async () => {
		await oy.control('POST', '/faults', { kind: 'rate-limit', path: '/api/remit', times: 2 });
		const run = await oy.run(DISBURSEMENT_FROM_ITEMS, { input: payouts(1) });
		expect(run.requests.map((request) => request.status)).toEqual([429, 429, 200]);
		expect(sentIds(run)).toEqual(['BULK-0', 'BULK-0', 'BULK-0']);
		expect(outputOf(run)[0]).toMatchObject({ outcome: 'pending', partner_trx_id: 'BULK-0' });
	});

	it('sends nothing when one item is bad, unless the workflow continues on fail', async () => {
		const input = payouts(12);
		input[5].account = '12-34';
		const stopped = await oy.run(
			{ ...DISBURSEMENT_FROM_ITEMS, options: { concurrency: 1 } },
			{ input },
		);
		expect(stopped.error).toMatchObject({
			itemIndex: 5,
			message: "'Recipient Account' must contain digits only [item 5]",
		});
		// every item is checked before the first request (issue 11, item 6)
		expect(sentIds(stopped)).toEqual([]);

		await oy.control('POST', '/reset');
		const kept = await oy.run(
			{ ...DISBURSEMENT_FROM_ITEMS, options: { concurrency: 3 } },
			{ input, continueOnFail: true },
		);
		const items = outputOf(kept);
		expect(items.map((item) => item.outcome)).toEqual([
			...Array(5).fill('pending'),
			'rejected',
			...Array(6).fill('pending'),
		]);
		expect(items[5]).toMatchObject({
			partner_trx_id: 'BULK-5',
			itemIndex: 5,
			error: "'Recipient Account' must contain digits only [item 5]",
			description: 'Nothing was sent to OY!.',
			oy: { outcome: 'rejected', sent: false },
		});
		expect(sentIds(kept)).toHaveLength(11);
	});
});
