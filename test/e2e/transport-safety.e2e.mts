import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIAL } from '../../scripts/n8n/stack.mjs';
import { connectToStack, removeCredentials } from './support/stack.mjs';
import { manualWorkflow, nodeErrors, oyNode } from './support/workflows.mjs';

type Stack = Awaited<ReturnType<typeof connectToStack>>;

const API_KEY = 'redirect-me-key-5d1c9b';

interface Received {
	method: string;
	url: string;
	apiKey: string | undefined;
}

/** A local HTTP server that records every request and answers with `answer`. */
async function recordingServer(
	answer: (request: http.IncomingMessage, response: http.ServerResponse) => void,
) {
	const received: Received[] = [];
	const server = http.createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			received.push({
				method: request.method ?? '',
				url: request.url ?? '',
				apiKey: request.headers['x-api-key'] as string | undefined,
			});
			answer(request, response);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** This machine's first non-loopback IPv4 address: used only to show a request is refused before any connection. */
function nonLoopbackAddress(): string | undefined {
	for (const addresses of Object.values(os.networkInterfaces())) {
		for (const address of addresses ?? [])
			if (address.family === 'IPv4' && !address.internal) return address.address;
	}
	return undefined;
}

/**
 * In real n8n: the OY! credential's Test button and a node run never follow a redirect (the API
 * key would go along to the other address), and a plain-http base URL to another machine is
 * refused before any connection.
 */
describe('where the OY! API key goes, in real n8n', () => {
	let stack: Stack;
	let elsewhere: Awaited<ReturnType<typeof recordingServer>>;
	let redirector: Awaited<ReturnType<typeof recordingServer>>;

	beforeAll(async () => {
		stack = await connectToStack();
		// The address a hijacked or misconfigured base URL sends people to: it claims OY's success.
		elsewhere = await recordingServer((_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(
				JSON.stringify({ status: { code: '000', message: 'Success' }, balance: 1, trx_id: 'x' }),
			);
		});
		redirector = await recordingServer((request, response) => {
			response.writeHead(307, { location: `${elsewhere.url}${request.url}` });
			response.end();
		});
	});
	const imported: string[] = [];
	afterAll(async () => {
		await redirector?.close();
		await elsewhere?.close();
		await removeCredentials(stack.n8n, imported);
	});

	const credentialTest = (data: Record<string, unknown>) =>
		stack.n8n.rest('POST', '/rest/credentials/test', {
			credentials: {
				...SANDBOX_CREDENTIAL,
				type: 'oyApi',
				data: { username: 'oy-sandbox', apiKey: API_KEY, ...data },
			},
		});

	/** Runs one OY! node with a credential of its own, as "Execute workflow" does. */
	async function runWithCredential(
		id: string,
		data: Record<string, unknown>,
		parameters: Record<string, unknown>,
	) {
		const credential = {
			id: `${id}Cred`.slice(0, 16),
			name: `OY! ${id}`,
			type: 'oyApi',
			data: { username: 'oy-sandbox', apiKey: API_KEY, ...data },
		};
		await stack.n8n.importCredentials([credential]);
		imported.push(credential.id);
		const node = {
			...oyNode('OY!', parameters),
			credentials: { oyApi: { id: credential.id, name: credential.name } },
		};
		await stack.n8n.importWorkflows([manualWorkflow(id, `transport ${id}`, [[node]])]);
		const { execution } = await stack.n8n.execute(id);
		return execution;
	}

	it('Test: a base URL answering 307 to another server gets one request; the other server none; n8n says it was a redirect', async () => {
		const { body } = await credentialTest({ environment: 'custom', baseUrl: redirector.url });
		expect(redirector.received.map((request) => request.url)).toEqual(['/api/balance']);
		expect(elsewhere.received).toEqual([]);
		expect(body.data).toEqual({
			status: 'Error',
			message:
				"OY! answered with a redirect (HTTP 307) to another address; not followed, and the API key was not sent there. Set the Base URL to the API's own address.",
		});
		expect(JSON.stringify(body)).not.toContain(API_KEY);
	});

	it('a node run: the payout POST answered with 307 is not followed; the other server never sees the key', async () => {
		redirector.received.length = 0;
		const execution = await runWithCredential(
			'transportRedir01',
			{ environment: 'custom', baseUrl: redirector.url },
			{
				resource: 'disbursement',
				operation: 'create',
				partnerTrxId: 'E2E-REDIRECT-1',
				recipientBank: '014',
				recipientAccount: '1234567890',
				amount: '150000',
			},
		);
		expect(elsewhere.received).toEqual([]);
		// the create, then one status check under the same id: both answered with the redirect
		expect(redirector.received.map((request) => `${request.method} ${request.url}`)).toEqual([
			'POST /api/remit',
			'POST /api/remit-status',
		]);
		expect(nodeErrors(execution)['OY!']).toContain(
			`OY! answered with a redirect (HTTP 307) to ${elsewhere.url}/api/remit; not followed`,
		);
		expect(JSON.stringify(execution)).not.toContain(API_KEY);
	});

	const address = nonLoopbackAddress();
	const insecureMessage = (host: string) =>
		`The base URL http://${host} uses plain http to another machine: the API key would cross the network unencrypted. ` +
		'Use https, or turn on "Allow Insecure HTTP" in the credential if you accept that risk (without it, plain http is accepted only for 127.0.0.1, ::1 and localhost).';

	it.skipIf(!address)(
		'Test: a custom base URL over plain http to another machine is refused, with the reason',
		async () => {
			const { body } = await credentialTest({
				environment: 'custom',
				baseUrl: `http://${address}:9`,
			});
			expect(body.data.status).toBe('Error');
			expect(body.data.message).toContain(insecureMessage(`${address}:9`));
			expect(JSON.stringify(body)).not.toContain(API_KEY);
		},
	);

	it.skipIf(!address)(
		'a node run with that credential is refused before anything is sent',
		async () => {
			const execution = await runWithCredential(
				'transportPlain01',
				{ environment: 'custom', baseUrl: `http://${address}:9` },
				{ resource: 'balance', operation: 'get' },
			);
			expect(nodeErrors(execution)['OY!']).toContain(
				`OY! credential: ${insecureMessage(`${address}:9`)}`,
			);
			expect(JSON.stringify(execution)).not.toContain(API_KEY);
		},
	);
});
