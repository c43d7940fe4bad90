// @ts-check
// One n8n instance: a user folder, its CLI (import, publish, execute) and its server (`n8n start`),
// with an owner session for n8n's REST API and a key for its public API.
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { freePort, run, startServer, waitFor } from './processes.mjs';
import { cleanNpmEnv } from './runtime.mjs';
import { readBody, restCall, sessionCookie, signIn } from './session.mjs';

/** @typedef {import('./runtime.mjs').Runtime} Runtime */
/** @typedef {{ id: string, name: string, type: string, data: Record<string, unknown> }} CredentialImport */
/** @typedef {{ id: string, name: string, nodes: object[], connections: object, [key: string]: unknown }} WorkflowJson */
/** @typedef {{ email: string, password: string, firstName: string, lastName: string }} Owner */

/**
 * What n8n says about one execution.
 * @typedef {object} Execution
 * @property {string} status 'success', 'error' …
 * @property {{ resultData: { runData: Record<string, Array<NodeRun>>, error?: { message: string } } }} data
 */
/** @typedef {{ data?: { main: Array<Array<{ json: Record<string, any> }> | null> }, error?: { message: string, description?: string } }} NodeRun */

const QUIET_N8N = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	// `execute` prints its JSON through the logger: never go below info.
	N8N_LOG_LEVEL: 'info',
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_SECURE_COOKIE: 'false',
};

export class N8nInstance {
	/**
	 * @param {{ runtime: Runtime, userFolder: string, port: number, encryptionKey?: string, env?: Record<string, string>, log?: (line: string) => void }} options
	 *   `env`: more settings for every n8n command of this instance (queue mode's database and Redis)
	 */
	constructor({ runtime, userFolder, port, encryptionKey, env = {}, log = () => {} }) {
		this.runtime = runtime;
		this.userFolder = userFolder;
		this.port = port;
		this.url = `http://127.0.0.1:${port}`;
		this.encryptionKey = encryptionKey;
		this.extraEnv = env;
		this.log = log;
		this.major = Number(runtime.profile.n8nVersion.split('.')[0]);
		/** @type {import('./processes.mjs').Server | null} */
		this.server = null;
		/** @type {string | null} */
		this.cookie = null;
		/** @type {string | null} */
		this.apiKey = null;
	}

	/** @param {number} brokerPort every n8n process runs a task broker, each on its own port */
	env(brokerPort) {
		// NODE_ENV=test (set by test runners) makes n8n refuse to load nodes.
		const { NODE_ENV, VITEST, VITEST_MODE, VITEST_POOL_ID, VITEST_WORKER_ID, ...inherited } =
			cleanNpmEnv();
		return {
			...inherited,
			...QUIET_N8N,
			...this.runtime.profile.env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			WEBHOOK_URL: `${this.url}/`,
			N8N_EDITOR_BASE_URL: `${this.url}/`,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			...(this.encryptionKey ? { N8N_ENCRYPTION_KEY: this.encryptionKey } : {}),
			...this.extraEnv,
		};
	}

	/**
	 * Runs one n8n CLI command (each boots n8n: 3 to 10 seconds).
	 * @param {string[]} args
	 * @param {{ allowFailure?: boolean }} [options]
	 */
	async cli(args, { allowFailure = false } = {}) {
		return run(this.runtime.node, [this.runtime.n8n, ...args], {
			env: this.env(await freePort()),
			allowFailure,
		});
	}

	/** @param {string} name */
	async scratchDir(name) {
		const dir = path.join(this.userFolder, 'import', `${name}-${randomBytes(4).toString('hex')}`);
		await mkdir(dir, { recursive: true });
		return dir;
	}

