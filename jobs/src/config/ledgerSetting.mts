import path from 'node:path';
import { isLoopbackHost } from '#oy/lib';
import type { LedgerSetting } from '../ledger/ledger.mjs';
import type { ConfigReader } from './reader.mjs';

const ENCRYPTED = ['require', 'verify-ca', 'verify-full'];

/**
 * `ledger`: a SQLite file (the default), or a PostgreSQL URL (`postgres://user@host:5432/db`) that
 * runners on several hosts share. The password never goes in the file: PostgreSQL's client reads
 * PGPASSWORD or ~/.pgpass. To another machine the connection must be encrypted (`sslmode=require`
 * or `verify-full`) unless `sslmode=disable` says otherwise on purpose (then a warning).
 */
export function readLedgerSetting(
	reader: ConfigReader,
	root: Record<string, unknown>,
	resolve: (file: string) => string,
	warnings: string[],
): LedgerSetting {
	const value = reader.string(root, 'ledger', '', path.join('.oy-jobs', 'ledger.sqlite'), {
		nonEmpty: true,
	});
	if (!/^postgres(ql)?:\/\//i.test(value)) return { kind: 'sqlite', file: resolve(value) };
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		reader.problem('ledger', `is not a valid PostgreSQL URL (postgres://user@host:5432/database)`);
		return { kind: 'sqlite', file: resolve('ledger.sqlite') };
	}
	if (url.password !== '') {
		reader.problem(
			'ledger',
			'holds a password: secrets do not belong in the config file; remove it and set the environment variable PGPASSWORD (or use ~/.pgpass)',
		);
	}
	const host = url.searchParams.get('host') ?? url.hostname;
	const local = host === '' || host.startsWith('/') || isLoopbackHost(host);
	const sslmode = url.searchParams.get('sslmode');
	if (!local && !ENCRYPTED.includes(sslmode ?? '')) {
		if (sslmode === 'disable')
			warnings.push(
				`ledger: the PostgreSQL connection to ${host} is not encrypted (sslmode=disable): the ledger's data and the database password cross the network readable`,
			);
		else
			reader.problem(
				'ledger',
				`connects to ${host} without encryption: add ?sslmode=verify-full (or sslmode=require), or sslmode=disable to accept an unencrypted connection on purpose`,
			);
	}
	const shown = new URL(url);
	shown.password = '';
	return { kind: 'postgres', url: value, describe: `PostgreSQL ${shown.toString()}` };
}
