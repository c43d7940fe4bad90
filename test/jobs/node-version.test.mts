import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JOBS_NODE, supportsJobs } from '../../scripts/n8n/runtime.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(REPO, 'jobs', 'bin', 'oy-jobs.mjs');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(REPO, file), 'utf8'));

/** The machine's own Node: scripts/supported-node.mjs names it when it moved the tests to a newer one. */
const systemNode = process.env.OY_SYSTEM_NODE || process.execPath;
const versionOf = (node: string) =>
	spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();

describe('the Node the jobs need', () => {
	it('is the same version in oy-jobs engines, the command and the scripts that pick a Node', () => {
		const wanted = `${JOBS_NODE.major}.${JOBS_NODE.minor}`;
		expect(readJson('jobs/package.json').engines).toEqual({ node: `>=${wanted}` });
		expect(readFileSync(CLI, 'utf8')).toContain(
			`major < ${JOBS_NODE.major} || (major === ${JOBS_NODE.major} && minor < ${JOBS_NODE.minor})`,
		);
		expect(['20.20.2', '22.12.0', '22.13.0', '23.0.0', '24.21.0'].map(supportsJobs)).toEqual([
			false,
			false,
			true,
			true,
			true,
		]);
		// The n8n package itself runs where n8n runs, Node 20.19 included.
		expect(readJson('package.json').engines).toEqual({ node: '>=20.19' });
	});

	it("oy-jobs started on the machine's Node either runs or refuses at once, naming the Node it needs", () => {
		const version = versionOf(systemNode);
		const result = spawnSync(systemNode, [CLI, '--help'], { encoding: 'utf8' });
		if (supportsJobs(version)) {
			expect(result.status).toBe(0);
			expect(result.stdout).toContain('oy-jobs list');
		} else {
			expect(result.status).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr).toContain(
				`oy-jobs needs Node 22.13 or newer (its ledger is node:sqlite, built into Node from 22.13); this is Node v${version}.`,
			);
			expect(result.stderr).toContain('docs/jobs-node-version.md');
		}
	});

	it('runs the tests themselves on a Node that has node:sqlite, and the wrapper gives commands such a Node', () => {
		expect(supportsJobs(process.versions.node)).toBe(true);
		const result = spawnSync(
			systemNode,
			[
				path.join(REPO, 'scripts', 'supported-node.mjs'),
				'node',
				'-p',
				"require('node:sqlite').DatabaseSync.name + ' ' + process.versions.node",
			],
			{
				encoding: 'utf8',
			},
		);
		expect(result.status).toBe(0);
		const [name, version] = result.stdout.trim().split(' ');
		expect(name).toBe('DatabaseSync');
		expect(supportsJobs(version)).toBe(true);
	});
});

interface LockedPackage {
	version?: string;
	hasInstallScript?: boolean;
	dependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
	link?: boolean;
	resolved?: string;
}

/** Where Node finds `name` from the package at lockfile path `from` (its node_modules, then its parents'). */
function resolveIn(
	packages: Record<string, LockedPackage>,
	from: string,
	name: string,
): string | undefined {
	let dir = from;
	for (;;) {
		const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
		if (packages[candidate]) return candidate;
		if (!dir) return undefined;
		const index = dir.lastIndexOf('/node_modules/');
		const parent = path.posix.dirname(dir);
		dir =
			index >= 0
				? dir.slice(0, index)
				: dir.startsWith('node_modules/') || parent === '.'
					? ''
					: parent;
	}
}

/** Every package the workspace loads (dependencies, dev dependencies and theirs), as lockfile paths. */
function closureOf(packages: Record<string, LockedPackage>, workspace: string): Set<string> {
	const seen = new Set<string>();
	const root = packages[workspace];
	const queue: Array<[string, string]> = Object.keys({
		...root.dependencies,
		...root.devDependencies,
	}).map((name) => [workspace, name]);
	while (queue.length > 0) {
		const [from, name] = queue.shift()!;
		const located = resolveIn(packages, from, name);
		// A workspace (npm links it into node_modules) is read from its own folder.
		const found = located && packages[located].link ? packages[located].resolved : located;
		if (!found) {
			if (packages[from]?.optionalDependencies?.[name] || packages[from]?.peerDependencies?.[name])
				continue;
			throw new Error(`${name}, needed by ${from}, is not in package-lock.json`);
		}
		if (seen.has(found)) continue;
		seen.add(found);
		const entry = packages[found];
		for (const next of Object.keys({
			...entry.dependencies,
			...entry.optionalDependencies,
			...entry.peerDependencies,
		}))
			queue.push([found, next]);
	}
	return seen;
}

/** Why a package would need a compiler or an install script, or nothing. */
function nativeBuildOf(lockPath: string, entry: LockedPackage): string[] {
	const reasons: string[] = [];
	if (entry.hasInstallScript) reasons.push('has an install script');
	const dir = path.join(REPO, lockPath);
	if (!existsSync(dir)) return reasons;
	if (existsSync(path.join(dir, 'binding.gyp'))) reasons.push('has a binding.gyp');
	const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
	if (manifest.gypfile) reasons.push('sets gypfile');
	for (const script of ['preinstall', 'install', 'postinstall'])
		if (manifest.scripts?.[script]) reasons.push(`runs ${script}: ${manifest.scripts[script]}`);
	return reasons;
}

describe('installing the jobs needs no compiler', () => {
	const lock = readJson('package-lock.json') as { packages: Record<string, LockedPackage> };

	it('no package the jobs load (nor their tests) needs a native build or an install script', () => {
		const closure = closureOf(lock.packages, 'jobs');
		const problems = [...closure].flatMap((lockPath) =>
			nativeBuildOf(lockPath, lock.packages[lockPath]).map((reason) => `${lockPath} ${reason}`),
		);
		expect(problems).toEqual([]);
		const names = [...closure].map((lockPath) =>
			lockPath.slice(lockPath.lastIndexOf('node_modules/') + 'node_modules/'.length),
		);
		expect(names).toEqual(
			expect.arrayContaining(['nodemailer', 'exceljs', 'node-cron', 'smtp-server', 'mailparser']),
		);
		// The sandbox, which the jobs' tests and `npm start` run, has no dependencies at all.
		expect(
			Object.keys({
				...lock.packages.sandbox.dependencies,
				...lock.packages.sandbox.devDependencies,
			}),
		).toEqual([]);
	});

	it('has no better-sqlite3 (nor its types or build script) left anywhere', () => {
		expect(
			Object.keys(lock.packages).filter((lockPath) =>
				/(^|\/)(@types\/)?better-sqlite3$/.test(lockPath),
			),
		).toEqual([]);
		const jobs = readJson('jobs/package.json');
		expect(JSON.stringify(jobs)).not.toMatch(/better-sqlite3|build-native|node-gyp/);
		expect(existsSync(path.join(REPO, 'jobs', 'scripts', 'build-native.mjs'))).toBe(false);
	});

	it('finds the packages that do need a build, so the check above is not blind', () => {
		// isolated-vm (under n8n-core, a dev dependency of the n8n package for its tests) has a binding.gyp and an install script.
		const isolatedVm = Object.keys(lock.packages).find((lockPath) =>
			lockPath.endsWith('node_modules/isolated-vm'),
		);
		expect(isolatedVm).toBeDefined();
		expect(nativeBuildOf(isolatedVm!, lock.packages[isolatedVm!])).not.toEqual([]);
	});
});
