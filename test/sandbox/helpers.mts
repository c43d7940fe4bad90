import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import {
	startSandbox,
	type RunningSandbox,
	type SandboxOptions,
} from '../../sandbox/src/index.mjs';

export interface OyAnswer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: any;
	text: string;
}

/** A sandbox on a free port with instant processing unless a test asks otherwise. */
export function startTestSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
	return startSandbox({ port: 0, faultSeed: 1, ...options });
}

const keepAlive = new http.Agent({ keepAlive: true });

/**
 * Calls the sandbox over real HTTP (node:http, keep-alive) with the partner's credentials or the
 * ones given. A string body is sent as it is, so tests can send malformed JSON, even on GET as
 * some OY! samples do.
 */
export async function oy(
	sandbox: Pick<RunningSandbox, 'url' | 'username' | 'apiKey'>,
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = {},
): Promise<OyAnswer> {
	const answer = await rawRequest(sandbox, method, path, body, headers, keepAlive);
	let parsed: unknown;
	try {
		parsed = JSON.parse(answer.text);
	} catch {
		parsed = undefined;
	}
	return { ...answer, body: parsed };
}

/** A control call (no credentials); throws unless it answers 200. */
export async function control(
	sandbox: Pick<RunningSandbox, 'url'>,
	method: string,
	path: string,
	body?: unknown,
): Promise<any> {
	const response = await fetch(`${sandbox.url}/__sandbox${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const parsed = await response.json();
	if (response.status !== 200)
		throw new Error(
			`control ${method} ${path} answered ${response.status}: ${JSON.stringify(parsed)}`,
		);
	return parsed;
}

const WIB_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** Moves the sandbox clock to the next `hour`:00 in UTC+7 (Jakarta), for rules that depend on the time of day there. */
export async function advanceToWibHour(
	sandbox: Pick<RunningSandbox, 'url'>,
	hour: number,
): Promise<number> {
	const now = Date.parse((await control(sandbox, 'GET', '/clock')).now);
	let target =
		Math.floor((now + WIB_OFFSET_MS) / DAY_MS) * DAY_MS - WIB_OFFSET_MS + hour * 3_600_000;
	if (target <= now) target += DAY_MS;
	await control(sandbox, 'POST', '/clock/advance', { to: new Date(target).toISOString() });
	return target;
}

type JsonType = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean';

function jsonType(value: unknown): JsonType {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value as JsonType;
}

/**
 * Compares the shape of an answer with a documented example: the same keys at every level and the
 * same JSON types. `null` on either side matches any type (OY! documents those fields as nullable:
 * `paid_at` is null until paid). Array elements are compared with the example's first element.
 * `ignore` lists dotted paths (`data[].email`) that the docs themselves contradict.
 */
export function shapeDifferences(
	actual: unknown,
	expected: unknown,
	ignore: string[] = [],
	at = '',
): string[] {
	if (ignore.includes(at)) return [];
	const actualType = jsonType(actual);
	const expectedType = jsonType(expected);
	if (actualType === 'null' || expectedType === 'null') return [];
	if (actualType !== expectedType)
		return [`${at || '(root)'}: ${actualType} where the docs have ${expectedType}`];
	if (expectedType === 'array') {
		const example = (expected as unknown[])[0];
		if (example === undefined) return [];
		return (actual as unknown[]).flatMap((item) =>
			shapeDifferences(item, example, ignore, `${at}[]`),
		);
	}
	if (expectedType !== 'object') return [];
	const a = actual as Record<string, unknown>;
	const e = expected as Record<string, unknown>;
	const differences: string[] = [];
	const name = (key: string) => (at ? `${at}.${key}` : key);
	for (const key of Object.keys(e)) {
		if (ignore.includes(name(key))) continue;
		if (!(key in a)) differences.push(`${name(key)}: missing`);
		else differences.push(...shapeDifferences(a[key], e[key], ignore, name(key)));
	}
	for (const key of Object.keys(a)) {
		if (!(key in e) && !ignore.includes(name(key)))
			differences.push(`${name(key)}: not in the docs' example`);
	}
	return differences;
}

export function expectSameShape(actual: unknown, expected: unknown, ignore: string[] = []): void {
	expect(shapeDifferences(actual, expected, ignore)).toEqual([]);
}

export interface ReceivedCallback {
	path: string;
	headers: http.IncomingHttpHeaders;
	body: any;
}

/** A partner's callback endpoint: records every POST; can be told to fail the next N deliveries. */
export class CallbackReceiver {
	readonly received: ReceivedCallback[] = [];
	private failNext = 0;
	private waiters: Array<{
		test: (c: ReceivedCallback) => boolean;
		resolve: (c: ReceivedCallback) => void;
	}> = [];
	private server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk) => chunks.push(chunk));
		request.on('end', () => {
			if (this.failNext > 0) {
				this.failNext--;
				response.writeHead(500).end('not now');
				return;
			}
			const callback = {
				path: request.url ?? '',
				headers: request.headers,
				body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
			};
			this.received.push(callback);
			response.writeHead(200).end('ok');
			this.waiters = this.waiters.filter((waiter) => {
				if (!waiter.test(callback)) return true;
				waiter.resolve(callback);
				return false;
			});
		});
	});
	url = '';

	async start(): Promise<this> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	failNextDeliveries(count: number): void {
		this.failNext = count;
	}

	/** Resolves with the first callback (already received or arriving) that passes `test`. */
	next(test: (callback: ReceivedCallback) => boolean = () => true): Promise<ReceivedCallback> {
		const already = this.received.find(test);
		if (already) return Promise.resolve(already);
		return new Promise((resolve) => this.waiters.push({ test, resolve }));
	}

	close(): Promise<void> {
		return new Promise((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}
}

/** One HTTP exchange; a dropped connection rejects (as a client would see it). */
export function rawRequest(
	sandbox: Pick<RunningSandbox, 'url' | 'username' | 'apiKey'>,
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = {},
	agent: http.Agent | false = false,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
	return new Promise((resolve, reject) => {
		const payload =
			body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
		const request = http.request(`${sandbox.url}${path}`, {
			method,
			agent,
			headers: {
				'content-type': 'application/json',
				accept: 'application/json',
				'content-length': Buffer.byteLength(payload),
				'x-oy-username': sandbox.username,
				'x-api-key': sandbox.apiKey,
				...headers,
			},
		});
		request.on('response', (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk) => chunks.push(chunk));
			response.on('end', () =>
				resolve({
					status: response.statusCode ?? 0,
					headers: response.headers,
					text: Buffer.concat(chunks).toString('utf8'),
				}),
			);
			response.on('error', reject);
		});
		request.on('error', reject);
		request.end(payload);
	});
}
