// @ts-check
// What `npm start` and the end-to-end tests put into n8n: this package, an "OY! Sandbox"
// credential, the example workflows and the job templates.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from './communityPackage.mjs';

/** The credential the example workflows and job templates refer to. */
export const SANDBOX_CREDENTIAL = { id: 'oySandboxCred001', name: 'OY! Sandbox' };

/**
 * The callback token of the example trigger. It guards only the local sandbox's callbacks; a
 * workflow moved to OY! staging or production gets a credential with a token of its own.
 */
export const SANDBOX_CALLBACK_TOKEN_CREDENTIAL = {
	id: 'oySandboxToken01',
	name: 'OY! Sandbox Callback Token',
};
const SANDBOX_CALLBACK_TOKEN = 'sandbox-callback-token-change-me';

/** Folders whose `*.json` files are n8n workflows to import. */
export const WORKFLOW_FOLDERS = ['examples', path.join('jobs', 'workflows')];

/**
 * The credentials `npm start` and the end-to-end tests import: "OY! Sandbox" and the example
 * trigger's callback token.
 * @param {{ url: string, username: string, apiKey: string }} sandbox
 * @returns {import('./instance.mjs').CredentialImport[]}
 */
export function sandboxCredentials(sandbox) {
	return [
		{
			...SANDBOX_CREDENTIAL,
			type: 'oyApi',
			data: {
				environment: 'sandbox',
				baseUrl: sandbox.url,
				username: sandbox.username,
				apiKey: sandbox.apiKey,
			},
		},
		{
			...SANDBOX_CALLBACK_TOKEN_CREDENTIAL,
			type: 'oyCallbackTokenApi',
			data: { token: SANDBOX_CALLBACK_TOKEN },
		},
	];
}

/**
 * The workflow with the "OY! Sandbox" credential on every OY! node that has none (templates leave
 * the choice to the user).
 * @param {import('./instance.mjs').WorkflowJson} workflow
 */
function withSandboxCredential(workflow) {
	const nodes = /** @type {Array<{ type: string, credentials?: Record<string, unknown> }>} */ (
		workflow.nodes
	).map((node) =>
		node.type.startsWith('n8n-nodes-oy.') && !node.credentials?.oyApi
			? { ...node, credentials: { ...node.credentials, oyApi: SANDBOX_CREDENTIAL } }
			: node,
	);
	return { ...workflow, nodes };
}

/**
 * Every workflow of the example and job-template folders, with the file it came from.
 * @returns {Promise<Array<{ file: string, text: string, workflow: import('./instance.mjs').WorkflowJson }>>}
 */
export async function bundledWorkflows() {
	const found = [];
	for (const folder of WORKFLOW_FOLDERS) {
		const dir = path.join(REPO_ROOT, folder);
		if (!existsSync(dir)) continue;
		for (const name of (await readdir(dir)).filter((entry) => entry.endsWith('.json')).sort()) {
			const file = path.join(folder, name);
			const text = await readFile(path.join(REPO_ROOT, file), 'utf8');
			const workflow = JSON.parse(text);
			if (!Array.isArray(workflow.nodes))
				throw new Error(`${file} is not an n8n workflow (no nodes)`);
			// Templates carry no id; a stable one from the file name lets a later import replace them.
			workflow.id ??=
				`${folder === 'examples' ? 'oy' : 'job'}-${name.replace(/\.json$/, '')}`.slice(0, 21);
			found.push({ file, text, workflow: withSandboxCredential(workflow) });
		}
	}
	const ids = new Set();
	for (const { file, workflow } of found) {
		if (ids.has(workflow.id)) throw new Error(`${file}: workflow id ${workflow.id} is used twice`);
		ids.add(workflow.id);
	}
	return found;
}

/**
 * One bundled workflow by its file (`examples/….json`, `jobs/workflows/….json`); throws when it is missing.
 * @param {string} file
 */
export async function bundledWorkflow(file) {
	const found = (await bundledWorkflows()).find((candidate) => candidate.file === file);
	if (!found) throw new Error(`${file} is missing`);
	return found;
}

/** The example `npm start` points the sandbox's callbacks at. */
export const CALLBACK_EXAMPLE = 'examples/oy-receive-callbacks.json';

/**
 * The workflows with the callback example first, so that `triggerCallbackUrl` picks it over other
 * workflows with an OY! Trigger.
 * @template {{ file: string }} T
 * @param {T[]} bundled
 * @returns {T[]}
 */
export const callbackExampleFirst = (bundled) =>
	[...bundled].sort(
		(a, b) => Number(b.file === CALLBACK_EXAMPLE) - Number(a.file === CALLBACK_EXAMPLE),
	);

export const TRIGGER_TYPE = 'n8n-nodes-oy.oyTrigger';
/** The OY! Trigger's webhook path (nodes/OyTrigger: `webhooks[0].path`). */
const TRIGGER_PATH = 'oy';
export { CALLBACK_PRODUCTS } from '../../sandbox/dist/index.mjs';

/**
 * The production URL (with its token) of the first OY! Trigger among the workflows: the URL a
 * partner pastes into OY's dashboard, and the one `npm start` gives the sandbox. Only the sandbox's
 * own token credential is known here.
 * @param {import('./instance.mjs').WorkflowJson[]} workflows
 * @param {string} n8nUrl
 * @returns {{ workflow: import('./instance.mjs').WorkflowJson, url: string } | undefined}
 */
export function triggerCallbackUrl(workflows, n8nUrl) {
	for (const workflow of workflows) {
		const node =
			/** @type {Array<{ type: string, typeVersion?: number, webhookId?: string, parameters?: { callbackToken?: string }, credentials?: { oyCallbackTokenApi?: { id: string } } }>} */ (
				workflow.nodes
			).find((candidate) => candidate.type === TRIGGER_TYPE);
		if (!node?.webhookId) continue;
		const url = `${n8nUrl}/webhook/${node.webhookId}/${TRIGGER_PATH}`;
		// Version 2 requires the token unless the node says otherwise (n8n saves no default values).
		const token =
			node.parameters?.callbackToken ?? ((node.typeVersion ?? 1) >= 2 ? 'required' : 'none');
		if (token !== 'required') return { workflow, url };
		if (node.credentials?.oyCallbackTokenApi?.id !== SANDBOX_CALLBACK_TOKEN_CREDENTIAL.id) {
			throw new Error(
				`The OY! Trigger of "${workflow.name}" needs a token this script does not know: use the "${SANDBOX_CALLBACK_TOKEN_CREDENTIAL.name}" credential`,
			);
		}
		return { workflow, url: `${url}?token=${SANDBOX_CALLBACK_TOKEN}` };
	}
	return undefined;
}
