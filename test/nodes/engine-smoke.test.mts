import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOyNode } from '../support/engine.mjs';
import { startScriptedServer } from '../support/scriptedServer.mjs';

describe('the OY! node in the n8n engine', () => {
	let server: Awaited<ReturnType<typeof startScriptedServer>>;
	beforeAll(async () => {
		server = await startScriptedServer(() => ({
			json: {
				status: { code: '000', message: 'Success' },
				balance: 100000000.0,
				availableBalance: 98500000.0,
				timestamp: '10-12-2019 12:15:37',
			},
		}));
	});
	afterAll(async () => server.close());

	it('reads the balance with the credential headers applied by n8n', async () => {
		const run = await runOyNode({
			parameters: { resource: 'balance', operation: 'get' },
			credentials: {
				environment: 'custom',
				baseUrl: server.url,
				username: 'finance-ops',
				apiKey: 'key-123',
			},
		});
		expect(run.error).toBeUndefined();
		expect(run.status).toBe('success');
		expect(run.items).toHaveLength(1);
		expect(run.items[0].json).toMatchObject({
			outcome: 'success',
			balance: 100000000,
			timestamp: '2019-12-10T12:15:37.000Z',
		});
		const [request] = server.received;
		expect(request.headers['x-oy-username']).toBe('finance-ops');
		expect(request.headers['x-api-key']).toBe('key-123');
	});
});

describe('the OY! node reports what OY! said', () => {
	let server: Awaited<ReturnType<typeof startScriptedServer>>;
	beforeAll(async () => {
		server = await startScriptedServer(() => ({
			json: { status: { code: '208', message: 'API Key is not Valid' } },
		}));
	});
	afterAll(async () => server.close());
	const credentials = () => ({
		environment: 'sandbox',
		baseUrl: `${server.url}/`,
		username: 'finance-ops',
		apiKey: 'wrong',
	});

	it('raises an error with our reading and OY! code, and never shows the key', async () => {
		const run = await runOyNode({
			parameters: { resource: 'balance', operation: 'get' },
			credentials: credentials(),
		});
		expect(run.status).toBe('error');
		// A read refused for its key says nothing about what it asked for (issue 11 item 7).
		expect(run.error?.message).toBe(
			'OY! rejected the API key: the request was refused, so the state of what was asked for is unknown (OY! code 208)',
		);
		expect(run.error?.description).toBe(
			'OY! says: API Key is not Valid. Check the API key in the credential and that it matches the environment. Read it again once that is fixed; this answer does not mean that it does not exist.',
		);
		expect(JSON.stringify(run)).not.toContain('wrong');
	});

	it('yields the classified outcome as an item when the workflow continues on fail', async () => {
		const run = await runOyNode({
			parameters: { resource: 'balance', operation: 'get' },
			credentials: credentials(),
			input: [{}, {}],
			continueOnFail: true,
		});
		expect(run.status).toBe('success');
		expect(run.items.map((item) => item.json.outcome)).toEqual(['unknown', 'unknown']);
		expect(run.items[1]).toMatchObject({
			pairedItem: { item: 1 },
			json: { oy: { code: '208', final: false } },
		});
	});

	it('names the parameter and the item of a bad input, before any request', async () => {
		server.received.length = 0;
		const run = await runOyNode({
			parameters: {
				resource: 'disbursement',
				operation: 'create',
				partnerTrxId: 'PAY-1',
				recipientBank: '014',
				recipientAccount: '12-34',
				amount: '150000',
			},
			credentials: credentials(),
		});
		expect(run.error?.message).toBe("'Recipient Account' must contain digits only [item 0]");
		expect(run.error?.itemIndex).toBe(0);
		expect(server.received).toHaveLength(0);
	});
});

describe('the OY! node through n8n transport failures', () => {
	it('reads a dropped connection, as n8n wraps it, as "no answer" and tries a read again', async () => {
		let calls = 0;
		const server = await startScriptedServer(() => {
			calls += 1;
			return calls === 1
				? { drop: true }
				: { json: { status: { code: '000', message: 'Success' }, balance: 5 } };
		});
		try {
			const run = await runOyNode({
				parameters: { resource: 'balance', operation: 'get' },
				credentials: { environment: 'custom', baseUrl: server.url, username: 'u', apiKey: 'k' },
			});
			expect(run.error).toBeUndefined();
			expect(run.items[0].json).toMatchObject({ outcome: 'success', balance: 5 });
			expect(server.received).toHaveLength(2);
		} finally {
			await server.close();
		}
	});
});
