import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageManifest, REPO_ROOT } from '../../scripts/n8n/communityPackage.mjs';
import { run } from '../../scripts/n8n/processes.mjs';
import { cleanNpmEnv } from '../../scripts/n8n/runtime.mjs';

/**
 * What every n8n user installs: `npm pack`'s file list of the built package. It holds only what n8n
 * loads (compiled nodes, credentials and the lib they use, codex files, icons) plus package.json,
 * README and LICENSE: no jobs package, no screenshots, no source maps, declarations or build info.
 * The job logic of lib/jobs ships since the OY! node's Scheduled Job operations run it.
 */
const ALLOWED: ReadonlyArray<[string, RegExp]> = [
	['package.json', /^package\.json$/],
	['README.md', /^README\.md$/],
	['LICENSE', /^LICENSE$/],
	['credentials', /^dist\/credentials\/[A-Za-z]+\.credentials\.js$/],
	['node classes', /^dist\/nodes\/(Oy|OyTrigger|OyCatchUpTrigger)\/\1\.node\.js$/],
	[
		'node code',
		/^dist\/nodes\/(Oy|OyTrigger|OyCatchUpTrigger|shared)\/([A-Za-z]+\/)*[A-Za-z]+\.js$/,
	],
	['codex files', /^dist\/nodes\/(Oy|OyTrigger|OyCatchUpTrigger)\/\1\.node\.json$/],
	['lib', /^dist\/lib\/([A-Za-z]+\/)*[A-Za-z]+\.js$/],
	['icons', /^dist\/icons\/oy(\.dark)?\.svg$/],
];

/** Modules the shipped code may require besides its own files: n8n's peer and Node's built-ins. */
const ALLOWED_EXTERNAL = /^(n8n-workflow|crypto|node:[a-z_/]+)$/;

function requiresOf(file: string): string[] {
	const code = readFileSync(path.join(REPO_ROOT, file), 'utf8');
	return [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
}

describe('the npm tarball (what n8n users install)', () => {
	let files: string[];
	beforeAll(async () => {
		const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: REPO_ROOT,
			env: cleanNpmEnv(),
		});
		files = (JSON.parse(stdout)[0].files as Array<{ path: string }>)
			.map((entry) => entry.path)
			.sort();
	});

	it('holds only the allowed kinds of files, and each kind', () => {
		const stray = files.filter((file) => !ALLOWED.some(([, pattern]) => pattern.test(file)));
		expect(stray).toEqual([]);
		for (const [kind, pattern] of ALLOWED)
			expect(
				files.some((file) => pattern.test(file)),
				kind,
			).toBe(true);
	});

	it('ships no jobs package, screenshots, source maps, declarations or TypeScript build info', () => {
		expect(
			files.filter((file) =>
				/^jobs\/|\.png$|\.map$|\.d\.ts$|tsbuildinfo|^docs\/|^test\/|^sandbox\/|\.ts$/.test(file),
			),
		).toEqual([]);
	});

	it('holds LICENSE (MIT), README.md and every file package.json lists for n8n', async () => {
		const manifest = await packageManifest();
		expect(JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).license).toBe(
			'MIT',
		);
		expect(readFileSync(path.join(REPO_ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
		for (const file of [
			'LICENSE',
			'README.md',
			'package.json',
			...manifest.n8n.nodes,
			...manifest.n8n.credentials,
		]) {
			expect(files, file).toContain(file);
		}
	});

	it('is self-contained: every require of a shipped file is shipped, or is n8n-workflow or a Node built-in', () => {
		const shipped = new Set(files);
		const problems: string[] = [];
		for (const file of files.filter((name) => name.endsWith('.js'))) {
			for (const target of requiresOf(file)) {
				if (!target.startsWith('.')) {
					if (!ALLOWED_EXTERNAL.test(target)) problems.push(`${file} requires ${target}`);
					continue;
				}
				const resolved = path.posix.join(path.posix.dirname(file), target);
				const candidates = [resolved, `${resolved}.js`, `${resolved}/index.js`];
				if (!candidates.some((candidate) => shipped.has(candidate)))
					problems.push(`${file} requires ${target}, not shipped`);
			}
		}
		expect(problems).toEqual([]);
	});

	it('has every icon the nodes and credentials name (file:…), next to where n8n looks for it', () => {
		const missing: string[] = [];
		let named = 0;
		for (const file of files.filter((name) => /\.(node|credentials)\.js$/.test(name))) {
			const code = readFileSync(path.join(REPO_ROOT, file), 'utf8');
			for (const [, icon] of code.matchAll(/["']file:([^"']+)["']/g)) {
				named += 1;
				const resolved = path.posix.join(path.posix.dirname(file), icon);
				if (!files.includes(resolved)) missing.push(`${file}: ${icon}`);
			}
		}
		expect(named).toBeGreaterThanOrEqual(8);
		expect(missing).toEqual([]);
	});
});
