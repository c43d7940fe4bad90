// Builds better-sqlite3 (the ledger's database) from source when its native module does not load.
// Install scripts are off repo-wide (.npmrc), and its prebuilt binaries live on GitHub, which a
// locked-down machine cannot reach: node-gyp compiles the bundled SQLite against this Node's headers.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve('better-sqlite3/package.json'));

function loads() {
	const probe = `const Database = require(${JSON.stringify(packageDir)}); new Database(':memory:').prepare('select 1').get();`;
	return spawnSync(process.execPath, ['-e', probe], { stdio: 'ignore' }).status === 0;
}

function nodeGyp() {
	const candidates = [
		process.env.npm_config_node_gyp,
		path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
	];
	try {
		candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
	} catch {
		// not installed beside us; npm's own copy above is the usual one
	}
	return candidates.find((candidate) => candidate && existsSync(candidate));
}

if (loads()) {
	console.log('better-sqlite3: native module loads');
	process.exit(0);
}

const gyp = nodeGyp();
if (!gyp) {
	console.error('better-sqlite3 needs building, but node-gyp was not found (it ships with npm).');
	process.exit(1);
}
// Headers of the running Node, when its installation carries them (/usr/include/node, ~/.nvm/...):
// then node-gyp needs no download.
const prefix = path.resolve(path.dirname(process.execPath), '..');
const args = [gyp, 'rebuild', '--release', '--jobs=max'];
if (existsSync(path.join(prefix, 'include', 'node', 'node.h'))) args.push(`--nodedir=${prefix}`);
console.log(`better-sqlite3: building from source (${args.slice(1).join(' ')}); this takes a minute or two`);
const started = Date.now();
const build = spawnSync(process.execPath, args, { cwd: packageDir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (build.status !== 0 || !loads()) {
	// Compiler warnings are noise on success; on failure the end of node-gyp's output says why.
	console.error(String(build.stderr ?? '').split('\n').slice(-40).join('\n'));
	console.error('better-sqlite3: the build failed. It needs python3, make and a C++ compiler (Debian: apt-get install python3 make g++).');
	process.exit(1);
}
console.log(`better-sqlite3: built in ${Math.round((Date.now() - started) / 1000)} s`);
