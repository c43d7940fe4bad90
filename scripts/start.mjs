// @ts-check
// `npm start`: the whole local stack for a new user. The OY sandbox (an OY! API on this machine)
// and real n8n with this package installed as a community package, an "OY! Sandbox" credential
// and the example workflows and job templates. Ctrl-C stops everything it started.
//
//   npm start                  start (the first run installs n8n into the cache folder)
//   npm start -- --reimport    also re-import examples whose file changed (overwrites your edits of them)
//   npm start -- --queue       n8n in queue mode instead: main, 2 workers, 2 webhook processes, Redis, PostgreSQL
//                              (scripts/queue/start.mjs; installs Debian's redis-server and postgresql when root)
//
// Environment: OY_SANDBOX_PORT (4700), OY_N8N_PORT (5678), OY_N8N_CACHE (~/.cache/n8n-nodes-oy),
// OY_N8N_USER_FOLDER (<cache>/user), OY_SANDBOX_USERNAME, OY_SANDBOX_API_KEY, OY_SANDBOX_SEED_FILE.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CALLBACKS_TABLE, ensureCallbacksTable } from '../jobs/workflows/callbacksTable.mjs';
import { ensureExpectedTable, EXPECTED_TABLE } from '../jobs/workflows/expectedTable.mjs';
import { ensureLedgerTable, LEDGER_TABLE } from '../jobs/workflows/ledgerTable.mjs';
import { REPO_ROOT } from './n8n/communityPackage.mjs';
import { N8nInstance } from './n8n/instance.mjs';
import { cacheRoot, ensureRuntime, formatDuration, PROFILES } from './n8n/runtime.mjs';
import { CALLBACK_PRODUCTS, callbackExampleFirst, triggerCallbackUrl } from './n8n/stack.mjs';
import {
	ensureOwner,
	installPackageIfChanged,
	syncCredentials,
	syncWorkflows,
} from './n8n/userFolder.mjs';
import { assertPortFree, portFromEnvironment } from './n8n/ports.mjs';

const started = Date.now();
const reimport = process.argv.includes('--reimport');
const sandboxEntry = path.join(REPO_ROOT, 'sandbox', 'dist', 'index.mjs');
if (!existsSync(sandboxEntry))
	fail('The sandbox is not built: run `npm run build`, then `npm start` again.');

const queue = process.argv.includes('--queue');
const [sandboxPort, n8nPort, webhookPort] = await Promise.all([
	freePortFrom('OY_SANDBOX_PORT', 4700),
	freePortFrom('OY_N8N_PORT', 5678),
	queue ? freePortFrom('OY_N8N_WEBHOOK_PORT', 5680) : 0,
]).catch((error) => fail(error.message));

const { startSandbox, DEFAULT_API_KEY, DEFAULT_USERNAME } = await import(sandboxEntry);
const sandbox = await startSandbox({
	port: sandboxPort,
	host: '127.0.0.1',
	username: process.env.OY_SANDBOX_USERNAME || DEFAULT_USERNAME,
	apiKey: process.env.OY_SANDBOX_API_KEY || DEFAULT_API_KEY,
	seed: process.env.OY_SANDBOX_SEED_FILE || undefined,
});
console.log(`OY! sandbox listening on ${sandbox.url}`);

if (queue) {
	const { startQueue } = await import('./queue/start.mjs');
	await startQueue({ sandbox, mainPort: n8nPort, webhookPort });
}

/** @type {N8nInstance | null} */
let n8n = null;
let stopping = false;
async function stopAll(code = 0) {
	if (stopping) return;
	stopping = true;
	console.log('\nStopping n8n and the OY! sandbox …');
	await n8n?.stop();
	await sandbox.close();
	process.exit(code);
}
process.on('SIGINT', () => void stopAll());
process.on('SIGTERM', () => void stopAll());

