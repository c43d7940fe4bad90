// @ts-check
// System services no npm package ships (Redis for n8n's queue mode), from Debian's packages:
// installed by `apt-get` when they are missing and this process is root, else a clear message.
import { existsSync } from 'node:fs';
import { run } from '../n8n/processes.mjs';

/**
 * The first of `candidates` that exists; installs Debian's `pkg` first when none does.
 * @param {{ what: string, pkg: string, candidates: () => string[], log: (line: string) => void }} options
 * @returns {Promise<string>}
 */
export async function ensureDebianBinary({ what, pkg, candidates, log }) {
	const found = () => candidates().find((file) => existsSync(file));
	const present = found();
	if (present) return present;
	if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
		throw new Error(
			`${what} is not installed. Install Debian's ${pkg} (as root: apt-get install -y ${pkg}), or run this as root on Debian to let it install it.`,
		);
	}
	log(`Installing Debian's ${pkg} (${what}) …`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () =>
		run('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env, allowFailure: true });
	let result = await install();
	if (result.code !== 0) {
		await run('apt-get', ['update'], { env });
		result = await install();
	}
	const installed = found();
	if (result.code !== 0 || !installed)
		throw new Error(
			`apt-get install ${pkg} failed:\n${result.output.split('\n').slice(-20).join('\n')}`,
		);
	return installed;
}
