import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	'../../../jobs/bin/oy-jobs.mjs',
);

export type CliProcess = ChildProcess & { output: () => string; exited: Promise<number> };

/** `oy-jobs <args>` as a child process on `node`, its stdout and stderr kept; exit 128 for a signal. */
export function startCli(
	node: string,
	args: string[],
	options: { cwd: string; env: Record<string, string> },
): CliProcess {
	const child = spawn(node, [CLI, ...args], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
	let text = '';
	child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
	const exited = new Promise<number>((resolve) =>
		child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1))),
	);
	return Object.assign(child, { output: () => text, exited });
}
