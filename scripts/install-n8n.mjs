// @ts-check
// `npm run n8n:install`: installs the n8n runtimes that `npm start` and the end-to-end tests use
// (n8n 2.41.1 on Node 24, and n8n 1.123.81 on Node 20 for the compatibility test) into the cache
// folder, side by side. Each is installed once; later runs only check them.
import { ensureRuntime, formatDuration, PROFILES } from './n8n/runtime.mjs';

const started = Date.now();
const wanted = process.argv.includes('--current-only')
	? [PROFILES.current]
	: [PROFILES.current, PROFILES.compat];
try {
	const runtimes = await Promise.all(wanted.map((profile) => ensureRuntime(profile)));
	for (const runtime of runtimes) console.log(`${runtime.profile.label}: ${runtime.dir}`);
	console.log(`n8n runtimes ready in ${formatDuration(Date.now() - started)}`);
} catch (error) {
	console.error(error.message);
	process.exit(1);
}