try {
	const runtime = await ensureRuntime(PROFILES.current);
	const userFolder = path.resolve(process.env.OY_N8N_USER_FOLDER || path.join(cacheRoot(), 'user'));
	n8n = new N8nInstance({ runtime, userFolder, port: n8nPort, log: console.log });

	await installPackageIfChanged(n8n, console.log);
	await syncCredentials(n8n, sandbox, console.log);
	const workflows = await syncWorkflows(n8n, { reimport, log: console.log });
	const callbacks = triggerCallbackUrl(
		callbackExampleFirst(workflows).map(({ workflow }) => workflow),
		n8n.url,
	);
	for (const product of CALLBACK_PRODUCTS)
		if (callbacks) sandbox.control.setCallbackUrl(product, callbacks.url);

	const logFile = path.join(userFolder, 'n8n.log');
	console.log(`Starting ${runtime.profile.label} (its log: ${logFile}) …`);
	await n8n.start({ logFile });
	const login = await ensureOwner(n8n);
	if (login) {
		// The job templates keep their ledger in this Data Table (docs/jobs-in-n8n.md).
		if (!n8n.cookie) await n8n.login(login);
		const table = await ensureLedgerTable((method, pathname, body) =>
			n8n.rest(method, pathname, body),
		);
		console.log(
			`Data Table ${LEDGER_TABLE} for the job templates' ledger: ${table.created ? 'created' : 'there'}`,
		);
		const list = await ensureExpectedTable((method, pathname, body) =>
			n8n.rest(method, pathname, body),
		);
		console.log(
			`Data Table ${EXPECTED_TABLE} for the reconciliation template's list: ${list.created ? 'created' : 'there'}`,
		);
		const once = await ensureCallbacksTable((method, pathname, body) =>
			n8n.rest(method, pathname, body),
		);
		console.log(
			`Data Table ${CALLBACKS_TABLE} for the callbacks-once example: ${once.created ? 'created' : 'there'}`,
		);
	}
	void n8n.server?.exited.then(() => {
		if (stopping) return;
		console.error(
			`n8n stopped unexpectedly. The end of its log:\n${n8n?.server?.output().slice(-4000)}`,
		);
		void stopAll(1);
	});
	printWelcome({ login, workflows, logFile, callbacks });
} catch (error) {
	console.error(`\nnpm start failed: ${error.message}`);
	await stopAll(1);
}

/**
 * @param {{
 *   login: { email: string, password: string } | null,
 *   workflows: Array<{ file: string, workflow: { name: string } }>,
 *   logFile: string,
 *   callbacks: { workflow: { name: string }, url: string } | undefined,
 * }} details
 */
function printWelcome({ login, workflows, logFile, callbacks }) {
	const url = n8n?.url ?? '';
	const lines = [
		'',
		`The OY! local stack is running (ready in ${formatDuration(Date.now() - started)}).`,
		'',
		`  n8n editor    ${url}`,
		login
			? `  n8n login     ${login.email} / ${login.password}   (kept in ${path.join(n8n?.userFolder ?? '', 'oy-owner.json')})`
			: '  n8n login     the n8n account you created',
		`  OY! sandbox   ${sandbox.url}   username ${sandbox.username}, API key ${sandbox.apiKey}; control API ${sandbox.url}/__sandbox`,
		'  credentials   "OY! Sandbox" (type OY! API, environment Local Sandbox) and "OY! Sandbox Callback Token"',
		`  workflows     ${workflows.length === 0 ? 'none' : workflows.map(({ workflow }) => `"${workflow.name}"`).join(', ')}`,
		callbacks
			? `  callbacks     the sandbox calls back "${callbacks.workflow.name}" (publish it to receive them)`
			: null,
		`  n8n log       ${logFile}`,
		'',
		'Try first:',
		`  1. Open ${url} and log in.`,
		'  2. Open "OY! example: check the balance" and click "Execute workflow": the OY! node reads the sandbox balance.',
		'  3. Open "OY! example: verify accounts, then pay out": it checks two bank accounts, pays out and reads the final status.',
		callbacks
			? `  4. Publish "${callbacks.workflow.name}": then each sandbox callback (a payout that completes, a paid VA or payment link) starts it.`
			: null,
		'  5. In a new workflow, press + and search "OY!": every operation of the OY! API is there.',
		'',
		'Ctrl-C stops n8n and the sandbox.',
	];
	console.log(lines.filter((line) => line !== null).join('\n'));
}

/** @param {string} variable @param {number} fallback */
async function freePortFrom(variable, fallback) {
	const port = portFromEnvironment(variable, fallback);
	await assertPortFree(port, variable);
	return port;
}

/** @param {string} message @returns {never} */
function fail(message) {
	console.error(message);
	process.exit(1);
}
