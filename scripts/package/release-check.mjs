// @ts-check
// Before publishing (the publish workflow's first step): the pushed tag is package.json's version,
// a semantic version, and CHANGELOG.md has that version's dated entry (`## [1.2.3] - 2026-12-06`).
// Usage: node scripts/package/release-check.mjs <tag>
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/;

/**
 * Every reason the tag may not be published; empty when it may.
 * @param {string} tag
 * @param {{ version: string }} manifest
 * @param {string} changelog
 * @returns {string[]}
 */
export function releaseProblems(tag, manifest, changelog) {
	const problems = [];
	if (!SEMVER.test(manifest.version))
		problems.push(`package.json's version "${manifest.version}" is not a semantic version (1.2.3)`);
	if (tag !== manifest.version)
		problems.push(
			`the tag "${tag}" is not package.json's version "${manifest.version}" (tag the commit that sets the version, without a "v")`,
		);
	const escaped = manifest.version.replace(/[.+-]/g, '\\$&');
	if (!new RegExp(`^## \\[${escaped}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm').test(changelog)) {
		problems.push(`CHANGELOG.md has no dated entry "## [${manifest.version}] - YYYY-MM-DD"`);
	}
	return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const tag = process.argv[2] ?? '';
	const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const problems = releaseProblems(
		tag,
		manifest,
		readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'),
	);
	for (const problem of problems) console.error(`release-check: ${problem}`);
	if (problems.length > 0) process.exit(1);
	console.log(`release-check: ${tag} may be published`);
}
