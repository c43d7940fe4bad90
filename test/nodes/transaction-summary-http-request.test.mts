import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { INodeParameters } from 'n8n-workflow';
import { registerNodeType, runNode } from '../support/engine.mjs';
import { startScriptedServer } from '../support/scriptedServer.mjs';
import { API_KEY, useOyHarness } from './harness.mjs';

/**
 * Transaction › Get Summary is not in the OY! node: OY! reads its parameters from a GET's JSON body,
 * which n8n's helper for nodes (httpRequest) drops. n8n's own HTTP Request node still sends a GET's
 * body, and it can use the OY! API credential (Authentication › Predefined Credential Type) as the
 * README says: run here in n8n's engine with n8n-nodes-base's HTTP Request node, against the sandbox.
 */
const require = createRequire(import.meta.url);
const { HttpRequest } = require('n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js');
registerNodeType('n8n-nodes-base.httpRequest', new HttpRequest());

const oy = useOyHarness();

function summaryRequest(url: string): INodeParameters {
	return {
		method: 'GET',
		url,
		authentication: 'predefinedCredentialType',
		nodeCredentialType: 'oyApi',
		sendBody: true,
		contentType: 'json',
		specifyBody: 'json',
		jsonBody: '{"product_group": "PENDING_SETTLEMENT", "time_period": "ALL_TIME"}',
		options: {},
	};
}

const runHttpRequest = async (parameters: INodeParameters, credentials: Record<string, unknown>) =>
	await runNode({
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters,
		credentials: { oyApi: credentials as never },
	});

describe("Transaction › Get Summary through n8n's HTTP Request node with the OY! API credential", () => {
	let elsewhere: Awaited<ReturnType<typeof startScriptedServer>>;
	beforeAll(async () => {
		elsewhere = await startScriptedServer(() => ({
			json: { status: { code: '000', message: 'Success' } },
		}));
	});
	afterAll(async () => await elsewhere.close());
	beforeEach(() => {
		elsewhere.received.length = 0;
	});

	it('sends the JSON body on the GET with the key, and OY! answers the summary', async () => {
		const run = await runHttpRequest(
			summaryRequest(`${oy.credentials.baseUrl}/api/transaction-summary`),
			oy.credentials,
		);
		expect(run.error).toBeUndefined();
		// without the body OY! answers 290 (parameter not valid): 000 means the body arrived
		expect(run.items[0].json).toMatchObject({
			status: { code: '000' },
			data: { product_group: 'PENDING_SETTLEMENT', time_period: 'ALL_TIME' },
		});
		expect(run.items[0].json.data).toHaveProperty('settlement_balance');
	});

	it('never follows a redirect with the key (the HTTP Request node would, by default)', async () => {
		await oy.control('POST', '/faults', {
			kind: 'redirect',
			http_status: 307,
			location: elsewhere.url,
			path: '/api/transaction-summary',
		});
		const run = await runHttpRequest(
			summaryRequest(`${oy.credentials.baseUrl}/api/transaction-summary`),
			oy.credentials,
		);
		expect(run.error).toBeDefined();
		expect(elsewhere.received).toEqual([]);
		expect(JSON.stringify(run)).not.toContain(API_KEY);
	});

	it('refuses plain http to another machine before any connection', async () => {
		const credentials = { ...oy.credentials, baseUrl: 'http://192.0.2.10:4700' };
		const run = await runHttpRequest(
			summaryRequest('http://192.0.2.10:4700/api/transaction-summary'),
			credentials,
		);
		expect(run.error?.message).toMatch(/uses plain http to another machine/);
	});
});
