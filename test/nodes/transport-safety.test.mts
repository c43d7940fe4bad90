import os from 'node:os';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ONE_PAYOUT } from '../support/operationParameters.mjs';
import { runOyNode } from '../support/engine.mjs';
import { startScriptedServer } from '../support/scriptedServer.mjs';
import { API_KEY, USERNAME, outputOf, startOyHarness } from './harness.mjs';
import type { OyHarness } from './harness.mjs';

/** This machine's first non-loopback IPv4 address: used only to show a request is refused before any connection. */
function nonLoopbackAddress(): string | undefined {
	for (const addresses of Object.values(os.networkInterfaces())) {
		for (const address of addresses ?? [])
			if (address.family === 'IPv4' && !address.internal) return address.address;
	}
	return undefined;
}

/**
 * The OY! node in n8n's engine (n8n-core's own HTTP helper) against the sandbox's transport and
 * answer faults. A redirect must never carry the API key to another address.
 */
describe('the OY! node: where its requests (and the API key) go', () => {
	let oy: OyHarness;
	let elsewhere: Awaited<ReturnType<typeof startScriptedServer>>;

	beforeAll(async () => {
		oy = await startOyHarness({ processingDelays: { disbursement: 60_000 } });
		// What a hijacked base URL would point to: it claims OY's success for anything.
		elsewhere = await startScriptedServer(() => ({
			json: { status: { code: '000', message: 'Success' }, partner_trx_id: 'PAY-1', balance: 1 },
		}));
	});
	afterAll(async () => {
		await elsewhere.close();
		await oy.close();
	});
	beforeEach(async () => {
		await oy.control('POST', '/reset');
		elsewhere.received.length = 0;
	});

	const payoutsOf = async (id: string) =>
		(
			(await oy.control('GET', '/state?product=disbursement')) as {
				payouts: Array<{ partner_trx_id: string }>;
			}
		).payouts.filter((payout) => payout.partner_trx_id === id);

	it.each([307, 302, 301, 308])(
		'a create answered with HTTP %i to another server: not followed, the key never goes there, reported as a redirect',
		async (status) => {
			await oy.control('POST', '/faults', {
				kind: 'redirect',
				http_status: status,
				location: elsewhere.url,
			});
			const run = await oy.run(ONE_PAYOUT);
			expect(elsewhere.received).toHaveLength(0);
			expect(run.status).toBe('error');
			expect(run.error?.message).toContain(
				`OY! answered with a redirect (HTTP ${status}) to ${elsewhere.url}/api/remit; not followed`,
			);
			// the create and one status check under the same id, both answered with the redirect
			expect(run.requests.map((request) => request.path)).toEqual([
				'/api/remit',
				'/api/remit-status',
			]);
			expect(await payoutsOf('PAY-1')).toHaveLength(0);
		},
	);

	it('a read answered with a redirect: not followed, continue-on-fail gives an unknown item saying so', async () => {
		await oy.control('POST', '/faults', {
			kind: 'redirect',
			http_status: 307,
			location: elsewhere.url,
			path: '/api/balance',
		});
		const run = await oy.run({ resource: 'balance', operation: 'get' }, { continueOnFail: true });
		const [item] = outputOf(run);
		expect(item.outcome).toBe('unknown');
		expect(String(item.error)).toContain('redirect (HTTP 307)');
		expect(run.requests).toHaveLength(1);
		expect(elsewhere.received).toHaveLength(0);
	});

	it("HTTP 502 after OY! committed, then a re-run with the same id: one payout in OY's books", async () => {
		await oy.control('POST', '/faults', {
			kind: 'http-error-after-commit',
			http_status: 502,
			path: '/api/remit',
			times: 1,
		});
		const first = await oy.run(ONE_PAYOUT);
		const [item] = outputOf(first);
		expect(item).toMatchObject({ outcome: 'pending', oy: { resolvedBy: 'statusCheck' } });
		const again = await oy.run(ONE_PAYOUT);
		expect(again.requests.filter((request) => request.path === '/api/remit')).toHaveLength(1);
		expect(outputOf(again)[0]).toMatchObject({ oy: { resolvedBy: 'statusCheck' } });
		expect(await payoutsOf('PAY-1')).toHaveLength(1);
		const ledger = await oy.control('GET', '/balance');
		expect(ledger.own.pending).toBe(150_000);
	});

	it.each(['truncated-json', 'html-200'])(
		"%s on a create: unknown, settled by the status check, never read as OY's answer",
		async (kind) => {
			await oy.control('POST', '/faults', { kind, path: '/api/remit', times: 1 });
			const run = await oy.run(ONE_PAYOUT);
			expect(run.requests.map((request) => request.path)).toEqual([
				'/api/remit',
				'/api/remit-status',
			]);
			const [item] = outputOf(run);
			expect(item).toMatchObject({ outcome: 'pending', oy: { resolvedBy: 'statusCheck' } });
			expect(await payoutsOf('PAY-1')).toHaveLength(1);
		},
	);

	it('a status API that lags the create: the payout is not read as rejected and not sent again', async () => {
		await oy.control('POST', '/faults', {
			kind: 'http-error-after-commit',
			http_status: 504,
			path: '/api/remit',
			times: 1,
		});
		await oy.control('POST', '/faults', {
			kind: 'status-lag',
			path: '/api/remit-status',
			lag_calls: 2,
		});
		const run = await oy.run(ONE_PAYOUT);
		const [item] = outputOf(run);
		expect(item.outcome).toBe('pending');
		expect(run.requests.map((request) => request.path)).toEqual([
			'/api/remit',
			'/api/remit-status',
			'/api/remit-status',
			'/api/remit-status',
		]);
		expect(await payoutsOf('PAY-1')).toHaveLength(1);
	}, 30_000);

	const address = nonLoopbackAddress();
	it.skipIf(!address)(
		'a custom base URL over plain http to another machine is refused before any connection',
		async () => {
			const credentials = {
				environment: 'custom',
				baseUrl: `http://${address}:9`,
				username: USERNAME,
				apiKey: API_KEY,
			};
			const run = await runOyNode({
				parameters: { resource: 'balance', operation: 'get' },
				credentials,
			});
			expect(run.status).toBe('error');
			expect(run.error?.message).toBe(
				`OY! credential: The base URL http://${address}:9 uses plain http to another machine: the API key would cross the network unencrypted. ` +
					'Use https, or turn on "Allow Insecure HTTP" in the credential if you accept that risk (without it, plain http is accepted only for 127.0.0.1, ::1 and localhost).',
			);
			expect(JSON.stringify(run)).not.toContain(API_KEY);
		},
	);

	it('plain http to this machine (127.0.0.1, localhost) needs no switch', async () => {
		const credentials = {
			environment: 'custom',
			baseUrl: oy.credentials.baseUrl,
			username: USERNAME,
			apiKey: API_KEY,
		};
		const loopback = await runOyNode({
			parameters: { resource: 'balance', operation: 'get' },
			credentials,
		});
		expect(loopback.error).toBeUndefined();
		const allowed = await runOyNode({
			parameters: { resource: 'balance', operation: 'get' },
			credentials: {
				...credentials,
				baseUrl: credentials.baseUrl.replace('127.0.0.1', 'localhost'),
			},
		});
		expect(allowed.error).toBeUndefined();
	});
});
