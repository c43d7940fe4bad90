// @ts-check
// Runs a command on a Node that runs the jobs (22.13 or newer: their ledger is node:sqlite). On an
// older Node (20) it first installs Node 24 from the npm registry, once, and puts it first on PATH,
// so `npm`, `node` and `vitest` in the command run on it. docs/jobs-node-version.md says why.
//
//   node scripts/supported-node.mjs <command> [arguments…]   e.g. vitest run test/jobs
//   node scripts/supported-node.mjs --print                  prints the path of that Node
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './n8n/communityPackage.mjs';
import { ensureSupportedNode } from './n8n/runtime.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) {
	console.error('usage: node scripts/supported-node.mjs <command> [arguments…] | --print');
	process.exit(2);
}

// Progress on stderr: stdout is the command's (and --print's).
const node = await ensureSupportedNode({ log: (line) => console.error(line) }).catch((error) => {
	console.error(error.message);
	process.exit(1);
});
if (command === '--print') {
	console.log(node);
	process.exit(0);
}

const child = spawn(command, args, {
	stdio: 'inherit',
	env: {
		...process.env,
		// The repository's own commands (vitest) too, as under `npm run`.
		PATH: [
			path.dirname(node),
			path.join(REPO_ROOT, 'node_modules', '.bin'),
			process.env.PATH ?? '',
		].join(path.delimiter),
		// The n8n 1.x compatibility runtime stays on the machine's own Node (scripts/n8n/runtime.mjs).
		OY_SYSTEM_NODE: process.env.OY_SYSTEM_NODE || process.execPath,
	},
});
// Ctrl-C reaches the child directly (same terminal); a SIGTERM sent to this process is passed on.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('error', (error) => {
	console.error(`${command}: ${error.message}`);
	process.exit(127);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
