import { describe, expect, it } from 'vitest';
import { OyClient } from '../../lib/client.js';
import { httpSend } from '../support/httpSend.mjs';
import { DISBURSEMENT_FROM_ITEMS } from '../support/operationParameters.mjs';
import { API_KEY, outputOf, useOyHarness, USERNAME } from './harness.mjs';

/**
 * Under OY's rate limit (the sandbox's: 429 with Retry-After) the OY! node slows the whole run down
 * and speeds up again, instead of each request backing off on its own.
 */
const oy = useOyHarness({ processingDelays: { disbursement: 60_000 } });

const LIMIT = { requests_per_second: 50, burst: 50 };
const COUNT = 250;
const PARALLEL = 16;

const payouts = (prefix: string) =>
	Array.from({ length: COUNT }, (_, index) => ({
		id: `${prefix}-${index}`,
		account: '1234567890',
		amount: String(10_000 + index),
	}));

/** The payouts the sandbox booked, and how many requests its rate limit refused. */
async function sandboxCounts() {
	const { payouts: booked } = await oy.control('GET', '/state?product=disbursement');
	const { rate_limit } = await oy.control('GET', '/rate-limit');
	return {
		booked: (booked as Array<{ partner_trx_id: string }>).map((payout) => payout.partner_trx_id),
		refused: rate_limit.refused as number,
	};
}

/** The same payouts from lib's client with no shared pace: each refused request only waits its own Retry-After. */
async function eachOnItsOwn(input: ReturnType<typeof payouts>) {
	const send = httpSend(oy.sandbox.url, { username: USERNAME, apiKey: API_KEY });
	const client = new OyClient({ send, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
	let next = 0;
	const outcomes: string[] = [];
	await Promise.all(
		Array.from({ length: PARALLEL }, async () => {
			while (next < input.length) {
				const payout = input[next++];
				const result = await client.call('disbursement.create', {
					partner_trx_id: payout.id,
					recipient_bank: '014',
					recipient_account: payout.account,
					amount: Number(payout.amount),
				});
				outcomes.push(result.outcome);
			}
		}),
	);
	send.agent.destroy();
	return outcomes;
}

describe('the OY! node under OY! rate limit', () => {
	it('pays every item once with fewer 429s than requests that back off each on their own', async () => {
		await oy.control('PUT', '/rate-limit', LIMIT);
		const alone = await eachOnItsOwn(payouts('ALONE'));
		const without = await sandboxCounts();
		expect(alone.every((outcome) => outcome === 'pending')).toBe(true);
		expect(without.booked).toHaveLength(COUNT);

		await oy.control('POST', '/reset');
		await oy.control('PUT', '/rate-limit', LIMIT);
		const input = payouts('PACED');
		const run = await oy.run(
			{ ...DISBURSEMENT_FROM_ITEMS, options: { concurrency: PARALLEL } },
			{ input },
		);
		const items = outputOf(run);
		expect(items.map((item) => item.partner_trx_id)).toEqual(input.map((payout) => payout.id));
		expect(items.every((item) => item.outcome === 'pending')).toBe(true);
		const paced = await sandboxCounts();
		// every payout booked once: no item failed, none was paid twice
		expect(paced.booked.sort()).toEqual(input.map((payout) => payout.id).sort());
		expect(paced.refused).toBeGreaterThan(0);
		expect(paced.refused).toBeLessThan(without.refused);
		// every refused payout was sent again, and only those
		const remits = run.requests.filter((request) => request.path === '/api/remit');
		expect(remits.filter((request) => request.status === 429)).toHaveLength(paced.refused);
		expect(remits).toHaveLength(COUNT + paced.refused);
	});
});
