import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { startSandbox } from '../../sandbox/src/index.mjs';
import type { RunningSandbox, SandboxOptions } from '../../sandbox/src/index.mjs';
import { oyLoadOptionsContext, runOyNode } from '../support/engine.mjs';
import type { NodeRun } from '../support/engine.mjs';
import { startRecordingProxy } from '../support/recordingProxy.mjs';
import type { RecordedExchange } from '../support/recordingProxy.mjs';

/** A key that would be easy to spot anywhere it must not appear. */
export const API_KEY = 'oy-secret-key-7Qx9Zt';
export const USERNAME = 'finance-ops';

export interface OyRun extends NodeRun {
	/** what OY! received during the run, in order */
	requests: RecordedExchange[];
}

export interface OyHarness {
	sandbox: RunningSandbox;
	credentials: IDataObject & { baseUrl: string };
	/** runs the OY! node in n8n's engine; asserts that the API key shows nowhere in what it gives back */
	run(
		parameters: INodeParameters,
		options?: { input?: IDataObject[]; continueOnFail?: boolean; errorOutput?: boolean },
	): Promise<OyRun>;
	/** a sandbox control call (`/__sandbox/...`); throws unless it answers 200 */
	control(method: string, path: string, body?: unknown): Promise<any>;
	/** requests OY! had under way at the same time: now, and the most since `concurrency.max = 0` */
	concurrency: { now: number; max: number };
	/** the context n8n gives list searches and option loaders */
	loadContext(parameters: INodeParameters): ReturnType<typeof oyLoadOptionsContext>;
	close(): Promise<void>;
}

/**
 * The OY sandbox behind a recording hop, and the OY! node pointed at the hop through a Custom
 * Base URL credential: every test sees the requests exactly as OY! would receive them.
 */
export async function startOyHarness(options: SandboxOptions = {}): Promise<OyHarness> {
	const sandbox = await startSandbox({
		port: 0,
		faultSeed: 1,
		username: USERNAME,
		apiKey: API_KEY,
		...options,
	});
	const proxy = await startRecordingProxy(sandbox.url);
	const credentials = {
		environment: 'custom',
		baseUrl: proxy.url,
		username: USERNAME,
		apiKey: API_KEY,
	};
	return {
		sandbox,
		credentials,
		concurrency: proxy.concurrency,
		async run(parameters, runOptions = {}) {
			proxy.take();
			const run = await runOyNode({ parameters, credentials, ...runOptions });
			expectNoSecret(run);
			return { ...run, requests: proxy.take() };
		},
		async control(method, path, body) {
			const response = await fetch(`${sandbox.url}/__sandbox${path}`, {
				method,
				headers: { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const parsed = await response.json();
			if (response.status !== 200)
				throw new Error(`control ${method} ${path}: ${response.status} ${JSON.stringify(parsed)}`);
			return parsed;
		},
		loadContext: (parameters) => oyLoadOptionsContext({ parameters, credentials }),
		async close() {
			await proxy.close();
			await sandbox.close();
		},
	};
}

export function expectNoSecret(value: unknown): void {
	expect(JSON.stringify(value)).not.toContain(API_KEY);
}

/** The credential's headers, applied by n8n, on every request OY! received. */
export function expectCredentialHeaders(requests: RecordedExchange[]): void {
	expect(requests.length).toBeGreaterThan(0);
	for (const request of requests) {
		expect(request.headers['x-oy-username']).toBe(USERNAME);
		expect(request.headers['x-api-key']).toBe(API_KEY);
	}
}

/** The one request of a run: its method, path, query and body as OY! received them. */
export function theRequest(
	run: OyRun,
): Pick<RecordedExchange, 'method' | 'path' | 'query' | 'body'> {
	expect(run.requests).toHaveLength(1);
	expectCredentialHeaders(run.requests);
	const [{ method, path, query, body }] = run.requests;
	return { method, path, query, body };
}

/**
 * The json of each output item, after checking the run succeeded and each item is paired with its
 * input item (by default item i with input i; the records of a list all with the one input).
 */
export function outputOf(
	run: OyRun,
	inputOf: (outputIndex: number) => number = (index) => index,
): IDataObject[] {
	expect(run.error).toBeUndefined();
	run.items.forEach((item, index) => expect(item.pairedItem).toEqual({ item: inputOf(index) }));
	return run.items.map((item) => item.json);
}

/** A resource locator value given by ID. */
export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

/**
 * A harness for one test file: started before its tests, closed after them, and the sandbox reset
 * (records, faults, clock) before each test. The returned object is usable once the tests run.
 */
export function useOyHarness(options: SandboxOptions = {}): OyHarness {
	let current: OyHarness | undefined;
	const started = (): OyHarness => {
		if (!current) throw new Error('the harness starts before the first test');
		return current;
	};
	beforeAll(async () => {
		current = await startOyHarness(options);
	});
	afterAll(async () => current?.close());
	beforeEach(async () => {
		await started().control('POST', '/reset');
		started().concurrency.max = 0;
	});
	return {
		get sandbox() {
			return started().sandbox;
		},
		get credentials() {
			return started().credentials;
		},
		get concurrency() {
			return started().concurrency;
		},
		run: (parameters, runOptions) => started().run(parameters, runOptions),
		control: (method, path, body) => started().control(method, path, body),
		loadContext: (parameters) => started().loadContext(parameters),
		close: async () => started().close(),
	};
}

/**
 * Runs the node and checks that it refused the input before sending anything, with this message
 * (which names the parameter and the item).
 */
export async function refusedBeforeSending(
	oy: Pick<OyHarness, 'run'>,
	parameters: INodeParameters,
	message: string | RegExp,
	options?: { input?: IDataObject[] },
): Promise<OyRun> {
	const run = await oy.run(parameters, options);
	if (typeof message === 'string') expect(run.error?.message).toBe(message);
	else expect(run.error?.message).toMatch(message);
	expect(run.requests).toHaveLength(0);
	return run;
}
