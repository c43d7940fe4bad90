import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IWebhookData,
	IWebhookResponseData,
} from 'n8n-workflow';
import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import { OyTrigger } from '../../../nodes/OyTrigger/OyTrigger.node.js';
import { NodeTypes, testAdditionalData } from '../../support/engine.mjs';

/** A node after the trigger that hands on what it receives, so a run shows the trigger's items. */
class Collect implements INodeType {
	description = {
		displayName: 'Collect',
		name: 'collect',
		group: ['transform'],
		version: 1,
		description: 'Passes items on',
		defaults: { name: 'Collect' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

const TRIGGER = new OyTrigger();
const NODE_TYPES = new NodeTypes({
	'n8n-nodes-oy.oyTrigger': TRIGGER,
	'test.collect': new Collect(),
});
const WEBHOOK = TRIGGER.description.webhooks![0];
const WEBHOOK_ID = 'oy-callbacks';

export interface TriggerCall {
	status: number;
	body: any;
	/** the execution this call started, if any */
	execution?: IRun;
}

export interface Execution {
	items: IDataObject[];
	run: IRun;
}

let serverCount = 0;

/**
 * One published workflow "OY! Trigger → Collect", served over real HTTP the way n8n serves a
 * production webhook: n8n's body parsing (raw bytes kept; JSON parsed, 422 when it is not JSON),
 * the node's webhook() in n8n-core's WebhookContext, the static data saved in n8n's order (see
 * below), and the workflow run by n8n-core's WorkflowExecute with the trigger's items.
 */
export async function startTriggerServer(options: {
	parameters: INodeParameters;
	credentials?: ICredentialDataDecryptedObject;
	/** the token of the node's OY! Callback Token credential; with it, the token is required */
	callbackToken?: string;
	host?: string;
	/** the node's version (default 1, as workflows saved before version 2 have it) */
	typeVersion?: number;
}) {
	const executions: Execution[] = [];
	const pending = new Set<Promise<unknown>>();
	let staticData: IDataObject = {};
	let executionCount = 0;
	const node: INode = {
		id: 'oy-trigger',
		name: 'OY! Trigger',
		type: 'n8n-nodes-oy.oyTrigger',
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters:
			options.callbackToken === undefined
				? options.parameters
				: { callbackToken: 'required', ...options.parameters },
		webhookId: WEBHOOK_ID,
		credentials: {
			oyApi: { id: 'cred-1', name: 'OY! sandbox' },
			oyCallbackTokenApi: { id: 'cred-2', name: 'OY! callback token' },
		},
	};
	const collect: INode = {
		id: 'collect',
		name: 'Collect',
		type: 'test.collect',
		typeVersion: 1,
		position: [200, 0],
		parameters: {},
	};
	const connections = {
		[node.name]: { main: [[{ node: collect.name, type: 'main' as const, index: 0 }]] },
	};
	const path = `${WEBHOOK_ID}/${String(WEBHOOK.path)}`;
	let baseUrl = '';

	// Its own id: triggers keep what they remember per process, by workflow and node.
	const workflowId = `wf-oy-trigger-${++serverCount}`;
	const workflowOver = (data: IDataObject) =>
		new Workflow({
			id: workflowId,
			nodes: [node, collect],
			connections,
			nodeTypes: NODE_TYPES,
			active: true,
			settings: {},
			staticData: data,
		});
	/** A fresh copy of the saved static data, as n8n reads it from its database for each call. */
	const workflowNow = () => workflowOver(structuredClone(staticData));

	const credentialsFor = (callbackToken = options.callbackToken) => ({
		oyApi: options.credentials ?? {},
		...(callbackToken === undefined ? {} : { oyCallbackTokenApi: { token: callbackToken } }),
	});
	const additionalDataFor = (
		executionId: string,
		hooks: ExecutionLifecycleHooks,
		callbackToken?: string,
	) => ({
		...testAdditionalData(executionId, hooks, credentialsFor(callbackToken)),
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
	});

	const saveStaticData = (workflow: Workflow) => {
		if ((workflow.staticData as { __dataChanged?: boolean }).__dataChanged)
			staticData = JSON.parse(JSON.stringify(workflow.staticData));
	};

	const webhookData = (additionalData: ReturnType<typeof additionalDataFor>): IWebhookData => ({
		httpMethod: 'POST',
		node: node.name,
		path,
		webhookDescription: WEBHOOK,
		workflowId,
		workflowExecuteAdditionalData: additionalData as never,
		webhookId: WEBHOOK_ID,
	});

	async function runWorkflow(
		workflow: Workflow,
		result: IWebhookResponseData,
		executionId: string,
	) {
		const hooks = new ExecutionLifecycleHooks('webhook', executionId, {
			id: workflow.id,
			nodes: [node, collect],
			connections,
		} as never);
		const finished = new Promise<IRun>((resolve) =>
			hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)),
		);
		const runData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node, data: { main: result.workflowData ?? [] }, source: null }],
			},
		});
		await new WorkflowExecute(
			additionalDataFor(executionId, hooks) as never,
			'webhook',
			runData,
		).processRunExecutionData(workflow);
		const run = await finished;
		saveStaticData(workflow);
		const items = run.data.resultData.runData[collect.name]?.[0]?.data?.main?.[0] ?? [];
		executions.push({ items: items.map((item) => item.json), run });
	}

	const server = http.createServer(async (request, response) => {
		const url = new URL(request.url ?? '/', baseUrl);
		if (request.method !== 'POST' || url.pathname !== `/webhook/${path}`) {
			response
				.writeHead(404, { 'content-type': 'application/json' })
				.end(JSON.stringify({ message: 'not registered' }));
			return;
		}
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim();
		let body: unknown = {};
		if (rawBody.length > 0) {
			if (contentType === 'application/json') {
				try {
					body = JSON.parse(rawBody.toString('utf8'));
				} catch {
					response.writeHead(422, { 'content-type': 'application/json' });
					response.end(JSON.stringify({ code: 422, message: 'Failed to parse request body' }));
					return;
				}
			} else if (contentType === 'text/plain') {
				body = rawBody.toString('utf8');
			}
		}
		const req = Object.assign(request, {
			body,
			rawBody,
			query: Object.fromEntries(url.searchParams),
			params: {},
			contentType,
		});
		const res = Object.assign(response, {
			status(code: number) {
				response.statusCode = code;
				return res;
			},
			json(value: unknown) {
				response.setHeader('content-type', 'application/json');
				response.end(JSON.stringify(value));
				return res;
			},
		});
		const executionId = `exec-${++executionCount}`;
		const hooks = new ExecutionLifecycleHooks('webhook', executionId, {} as never);
		const additionalData = {
			...additionalDataFor(executionId, hooks),
			httpRequest: req,
			httpResponse: res,
		};
		const rawStaticData = structuredClone(staticData);
		const workflow = workflowOver(rawStaticData);
		let result: IWebhookResponseData;
		try {
			const context = new WebhookContext(
				workflow,
				node,
				additionalData as never,
				'webhook',
				webhookData(additionalData),
				[],
				null,
			);
			result = await TRIGGER.webhook.call(context);
		} catch (error) {
			res.status(500).json({
				code: 0,
				message: 'Workflow could not be started!',
				hint: (error as Error).message,
			});
			return;
		}
		// n8n's order (live-webhooks, webhook-helpers): a call that starts no execution is answered, then
		// its static data saved when changed; one that starts an execution first builds the execution's
		// workflow over the same static data, which clears n8n's "changed" flag, then saves (nothing).
		if (result.workflowData === undefined) saveStaticData(workflow);
		if (result.noWebhookResponse) {
			if (!response.writableEnded)
				res.status(500).json({ message: 'the node claimed to answer but did not' });
			return;
		}
		if (result.workflowData === undefined) {
			res.status(200).json(result.webhookResponse ?? { message: 'Webhook call received' });
			return;
		}
		const run = runWorkflow(workflowOver(rawStaticData), result, executionId);
		saveStaticData(workflow);
		pending.add(run);
		void run.finally(() => pending.delete(run));
		// n8n's onReceived answer: responseData, else the node's webhookResponse (n8n-runtime.md §11).
		const responseData =
			WEBHOOK.responseData === undefined ? 'firstEntryJson' : WEBHOOK.responseData;
		res
			.status(200)
			.json(
				responseData === 'noData'
					? undefined
					: responseData || (result.webhookResponse ?? { message: 'Workflow was started' }),
			);
	});

	await new Promise<void>((resolve) => server.listen(0, options.host ?? '127.0.0.1', resolve));
	const address = server.address() as AddressInfo;
	baseUrl = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

	return {
		/** the production URL to give OY! (without a token) */
		url: `${baseUrl}/webhook/${path}`,
		executions,
		get staticData() {
			return staticData;
		},
		/** waits until every started execution has finished */
		async settled() {
			while (pending.size > 0) await Promise.all([...pending]);
		},
		/**
		 * runs checkExists / create / delete the way n8n does on publishing, with n8n-core's
		 * HookContext; other parameters or another token credential may be given for this call
		 */
		async lifecycle(
			method: 'checkExists' | 'create' | 'delete',
			parameters?: INodeParameters,
			callbackToken?: string,
		): Promise<boolean> {
			const workflow = workflowNow();
			const hookNode = parameters ? { ...node, parameters } : node;
			workflow.nodes[node.name] = hookNode;
			const hooks = new ExecutionLifecycleHooks('webhook', 'activation', {} as never);
			const additionalData = additionalDataFor('activation', hooks, callbackToken);
			const context = new HookContext(
				workflow,
				hookNode,
				additionalData as never,
				'webhook',
				'activate',
				webhookData(additionalData),
			);
			const done = await TRIGGER.webhookMethods.default[method].call(context);
			saveStaticData(workflow);
			return done;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

export type TriggerServer = Awaited<ReturnType<typeof startTriggerServer>>;

/** POSTs a body to the trigger (a string as it is, anything else as JSON). */
export async function post(
	url: string,
	body: unknown,
	headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// not JSON: kept as text
	}
	return { status: response.status, body: parsed };
}
