// @ts-check
// n8n in queue mode, all on this machine: Redis (the queue), PostgreSQL (the database), one main
// process (editor, API, triggers), workers that run the executions, webhook processes that take
// production webhook calls, and a round-robin proxy in front of the webhook processes. Every n8n
// process has a user folder of its own with this package installed from its tarball, and the same
// encryption key and settings.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { installCommunityPackage, packPackage } from '../n8n/communityPackage.mjs';
import { N8nInstance } from '../n8n/instance.mjs';
import { freePort } from '../n8n/processes.mjs';
import { startPostgres } from './postgres.mjs';
import { startRedis } from './redis.mjs';
import { startRoundRobin } from './roundRobin.mjs';

/** @typedef {import('../n8n/runtime.mjs').Runtime} Runtime */
/** @typedef {import('../n8n/instance.mjs').WorkflowJson} WorkflowJson */
/** @typedef {import('../n8n/instance.mjs').CredentialImport} CredentialImport */

/**
 * @typedef {object} QueueStackOptions
 * @property {Runtime} runtime
 * @property {string} runDir logs and user folders
 * @property {string} encryptionKey the same on every process
 * @property {number} [mainPort] the editor's port (a free one if not given)
 * @property {number} [webhookPort] the round-robin proxy's port (a free one if not given)
 * @property {number} [workers] 2
 * @property {number} [webhooks] 2
 * @property {number} [workerConcurrency] executions one worker runs at once, 5 (n8n's own default: 10; it warns below 5)
 * @property {(line: string) => void} [log]
 */

export class QueueStack {
	/** @param {QueueStackOptions} options */
	constructor({
		runtime,
		runDir,
		encryptionKey,
		mainPort,
		webhookPort,
		workers = 2,
		webhooks = 2,
		workerConcurrency = 5,
		log = () => {},
	}) {
		this.runtime = runtime;
		this.runDir = runDir;
		this.encryptionKey = encryptionKey;
		this.ports = { main: mainPort, webhook: webhookPort };
		this.counts = { workers, webhooks };
		this.workerConcurrency = workerConcurrency;
		this.log = log;
		/** @type {Awaited<ReturnType<typeof startRedis>> | null} */
		this.redis = null;
		/** @type {Awaited<ReturnType<typeof startPostgres>> | null} */
		this.postgres = null;
		/** @type {N8nInstance | null} */
		this.main = null;
		/** @type {N8nInstance[]} */
		this.workers = [];
		/** @type {N8nInstance[]} */
		this.webhooks = [];
		/** @type {Awaited<ReturnType<typeof startRoundRobin>> | null} */
		this.proxy = null;
		/** @type {Record<string, string> | null} settings every n8n process gets */
		this.env = null;
		/** @type {string | null} */
		this.tarball = null;
	}

	/** @param {string} name */
	logFile(name) {
		return path.join(this.runDir, `${name}.log`);
	}

