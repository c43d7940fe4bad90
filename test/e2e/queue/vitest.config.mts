import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests in n8n's queue mode (`npm run test:queue`): the global setup starts Redis and
 * PostgreSQL (Debian's packages, installed when missing and root), n8n's main process, 2 workers,
 * 2 webhook processes and a round-robin proxy, with this package on each. Run from the repository root.
 */
export default defineConfig({
	test: {
		include: ['test/e2e/queue/**/*.e2e.mts'],
		globalSetup: ['test/e2e/queue/support/globalSetup.mts'],
		fileParallelism: false,
		testTimeout: 300_000,
		hookTimeout: 900_000,
		pool: 'forks',
	},
});
