// @ts-check
// Keeps `npm start`'s n8n user folder in step with the repository, doing only what changed
// (each n8n CLI call boots n8n for several seconds). What was done is kept in oy-stack.json.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { installCommunityPackage, packageManifest, packPackage } from './communityPackage.mjs';
import { generatePassword } from './instance.mjs';
import { bundledWorkflows, sandboxCredentials } from './stack.mjs';

/** @typedef {import('./instance.mjs').N8nInstance} N8nInstance */
/** @typedef {{ packageSha?: string, credentialSha?: string, workflows?: Record<string, string> }} StackState */

/** @param {string | Buffer} content */
const sha256 = (content) => createHash('sha256').update(content).digest('hex');

/** @param {N8nInstance} n8n @returns {Promise<StackState>} */
async function readState(n8n) {
	const file = path.join(n8n.userFolder, 'oy-stack.json');
	return existsSync(file) ? JSON.parse(await readFile(file, 'utf8')) : {};
}

/** @param {N8nInstance} n8n @param {StackState} change */
async function saveState(n8n, change) {
	const state = { ...(await readState(n8n)), ...change };
	await writeFile(path.join(n8n.userFolder, 'oy-stack.json'), JSON.stringify(state, null, 2));
}

/**
 * Packs the built package and installs it into the user folder when the tarball differs from the installed one.
 * @param {N8nInstance} n8n
 * @param {(line: string) => void} log
 */
export async function installPackageIfChanged(n8n, log) {
	const packDir = await mkdtemp(path.join(tmpdir(), 'n8n-nodes-oy-pack-'));
	try {
		const tarball = await packPackage(packDir);
		const packageSha = sha256(await readFile(tarball));
		const { name, version } = await packageManifest();
		const installed = existsSync(
			path.join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', name, 'package.json'),
		);
		if (installed && (await readState(n8n)).packageSha === packageSha) return;
		log(`Installing ${name}@${version} into n8n (${path.join(n8n.userFolder, '.n8n', 'nodes')}) …`);
		await installCommunityPackage(n8n.userFolder, tarball);
		await saveState(n8n, { packageSha });
	} finally {
		await rm(packDir, { recursive: true, force: true });
	}
}

/**
 * Imports the sandbox's credentials, again whenever the sandbox's address or key changed.
 * @param {N8nInstance} n8n
 * @param {{ url: string, username: string, apiKey: string }} sandbox
 * @param {(line: string) => void} log
 */
export async function syncCredentials(n8n, sandbox, log) {
	const credentials = sandboxCredentials(sandbox);
	const credentialSha = sha256(JSON.stringify(credentials));
	if ((await readState(n8n)).credentialSha === credentialSha) return;
	log(
		`Importing the credentials ${credentials.map(({ name }) => `"${name}"`).join(' and ')} (${sandbox.url}) …`,
	);
	await n8n.importCredentials(credentials);
	await saveState(n8n, { credentialSha });
}

/**
 * Imports the examples and job templates not imported yet; with `reimport`, also those whose file
 * changed since (which replaces the copy in n8n, edits included).
 * @param {N8nInstance} n8n
 * @param {{ reimport: boolean, log: (line: string) => void }} options
 * @returns {Promise<Array<{ file: string, workflow: import('./instance.mjs').WorkflowJson }>>} every bundled workflow
 */
export async function syncWorkflows(n8n, { reimport, log }) {
	const bundled = await bundledWorkflows();
	const imported = (await readState(n8n)).workflows ?? {};
	const toImport = [];
	for (const { file, text, workflow } of bundled) {
		const sha = sha256(text);
		if (imported[workflow.id] === sha) continue;
		if (imported[workflow.id] && !reimport) {
			log(
				`${file} changed since it was imported; \`npm start -- --reimport\` replaces n8n's copy (and your edits of it).`,
			);
			continue;
		}
		toImport.push({ file, workflow, sha });
	}
	if (toImport.length > 0) {
		log(`Importing ${toImport.map(({ file }) => file).join(', ')} …`);
		await n8n.importWorkflows(toImport.map(({ workflow }) => workflow));
		for (const { workflow, sha } of toImport) imported[workflow.id] = sha;
		await saveState(n8n, { workflows: imported });
	}
	return bundled.map(({ file, workflow }) => ({ file, workflow }));
}

/**
 * The owner login `npm start` created on the first run (kept in oy-owner.json, readable by you only),
 * or null when someone set up the owner in the editor.
 * @param {N8nInstance} n8n
 * @returns {Promise<{ email: string, password: string } | null>}
 */
export async function ensureOwner(n8n) {
	const file = path.join(n8n.userFolder, 'oy-owner.json');
	if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8'));
	const owner = {
		email: 'owner@example.com',
		firstName: 'Finance',
		lastName: 'Ops',
		password: generatePassword(),
	};
	try {
		await n8n.setupOwner(owner);
	} catch {
		return null;
	}
	const login = { email: owner.email, password: owner.password };
	await writeFile(file, JSON.stringify(login, null, 2), { mode: 0o600 });
	return login;
}