	/**
	 * Starts everything. Credentials and workflows go into the database before n8n starts;
	 * `publish` lists the workflows to activate (their webhooks are then served by the webhook processes).
	 * @param {{ credentials: CredentialImport[], workflows: WorkflowJson[], publish?: string[] }} content
	 */
	async start({ credentials, workflows, publish = [] }) {
		await mkdir(this.runDir, { recursive: true });
		const [redisPort, postgresPort, mainPort, webhookPort] = await Promise.all([
			freePort(),
			freePort(),
			this.ports.main ?? freePort(),
			this.ports.webhook ?? freePort(),
		]);
		this.redis = await startRedis({
			port: redisPort,
			dir: path.join(this.runDir, 'redis'),
			log: this.log,
		});
		this.log(`Redis on 127.0.0.1:${redisPort}`);
		this.postgres = await startPostgres({
			port: postgresPort,
			logFile: this.logFile('postgres'),
			log: this.log,
		});
		const proxyUrl = `http://127.0.0.1:${webhookPort}`;
		const env = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: this.redis.host,
			QUEUE_BULL_REDIS_PORT: String(this.redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: this.postgres.host,
			DB_POSTGRESDB_PORT: String(this.postgres.port),
			DB_POSTGRESDB_DATABASE: this.postgres.database,
			DB_POSTGRESDB_USER: this.postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			// The URL OY! calls back: the load balancer in front of the webhook processes.
			WEBHOOK_URL: `${proxyUrl}/`,
			// "Execute workflow" in the editor runs on a worker too (n8n 3 does it always).
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		};
		this.env = env;
		this.tarball = await packPackage(this.runDir);
		const workerPorts = await Promise.all(
			Array.from({ length: this.counts.workers }, () => freePort()),
		);
		const webhookPorts = await Promise.all(
			Array.from({ length: this.counts.webhooks }, () => freePort()),
		);
		[this.main, ...this.workers] = await Promise.all([
			// Production webhooks go to the webhook processes only.
			this.instance('main', mainPort, { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' }),
			...workerPorts.map((port, index) => this.workerInstance(index, port)),
		]);
		this.webhooks = await Promise.all(
			webhookPorts.map((port, index) => this.instance(`webhook-${index + 1}`, port)),
		);
		this.log(
			`installed ${path.basename(this.tarball)} into ${1 + this.workers.length + this.webhooks.length} user folders under ${this.runDir}`,
		);

		await this.main.importCredentials(credentials);
		await this.main.importWorkflows(workflows);
		for (const id of publish) await this.main.publish(id);
		await this.main.start({ logFile: this.logFile('main') });
		await Promise.all([
			this.startWorkers(),
			...this.webhooks.map((webhook, index) =>
				webhook.start({ command: 'webhook', logFile: this.logFile(`webhook-${index + 1}`) }),
			),
		]);
		this.proxy = await startRoundRobin({
			port: webhookPort,
			targets: this.webhooks.map((webhook) => webhook.url),
		});
		return this;
	}

	/**
	 * A process's user folder with this package installed, and its instance (not started).
	 * @param {string} name @param {number} port @param {Record<string, string>} [own] its own settings
	 */
	async instance(name, port, own = {}) {
		if (!this.env || !this.tarball) throw new Error('QueueStack: start() first');
		const userFolder = path.join(this.runDir, name);
		await installCommunityPackage(userFolder, this.tarball);
		return new N8nInstance({
			runtime: this.runtime,
			userFolder,
			port,
			encryptionKey: this.encryptionKey,
			env: { ...this.env, ...own },
			log: this.log,
		});
	}

	/** @param {number} index @param {number} port its health check's */
	workerInstance(index, port) {
		return this.instance(`worker-${index + 1}`, port, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(port),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
	}

	startWorkers() {
		return Promise.all(
			this.workers.map((worker, index) =>
				worker.start({
					command: 'worker',
					args: [`--concurrency=${this.workerConcurrency}`],
					logFile: this.logFile(`worker-${index + 1}`),
				}),
			),
		);
	}

	/**
	 * Stops the workers and starts `workers` new ones running `concurrency` executions each (the
	 * benchmark compares worker counts on one stack). Start it with no execution under way.
	 * @param {{ workers: number, concurrency: number }} setting
	 */
	async replaceWorkers({ workers, concurrency }) {
		await Promise.all(this.workers.map((worker) => worker.stop()));
		const added = await Promise.all(
			Array.from({ length: Math.max(0, workers - this.workers.length) }, async (_, offset) =>
				this.workerInstance(this.workers.length + offset, await freePort()),
			),
		);
		this.workers = [...this.workers, ...added].slice(0, workers);
		this.counts.workers = workers;
		this.workerConcurrency = concurrency;
		await this.startWorkers();
	}

	/** What runs where, one line each. */
	describe() {
		const lines = [
			`  main         ${this.main?.url}   editor, API, triggers (production webhooks off)   log ${this.logFile('main')}`,
			...this.workers.map(
				(worker, index) =>
					`  worker ${index + 1}     health ${worker.url}/healthz   runs executions   log ${this.logFile(`worker-${index + 1}`)}`,
			),
			...this.webhooks.map(
				(webhook, index) =>
					`  webhook ${index + 1}    ${webhook.url}/webhook/…   log ${this.logFile(`webhook-${index + 1}`)}`,
			),
			`  webhooks     ${this.proxy?.url}/webhook/…   round-robin over the webhook processes (WEBHOOK_URL)`,
			`  Redis        127.0.0.1:${this.redis?.port}   the queue   log ${this.redis?.logFile}`,
			`  PostgreSQL   127.0.0.1:${this.postgres?.port}   database ${this.postgres?.database}, user ${this.postgres?.user}   log ${this.logFile('postgres')}`,
		];
		return lines.join('\n');
	}

	/** Stops everything it started, n8n first (it drains to the database and the queue), then the services. */
	async stop() {
		await this.proxy?.close();
		await Promise.all([...this.webhooks, ...this.workers].map((process) => process.stop()));
		await this.main?.stop();
		await this.postgres?.stop();
		await this.redis?.server.stop();
		this.proxy = null;
	}
}
