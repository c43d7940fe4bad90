// @ts-check
// `npm start -- --queue`: the OY sandbox and n8n in queue mode on this machine (scripts/queue/stack.mjs),
// with this package on every n8n process, the "OY! Sandbox" credentials, the examples and job
// templates, and the sandbox's callbacks going through the webhook processes. Each start is a fresh
// database. Ctrl-C stops everything it started.
//
// Environment: OY_N8N_PORT (5678, the editor), OY_N8N_WEBHOOK_PORT (5680, the webhook processes'
// round-robin), OY_SANDBOX_PORT (4700), OY_N8N_CACHE; the run folder is <cache>/queue.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { cacheRoot, ensureRuntime, formatDuration, PROFILES } from '../n8n/runtime.mjs';
import {
	bundledWorkflows,
	callbackExampleFirst,
	CALLBACK_PRODUCTS,
	sandboxCredentials,
	triggerCallbackUrl,
} from '../n8n/stack.mjs';
import { ensureOwner } from '../n8n/userFolder.mjs';
import { randomBytes } from 'node:crypto';
import { QueueStack } from './stack.mjs';
import { ensureCallbacksTable } from '../../jobs/workflows/callbacksTable.mjs';

/**
 * @param {{ sandbox: { url: string, username: string, apiKey: string, close: () => Promise<void>, control: { setCallbackUrl: (product: string, url: string) => void } }, mainPort: number, webhookPort: number }} options
 * @returns {Promise<never>} runs until Ctrl-C
 */
export async function startQueue({ sandbox, mainPort, webhookPort }) {
	const started = Date.now();
	const runDir = path.join(cacheRoot(), 'queue');
	await rm(runDir, { recursive: true, force: true });
	const runtime = await ensureRuntime(PROFILES.current);
	const stack = new QueueStack({
		runtime,
		runDir,
		encryptionKey: randomBytes(24).toString('base64url'),
		mainPort,
		webhookPort,
		log: console.log,
	});
	let stopping = false;
	/** @param {number} code */
	const stopAll = async (code) => {
		if (stopping) return;
		stopping = true;
		console.log(
			'\nStopping n8n (webhook processes, workers, main), PostgreSQL, Redis and the OY! sandbox …',
		);
		await stack.stop();
		await sandbox.close();
		process.exit(code);
	};
	process.on('SIGINT', () => void stopAll(0));
	process.on('SIGTERM', () => void stopAll(0));
	try {
		const workflows = callbackExampleFirst(await bundledWorkflows()).map(
			({ workflow }) => workflow,
		);
		console.log(`Starting ${runtime.profile.label} in queue mode (first start: a few minutes) …`);
		await stack.start({ credentials: sandboxCredentials(sandbox), workflows });
		const callbacks = triggerCallbackUrl(workflows, stack.proxy?.url ?? '');
		for (const product of CALLBACK_PRODUCTS)
			if (callbacks) sandbox.control.setCallbackUrl(product, callbacks.url);
		const login = stack.main ? await ensureOwner(stack.main) : null;
		if (login && stack.main) {
			// The callbacks-once example's Data Table and its lock row (docs/queue-mode.md).
			const main = stack.main;
			if (!main.cookie) await main.login(login);
			await ensureCallbacksTable((method, pathname, body) => main.rest(method, pathname, body));
		}
		for (const process_ of [stack.main, ...stack.workers, ...stack.webhooks]) {
			void process_?.server?.exited.then(() => {
				if (stopping) return;
				console.error(
					`An n8n process (${process_.userFolder}) stopped unexpectedly. The end of its log:\n${process_.server?.output().slice(-4000)}`,
				);
				void stopAll(1);
			});
		}
		console.log(
			[
				'',
				`n8n in queue mode is running (ready in ${formatDuration(Date.now() - started)}). What runs where:`,
				'',
				stack.describe(),
				`  OY! sandbox  ${sandbox.url}   username ${sandbox.username}, API key ${sandbox.apiKey}`,
				'',
				`  n8n login    ${login ? `${login.email} / ${login.password}` : 'the n8n account you create'}   (editor ${stack.main?.url})`,
				callbacks
					? `  callbacks    the sandbox calls back "${callbacks.workflow.name}" through the webhook processes (publish it to receive them)`
					: null,
				'',
				'Executions run on the workers, "Execute workflow" in the editor too. This database is new on every start.',
				'Ctrl-C stops everything.',
			]
				.filter((line) => line !== null)
				.join('\n'),
		);
	} catch (error) {
		console.error(
			`\nnpm start -- --queue failed: ${error.message}${error.outputTail ? `\n${error.outputTail}` : ''}`,
		);
		await stopAll(1);
	}
	// Until Ctrl-C (stopAll exits the process).
	return new Promise(() => {});
}
