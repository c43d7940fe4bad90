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
		if (!response.ok) throw new Error(`sandbox ${method} ${pathname}: HTTP ${response.status} ${text}`);
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
