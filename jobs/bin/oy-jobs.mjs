#!/usr/bin/env node
// The `oy-jobs` command. It lives outside dist/ so that `npm install` can link it before the first build.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.mjs', import.meta.url);
if (!existsSync(cli)) {
	console.error('oy-jobs is not built yet: run `npm run build` in the repository first.');
	process.exit(2);
}
await import(cli.href);
