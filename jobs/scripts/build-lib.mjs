// The jobs' copy of lib/: the repository's lib/ sources (the OY! client and lib/jobs, the job logic)
// compiled into dist/lib with the n8n package's compiler options. The n8n package leaves lib/jobs
// out of its own build, so the job logic never ships to n8n users; lib/ stays one set of sources.
// dist/lib is CommonJS (like the n8n package's dist), inside this ESM package: its package.json says so.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const jobsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(jobsDir, 'dist', 'lib');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(outDir, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', path.join(jobsDir, 'tsconfig.lib.json')], {
	stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);
mkdirSync(outDir, { recursive: true });
writeFileSync(
	path.join(outDir, 'package.json'),
	`${JSON.stringify({ type: 'commonjs' }, null, '\t')}\n`,
);
