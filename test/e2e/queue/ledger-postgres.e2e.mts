import { describe, expect, inject, it } from 'vitest';
import { openLedger } from '../../../jobs/src/ledger/ledger.mjs';
import { ledgerContract } from '../../jobs/support/ledgerContract.mjs';
import './support/context.mjs';
import { admin, freshLedgerDatabase } from './support/ledgerDatabase.mjs';

const server = inject('queue').postgres;

ledgerContract('PostgreSQL', () => freshLedgerDatabase(server));

/** What only the PostgreSQL ledger does: its job lock lives and dies with its session. */
describe('PostgresLedger', () => {
	it('a holder whose session the server dropped (its host vanished) loses the lock and can write nothing more', async () => {
		const setting = await freshLedgerDatabase(server);
		const database = new URL(setting.url).pathname.slice(1);
		const holder = await openLedger(setting);
		const next = await openLedger(setting);
		expect(await holder.acquireLock('job', 'run-a', 60_000)).toEqual({ acquired: true });
		expect(await holder.claim('job', 'pay:1', 'run-a', {})).toEqual({ claimed: true });
		expect(await next.acquireLock('job', 'run-b', 60_000)).toMatchObject({ acquired: false });

		// What the server does once TCP keep-alive finds the host gone: it ends the holder's session.
		const ended = await admin(server, async (client) => {
			const { rows } = await client.query(
				`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
				 AND database = (SELECT oid FROM pg_database WHERE datname = $1)`,
				[database],
			);
			expect(rows).toHaveLength(1);
			return (
				await client.query('SELECT pg_terminate_backend($1) AS ended', [rows[0].pid as number])
			).rows[0].ended as boolean;
		});
		expect(ended).toBe(true);

		let taken = false;
		for (const deadline = Date.now() + 60_000; !taken && Date.now() < deadline; ) {
			taken = (await next.acquireLock('job', 'run-b', 60_000)).acquired;
			if (!taken) await new Promise((resolve) => setTimeout(resolve, 50));
		}
		expect(taken).toBe(true);
		expect(await holder.renewLock('job', 'run-a', 60_000)).toBe(false);
		await expect(holder.claim('job', 'pay:2', 'run-a', {})).rejects.toThrow();
		await expect(holder.settle('job', 'pay:1', 'run-a', 'done')).rejects.toThrow();
		// The claim it made stays for the next run to resolve; nothing it tried afterwards was recorded.
		expect(await next.find('job', 'pay:1')).toMatchObject({ state: 'claimed', runId: 'run-a' });
		expect(await next.find('job', 'pay:2')).toBeUndefined();
		await holder.close().catch(() => undefined);
		await next.close();
	});

	it('two runners creating the tables at the same moment both start', async () => {
		const setting = await freshLedgerDatabase(server);
		const ledgers = await Promise.all(Array.from({ length: 4 }, () => openLedger(setting)));
		expect(await ledgers[0].claim('job', 'k', 'run', {})).toEqual({ claimed: true });
		expect(await ledgers[3].find('job', 'k')).toMatchObject({ state: 'claimed' });
		await Promise.all(ledgers.map((ledger) => ledger.close()));
	});

	it('names the ledger without a password and says clearly when it cannot connect', async () => {
		const setting = await freshLedgerDatabase(server);
		const ledger = await openLedger(setting);
		expect(ledger.describe).toBe(setting.describe);
		await ledger.close();
		const url = `postgres://${server.user}@${server.host}:${server.port}/no_such_database`;
		await expect(
			openLedger({ kind: 'postgres', url, describe: `PostgreSQL ${url}` }),
		).rejects.toThrow(
			`the ledger (PostgreSQL ${url}) cannot be used: database "no_such_database" does not exist`,
		);
	});
});
