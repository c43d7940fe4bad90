import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISBURSEMENT_FROM_ITEMS } from '../support/operationParameters.mjs';
import { outputOf, startOyHarness } from './harness.mjs';
import type { OyHarness } from './harness.mjs';

const PAYOUTS = 1_000;
const TIMEOUT_MS = 1_000;

interface StoredPayout {
	partner_trx_id: string;
	amount: number;
}

/**
 * 1,000 disbursements through the OY! node in n8n's engine while the sandbox injects faults into
 * 10% of the disbursement requests (creates and status checks alike): answers that come too late,
 * 5xx gateway pages, OY's "504 timed out" body, connections dropped after OY! booked the payout, and
 * HTTP 429. Each payout must exist exactly once in OY's books, under the workflow's own id, with
 * the workflow's amount, and every item must come out classified.
 */
describe('1,000 disbursements through the node with 10% injected faults', () => {
	let oy: OyHarness;
	beforeAll(async () => {
		oy = await startOyHarness({ processingDelays: { disbursement: 0 }, faultSeed: 20261123 });
	});
	afterAll(async () => oy.close());

	it('pays each payout exactly once and classifies every item', async () => {
		const faults = [
			{ kind: 'latency', latency_ms: TIMEOUT_MS + 500 },
			{ kind: 'http-error', http_status: 502 },
			{ kind: 'timeout-body' },
			{ kind: 'drop-after-commit' },
			{ kind: 'rate-limit' },
		];
		for (const fault of faults)
			await oy.control('POST', '/faults', { ...fault, product: 'disbursement', rate: 0.02 });
		const input = Array.from({ length: PAYOUTS }, (_, index) => ({
			id: `FAULT-${index}`,
			amount: 10_000 + index,
		}));
		const started = performance.now();
		const run = await oy.run(
			{ ...DISBURSEMENT_FROM_ITEMS, options: { concurrency: 10, timeout: TIMEOUT_MS } },
			{ input, continueOnFail: true },
		);
		const seconds = (performance.now() - started) / 1000;
		const { faults: rules } = (await oy.control('GET', '/faults')) as {
			faults: Array<{ kind: string; fired: number }>;
		};
		const fired = rules.map((rule) => [rule.kind, rule.fired] as const);
		await oy.control('DELETE', '/faults');

		// every item, in order, classified
		const items = outputOf(run);
		expect(items).toHaveLength(PAYOUTS);
		const outcomes = new Map<string, number>();
		for (const [index, item] of items.entries()) {
			expect(['success', 'pending', 'unknown', 'failed', 'rejected']).toContain(item.outcome);
			outcomes.set(item.outcome as string, (outcomes.get(item.outcome as string) ?? 0) + 1);
			if (item.outcome !== 'unknown')
				expect(item.partner_trx_id ?? (item.oy as { body?: unknown })?.body).toBe(input[index].id);
		}

		// OY's books: one payout per id, the workflow's amount, nothing under an id the workflow did not give
		const { payouts } = (await oy.control('GET', '/state?product=disbursement')) as {
			payouts: StoredPayout[];
		};
		const stored = new Map(payouts.map((payout) => [payout.partner_trx_id, payout]));
		expect(stored.size).toBe(payouts.length);
		const creates = run.requests.filter((request) => request.path === '/api/remit');
		const sentIds = new Set(
			creates.map((request) => (request.body as StoredPayout).partner_trx_id),
		);
		expect([...sentIds].every((id) => input.some((payout) => payout.id === id))).toBe(true);
		for (const [index, item] of items.entries()) {
			const payout = stored.get(input[index].id);
			if (item.outcome === 'unknown') continue;
			expect(payout?.amount).toBe(input[index].amount);
		}
		// an unconfirmed payout is told apart by its status once the faults are gone
		const unknown = items.flatMap((item, index) =>
			item.outcome === 'unknown' ? [input[index].id] : [],
		);
		if (unknown.length > 0) {
			const check = await oy.run(
				{ resource: 'disbursement', operation: 'getStatus', partnerTrxId: '={{ $json.id }}' },
				{ input: unknown.map((id) => ({ id })), continueOnFail: true },
			);
			for (const [index, item] of outputOf(check).entries()) {
				expect(item.outcome === 'success').toBe(stored.has(unknown[index]));
			}
		}
		// the money: debited once per payout
		const ledger = await oy.control('GET', '/balance');
		const paid = payouts.reduce((sum, payout) => sum + payout.amount, 0);
		expect(ledger.own.balance).toBe(1_000_000_000 - paid);

		const statusChecks = run.requests.filter(
			(request) => request.path === '/api/remit-status',
		).length;
		const resolved = items.filter(
			(item) => (item.oy as { resolvedBy?: string })?.resolvedBy === 'statusCheck',
		).length;
		console.log(
			[
				`fault test: ${PAYOUTS} disbursements through the OY! node in n8n's engine, concurrency 10, timeout ${TIMEOUT_MS} ms, ${seconds.toFixed(1)} s`,
				`  requests: ${run.requests.length} (${creates.length} creates, ${statusChecks} status checks); faults fired: ${fired.map(([kind, count]) => `${kind} ${count}`).join(', ')}`,
				`  outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}; resolved by status check: ${resolved}; unknown then confirmed: ${unknown.filter((id) => stored.has(id)).length} paid, ${unknown.filter((id) => !stored.has(id)).length} not paid`,
				`  OY's books: ${payouts.length} payouts for ${PAYOUTS} ids, none twice; debited Rp${paid.toLocaleString('id-ID')} = the sum of the payouts`,
			].join('\n'),
		);
		expect(fired.reduce((sum, [, count]) => sum + count, 0)).toBeGreaterThan(PAYOUTS * 0.05);
		expect(resolved).toBeGreaterThan(0);
	}, 600_000);
});
