import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startSandbox } from '../../../sandbox/src/index.mjs';
import { installCommunityPackage, packPackage } from '../../../scripts/n8n/communityPackage.mjs';
import { N8nInstance } from '../../../scripts/n8n/instance.mjs';
import { freePort } from '../../../scripts/n8n/processes.mjs';
import {
	cacheRoot,
	ensureRuntime,
	formatDuration,
	PROFILES,
} from '../../../scripts/n8n/runtime.mjs';
import { bundledWorkflows, sandboxCredentials } from '../../../scripts/n8n/stack.mjs';
import type { StackContext } from './context.mjs';

/** Outside the repository: test discovery and the linters must not walk n8n's user folder. */
export const E2E_DIR = path.join(cacheRoot(), 'e2e');

/**
 * The stack every end-to-end file uses: n8n 2.41.1 (installed on first use), this package from its
 * tarball, the OY sandbox, the "OY! Sandbox" credential, the examples and job templates, an owner.
 */
export default async function setup(project: TestProject) {
	const started = Date.now();
	const step = (what: string) =>
		console.log(`[e2e ${formatDuration(Date.now() - started)}] ${what}`);
	// OY_E2E_RUN names the run's folder, so two checkouts can run their end-to-end tests side by side.
	const runDir = path.join(E2E_DIR, process.env.OY_E2E_RUN || 'current');
	await rm(runDir, { recursive: true, force: true });
	const userFolder = path.join(runDir, 'user');
	const artifacts = path.join(runDir, 'artifacts');
	await mkdir(artifacts, { recursive: true });

	// Both n8n lines at once (compat.e2e.mts needs 1.123.x): on a fresh machine the installs overlap.
	const [runtime] = await Promise.all([
		ensureRuntime(PROFILES.current, { log: step }),
		ensureRuntime(PROFILES.compat, { log: step }),
	]);
	step(`${runtime.profile.label} at ${runtime.dir}`);
	const tarball = await packPackage(runDir);
	await installCommunityPackage(userFolder, tarball);
	step(`installed ${path.basename(tarball)} into ${userFolder}/.n8n/nodes`);

	const sandbox = await startSandbox({
		port: 0,
		callbackRetry: { maxAttempts: 3, baseDelayMs: 200, timeoutMs: 5_000 },
	});
	const n8n = new N8nInstance({
		runtime,
		userFolder,
		port: await freePort(),
		encryptionKey: 'oy-e2e-encryption-key-not-a-secret',
		log: step,
	});
	await n8n.importCredentials(sandboxCredentials(sandbox));
	await n8n.importWorkflows((await bundledWorkflows()).map(({ workflow }) => workflow));
	step('imported the credential, the examples and the job templates');
	await n8n.start({ logFile: path.join(runDir, 'n8n.log') });
	const owner = {
		email: 'owner@example.com',
		password: 'E2e-Owner-Passw0rd',
		firstName: 'Finance',
		lastName: 'Ops',
	};
	await n8n.setupOwner(owner);

	const context: StackContext = {
		n8nUrl: n8n.url,
		n8nPort: n8n.port,
		userFolder,
		encryptionKey: n8n.encryptionKey ?? '',
		owner,
		sandbox: { url: sandbox.url, username: sandbox.username, apiKey: sandbox.apiKey },
		artifacts,
	};
	project.provide('stack', context);
	step(`stack ready: n8n ${n8n.url}, OY sandbox ${sandbox.url}`);

	return async () => {
		await n8n.stop();
		await sandbox.close();
	};
}
