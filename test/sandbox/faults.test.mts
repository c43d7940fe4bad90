import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import { control, oy, rawRequest, startTestSandbox } from './helpers.mjs';

const remitExample = docExamples('disbursement')['create-disbursement'].request!;
let sandbox: RunningSandbox;
let counter = 0;
const remitBody = () => ({ ...remitExample, partner_trx_id: `FAULT-${++counter}` });
const statusOf = async (partnerTrxId: unknown) =>
	(await oy(sandbox, 'POST', '/api/remit-status', { partner_trx_id: partnerTrxId })).body.status
		.code;

beforeAll(async () => {
	sandbox = await startTestSandbox({ processingDelays: { disbursement: 60_000 } });
});
afterAll(() => sandbox.close());
beforeEach(() => control(sandbox, 'POST', '/reset'));

describe('fault injection', () => {
	it('drop-after-commit: the client sees the connection die, yet the disbursement exists', async () => {
		await control(sandbox, 'POST', '/faults', {
			kind: 'drop-after-commit',
			path: '/api/remit',
			times: 1,
		});
		const body = remitBody();
		await expect(rawRequest(sandbox, 'POST', '/api/remit', body)).rejects.toThrow(
			/socket hang up|ECONNRESET/,
		);
		expect(await statusOf(body.partner_trx_id)).toBe('101');
		// The retry with the same partner_trx_id is recognised as the same transaction.
		expect((await oy(sandbox, 'POST', '/api/remit', body)).body.status.code).toBe('257');
	});

	it('drop-before-commit: the connection dies and nothing was created', async () => {
		await control(sandbox, 'POST', '/faults', {
			kind: 'drop-before-commit',
			path: '/api/remit',
			times: 1,
		});
		const body = remitBody();
		await expect(rawRequest(sandbox, 'POST', '/api/remit', body)).rejects.toThrow(
			/socket hang up|ECONNRESET/,
		);
		expect(await statusOf(body.partner_trx_id)).toBe('204');
		expect((await oy(sandbox, 'POST', '/api/remit', body)).body.status.code).toBe('101');
	});

	it('timeout-body: answers the documented 504 "Disbursement Submission Timed Out" after committing', async () => {
		await control(sandbox, 'POST', '/faults', {
			kind: 'timeout-body',
			path: '/api/remit',
			times: 1,
		});
		const body = remitBody();
		const answer = await oy(sandbox, 'POST', '/api/remit', body);
		expect(answer.status).toBe(200);
		expect(answer.body.status).toEqual({
			code: '504',
			message: 'Disbursement Submission Timed Out',
		});
		expect(answer.body.trx_id).toBe('');
		expect(await statusOf(body.partner_trx_id)).toBe('101');
	});

	it('timeout-body elsewhere: HTTP 504 from the gateway', async () => {
		await control(sandbox, 'POST', '/faults', { kind: 'timeout-body', path: '/api/balance' });
		const answer = await oy(sandbox, 'GET', '/api/balance');
		expect(answer.status).toBe(504);
	});

	it('http-error: an HTML 5xx page from the gateway, nothing created', async () => {
		await control(sandbox, 'POST', '/faults', {
			kind: 'http-error',
			http_status: 503,
			method: 'POST',
			path: '/api/remit',
		});
		const body = remitBody();
		const answer = await oy(sandbox, 'POST', '/api/remit', body);
		expect(answer.status).toBe(503);
		expect(answer.body).toBeUndefined();
		expect(answer.text).toContain('503');
		expect(await statusOf(body.partner_trx_id)).toBe('204');
	});

	it("rate-limit: HTTP 429 with the product's documented code 429", async () => {
		await control(sandbox, 'POST', '/faults', { kind: 'rate-limit', product: 'balance' });
		const answer = await oy(sandbox, 'GET', '/api/balance');
		expect(answer.status).toBe(429);
		expect(answer.body.status).toEqual({
			code: '429',
			message: 'Request Rejected (Too Many Request to specific endpoint)',
		});
	});

	it('latency: the answer still comes, and the rule counts what it delayed', async () => {
		const rule = await control(sandbox, 'POST', '/faults', {
			kind: 'latency',
			latency_ms: 50,
			path: '/api/balance',
		});
		expect((await oy(sandbox, 'GET', '/api/balance')).body.status.code).toBe('000');
		const { faults } = await control(sandbox, 'GET', '/faults');
		expect(faults.find((f: { id: number }) => f.id === rule.id).fired).toBe(1);
	});

	it('times: a rule fires that many times and then retires', async () => {
		await control(sandbox, 'POST', '/faults', {
			kind: 'http-error',
			path: '/api/balance',
			times: 2,
		});
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await oy(sandbox, 'GET', '/api/balance')).status);
		expect(statuses).toEqual([500, 500, 200, 200]);
	});

	it('rate: a fault at a rate hits some requests and spares others', async () => {
		sandbox.control.faults.reseed(7);
		await control(sandbox, 'POST', '/faults', {
			kind: 'http-error',
			path: '/api/balance',
			rate: 0.5,
		});
		const statuses = [];
		for (let i = 0; i < 40; i++) statuses.push((await oy(sandbox, 'GET', '/api/balance')).status);
		expect(statuses.filter((s) => s === 500).length).toBeGreaterThan(5);
		expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(5);
	});

	it('matches a route pattern with parameters, and leaves other routes alone', async () => {
		await control(sandbox, 'POST', '/faults', { kind: 'http-error', path: '/api/remit-status' });
		expect((await oy(sandbox, 'POST', '/api/remit-status', { partner_trx_id: 'x' })).status).toBe(
			500,
		);
		expect((await oy(sandbox, 'GET', '/api/balance')).status).toBe(200);
		await control(sandbox, 'DELETE', '/faults');
		expect((await oy(sandbox, 'POST', '/api/remit-status', { partner_trx_id: 'x' })).status).toBe(
			200,
		);
	});

	const payoutsOf = (partnerTrxId: unknown) =>
		(
			sandbox.control.state('disbursement') as { payouts: Array<{ partner_trx_id: string }> }
		).payouts.filter((payout) => payout.partner_trx_id === partnerTrxId);

	it.each([500, 502, 504])(
		'http-error-after-commit: the payout IS created, then the answer is an HTML %i page',
		async (status) => {
			await control(sandbox, 'POST', '/faults', {
				kind: 'http-error-after-commit',
				http_status: status,
				path: '/api/remit',
				times: 1,
			});
			const body = remitBody();
			const answer = await oy(sandbox, 'POST', '/api/remit', body);
			expect(answer.status).toBe(status);
			expect(answer.body).toBeUndefined();
			expect(answer.text).toContain(String(status));
			expect(payoutsOf(body.partner_trx_id)).toHaveLength(1);
			expect(await statusOf(body.partner_trx_id)).toBe('101');
			// the same id again: OY! knows it, nothing new is created
			expect((await oy(sandbox, 'POST', '/api/remit', body)).body.status.code).toBe('257');
			expect(payoutsOf(body.partner_trx_id)).toHaveLength(1);
		},
	);

	it('http-error-after-commit takes only a 5xx status', async () => {
		await expect(
			control(sandbox, 'POST', '/faults', { kind: 'http-error-after-commit', http_status: 302 }),
		).rejects.toThrow(/5xx/);
	});

	it('truncated-json: the payout IS created, the answer is HTTP 200 with JSON cut in the middle', async () => {
		await control(sandbox, 'POST', '/faults', {
			kind: 'truncated-json',
			path: '/api/remit',
			times: 1,
		});
		const body = remitBody();
		const answer = await oy(sandbox, 'POST', '/api/remit', body);
		expect(answer.status).toBe(200);
		expect(answer.body).toBeUndefined();
		expect(answer.text.startsWith('{"status":{')).toBe(true);
		expect(() => JSON.parse(answer.text)).toThrow();
		expect(payoutsOf(body.partner_trx_id)).toHaveLength(1);
	});

	it('html-200: the payout IS created, the answer is an HTML page with HTTP 200', async () => {
		await control(sandbox, 'POST', '/faults', { kind: 'html-200', path: '/api/remit', times: 1 });
		const body = remitBody();
		const response = await fetch(`${sandbox.url}/api/remit`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'x-oy-username': sandbox.username,
				'x-api-key': sandbox.apiKey,
			},
			body: JSON.stringify(body),
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/html/);
		expect(await response.text()).toMatch(/^<!DOCTYPE html>/);
		expect(payoutsOf(body.partner_trx_id)).toHaveLength(1);
	});

	it('status-lag by calls: the first N status reads after a create say "not found" (204), then the truth', async () => {
		await control(sandbox, 'POST', '/faults', {
			kind: 'status-lag',
			path: '/api/remit-status',
			lag_calls: 2,
		});
		const body = remitBody();
		expect((await oy(sandbox, 'POST', '/api/remit', body)).body.status.code).toBe('101');
		const lagging = await oy(sandbox, 'POST', '/api/remit-status', {
			partner_trx_id: body.partner_trx_id,
		});
		expect(lagging.body.status).toEqual({
			code: '204',
			message: 'Transaction do not exist (Partner Tx ID is Not Found)',
		});
		expect(await statusOf(body.partner_trx_id)).toBe('204');
		expect(await statusOf(body.partner_trx_id)).toBe('101');
		expect(await statusOf(body.partner_trx_id)).toBe('101');
		// another id's create starts its own lag
		const other = remitBody();
		await oy(sandbox, 'POST', '/api/remit', other);
		expect(await statusOf(other.partner_trx_id)).toBe('204');
		const { faults } = await control(sandbox, 'GET', '/faults');
		expect(faults[0].fired).toBe(3);
	});

	it('status-lag by time: status reads say "not found" for lag_ms of the sandbox clock after the create', async () => {
		await control(sandbox, 'POST', '/faults', {
			kind: 'status-lag',
			path: '/api/remit-status',
			lag_ms: 60_000,
		});
		const body = remitBody();
		await oy(sandbox, 'POST', '/api/remit', body);
		for (let i = 0; i < 3; i++) expect(await statusOf(body.partner_trx_id)).toBe('204');
		await control(sandbox, 'POST', '/clock/advance', { seconds: 61 });
		expect(await statusOf(body.partner_trx_id)).not.toBe('204');
		// an id never created is simply not found, lag or not
		expect(await statusOf('NEVER-CREATED')).toBe('204');
	});

	it('status-lag needs the status path and a lag', async () => {
		await expect(
			control(sandbox, 'POST', '/faults', { kind: 'status-lag', lag_ms: 10 }),
		).rejects.toThrow(/path/);
		await expect(
			control(sandbox, 'POST', '/faults', { kind: 'status-lag', path: '/api/remit-status' }),
		).rejects.toThrow(/lag_ms/);
	});

	it.each([301, 302, 303, 307, 308])(
		'redirect: HTTP %i to another URL with the path kept, nothing processed',
		async (status) => {
			await control(sandbox, 'POST', '/faults', {
				kind: 'redirect',
				http_status: status,
				location: 'http://127.0.0.1:9/elsewhere',
				path: '/api/remit',
				times: 1,
			});
			const body = remitBody();
			const response = await fetch(`${sandbox.url}/api/remit?x=1`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					'content-type': 'application/json',
					'x-oy-username': sandbox.username,
					'x-api-key': sandbox.apiKey,
				},
				body: JSON.stringify(body),
			});
			expect(response.status).toBe(status);
			expect(response.headers.get('location')).toBe('http://127.0.0.1:9/elsewhere/api/remit?x=1');
			await response.text();
			expect(payoutsOf(body.partner_trx_id)).toHaveLength(0);
		},
	);

	it('redirect defaults to 307 and needs a location', async () => {
		await expect(control(sandbox, 'POST', '/faults', { kind: 'redirect' })).rejects.toThrow(
			/location/,
		);
		await expect(
			control(sandbox, 'POST', '/faults', {
				kind: 'redirect',
				location: 'http://127.0.0.1:9',
				http_status: 200,
			}),
		).rejects.toThrow(/http_status/);
		await control(sandbox, 'POST', '/faults', {
			kind: 'redirect',
			location: 'http://127.0.0.1:9',
			path: '/api/balance',
		});
		const response = await fetch(`${sandbox.url}/api/balance`, {
			redirect: 'manual',
			headers: { 'x-oy-username': sandbox.username, 'x-api-key': sandbox.apiKey },
		});
		expect(response.status).toBe(307);
		await response.text();
	});

	it('the new faults can be set at start, through startSandbox options', async () => {
		const started = await startTestSandbox({
			processingDelays: { disbursement: 60_000 },
			faults: [
				{ kind: 'http-error-after-commit', http_status: 502, path: '/api/remit', times: 1 },
				{ kind: 'status-lag', path: '/api/remit-status', lag_calls: 1 },
			],
		});
		try {
			const body = remitBody();
			expect((await oy(started, 'POST', '/api/remit', body)).status).toBe(502);
			expect(
				(await oy(started, 'POST', '/api/remit-status', { partner_trx_id: body.partner_trx_id }))
					.body.status.code,
			).toBe('204');
			expect(
				(await oy(started, 'POST', '/api/remit-status', { partner_trx_id: body.partner_trx_id }))
					.body.status.code,
			).toBe('101');
		} finally {
			await started.close();
		}
	});

	it('refuses an unknown fault kind', async () => {
		await expect(control(sandbox, 'POST', '/faults', { kind: 'meteor' })).rejects.toThrow(/400/);
	});
});

