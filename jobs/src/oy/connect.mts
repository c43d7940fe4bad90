import { OyClient } from '#oy/lib';
import type { ClientEvent } from '#oy/lib';
import type { JobsConfig } from '../config/config.mjs';
import { httpSend } from './httpSend.mjs';
import type { HttpSend } from './httpSend.mjs';

export interface OyConnection {
	client: OyClient;
	send: HttpSend;
	/** the jobs' clock: real time, plus the sandbox clock's offset when talking to the sandbox */
	now: () => number;
	/** for people: environment, address, username; never the key */
	describe: string;
}

export class ConnectionError extends Error {}

/**
 * The sandbox keeps its own clock (tests and demos move it forward with /__sandbox/clock/advance);
 * the jobs follow it, so "expired", "overdue" and "today" mean the same on both sides.
 */
async function sandboxOffset(baseUrl: string, send: HttpSend): Promise<number> {
	try {
		const answer = await send({
			method: 'GET',
			path: '/__sandbox/clock',
			headers: {},
			timeoutMs: 5_000,
		});
		const offset = Number((answer.body as { offset_ms?: unknown } | null)?.offset_ms);
		return Number.isFinite(offset) ? offset : 0;
	} catch (error) {
		const code = (error as { code?: string }).code;
		throw new ConnectionError(
			`No OY sandbox answers at ${baseUrl}${code ? ` (${code})` : ''}. Start one with \`npm run sandbox\` in the repository, ` +
				'or point oy.baseUrl at a running one. With OY! credentials (OY_API_KEY and oy.environment) the jobs talk to OY! instead.',
		);
	}
}

export async function connectOy(
	config: JobsConfig,
	onEvent?: (event: ClientEvent) => void,
): Promise<OyConnection> {
	const { oy } = config;
	const send = httpSend(oy.baseUrl, { username: oy.username, apiKey: oy.apiKey });
	const offset = oy.environment === 'sandbox' ? await sandboxOffset(oy.baseUrl, send) : 0;
	const client = new OyClient({
		send,
		sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
		timeoutMs: oy.timeoutMs,
		onEvent,
	});
	return {
		client,
		send,
		now: () => Date.now() + offset,
		describe: `OY! ${oy.environment} at ${oy.baseUrl} as ${oy.username}${offset !== 0 ? ` (sandbox clock ${new Date(Date.now() + offset).toISOString()})` : ''}`,
	};
}
