// `npm start`: the local stack for a new user. Today that is the OY sandbox; n8n joins it later.
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const sandbox = path.join(root, 'sandbox', 'dist', 'main.mjs');

if (!existsSync(sandbox)) {
	console.log('npm start will run the OY sandbox (a local OY! API) here; it is not built yet.');
	console.log('Run `npm run build`, then `npm start` again.');
	process.exit(1);
}
const child = spawn(process.execPath, [sandbox], { stdio: 'inherit' });
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
