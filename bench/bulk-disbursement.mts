/**
 * bench/bulk-disbursement: 10,000 disbursements against the OY sandbox, three ways side by side:
 *   1. raw:          a keep-alive node:http loop with CONCURRENCY requests in flight (the baseline)
 *   2. OY! node:     the OY! node in n8n's engine (n8n-core WorkflowExecute), Parallel Requests = CONCURRENCY
 *   3. HTTP Request: n8n's HTTP Request node (n8n-nodes-base) in the same engine, default settings
 * Each sends the same calls (POST /api/remit with the credential headers and the same JSON body).
 * The sandbox runs in its own process, as OY! would be a server elsewhere. Prints the figures and
 * the ratios; it asserts nothing about speed.
 *
 * Two reference lines show where the time goes between the raw loop and the node:
 *   lib client:     lib's OyClient (validation, classification, status checks) over the raw loop's keep-alive transport
 *   n8n helper:     a bare node that only calls n8n's httpRequestWithAuthentication per item, same concurrency
 *
 *   npm run bench:bulk-disbursement            (BENCH_COUNT, BENCH_CONCURRENCY to change the run)
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { OyClient } from '../lib/client.js';
import { httpSend } from '../test/support/httpSend.mjs';
import { HttpRequest } from 'n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js';
import { registerNodeType, runNode, runOyNode } from '../test/support/engine.mjs';
import { DISBURSEMENT_FROM_ITEMS } from '../test/support/operationParameters.mjs';

const COUNT = Number(process.env.BENCH_COUNT ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
/** each way runs this many times, interleaved with the others; the best run counts (the machine is shared) */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const USERNAME = 'bench-partner';
const API_KEY = 'bench-key';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Payout extends IDataObject {
	id: string;
	amount: number;
}

const payoutsFor = (mode: string, count: number): Payout[] =>
	Array.from({ length: count }, (_, index) => ({
		id: `${mode}-${index}`,
		amount: 10_000 + (index % 1000),
	}));

const bodyOf = (payout: Payout) => ({
	partner_trx_id: payout.id,
	recipient_bank: '014',
	recipient_account: '1234567890',
	amount: payout.amount,
});

/** The sandbox in a child process; resolves with its base URL. */
function startSandboxProcess(): Promise<{ url: string; stop: () => void }> {
	const child = spawn(process.execPath, [path.join(root, 'sandbox/dist/main.mjs')], {
		env: {
			...process.env,
			OY_SANDBOX_PORT: '0',
			OY_SANDBOX_USERNAME: USERNAME,
			OY_SANDBOX_API_KEY: API_KEY,
		},
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	return new Promise((resolve, reject) => {
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const match = /listening on (http:\/\/\S+)/.exec(output);
			if (match) resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
		});
		child.on('exit', (code) =>
			reject(new Error(`the sandbox exited (${code}); run npm run build first`)),
		);
	});
}

