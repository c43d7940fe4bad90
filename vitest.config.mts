import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

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