	/** @param {CredentialImport[]} credentials plain data; n8n encrypts it on import */
	async importCredentials(credentials) {
		const dir = await this.scratchDir('credentials');
		try {
			const file = path.join(dir, 'credentials.json');
			await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
			await this.cli(['import:credentials', `--input=${file}`]);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	}

	/** @param {WorkflowJson[]} workflows imported inactive, as n8n always does */
	async importWorkflows(workflows) {
		if (workflows.length === 0) return;
		const dir = await this.scratchDir('workflows');
		try {
			for (const workflow of workflows)
				await writeFile(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow));
			await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	}

	/**
	 * Activates a workflow for the next `n8n start` (its webhooks and triggers go live then).
	 * @param {string} id
	 */
	async publish(id) {
		if (this.server?.running())
			throw new Error('publish before start: a running n8n does not see the change');
		await this.cli(
			this.major >= 2
				? ['publish:workflow', `--id=${id}`]
				: ['update:workflow', `--id=${id}`, '--active=true'],
		);
	}

	/**
	 * `n8n execute --id`: runs a workflow from its start node, as "Execute workflow" in the editor does.
	 * @param {string} id
	 * @returns {Promise<{ code: number, signal: NodeJS.Signals | null, execution: Execution, output: string }>}
	 */
	async execute(id) {
		const { code, signal, output } = await this.cli(['execute', `--id=${id}`, '--rawOutput'], {
			allowFailure: true,
		});
		// 2.x prints log lines first; the execution is the JSON from the first line that is exactly "{".
		const start = output.search(/^\{$/m);
		if (start < 0)
			throw new Error(
				`n8n execute --id=${id} printed no execution (exit ${code}):\n${output.slice(-3000)}`,
			);
		const end = output.lastIndexOf('\n}');
		return { code, signal, execution: JSON.parse(output.slice(start, end + 2)), output };
	}

	/**
	 * `n8n start` (or, in queue mode, `n8n worker` or `n8n webhook`, whose `port` is then the one
	 * their readiness answers on); resolves once the editor and the production webhooks answer.
	 * @param {{ logFile?: string, command?: 'start' | 'worker' | 'webhook', args?: string[] }} [options] `logFile`: where n8n's own log goes
	 */
	async start({ logFile, command = 'start', args = [] } = {}) {
		const started = Date.now();
		this.server = startServer(this.runtime.node, [this.runtime.n8n, command, ...args], {
			env: this.env(await freePort()),
			logFile,
		});
		const server = this.server;
		await waitFor(
			`n8n ${command} at ${this.url}`,
			async () =>
				(await fetch(`${this.url}/healthz/readiness`)).status === 200 ? true : undefined,
			{ timeoutMs: 180_000, alive: server.running, diagnostics: server.output },
		);
		if (command !== 'start') {
			this.log(
				`n8n ${command} ${this.runtime.profile.n8nVersion} ready (${this.url}) in ${((Date.now() - started) / 1000).toFixed(1)}s`,
			);
			return;
		}
		// n8n 1.x is "ready" before its REST routes are mounted.
		await waitFor(
			`n8n's REST API at ${this.url}`,
			async () => ((await fetch(`${this.url}/rest/settings`)).status === 200 ? true : undefined),
			{ timeoutMs: 120_000, alive: server.running, diagnostics: server.output },
		);
		this.log(
			`n8n ${this.runtime.profile.n8nVersion} ready at ${this.url} in ${((Date.now() - started) / 1000).toFixed(1)}s`,
		);
	}

	async stop() {
		await this.server?.stop();
		this.server = null;
		this.cookie = null;
	}

	/**
	 * Creates the instance owner (only possible while there is none) and keeps its session.
	 * @param {Owner} owner
	 */
	async setupOwner(owner) {
		const response = await fetch(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': 'oy-harness' },
			body: JSON.stringify(owner),
		});
		if (!response.ok)
			throw new Error(
				`n8n refused the owner setup: HTTP ${response.status} ${await response.text()}`,
			);
		this.cookie = sessionCookie(response);
	}

	/** @param {{ email: string, password: string }} login */
	async login(login) {
		this.cookie = await signIn(this.url, login);
	}

	/**
	 * n8n's internal REST API, as the editor calls it, with the owner's session.
	 * @param {string} method
	 * @param {string} pathname e.g. /rest/credentials/test or /types/nodes.json
	 * @param {unknown} [body]
	 * @returns {Promise<{ status: number, body: any }>}
	 */
	async rest(method, pathname, body) {
		if (!this.cookie) throw new Error('no n8n session: call setupOwner or login first');
		return await restCall(this.url, this.cookie, method, pathname, body);
	}

	/** A public-API key with every scope, for /api/v1. */
	async createApiKey() {
		const scopes = await this.rest('GET', '/rest/api-keys/scopes');
		const created = await this.rest('POST', '/rest/api-keys', {
			label: `oy-harness-${Date.now()}`,
			expiresAt: null,
			scopes: scopes.body.data,
		});
		if (created.status !== 200) throw new Error(`n8n refused an API key: HTTP ${created.status}`);
		this.apiKey = created.body.data.rawApiKey;
	}

	/**
	 * n8n's public API (/api/v1).
	 * @param {string} method
	 * @param {string} pathname
	 * @param {unknown} [body]
	 * @returns {Promise<{ status: number, body: any }>}
	 */
	async api(method, pathname, body) {
		if (!this.apiKey) await this.createApiKey();
		const response = await fetch(`${this.url}/api/v1${pathname}`, {
			method,
			headers: {
				'X-N8N-API-KEY': String(this.apiKey),
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, body: await readBody(response) };
	}

	/**
	 * The executions of a workflow, newest first, with their data.
	 * @param {string} workflowId
	 * @returns {Promise<Array<Execution & { id: string, mode: string }>>}
	 */
	async executions(workflowId) {
		const { status, body } = await this.api(
			'GET',
			`/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=true&limit=100`,
		);
		if (status !== 200)
			throw new Error(`n8n's public API refused the executions of ${workflowId}: HTTP ${status}`);
		return body.data;
	}
}

/** A password n8n accepts (8+ characters, a digit, an upper-case letter). */
export function generatePassword() {
	return `Oy-${randomBytes(9).toString('base64url')}-7Q`;
}
