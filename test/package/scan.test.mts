import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packPackage, REPO_ROOT } from '../../scripts/n8n/communityPackage.mjs';
import { run } from '../../scripts/n8n/processes.mjs';

/** `npm run scan`: n8n's community-package scanner on this checkout and on the packed tarball. */
const SCAN = path.join(REPO_ROOT, 'scripts/package/scan.mjs');

describe('npm run scan (n8n community-package scanner, offline)', () => {
	let work: string;
	let tarball: string;
	beforeAll(async () => {
		work = mkdtempSync(path.join(tmpdir(), 'oy-scan-test-'));
		tarball = await packPackage(work);
	}, 120_000);
	afterAll(() => rmSync(work, { recursive: true, force: true }));

	it('passes on the package as built', async () => {
		const { code, output } = await run(process.execPath, [SCAN, tarball], {
			cwd: REPO_ROOT,
			allowFailure: true,
		});
		expect(output).toContain('tarball n8n-nodes-oy-');
		expect(output).toMatch(/scan: passed/);
		expect(code).toBe(0);
	}, 120_000);

	it('fails a tarball whose compiled code breaks a rule, even behind eslint-disable comments', async () => {
		const unpacked = path.join(work, 'planted');
		await run('mkdir', ['-p', unpacked]);
		await run('tar', ['-xzf', tarball, '-C', unpacked]);
		appendFileSync(
			path.join(unpacked, 'package/dist/nodes/Oy/Oy.node.js'),
			'\n/* eslint-disable */\nconsole.log(process.env.OY_API_KEY); // eslint-disable-line\n',
		);
		const planted = path.join(work, 'planted.tgz');
		await run('tar', ['-czf', planted, '-C', unpacked, 'package']);
		const { code, output } = await run(process.execPath, [SCAN, planted], {
			cwd: REPO_ROOT,
			allowFailure: true,
		});
		expect(code).toBe(1);
		expect(output).toMatch(/FAILED: ESLint violations found/);
		expect(output).toMatch(/no-console/);
		expect(output).toMatch(/no-restricted-globals/);
		expect(output).toContain('Oy.node.js');
	}, 120_000);
});
