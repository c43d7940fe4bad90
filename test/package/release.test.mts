import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/n8n/communityPackage.mjs';
import { releaseProblems } from '../../scripts/package/release-check.mjs';

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

describe('releasing: versions, CHANGELOG and the publish workflow', () => {
	it("CHANGELOG.md has an entry for package.json's version", () => {
		const { version } = JSON.parse(read('package.json'));
		expect(read('CHANGELOG.md')).toMatch(
			new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - `, 'm'),
		);
	});

	it('publishes a tag only when it is the version and CHANGELOG.md dates that version', () => {
		const changelog = '# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - 2026-12-24\n\n### Added\n';
		expect(releaseProblems('0.2.0', { version: '0.2.0' }, changelog)).toEqual([]);
		expect(releaseProblems('v0.2.0', { version: '0.2.0' }, changelog)).toEqual([
			expect.stringContaining("is not package.json's version"),
		]);
		expect(releaseProblems('0.2.1', { version: '0.2.1' }, changelog)).toEqual([
			expect.stringContaining('no dated entry "## [0.2.1]'),
		]);
		expect(
			releaseProblems('0.2.0', { version: '0.2.0' }, changelog.replace('2026-12-24', 'unreleased')),
		).toHaveLength(1);
		expect(releaseProblems('0.2', { version: '0.2' }, '## [0.2] - 2026-12-24')).toEqual([
			expect.stringContaining('not a semantic version'),
		]);
	});

	it('publishes from GitHub Actions through n8n-node release, with the OIDC token provenance needs, after CI', () => {
		const publish = read('.github/workflows/publish.yml');
		expect(publish).toMatch(/on:\n  push:\n    tags:\n      - '\*\.\*\.\*'/);
		expect(publish).toMatch(
			/permissions:\n      # .*\n      id-token: write\n      contents: read/,
		);
		expect(publish).toMatch(/uses: \.\/\.github\/workflows\/ci\.yml/);
		expect(publish).toMatch(/needs: ci/);
		expect(publish).toMatch(/node scripts\/package\/release-check\.mjs "\$GITHUB_REF_NAME"/);
		expect(publish).toMatch(/\n          npm run release\n/);
		const manifest = JSON.parse(read('package.json'));
		expect(manifest.scripts.release).toBe('n8n-node release');
		expect(manifest.scripts.prepublishOnly).toBe('n8n-node prerelease');
		expect(read('.github/workflows/ci.yml')).toMatch(/run: bash \.ci\/run/);
		expect(read('.ci/run')).toMatch(/\nnpm run scan\n/);
	});
});
