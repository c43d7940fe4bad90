import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type PgModule from 'pg';
import type { LedgerSetting } from '../../../../jobs/src/ledger/ledger.mjs';
import type { QueueContext } from './context.mjs';

const JOBS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../jobs');
/** the jobs workspace's own PostgreSQL client, the one `oy-jobs` uses */
export const pg = createRequire(path.join(JOBS, 'package.json'))('pg') as typeof PgModule;

/** SQL on the server's `postgres` database, as its superuser. */
export async function admin<T>(
	server: QueueContext['postgres'],
	use: (client: PgModule.Client) => Promise<T>,
): Promise<T> {
	const client = new pg.Client({ ...server, database: 'postgres' });
	await client.connect();
	try {
		return await use(client);
	} finally {
		await client.end();
	}
}

/** A new, empty database on the queue stack's PostgreSQL, as a `ledger` setting names it. */
export async function freshLedgerDatabase(
	server: QueueContext['postgres'],
): Promise<Extract<LedgerSetting, { kind: 'postgres' }>> {
	const name = `oy_ledger_${randomBytes(4).toString('hex')}`;
	await admin(server, (client) => client.query(`CREATE DATABASE ${name}`));
	const url = `postgres://${server.user}@${server.host}:${server.port}/${name}`;
	return { kind: 'postgres', url, describe: `PostgreSQL ${url}` };
}
