// @ts-check
// A Redis of our own for n8n's queue (Bull): Debian's redis-server on a loopback port, nothing
// saved to disk, stopped with the stack.
import { mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { startServer, waitFor } from '../n8n/processes.mjs';
import { ensureDebianBinary } from './debian.mjs';

/**
 * @param {{ port: number, dir: string, log: (line: string) => void }} options `dir` holds its log
 * @returns {Promise<{ host: string, port: number, server: import('../n8n/processes.mjs').Server, logFile: string }>}
 */
export async function startRedis({ port, dir, log }) {
	const binary = await ensureDebianBinary({
		what: 'Redis (redis-server)',
		pkg: 'redis-server',
		candidates: () => ['/usr/bin/redis-server', '/usr/local/bin/redis-server'],
		log,
	});
	await mkdir(dir, { recursive: true });
	const logFile = path.join(dir, 'redis.log');
	const server = startServer(
		binary,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--protected-mode',
			'yes',
		],
		{ logFile },
	);
	await waitFor(`Redis on 127.0.0.1:${port}`, () => ping(port), {
		timeoutMs: 30_000,
		alive: server.running,
		diagnostics: server.output,
	});
	return { host: '127.0.0.1', port, server, logFile };
}

/** @param {number} port @returns {Promise<true | undefined>} */
function ping(port) {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
		socket.setTimeout(2_000, () => socket.destroy());
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG') ? true : undefined);
		});
		socket.once('error', () => resolve(undefined));
		socket.once('close', () => resolve(undefined));
	});
}