async function control(url: string, method: string, route: string, body?: unknown): Promise<any> {
	const response = await fetch(`${url}/__sandbox${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return await response.json();
}

/** The baseline: the same POSTs over keep-alive connections, CONCURRENCY at a time. */
async function rawLoop(url: string, payouts: Payout[]): Promise<number> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
	const target = new URL(`${url}/api/remit`);
	let next = 0;
	let accepted = 0;
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
					if (
						(JSON.parse(Buffer.concat(chunks).toString()) as { status: { code: string } }).status
							.code === '101'
					)
						accepted++;
					resolve();
				});
			});
			request.on('error', reject);
			request.end(payload);
		});
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < payouts.length) await send(payouts[next++]);
		}),
	);
	agent.destroy();
	return accepted;
}

async function oyNode(url: string, payouts: Payout[]): Promise<number> {
	const run = await runOyNode({
		parameters: {
			...DISBURSEMENT_FROM_ITEMS,
			recipientAccount: '1234567890',
			options: { concurrency: CONCURRENCY },
		},
		input: payouts,
		credentials: { environment: 'custom', baseUrl: url, username: USERNAME, apiKey: API_KEY },
	});
	if (run.error) throw new Error(`OY! node: ${run.error.message}`);
	return run.items.filter((item) => item.json.outcome === 'pending').length;
}

async function httpRequestNode(url: string, payouts: Payout[]): Promise<number> {
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
			options: {},
		},
		input: payouts,
		credentials: {},
	});
	if (run.error) throw new Error(`HTTP Request node: ${run.error.message}`);
	return run.items.filter((item) => (item.json.status as { code?: string })?.code === '101').length;
}

/** lib's client alone over a keep-alive transport: the cost of the OY! logic without n8n. */
async function libClient(url: string, payouts: Payout[]): Promise<number> {
	const send = httpSend(url, { username: USERNAME, apiKey: API_KEY });
	const client = new OyClient({
		send,
		sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
	});
	let next = 0;
	let accepted = 0;
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < payouts.length) {
				const result = await client.call('disbursement.create', bodyOf(payouts[next++]));
				if (result.outcome === 'pending') accepted++;
			}
		}),
	);
	send.agent.destroy();
	return accepted;
}

/** A node that does nothing but call n8n's request helper for each item: n8n's own ceiling. */
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
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
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
			Array.from({ length: CONCURRENCY }, async () => {
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

async function helperOnly(url: string, payouts: Payout[]): Promise<number> {
	const run = await runNode({
		type: 'bench.helperOnly',
		parameters: {},
		input: payouts,
		credentials: {
			oyApi: { environment: 'custom', baseUrl: url, username: USERNAME, apiKey: API_KEY },
		},
	});
	if (run.error) throw new Error(`helper only: ${run.error.message}`);
	return run.items.filter((item) => (item.json.status as { code?: string })?.code === '101').length;
}

interface Figure {
	name: string;
	seconds: number;
	perSecond: number;
}

type Way = (url: string, payouts: Payout[]) => Promise<number>;

/** One timed run of a way, after a reset; checks every payout was accepted and booked once. */
async function timeOnce(name: string, url: string, run: Way, round: number): Promise<number> {
	await control(url, 'POST', '/reset');
	const payouts = payoutsFor(`${name}-${round}`, COUNT);
	const started = performance.now();
	const accepted = await run(url, payouts);
	const seconds = (performance.now() - started) / 1000;
	const state = (await control(url, 'GET', '/state?product=disbursement')) as {
		payouts: unknown[];
	};
	if (accepted !== COUNT || state.payouts.length !== COUNT) {
		throw new Error(
			`${name}: ${accepted} accepted, ${state.payouts.length} in the sandbox, for ${COUNT} payouts`,
		);
	}
	return seconds;
}

async function measureAll(url: string, ways: Array<[string, Way]>): Promise<Map<string, Figure>> {
	for (const [name, run] of ways) {
		await control(url, 'POST', '/reset');
		await run(url, payoutsFor(`warm-${name.replace(/\W/g, '')}`, Math.min(500, COUNT)));
	}
	const best = new Map<string, number>();
	for (let round = 0; round < ROUNDS; round++) {
		for (const [name, run] of ways) {
			const seconds = await timeOnce(name.replace(/\W/g, ''), url, run, round);
			best.set(name, Math.min(best.get(name) ?? Infinity, seconds));
		}
	}
	const figures = new Map<string, Figure>();
	for (const [name] of ways) {
		const seconds = best.get(name)!;
		const figure = { name, seconds, perSecond: COUNT / seconds };
		figures.set(name, figure);
		console.log(
			`  ${name.padEnd(28)} ${seconds.toFixed(2).padStart(7)} s   ${figure.perSecond.toFixed(0).padStart(6)} payouts/s`,
		);
	}
	return figures;
}

async function main(): Promise<void> {
	registerNodeType('n8n-nodes-base.httpRequest', new HttpRequest());
	registerNodeType('bench.helperOnly', new HelperOnly());
	const sandbox = await startSandboxProcess();
	try {
		console.log(
			`bench/bulk-disbursement: ${COUNT} disbursements, concurrency ${CONCURRENCY}, best of ${ROUNDS} rounds, Node ${process.version}, sandbox in its own process`,
		);
		if (process.env.BENCH_ONLY === 'oy') {
			// for profiling the node alone: node --cpu-prof ...
			await measureAll(sandbox.url, [['OY! node (n8n engine)', oyNode]]);
			return;
		}
		const figures = await measureAll(sandbox.url, [
			['raw keep-alive loop', rawLoop],
			['OY! node (n8n engine)', oyNode],
			['HTTP Request node', httpRequestNode],
			['ref: lib client, keep-alive', libClient],
			['ref: n8n request helper only', helperOnly],
		]);
		const ratio = (a: string, b: string) =>
			`${(figures.get(a)!.perSecond / figures.get(b)!.perSecond).toFixed(2)}x`;
		console.log(
			`  OY! node / raw loop            ${ratio('OY! node (n8n engine)', 'raw keep-alive loop')}   (target >= 0.8x)`,
		);
		console.log(
			`  OY! node / HTTP Request node   ${ratio('OY! node (n8n engine)', 'HTTP Request node')}   (target >= 5x)`,
		);
		console.log(
			`  lib client / raw loop          ${ratio('ref: lib client, keep-alive', 'raw keep-alive loop')}   (the OY! logic over keep-alive)`,
		);
		console.log(
			`  n8n helper / raw loop          ${ratio('ref: n8n request helper only', 'raw keep-alive loop')}   (n8n's transport: a new connection and axios per request)`,
		);
		console.log(
			`  OY! node / n8n helper          ${ratio('OY! node (n8n engine)', 'ref: n8n request helper only')}   (what the node adds on top of n8n's transport)`,
		);
	} finally {
		sandbox.stop();
	}
}

await main();
