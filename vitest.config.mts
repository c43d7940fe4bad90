import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { supportsJobs } from './scripts/n8n/runtime.mjs';

if (!supportsJobs(process.versions.node)) {
	console.warn(
		`This is Node ${process.version}: the tests in test/jobs need Node 22.13 or newer (the jobs' ledger is node:sqlite) and fail here. ` +
			'`npm run test:unit` runs every unit test on a Node that has it; one file: `node scripts/supported-node.mjs vitest run <file>`.',
	);
}

const require = createRequire(import.meta.url);

export default defineConfig({
	resolve: {
		// One copy of n8n-workflow: n8n-core loads the CommonJS build, so our sources must too
		// (two copies would make n8n's own `instanceof` checks on errors fail).
		alias: { 'n8n-workflow': require.resolve('n8n-workflow') },
	},
	test: {
		include: ['test/**/*.test.mts'],
		testTimeout: 60_000,
		hookTimeout: 120_000,
		pool: 'forks',
	},
});
