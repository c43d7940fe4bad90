import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OyClient } from '../../lib/client.js';
import type { OyResult } from '../../lib/types.js';
import { startSandbox } from '../../sandbox/src/index.mjs';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { httpSend } from '../support/httpSend.mjs';

/**
 * The client against the OY sandbox with every kind of fault switched on at a rate: each payout
 * must exist exactly once in OY's books and every answer must be classified.
 */
describe('money-moving creates against the sandbox under faults', () => {
	let sandbox: RunningSandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ processingDelays: { disbursement: 0 }, faultSeed: 7 });
	});
	afterAll(async () => sandbox.close());

	it('pays each of 300 payouts exactly once while connections drop, time out and fail', async () => {
		for (const kind of [
			'drop-before-commit',
			'drop-after-commit',
			'timeout-body',
			'rate-limit',
		] as const) {
			sandbox.control.addFault({ kind, path: '/api/remit', rate: 0.05 });
		}
		sandbox.control.addFault({
			kind: 'http-error',
			path: '/api/remit',
			rate: 0.05,
			http_status: 502,
		});
		sandbox.control.addFault({
			kind: 'latency',
			path: '/api/remit',
			rate: 0.02,
			latency_ms: 2_500,
		});
		const client = new OyClient({
			send: httpSend(sandbox.url, { username: sandbox.username, apiKey: sandbox.apiKey }),
			sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
			baseDelayMs: 5,
			maxDelayMs: 50,
			// generous enough for a loaded machine; the latency fault above still outlasts it
			timeoutMs: 1_500,
		});
		const ids = Array.from({ length: 300 }, (_, index) => `FAULT-${index}`);
		const results: OyResult[] = [];
		for (let start = 0; start < ids.length; start += 20) {
			const batch = ids.slice(start, start + 20).map((id) =>
				client.call('disbursement.create', {
					partner_trx_id: id,
					recipient_bank: '014',
					recipient_account: '1234567890',
					amount: 10_000,
				}),
			);
			results.push(...(await Promise.all(batch)));
		}
		const payouts = (
			sandbox.control.state('disbursement') as { payouts: Array<{ partner_trx_id: string }> }
		).payouts;
		const perId = new Map<string, number>();
		for (const payout of payouts)
			perId.set(payout.partner_trx_id, (perId.get(payout.partner_trx_id) ?? 0) + 1);
		expect([...perId.values()].every((count) => count === 1)).toBe(true);

		const outcomes = new Map<string, number>();
		for (const result of results)
			outcomes.set(result.outcome, (outcomes.get(result.outcome) ?? 0) + 1);
		const resolved = results.filter((result) => result.resolvedBy === 'statusCheck').length;
		console.log(
			`faults: ${payouts.length} payouts for ${ids.length} ids; outcomes ${JSON.stringify(Object.fromEntries(outcomes))}; ${resolved} resolved by status check`,
		);
		expect(resolved).toBeGreaterThan(0);
		// A create the client could not confirm (faults on every try) is reported unknown, never failed
		// or rejected; its status (the faults hit /api/remit only) then agrees with OY's books.
		expect(
			results.every((result) => ['success', 'pending', 'unknown'].includes(result.outcome)),
		).toBe(true);
		for (const [index, result] of results.entries()) {
			if (result.outcome !== 'unknown') {
				expect(perId.get(ids[index])).toBe(1);
				continue;
			}
			expect(result.hint).toMatch(/Do not create it again under another id/);
			const status = await client.call('disbursement.getStatus', { partner_trx_id: ids[index] });
			expect(status.code === '204').toBe(!perId.has(ids[index]));
		}
	});
});
