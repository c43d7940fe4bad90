/** `npm run sandbox`: the OY! sandbox on 127.0.0.1, configured from the environment. */
import { DEFAULT_API_KEY, DEFAULT_USERNAME, startSandbox } from './index.mjs';

const DEFAULT_PORT = 4700;

function portFromEnvironment(): number {
	const raw = process.env.OY_SANDBOX_PORT;
	if (raw === undefined || raw === '') return DEFAULT_PORT;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		console.error(`OY_SANDBOX_PORT must be a port number (0-65535), not "${raw}"`);
		process.exit(2);
	}
	return port;
}

const sandbox = await startSandbox({
	port: portFromEnvironment(),
	host: '127.0.0.1',
	username: process.env.OY_SANDBOX_USERNAME || DEFAULT_USERNAME,
	apiKey: process.env.OY_SANDBOX_API_KEY || DEFAULT_API_KEY,
	seed: process.env.OY_SANDBOX_SEED_FILE || undefined,
});

console.log(`OY! sandbox listening on ${sandbox.url}
  base URL      ${sandbox.url}
  X-OY-Username ${sandbox.username}
  X-Api-Key     ${sandbox.apiKey}
  control API   ${sandbox.url}/__sandbox (see sandbox/README.md)`);

const stop = () => {
	sandbox.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
