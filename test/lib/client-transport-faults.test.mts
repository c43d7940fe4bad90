import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OyClient } from '../../lib/client.js';
import type { ClientEvent } from '../../lib/client.js';
import { startSandbox } from '../../sandbox/src/index.mjs';
import type { FaultSpec, RunningSandbox } from '../../sandbox/src/index.mjs';
import { httpSend } from '../support/httpSend.mjs';
import { startScriptedServer } from '../support/scriptedServer.mjs';

/**
 * The client against the sandbox's answer faults, one at a time: the money must move once at most,
 * and an answer that is not OY's verdict must never be read as one.
 */
describe('the client under answer faults of the sandbox', () => {
	let sandbox: RunningSandbox;
	let elsewhere: Awaited<ReturnType<typeof startScriptedServer>>;
	let events: ClientEvent[];
	let counter = 0;

	beforeAll(async () => {
		sandbox = await startSandbox({
			port: 0,
			faultSeed: 1,
			processingDelays: { disbursement: 60_000 },
		});
		elsewhere = await startScriptedServer(() => ({
			json: { status: { code: '000', message: 'Success' } },
		}));
	});
	afterAll(async () => {
		await elsewhere.close();
		await sandbox.close();
	});
	beforeEach(() => {
		sandbox.control.reset();
		elsewhere.received.length = 0;
	});

	const client = (options: Partial<ConstructorParameters<typeof OyClient>[0]> = {}) => {
		events = [];
		const send = httpSend(sandbox.url, { username: sandbox.username, apiKey: sandbox.apiKey });
		const requests: string[] = [];
		return {
			requests,
			client: new OyClient({
				send: async (request) => {
					requests.push(request.path);
					return await send(request);
				},
				sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
				baseDelayMs: 20,
				maxDelayMs: 100,
				timeoutMs: 5_000,
				onEvent: (event) => events.push(event),
				...options,
			}),
		};
	};
	const payout = () => ({
		partner_trx_id: `TF-${++counter}`,
		recipient_bank: '014',
		recipient_account: '1234567890',
		amount: 125_000,
	});
	const payoutsOf = (id: string) =>
		(
			sandbox.control.state('disbursement') as { payouts: Array<{ partner_trx_id: string }> }
		).payouts.filter((entry) => entry.partner_trx_id === id);
	const fault = (spec: FaultSpec) => sandbox.control.addFault(spec);

	it.each([500, 502, 504])(
		'HTTP %i after OY! committed: unknown, resolved by a status check; a re-run with the same id pays nothing twice',
		async (status) => {
			fault({ kind: 'http-error-after-commit', http_status: status, path: '/api/remit', times: 1 });
			const input = payout();
			const first = client();
			const result = await first.client.call('disbursement.create', input);
			expect(result.trail[0]).toMatchObject({ outcome: 'unknown', httpStatus: status });
			expect(result.outcome).toBe('pending');
			expect(result.resolvedBy).toBe('statusCheck');
			expect(first.requests).toEqual(['/api/remit', '/api/remit-status']);

			const again = await client().client.call('disbursement.create', input);
			expect(again.duplicate).toBe(true);
			expect(again.outcome).toBe('pending');
			expect(payoutsOf(input.partner_trx_id)).toHaveLength(1);
			expect(sandbox.control.ledger.snapshot()).toMatchObject({ own: { pending: input.amount } });
		},
	);

	it.each([
		['truncated JSON', 'truncated-json'],
		['an HTML page with HTTP 200', 'html-200'],
	] as const)(
		'%s is unknown, never success, and triggers the status check under the same id',
		async (_, kind) => {
			fault({ kind, path: '/api/remit', times: 1 });
			const input = payout();
			const { client: oy, requests } = client();
			const result = await oy.call('disbursement.create', input);
			expect(result.trail[0].outcome).toBe('unknown');
			expect(result.trail[0].meaning).toMatch(/not JSON/);
			expect(events.filter((event) => event.type === 'statusCheck')).toHaveLength(1);
			expect(result.outcome).toBe('pending');
			expect(result.resolvedBy).toBe('statusCheck');
			expect(requests).toEqual(['/api/remit', '/api/remit-status']);
			expect(payoutsOf(input.partner_trx_id)).toHaveLength(1);
		},
	);

	it('a status API that lags the create: no re-send on "not found" right after an unknown create; it keeps asking', async () => {
		fault({ kind: 'http-error-after-commit', http_status: 502, path: '/api/remit', times: 1 });
		fault({ kind: 'status-lag', path: '/api/remit-status', lag_calls: 2 });
		const input = payout();
		const { client: oy, requests } = client();
		const result = await oy.call('disbursement.create', input);
		expect(requests).toEqual([
			'/api/remit',
			'/api/remit-status',
			'/api/remit-status',
			'/api/remit-status',
		]);
		expect(events.some((event) => event.type === 'resubmit')).toBe(false);
		expect(result.outcome).toBe('pending');
		expect(result.resolvedBy).toBe('statusCheck');
		expect(payoutsOf(input.partner_trx_id)).toHaveLength(1);
	});

	it('a status API that lags longer than every check: unknown, never rejected, one payout', async () => {
		fault({ kind: 'http-error-after-commit', http_status: 504, path: '/api/remit', times: 1 });
		fault({ kind: 'status-lag', path: '/api/remit-status', lag_ms: 600_000 });
		const input = payout();
		const { client: oy, requests } = client({ statusChecks: 3 });
		const result = await oy.call('disbursement.create', input);
		expect(result.outcome).toBe('unknown');
		expect(result.final).toBe(false);
		expect(result.hint).toMatch(/Do not create it again under another id/);
		// three "not found" answers in a row before the same create goes again, under the same id
		expect(requests.slice(0, 4)).toEqual([
			'/api/remit',
			'/api/remit-status',
			'/api/remit-status',
			'/api/remit-status',
		]);
		expect(payoutsOf(input.partner_trx_id)).toHaveLength(1);
	});

	it("a redirect is not followed, is reported as such and is never OY!'s verdict", async () => {
		fault({
			kind: 'redirect',
			http_status: 307,
			location: elsewhere.url,
			path: '/api/remit',
			times: 1,
		});
		fault({
			kind: 'redirect',
			http_status: 302,
			location: elsewhere.url,
			path: '/api/remit-status',
		});
		const input = payout();
		const { client: oy, requests } = client();
		const result = await oy.call('disbursement.create', input);
		expect(result.trail[0]).toMatchObject({ outcome: 'unknown', httpStatus: 307 });
		expect(result.trail[0].meaning).toBe(
			`OY! answered with a redirect (HTTP 307) to ${elsewhere.url}/api/remit; not followed`,
		);
		expect(result.outcome).toBe('unknown');
		expect(result.meaning).toContain('redirect (HTTP 302)');
		// a redirect is a setup problem: the status is asked once, not retried again and again
		expect(requests).toEqual(['/api/remit', '/api/remit-status']);
		expect(elsewhere.received).toHaveLength(0);
		expect(payoutsOf(input.partner_trx_id)).toHaveLength(0);
	});

	it('a redirect on a read is reported, not retried', async () => {
		fault({ kind: 'redirect', http_status: 308, location: elsewhere.url, path: '/api/balance' });
		const { client: oy, requests } = client();
		const result = await oy.call('balance.get', {});
		expect(result.outcome).toBe('unknown');
		expect(result.meaning).toBe(
			`OY! answered with a redirect (HTTP 308) to ${elsewhere.url}/api/balance; not followed`,
		);
		expect(requests).toHaveLength(1);
	});
});

describe('a 3xx answer that looks like OY!', () => {
	let server: Awaited<ReturnType<typeof startScriptedServer>>;
	beforeAll(async () => {
		server = await startScriptedServer(() => ({
			status: 301,
			headers: { location: 'http://127.0.0.1:9/api/balance' },
			json: { status: { code: '000', message: 'Success' }, balance: 1 },
		}));
	});
	afterAll(async () => server.close());

	it('is not taken as success, whatever its body says', async () => {
		const oy = new OyClient({ send: httpSend(server.url), sleep: async () => {}, baseDelayMs: 1 });
		const result = await oy.call('balance.get', {});
		expect(result.outcome).toBe('unknown');
		expect(result.meaning).toMatch(
			/redirect \(HTTP 301\) to http:\/\/127\.0\.0\.1:9\/api\/balance; not followed/,
		);
	});
});
