import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import { control, oy, startTestSandbox } from './helpers.mjs';

const remitExample = docExamples('disbursement')['create-disbursement'].request!;
let sandbox: RunningSandbox;
let counter = 0;
const remitBody = () => ({ ...remitExample, partner_trx_id: `LIMIT-${++counter}` });

beforeAll(async () => {
	sandbox = await startTestSandbox({ processingDelays: { disbursement: 60_000 } });
});
afterAll(() => sandbox.close());
beforeEach(() => control(sandbox, 'POST', '/reset'));

describe('rate limit', () => {
	// One token per 100 s: nothing refills while the test runs, however slow the machine.
	const slow = { requests_per_second: 0.01, burst: 2 };

	it('answers 429 with Retry-After once the burst is spent, and processes nothing', async () => {
		await control(sandbox, 'PUT', '/rate-limit', slow);
		const first = remitBody();
		expect((await oy(sandbox, 'POST', '/api/remit', first)).body.status.code).toBe('101');
		expect((await oy(sandbox, 'GET', '/api/balance')).status).toBe(200);
		const refused = remitBody();
		const answer = await oy(sandbox, 'POST', '/api/remit', refused);
		expect(answer.status).toBe(429);
		expect(answer.body.status).toEqual({
			code: '429',
			message: 'Request Rejected (Too Many Request to specific endpoint)',
		});
		const retryAfter = Number(answer.headers['retry-after']);
		expect(retryAfter).toBeGreaterThanOrEqual(90);
		expect(retryAfter).toBeLessThanOrEqual(100);
		const { rate_limit } = await control(sandbox, 'GET', '/rate-limit');
		expect(rate_limit).toEqual({ requests_per_second: 0.01, burst: 2, allowed: 2, refused: 1 });
		// nothing was booked for the refused payout: once the limit is gone, OY! does not know it
		await control(sandbox, 'DELETE', '/rate-limit');
		expect(
			(await oy(sandbox, 'POST', '/api/remit-status', { partner_trx_id: refused.partner_trx_id }))
				.body.status.code,
		).toBe('204');
	});

	it('refills at the set rate: a fast limit lets a later request through', async () => {
		await control(sandbox, 'PUT', '/rate-limit', { requests_per_second: 1000, burst: 1 });
		expect((await oy(sandbox, 'GET', '/api/balance')).status).toBe(200);
		// a millisecond gives a token back at 1000 per second
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect((await oy(sandbox, 'GET', '/api/balance')).status).toBe(200);
	});

	it('is removed by a reset, and refuses settings that make no limit', async () => {
		await control(sandbox, 'PUT', '/rate-limit', slow);
		await control(sandbox, 'POST', '/reset');
		expect((await control(sandbox, 'GET', '/rate-limit')).rate_limit).toBeNull();
		await expect(
			control(sandbox, 'PUT', '/rate-limit', { requests_per_second: 0 }),
		).rejects.toThrow(/400.*requests_per_second must be a number above 0/);
		await expect(
			control(sandbox, 'PUT', '/rate-limit', { requests_per_second: 5, burst: 0.5 }),
		).rejects.toThrow(/400.*burst must be a whole number/);
	});

	it('can be set when the sandbox starts', async () => {
		const limited = await startTestSandbox({ rateLimit: { requests_per_second: 0.01, burst: 1 } });
		try {
			expect((await oy(limited, 'GET', '/api/balance')).status).toBe(200);
			expect((await oy(limited, 'GET', '/api/balance')).status).toBe(429);
		} finally {
			await limited.close();
		}
	});
});

describe('latency jitter', () => {
	it('adds up to jitter_ms to latency_ms, differently per request, the same again with the same seed', () => {
		const faults = sandbox.control.faults;
		faults.clear();
		faults.reseed(11);
		faults.add({ kind: 'latency', latency_ms: 100, jitter_ms: 50, path: '/api/balance' });
		const delays = () =>
			Array.from(
				{ length: 20 },
				() => faults.decide('GET', '/api/balance', '/api/balance', 'balance').latencyMs,
			);
		const first = delays();
		for (const delay of first) {
			expect(delay).toBeGreaterThanOrEqual(100);
			expect(delay).toBeLessThan(150);
		}
		expect(new Set(first).size).toBeGreaterThan(10);
		faults.reseed(11);
		expect(delays()).toEqual(first);
		faults.clear();
	});
});
