// @ts-check
// Child processes for the n8n harness: one-shot commands and long-running servers that are
// stopped by their own process id (a whole process group, so n8n's task runner goes with it).
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';

const TAIL_LINES = 40;

/**
 * @typedef {object} RunOptions
 * @property {string} [cwd]
 * @property {NodeJS.ProcessEnv} [env]
 * @property {string} [logFile] output goes there instead of being kept in memory
 * @property {boolean} [allowFailure] resolve with the exit code instead of rejecting
 */

/**
 * Runs a command to its end. Resolves with its exit code (1 when a signal ended it, named in
 * `signal`), its output (stdout and stderr together) and its stdout alone.
 * @param {string} command
 * @param {string[]} args
 * @param {RunOptions} [options]
 * @returns {Promise<{ code: number, signal: NodeJS.Signals | null, output: string, stdout: string }>}
 */
export function run(command, args, { cwd, env, logFile, allowFailure = false } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		const log = logFile ? createWriteStream(logFile) : null;
		/** @type {Buffer[]} */
		const chunks = [];
		/** @type {Buffer[]} */
		const stdoutChunks = [];
		/** @param {Buffer} chunk */
		const collect = (chunk) => {
			chunks.push(chunk);
			log?.write(chunk);
		};
		child.stdout.on('data', (chunk) => {
			stdoutChunks.push(chunk);
			collect(chunk);
		});
		child.stderr.on('data', collect);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			log?.end();
			const output = Buffer.concat(chunks).toString('utf8');
			if (code === 0 || allowFailure)
				return resolve({
					code: code ?? 1,
					signal,
					output,
					stdout: Buffer.concat(stdoutChunks).toString('utf8'),
				});
			const error = new Error(`${command} ${args.join(' ')} exited with ${code}`);
			Object.assign(error, { outputTail: output.split('\n').slice(-TAIL_LINES).join('\n') });
			reject(error);
		});
	});
}

/**
 * @typedef {object} Server
 * @property {number} pid
 * @property {() => string} output the last things it printed
 * @property {() => boolean} running
 * @property {() => Promise<void>} stop SIGTERM to its process group, SIGKILL after 20 s
 * @property {Promise<number | null>} exited
 */

/**
 * Starts a long-running process in its own process group. Its output goes to `logFile` if given;
 * the last lines are kept for error messages.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, logFile?: string }} [options]
 * @returns {Server}
 */
export function startServer(command, args, { cwd, env, logFile } = {}) {
	const child = spawn(command, args, {
		cwd,
		env,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : null;
	/** @type {string[]} */
	let recent = [];
	let alive = true;
	/** @param {Buffer} chunk */
	const collect = (chunk) => {
		log?.write(chunk);
		recent.push(chunk.toString('utf8'));
		if (recent.length > 400) recent = recent.slice(-200);
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	const exited = new Promise((resolve) => {
		child.on('close', (code) => {
			alive = false;
			log?.end();
			resolve(code);
		});
		child.on('error', (error) => {
			alive = false;
			recent.push(`\n${error.message}`);
			resolve(null);
		});
	});
	const pid = child.pid ?? 0;
	return {
		pid,
		output: () => recent.join(''),
		running: () => alive,
		exited,
		async stop() {
			if (!alive) return;
			signalGroup(pid, 'SIGTERM');
			const killer = setTimeout(() => signalGroup(pid, 'SIGKILL'), 20_000);
			await exited;
			clearTimeout(killer);
			// the task runner n8n started may outlive it for a moment
			signalGroup(pid, 'SIGTERM');
		},
	};
}

/** @param {number} pid @param {NodeJS.Signals} signal */
function signalGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/**
 * Polls until `check` returns a value other than undefined, or fails with `what` after `timeoutMs`.
 * @template T
 * @param {string} what
 * @param {() => Promise<T | undefined>} check
 * @param {{ timeoutMs?: number, intervalMs?: number, alive?: () => boolean, diagnostics?: () => string }} [options]
 * @returns {Promise<T>}
 */
export async function waitFor(
	what,
	check,
	{ timeoutMs = 120_000, intervalMs = 250, alive, diagnostics } = {},
) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check().catch(() => undefined);
		if (value !== undefined) return value;
		const detail = () =>
			diagnostics ? `\n${diagnostics().split('\n').slice(-TAIL_LINES).join('\n')}` : '';
		if (alive && !alive()) throw new Error(`${what}: the process exited${detail()}`);
		if (Date.now() > deadline)
			throw new Error(`${what}: not within ${timeoutMs / 1000}s${detail()}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}