describe('core', () => {
	it('answers 404 for a path OY! does not have', async () => {
		const answer = await oy(sandbox, 'GET', '/api/nothing-here');
		expect(answer.status).toBe(404);
	});

	it('advances the clock by units or to an instant, never backwards', async () => {
		const before = await control(sandbox, 'GET', '/clock');
		const after = await control(sandbox, 'POST', '/clock/advance', { days: 1, hours: 2 });
		expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(26 * 3_600_000);
		const target = new Date(Date.parse(after.now) + 3 * 86_400_000).toISOString();
		const jumped = await control(sandbox, 'POST', '/clock/advance', { to: target });
		expect(Date.parse(jumped.now)).toBeGreaterThanOrEqual(Date.parse(target));
		const back = await control(sandbox, 'POST', '/clock/advance', { to: '2001-01-01T00:00:00Z' });
		expect(back.advanced_ms).toBe(0);
		await expect(control(sandbox, 'POST', '/clock/advance', { days: -1 })).rejects.toThrow(/400/);
	});

	it('tells a bad control request with 400 and its reason', async () => {
		await expect(
			control(sandbox, 'PUT', '/callbacks', { nosuchproduct: 'http://x' }),
		).rejects.toThrow(/no product/);
		await expect(control(sandbox, 'GET', '/no-such-control')).rejects.toThrow(/404/);
	});

	it('keeps connections alive between requests', async () => {
		const first = await fetch(`${sandbox.url}/api/balance`);
		expect(first.headers.get('connection')).toBe('keep-alive');
		await first.text();
	});
});
