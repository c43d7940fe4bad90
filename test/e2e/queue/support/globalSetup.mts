import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startSandbox } from '../../../../sandbox/src/index.mjs';
import { ensureRuntime, formatDuration, PROFILES } from '../../../../scripts/n8n/runtime.mjs';
import { bundledWorkflows, sandboxCredentials } from '../../../../scripts/n8n/stack.mjs';
import { QueueStack } from '../../../../scripts/queue/stack.mjs';
import { E2E_DIR } from '../../support/globalSetup.mjs';
import type { QueueContext } from './context.mjs';
import { PAYOUTS_WORKFLOW_ID, payoutsWorkflow } from './workflows.mjs';

const CALLBACK_EXAMPLE = 'examples/oy-receive-callbacks.json';
const CALLBACKS_ONCE_EXAMPLE = 'examples/oy-callbacks-once-across-processes.json';

/**
 * n8n 2.41.1 in queue mode (scripts/queue/stack.mjs: Redis, PostgreSQL, main, 2 workers, 2 webhook
 * processes, a round-robin proxy), this package on every process, the OY sandbox, its credentials,
 * the examples and job templates; published: the two callback examples and the payouts workflow.
 */
export default async function setup(project: TestProject) {
	const started = Date.now();
	const step = (what: string) =>
		console.log(`[queue ${formatDuration(Date.now() - started)}] ${what}`);
	const runDir = path.join(E2E_DIR, `${process.env.OY_E2E_RUN || 'current'}-queue`);
	await rm(runDir, { recursive: true, force: true });
	const runtime = await ensureRuntime(PROFILES.current, { log: step });
	// The sandbox sends no callbacks by itself (no URL): the tests deliver the ones they choose.
	const sandbox = await startSandbox({ port: 0, processingDelays: { disbursement: 0 } });
	const stack = new QueueStack({
		runtime,
		runDir,
		encryptionKey: 'oy-e2e-queue-key-not-a-secret',
		log: step,
	});
	const bundled = await bundledWorkflows();
	const example = bundled.find(({ file }) => file === CALLBACK_EXAMPLE);
	const once = bundled.find(({ file }) => file === CALLBACKS_ONCE_EXAMPLE);
	if (!example || !once)
		throw new Error(`${CALLBACK_EXAMPLE} or ${CALLBACKS_ONCE_EXAMPLE} is missing`);
	try {
		await stack.start({
			credentials: sandboxCredentials(sandbox),
			workflows: [...bundled.map(({ workflow }) => workflow), payoutsWorkflow()],
			publish: [example.workflow.id, once.workflow.id, PAYOUTS_WORKFLOW_ID],
		});
	} catch (error) {
		await stack.stop();
		await sandbox.close();
		throw error;
	}
	const owner = {
		email: 'owner@example.com',
		password: 'E2e-Owner-Passw0rd',
		firstName: 'Finance',
		lastName: 'Ops',
	};
	await stack.main!.setupOwner(owner);
	const context: QueueContext = {
		mainPort: stack.main!.port,
		mainUserFolder: stack.main!.userFolder,
		encryptionKey: stack.encryptionKey,
		owner,
		webhookUrls: stack.webhooks.map((webhook) => webhook.url),
		proxyUrl: stack.proxy!.url,
		workerLogs: stack.workers.map((_, index) => stack.logFile(`worker-${index + 1}`)),
		workerPids: stack.workers.map((worker) => worker.server!.pid),
		sandbox: { url: sandbox.url, username: sandbox.username, apiKey: sandbox.apiKey },
		postgres: {
			host: stack.postgres!.host,
			port: stack.postgres!.port,
			user: stack.postgres!.user,
		},
	};
	project.provide('queue', context);
	step(`queue-mode stack ready:\n${stack.describe()}`);
	return async () => {
		await stack.stop();
		await sandbox.close();
	};
}
