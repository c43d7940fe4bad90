// @ts-check
// n8n's community-package scanner (@n8n/scan-community-package), run offline on this repository and
// on its packed tarball, as `npx @n8n/scan-community-package n8n-nodes-oy` runs it on a published
// version: its own ESLint config (n8n's community rules, the n8n-nodes-base rulesets, no-console),
// inline `eslint-disable` comments ignored, every error fails.
//
// The published scan first checks npm provenance and downloads the attested GitHub commit and the
// tarball from npm by name; those steps need a published version. This script runs the scanner's
// two lint legs on what would be published: the sources it lints (package.json, nodes/ and
// credentials/) in this checkout, and the compiled files (**/*.js, package.json) of `npm pack`'s
// tarball. The publish workflow runs the full scan on the published version afterwards.
//
// Usage: node scripts/package/scan.mjs [package.tgz]   (without an argument it packs the built package)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packPackage, REPO_ROOT } from '../n8n/communityPackage.mjs';

// eslint-plugin-n8n-nodes-base reads file names the way its own tests need under NODE_ENV=test
// (and then flags every node file of ours): a scan run from a test runner must not inherit it.
if (process.env.NODE_ENV === 'test') delete process.env.NODE_ENV;
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(
	'@n8n/scan-community-package/scanner/scanner.mjs'
);

/** The scanner's tarball leg: compiled output and the published package.json, not declarations. */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

const work = mkdtempSync(path.join(tmpdir(), 'oy-scan-'));
try {
	const started = Date.now();
	const tarball = process.argv[2] ? path.resolve(process.argv[2]) : await packPackage(work);
	const extracted = path.join(work, 'package');
	const untar = spawnSync('tar', ['-xzf', tarball, '-C', work], { stdio: 'inherit' });
	if (untar.status !== 0) throw new Error(`could not extract ${tarball}`);

	let failed = false;
	for (const [label, dir, patterns] of /** @type {const} */ ([
		[`sources (${SOURCE_FILE_PATTERNS.join(', ')})`, REPO_ROOT, SOURCE_FILE_PATTERNS],
		[
			`tarball ${path.basename(tarball)} (${TARBALL_FILE_PATTERNS.join(', ')})`,
			extracted,
			TARBALL_FILE_PATTERNS,
		],
	])) {
		process.stdout.write(`scan: ${label} ...\n`);
		const result = await analyzePackage(dir, patterns);
		if (result.passed) {
			process.stdout.write(
				`scan: ${label}: passed${result.message ? ` (${result.message})` : ''}\n`,
			);
		} else {
			failed = true;
			process.stdout.write(`scan: ${label}: FAILED: ${result.message}\n${result.details ?? ''}\n`);
		}
	}
	process.stdout.write(
		`scan: ${failed ? 'failed' : 'passed'} in ${Math.round((Date.now() - started) / 1000)} s (provenance is checked after publishing)\n`,
	);
	process.exitCode = failed ? 1 : 0;
} finally {
	rmSync(work, { recursive: true, force: true });
}
