#!/usr/bin/env -S node --max-semi-space-size=2 --optimize-for-size
// The `oy-jobs` command. It lives outside dist/ so that `npm install` can link it before the first build.
// A small young generation (2 MB semi-spaces instead of V8's 16) and V8's optimize-for-size keep
// the peak memory of a run that e-mails 9,402 reminders at 135-143 MB instead of 226-228 MB, at the
// same time (bench/jobs, 20,000 invoices); the dry run takes ~20% longer.
import { existsSync } from 'node:fs';

// Keep in step with "engines" in jobs/package.json. This file itself runs on any Node, to say so.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
	console.error(
		`oy-jobs needs Node 22.13 or newer (its ledger is node:sqlite, built into Node from 22.13); this is Node ${process.version}.\n` +
			'Install Node 22 or 24, or run oy-jobs on the Node 24 the repository installs: see docs/jobs-node-version.md.',
	);
	process.exit(2);
}

const cli = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(cli)) {
	console.error('oy-jobs is not built yet: run `npm run build` in the repository first.');
	process.exit(2);
}
await import(cli.href);
