import axios from 'axios';
import { OyClient } from '#oy/lib';
import type { ClientEvent } from '#oy/lib';
import type { JobsConfig } from '../config/config.mjs';
import { axiosSend } from './axiosSend.mjs';
import type { AxiosSend } from './axiosSend.mjs';

export interface OyConnection {
	client: OyClient;
	send: AxiosSend;
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
async function sandboxOffset(baseUrl: string): Promise<number> {
	try {
		const answer = await axios.get(`${baseUrl}/__sandbox/clock`, { timeout: 5_000, proxy: false });
		const offset = Number((answer.data as { offset_ms?: unknown }).offset_ms);
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
	const offset = oy.environment === 'sandbox' ? await sandboxOffset(oy.baseUrl) : 0;
	const send = axiosSend(oy.baseUrl, { username: oy.username, apiKey: oy.apiKey });
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
