import { CALLBACK_PRODUCTS } from '../../../sandbox/src/index.mjs';
import type { RunningSandbox } from '../../../sandbox/src/index.mjs';
import { control, startTestSandbox } from '../../sandbox/helpers.mjs';
import { startTriggerServer } from './triggerServer.mjs';
import type { TriggerServer } from './triggerServer.mjs';

export const TOKEN = 'trigger-test-token-0123456789';

export interface Scenario {
	sandbox: RunningSandbox;
	trigger: TriggerServer;
	close(): Promise<void>;
}

/**
 * A sandbox whose every product calls back an OY! Trigger served like a published n8n workflow,
 * with the token in the URL, as a partner would paste it into OY's dashboard.
 */
export async function startScenario(options: {
	parameters?: Record<string, unknown>;
	processingDelays?: Record<string, number>;
	host?: string;
}): Promise<Scenario> {
	const sandbox = await startTestSandbox({
		processingDelays: options.processingDelays,
		callbackRetry: { maxAttempts: 1, baseDelayMs: 10, timeoutMs: 10_000 },
	});
	const trigger = await startTriggerServer({
		host: options.host,
		callbackToken: TOKEN,
		parameters: {
			allowedIpAddresses: '127.0.0.1/32',
			confirmWithOy: 'money',
			...options.parameters,
		},
		credentials: {
			environment: 'custom',
			baseUrl: sandbox.url,
			username: sandbox.username,
			apiKey: sandbox.apiKey,
		},
	});
	const urls = Object.fromEntries(
		CALLBACK_PRODUCTS.map((product) => [product, `${trigger.url}?token=${TOKEN}`]),
	);
	await control(sandbox, 'PUT', '/callbacks', urls);
	return {
		sandbox,
		trigger,
		async close() {
			await trigger.settled();
			await trigger.close();
			await sandbox.close();
		},
	};
}

/** Waits until `find` returns something (callbacks and executions are asynchronous). */
export async function until<T>(
	find: () => T | undefined,
	what: string,
	timeoutMs = 15_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = find();
		if (found !== undefined) return found;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
