// @ts-check
// Ports chosen by environment variables, checked before anything starts.
import { createServer } from 'node:net';

/**
 * @param {string} variable
 * @param {number} fallback
 */
export function portFromEnvironment(variable, fallback) {
	const raw = process.env[variable];
	if (raw === undefined || raw === '') return fallback;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 1 || port > 65535)
		throw new Error(`${variable} must be a port number (1-65535), not "${raw}"`);
	return port;
}

/**
 * Fails with a clear message when something already listens on the port.
 * @param {number} port
 * @param {string} variable the environment variable that chooses another one
 */
export function assertPortFree(port, variable) {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', () =>
			reject(
				new Error(
					`Port ${port} is in use. Stop what uses it, or choose another port with ${variable}=<port>.`,
				),
			),
		);
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(undefined)));
	});
}
