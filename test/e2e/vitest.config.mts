import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests in real n8n (`npm run test:e2e`): the global setup installs n8n once into the
 * cache folder, installs this package from its `npm pack` tarball, starts the OY sandbox and n8n.
 * Files run one after another: they share that n8n and its SQLite database. Run from the repository root.
 */
export default defineConfig({
	test: {
		include: ['test/e2e/**/*.e2e.mts'],
		// queue mode has its own stack and command: npm run test:queue
		exclude: ['test/e2e/queue/**'],
		globalSetup: ['test/e2e/support/globalSetup.mts'],
		fileParallelism: false,
		testTimeout: 180_000,
		hookTimeout: 900_000,
		pool: 'forks',
	},
});
