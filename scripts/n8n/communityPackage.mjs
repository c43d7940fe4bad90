// @ts-check
// This package as n8n sees a community package: the `npm pack` tarball, installed into the
// user folder's .n8n/nodes as n8n's community-node install does (no peers, no scripts).
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './processes.mjs';
import { cleanNpmEnv } from './runtime.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** @returns {Promise<{ name: string, version: string, n8n: { nodes: string[], credentials: string[] } }>} */
export async function packageManifest() {
	return JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8'));
}

/**
 * `npm pack` of the built package into `destination`.
 * @param {string} destination
 * @returns {Promise<string>} the tarball's path
 */
export async function packPackage(destination) {
	const manifest = await packageManifest();
	const missing = [...manifest.n8n.nodes, ...manifest.n8n.credentials].filter(
		(file) => !existsSync(path.join(REPO_ROOT, file)),
	);
	if (missing.length > 0)
		throw new Error(
			`The package is not built (missing ${missing.join(', ')}): run \`npm run build\``,
		);
	await mkdir(destination, { recursive: true });
	const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: REPO_ROOT,
		env: cleanNpmEnv(),
	});
	const [packed] = JSON.parse(stdout);
	return path.join(destination, packed.filename);
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes`, where n8n loads community packages from.
 * @param {string} userFolder N8N_USER_FOLDER
 * @param {string} tarball
 */
export async function installCommunityPackage(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	await mkdir(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!existsSync(manifest))
		await writeFile(
			manifest,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	await run(
		'npm',
		[
			'install',
			'--no-audit',
			'--no-fund',
			'--omit=peer',
			'--omit=dev',
			'--ignore-scripts',
			'--no-package-lock',
			'--bin-links=false',
			tarball,
		],
		{ cwd: nodesDir, env: cleanNpmEnv() },
	);
}

/**
 * An instance of every class the built files export.
 * @param {string[]} files paths in the repository, as package.json's n8n section lists them
 * @returns {Promise<Array<{ file: string, instance: any }>>}
 */
async function exportedInstances(files) {
	const found = [];
	for (const file of files) {
		const exports = await import(path.join(REPO_ROOT, file));
		for (const Exported of Object.values(exports))
			if (typeof Exported === 'function') found.push({ file, instance: new Exported() });
	}
	return found;
}

/**
 * The node type names n8n gives this package's nodes (`n8n-nodes-oy.oy`), read from the built files
 * that package.json lists, so a node added there (the OY! Trigger) is expected without editing tests.
 * @returns {Promise<Array<{ type: string, displayName: string, file: string }>>}
 */
export async function listedNodeTypes() {
	const manifest = await packageManifest();
	return (await exportedInstances(manifest.n8n.nodes))
		.filter(({ instance }) => instance.description?.name)
		.map(({ file, instance }) => ({
			type: `${manifest.name}.${instance.description.name}`,
			displayName: instance.description.displayName,
			file,
		}));
}

/** @returns {Promise<string[]>} credential type names (`oyApi`) from the built files package.json lists */
export async function listedCredentialTypes() {
	const manifest = await packageManifest();
	return (await exportedInstances(manifest.n8n.credentials)).map(({ instance }) => instance.name);
}
