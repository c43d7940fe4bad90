import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSend } from '../../jobs/src/oy/httpSend.mjs';
import { classifyTransportFailure } from '../../lib/transport.js';
import { startScriptedServer } from '../support/scriptedServer.mjs';

const SECRET = 'live-key-9f8e7d6c5b4a';

/** The jobs' transport (node:http) keeps lib's Send contract and never lets the API key out. */
describe('httpSend', () => {
	let server: Awaited<ReturnType<typeof startScriptedServer>>;
	beforeAll(async () => {
		server = await startScriptedServer(() => ({ json: { status: { code: '000' } } }));
	});
	afterAll(async () => server.close());

	const everything = (error: unknown) =>
		`${inspect(error, { depth: 10, showHidden: true })} ${JSON.stringify(error)} ${String(error)}`;

	it('sends the credential headers, the query and the JSON body, and resolves with any HTTP status', async () => {
		const send = httpSend(`${server.url}/`, { username: 'partner', apiKey: SECRET });
		server.setScript(() => ({ status: 502, json: { message: 'bad gateway' } }));
		const response = await send({
			method: 'POST',
			path: '/api/remit',
			query: { a: '1' },
			body: { amount: 10000 },
			headers: { 'Content-Type': 'application/json', Timeout: '60' },
			timeoutMs: 5_000,
		});
		expect(response.statusCode).toBe(502);
		expect(response.body).toEqual({ message: 'bad gateway' });
		const request = server.received.at(-1)!;
		expect(request).toMatchObject({
			method: 'POST',
			path: '/api/remit',
			query: { a: '1' },
			body: { amount: 10000 },
		});
		expect(request.headers).toMatchObject({
			'x-oy-username': 'partner',
			'x-api-key': SECRET,
			timeout: '60',
		});
		send.close();
	});

	it('rejects when the connection breaks, with a code lib reads and without the key', async () => {
		const send = httpSend(server.url, { username: 'partner', apiKey: SECRET });
		server.setScript(() => ({ drop: true }));
		const error = await send({
			method: 'GET',
			path: '/api/balance',
			headers: {},
			timeoutMs: 5_000,
		}).catch((caught: unknown) => caught);
		expect(classifyTransportFailure(error)).toBe('dropped');
		expect(everything(error)).not.toContain(SECRET);
		send.close();
	});

	it('rejects on a timeout as timed out (OY! may have acted), without the key', async () => {
		const send = httpSend(server.url, { username: 'partner', apiKey: SECRET });
		server.setScript(() => ({ json: {}, delayMs: 1_500 }));
		const error = await send({
			method: 'GET',
			path: '/api/balance',
			headers: {},
			timeoutMs: 200,
		}).catch((caught: unknown) => caught);
		expect(classifyTransportFailure(error)).toBe('timedOut');
		expect(everything(error)).not.toContain(SECRET);
		send.close();
	});

	it('rejects a refused connection as not sent', async () => {
		const send = httpSend('http://127.0.0.1:9', { username: 'partner', apiKey: SECRET });
		const error = await send({
			method: 'GET',
			path: '/api/balance',
			headers: {},
			timeoutMs: 2_000,
		}).catch((caught: unknown) => caught);
		expect(classifyTransportFailure(error)).toBe('notSent');
		expect(everything(error)).not.toContain(SECRET);
		send.close();
	});
});
