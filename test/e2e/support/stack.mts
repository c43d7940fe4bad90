import { inject } from 'vitest';
import { N8nInstance } from '../../../scripts/n8n/instance.mjs';
import { ensureRuntime, PROFILES } from '../../../scripts/n8n/runtime.mjs';
import './context.mjs';

/** The OY sandbox's control API (`/__sandbox`, see sandbox/README.md). */
export class SandboxControl {
	constructor(readonly url: string) {}

	async call(method: string, pathname: string, body?: unknown): Promise<any> {
		const response = await fetch(`${this.url}/__sandbox${pathname}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`sandbox ${method} ${pathname}: HTTP ${response.status} ${text}`);
		return text === '' ? undefined : JSON.parse(text);
	}
}

/** The n8n and OY sandbox the global setup started, with n8n's owner logged in. */
export async function connectToStack() {
	const context = inject('stack');
	const runtime = await ensureRuntime(PROFILES.current);
	const n8n = new N8nInstance({
		runtime,
		userFolder: context.userFolder,
		port: context.n8nPort,
		encryptionKey: context.encryptionKey,
	});
	await n8n.login(context.owner);
	return { context, n8n, sandbox: new SandboxControl(context.sandbox.url) };
}

type N8n = Awaited<ReturnType<typeof connectToStack>>['n8n'];

/** Activates an imported workflow in the running n8n (its production webhooks go live). */
export async function activate(n8n: N8n, workflowId: string) {
	const { status, body } = await n8n.api('POST', `/workflows/${workflowId}/activate`);
	if (status !== 200)
		throw new Error(`n8n did not activate ${workflowId}: HTTP ${status} ${JSON.stringify(body)}`);
}

/** Waits until the workflow has `count` finished executions; returns them, oldest first. */
export async function waitForExecutions(
	n8n: N8n,
	workflowId: string,
	count: number,
	timeoutMs = 30_000,
) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const finished = (await n8n.executions(workflowId)).filter(
			(execution) => execution.status !== 'running' && execution.status !== 'new',
		);
		if (finished.length >= count) return finished.reverse();
		if (Date.now() > deadline)
			throw new Error(
				`${workflowId}: ${finished.length} of ${count} executions after ${timeoutMs / 1000}s`,
			);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/**
 * Deletes credentials a test file imported: with more than one OY! API credential, the editor no
 * longer fills in "OY! Sandbox" by itself (the browser test checks that it does).
 */
export async function removeCredentials(n8n: N8n, ids: string[]) {
	for (const id of ids) {
		const { status, body } = await n8n.api('DELETE', `/credentials/${id}`);
		if (status !== 200 && status !== 404)
			throw new Error(
				`n8n did not delete the credential ${id}: HTTP ${status} ${JSON.stringify(body)}`,
			);
	}
}
