import { inject } from 'vitest';
import { N8nInstance } from '../../../../scripts/n8n/instance.mjs';
import { ensureRuntime, PROFILES } from '../../../../scripts/n8n/runtime.mjs';
import { SandboxControl } from '../../support/stack.mjs';
import './context.mjs';

/** The queue-mode stack of the global setup: its main process with the owner logged in, and the sandbox. */
export async function connectToQueue() {
	const context = inject('queue');
	const main = new N8nInstance({
		runtime: await ensureRuntime(PROFILES.current),
		userFolder: context.mainUserFolder,
		port: context.mainPort,
		encryptionKey: context.encryptionKey,
	});
	await main.login(context.owner);
	return { context, main, sandbox: new SandboxControl(context.sandbox.url) };
}
