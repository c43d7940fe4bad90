// @ts-check
// A PostgreSQL of our own for n8n's queue mode: Debian's server binaries, a fresh cluster on a
// loopback port. Postgres refuses to run as root: as root it runs as Debian's `postgres` user, and
// its data lives in a folder that user owns under the system's temporary folder.
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { run, startServer, waitFor } from '../n8n/processes.mjs';
import { ensureDebianBinary } from './debian.mjs';

const DEBIAN_ROOT = '/usr/lib/postgresql';
/** n8n's database user; the cluster trusts loopback connections, so it has no password. */
export const POSTGRES_USER = 'n8n';

/** Debian's server binaries, newest major first. */
function serverCandidates() {
	if (!existsSync(DEBIAN_ROOT)) return [];
	return readdirSync(DEBIAN_ROOT)
		.filter((version) => /^\d+$/.test(version))
		.sort((a, b) => Number(b) - Number(a))
		.map((version) => path.join(DEBIAN_ROOT, version, 'bin', 'postgres'));
}

/**
 * As root, Postgres runs as Debian's `postgres` user (it comes with the server package).
 * @returns {Promise<{ uid: number, gid: number } | null>} null: it runs as this process's user
 */
async function serviceUser() {
	if (process.getuid?.() !== 0) return null;
	const [uid, gid] = await Promise.all(
		['-u', '-g'].map((flag) => run('id', [flag, 'postgres'], { allowFailure: true })),
	);
	if (uid.code !== 0)
		throw new Error(
			'PostgreSQL refuses to run as root, and there is no "postgres" user to run it as.',
		);
	return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * @param {{ port: number, logFile: string, log: (line: string) => void }} options
 * @returns {Promise<{ host: string, port: number, user: string, database: string, dataDir: string, server: import('../n8n/processes.mjs').Server, stop: () => Promise<void> }>}
 */
export async function startPostgres({ port, logFile, log }) {
	const postgres = await ensureDebianBinary({
		what: 'PostgreSQL (postgres)',
		pkg: 'postgresql',
		candidates: serverCandidates,
		log,
	});
	const bin = path.dirname(postgres);
	const user = await serviceUser();
	const dataDir = await mkdtemp(path.join(tmpdir(), 'n8n-nodes-oy-postgres-'));
	if (user) await chown(dataDir, user.uid, user.gid);
	/** @param {string} binary @param {string[]} args @returns {[string, string[]]} */
	const command = (binary, args) =>
		user
			? ['runuser', ['-u', 'postgres', '--', path.join(bin, binary), ...args]]
			: [path.join(bin, binary), args];
	await run(
		...command('initdb', [
			'-D',
			dataDir,
			'-U',
			POSTGRES_USER,
			'--auth=trust',
			'-E',
			'UTF8',
			'--no-sync',
		]),
		{ cwd: tmpdir() },
	);
	const server = startServer(
		...command('postgres', ['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', dataDir]),
		{ cwd: tmpdir(), logFile },
	);
	await waitFor(
		`PostgreSQL on 127.0.0.1:${port}`,
		async () =>
			(
				await run(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], {
					allowFailure: true,
				})
			).code === 0
				? true
				: undefined,
		{ timeoutMs: 60_000, alive: server.running, diagnostics: server.output },
	);
	log(
		`PostgreSQL ${path.basename(path.dirname(bin))} (as ${user ? 'the postgres user' : userInfo().username}) on 127.0.0.1:${port}, data in ${dataDir}`,
	);
	return {
		host: '127.0.0.1',
		port,
		user: POSTGRES_USER,
		database: 'postgres',
		dataDir,
		server,
		async stop() {
			await server.stop();
			await rm(dataDir, { recursive: true, force: true });
		},
	};
}
