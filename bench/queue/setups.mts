import path from 'node:path';
import { installCommunityPackage } from '../../scripts/n8n/communityPackage.mjs';
import { N8nInstance } from '../../scripts/n8n/instance.mjs';
import type { Runtime } from '../../scripts/n8n/runtime.mjs';
import { freePort } from '../../scripts/n8n/processes.mjs';
import { sandboxCredentials } from '../../scripts/n8n/stack.mjs';
import { QueueStack } from '../../scripts/queue/stack.mjs';
import { admin } from '../../test/e2e/queue/support/ledgerDatabase.mjs';
import { PAYOUTS_WORKFLOW_ID, payoutsWorkflow } from '../../test/e2e/queue/support/workflows.mjs';
import { API_KEY, USERNAME } from '../bulk/sandbox.mjs';

const ENCRYPTION_KEY = 'oy-bench-queue-key-not-a-secret';
const OWNER = {
	email: 'owner@example.com',
	password: 'Bench-Owner-Passw0rd',
	firstName: 'Finance',
	lastName: 'Ops',
};

const credentials = (sandboxUrl: string) =>
	sandboxCredentials({ url: sandboxUrl, username: USERNAME, apiKey: API_KEY });

/**
 * n8n in queue mode (scripts/queue/stack.mjs) with the payouts workflow of test/e2e/queue
 * published, the "OY! Sandbox" credential and an owner.
 */
export async function startQueue(
	runtime: Runtime,
	runDir: string,
	sandboxUrl: string,
	setting: { workers: number; concurrency: number },
	log: (line: string) => void,
): Promise<QueueStack> {
	const stack = new QueueStack({
		runtime,
		runDir,
		encryptionKey: ENCRYPTION_KEY,
		workers: setting.workers,
		workerConcurrency: setting.concurrency,
		log,
	});
	try {
		await stack.start({
			credentials: credentials(sandboxUrl),
			workflows: [payoutsWorkflow()],
			publish: [PAYOUTS_WORKFLOW_ID],
		});
		await stack.main!.setupOwner(OWNER);
	} catch (error) {
		await stack.stop();
		throw error;
	}
	return stack;
}

/**
 * n8n in its regular mode, one process (`n8n start`), on a database of its own on the queue stack's
 * PostgreSQL so that both modes write their executions to the same kind of database. n8n's
 * production concurrency limit is left at its default (-1: no limit).
 */
export async function startSingle(
	runtime: Runtime,
	runDir: string,
	sandboxUrl: string,
	postgres: { host: string; port: number; user: string },
	tarball: string,
): Promise<N8nInstance> {
	const database = 'oy_bench_single';
	await admin(postgres, async (client) => {
		await client.query(`DROP DATABASE IF EXISTS ${database}`);
		await client.query(`CREATE DATABASE ${database}`);
	});
	const userFolder = path.join(runDir, 'single');
	await installCommunityPackage(userFolder, tarball);
	const n8n = new N8nInstance({
		runtime,
		userFolder,
		port: await freePort(),
		encryptionKey: ENCRYPTION_KEY,
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
		},
	});
	await n8n.importCredentials(credentials(sandboxUrl));
	await n8n.importWorkflows([payoutsWorkflow()]);
	await n8n.publish(PAYOUTS_WORKFLOW_ID);
	await n8n.start({ logFile: path.join(runDir, 'single.log') });
	await n8n.setupOwner(OWNER);
	return n8n;
}
