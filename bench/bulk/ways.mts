/**
 * The ways a bulk payout is sent, each sending the same POST /api/remit per payout with the
 * credential's headers and the same JSON body, `parallel` at a time where the way has a setting.
 */
import http from 'node:http';
import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { HttpRequest } from 'n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js';
import { OyClient } from '../../lib/client.js';
import { AdaptivePacer, pacedSend } from '../../lib/pacing.js';
import { registerNodeType, runNode, runOyNode } from '../../test/support/engine.mjs';
import { httpSend } from '../../test/support/httpSend.mjs';
import { DISBURSEMENT_FROM_ITEMS } from '../../test/support/operationParameters.mjs';
import { API_KEY, USERNAME } from './sandbox.mjs';

export interface Payout extends IDataObject {
	id: string;
	amount: number;
}

/** What a way reports: payouts OY! accepted, and items that came out failed or not at all. */
export interface WayResult {
	accepted: number;
	failed: number;
	/** the run stopped with this error */
	error?: string;
}

export type Way = (url: string, payouts: Payout[], parallel: number) => Promise<WayResult>;

export const payoutsFor = (prefix: string, count: number): Payout[] =>
	Array.from({ length: count }, (_, index) => ({
		id: `${prefix}-${index}`,
		amount: 10_000 + (index % 1000),
	}));

const bodyOf = (payout: Payout) => ({
	partner_trx_id: payout.id,
	recipient_bank: '014',
	recipient_account: '1234567890',
	amount: payout.amount,
});

const accepted = (body: unknown) =>
	(body as { status?: { code?: string } })?.status?.code === '101';

const resultOf = (count: number, ok: number, error?: string): WayResult =>
	error === undefined
		? { accepted: ok, failed: count - ok }
		: { accepted: ok, failed: count - ok, error };

/**
 * The same POSTs straight over Node's http, no n8n: over keep-alive connections (the floor of any
 * client), or over a new connection for every request (what n8n's request helper does).
 */
const rawLoopWith =
	(keepAlive: boolean): Way =>
	async (url, payouts, parallel) => {
		const agent = new http.Agent({ keepAlive, maxSockets: parallel });
		const target = new URL(`${url}/api/remit`);
		let next = 0;
		let ok = 0;
		const send = (payout: Payout) =>
			new Promise<void>((resolve, reject) => {
				const payload = JSON.stringify(bodyOf(payout));
				const request = http.request(target, {
					method: 'POST',
					agent,
					headers: {
						'content-type': 'application/json',
						accept: 'application/json',
						'content-length': Buffer.byteLength(payload),
						'x-oy-username': USERNAME,
						'x-api-key': API_KEY,
					},
				});
				request.on('response', (response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () => {
						if (accepted(JSON.parse(Buffer.concat(chunks).toString()))) ok++;
						resolve();
					});
				});
				request.on('error', reject);
				request.end(payload);
			});
		await Promise.all(
			Array.from({ length: parallel }, async () => {
				while (next < payouts.length) await send(payouts[next++]);
			}),
		);
		agent.destroy();
		return resultOf(payouts.length, ok);
	};

export const rawLoop = rawLoopWith(true);
export const rawLoopNewConnections = rawLoopWith(false);

/** The OY! node: Disbursement › Create, id and amount from each item as `={{ $json.field }}`. */
export const oyNode: Way = async (url, payouts, parallel) => {
	const run = await runOyNode({
		parameters: {
			...DISBURSEMENT_FROM_ITEMS,
			recipientAccount: '1234567890',
			options: { concurrency: parallel },
		},
		input: payouts,
		credentials: { environment: 'custom', baseUrl: url, username: USERNAME, apiKey: API_KEY },
	});
	const ok = run.items.filter((item) => item.json.outcome === 'pending').length;
	return resultOf(payouts.length, ok, run.error?.message);
};

/** A node that only calls n8n's request helper per item: the floor of any verifiable node. */
class HelperOnly implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Helper Only',
		name: 'helperOnly',
		group: ['transform'],
		version: 1,
		description: 'Calls the n8n request helper once per item',
		defaults: { name: 'Helper Only' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'oyApi', required: true }],
		properties: [{ displayName: 'Parallel', name: 'parallel', type: 'number', default: 16 }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const parallel = this.getNodeParameter('parallel', 0) as number;
		const credentials = await this.getCredentials('oyApi');
		const credentialsDecrypted = {
			id: 'cred-oyApi',
			name: 'oyApi',
			type: 'oyApi',
			data: credentials,
		};
		const output: INodeExecutionData[] = new Array(items.length);
		let next = 0;
		await Promise.all(
			Array.from({ length: parallel }, async () => {
				while (next < items.length) {
					const index = next++;
					const response = await this.helpers.httpRequestWithAuthentication.call(
						this,
						'oyApi',
						{
							method: 'POST',
							url: `${credentials.baseUrl as string}/api/remit`,
							body: bodyOf(items[index].json as Payout),
							json: true,
							returnFullResponse: true,
							ignoreHttpStatusErrors: true,
						},
						{ credentialsDecrypted },
					);
					output[index] = { json: response.body as IDataObject, pairedItem: { item: index } };
				}
			}),
		);
		return [output];
	}
}

export const helperOnly: Way = async (url, payouts, parallel) => {
	const run = await runNode({
		type: 'bench.helperOnly',
		parameters: { parallel },
		input: payouts,
		credentials: {
			oyApi: { environment: 'custom', baseUrl: url, username: USERNAME, apiKey: API_KEY },
		},
	});
	const ok = run.items.filter((item) => accepted(item.json)).length;
	return resultOf(payouts.length, ok, run.error?.message);
};

/** n8n's HTTP Request node (the body from one expression an item); `options` as the user sets them. */
export const httpRequestNode =
	(options: INodeParameters = {}): Way =>
	async (url, payouts) => {
		const run = await runNode({
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'POST',
				url: `${url}/api/remit`,
				sendHeaders: true,
				headerParameters: {
					parameters: [
						{ name: 'X-OY-Username', value: USERNAME },
						{ name: 'X-Api-Key', value: API_KEY },
					],
				},
				sendBody: true,
				specifyBody: 'json',
				jsonBody:
					'={{ JSON.stringify({ partner_trx_id: $json.id, recipient_bank: "014", recipient_account: "1234567890", amount: $json.amount }) }}',
				options,
			},
			input: payouts,
			credentials: {},
		});
		const ok = run.items.filter((item) => accepted(item.json)).length;
		return resultOf(payouts.length, ok, run.error?.message);
	};

export function registerBenchNodes(): void {
	registerNodeType('n8n-nodes-base.httpRequest', new HttpRequest());
	registerNodeType('bench.helperOnly', new HelperOnly());
}

/**
 * lib's client alone over a keep-alive transport, `parallel` lanes: the OY! logic without n8n; with
 * `paced`, through the run-wide pacer the node uses, else each refused request only waits its own
 * Retry-After.
 */
export const libClient =
	(paced: boolean): Way =>
	async (url, payouts, parallel) => {
		const transport = httpSend(url, { username: USERNAME, apiKey: API_KEY });
		const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
		const send = paced ? pacedSend(transport, new AdaptivePacer({ sleep })) : transport;
		const client = new OyClient({ send, sleep });
		let next = 0;
		let ok = 0;
		await Promise.all(
			Array.from({ length: parallel }, async () => {
				while (next < payouts.length) {
					const result = await client.call('disbursement.create', bodyOf(payouts[next++]));
					if (result.outcome === 'pending') ok++;
				}
			}),
		);
		transport.agent.destroy();
		return resultOf(payouts.length, ok);
	};
