import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteLedger } from '../../jobs/src/ledger/sqliteLedger.mjs';
import { ledgerContract } from './support/ledgerContract.mjs';

const dir = mkdtempSync(path.join(os.tmpdir(), 'oy-ledger-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const freshFile = () => path.join(dir, `ledger-${++files}`, 'nested', 'ledger.sqlite');

ledgerContract('SQLite', async () => ({ kind: 'sqlite', file: freshFile() }));

/** What only the SQLite ledger does: leases on this machine's clock, waiting for a file another process holds. */
describe('SqliteLedger', () => {
	it('frees a lock whose lease ran out (a holder on another machine that stopped renewing)', async () => {
		let now = 1_000_000;
		const ledger = new SqliteLedger(freshFile(), () => now);
		expect(await ledger.acquireLock('job', 'run-a', 60_000)).toEqual({ acquired: true });
		expect(await ledger.acquireLock('job', 'run-b', 60_000)).toMatchObject({
			acquired: false,
			holder: { runId: 'run-a', pid: process.pid },
		});
		expect(await ledger.acquireLock('other-job', 'run-c', 60_000)).toEqual({ acquired: true });
		expect(await ledger.renewLock('job', 'run-a', 60_000)).toBe(true);
		expect(await ledger.renewLock('job', 'run-b', 60_000)).toBe(false);
		now += 61_000;
		expect(await ledger.acquireLock('job', 'run-b', 60_000)).toEqual({ acquired: true });
		await ledger.releaseLock('job', 'run-a');
		expect(await ledger.acquireLock('job', 'run-c', 60_000)).toMatchObject({
			acquired: false,
			holder: { runId: 'run-b' },
		});
		await ledger.releaseLock('job', 'run-b');
		expect(await ledger.acquireLock('job', 'run-c', 60_000)).toEqual({ acquired: true });
		// A holder on another host is never judged by its pid here: only its lease frees the lock.
		ledger.db
			.prepare("UPDATE locks SET host = 'elsewhere', pid = ? WHERE job = ?")
			.run(2 ** 22 + 12345, 'job');
		expect(await ledger.acquireLock('job', 'run-d', 60_000)).toMatchObject({ acquired: false });
		now += 61_000;
		expect(await ledger.acquireLock('job', 'run-d', 60_000)).toEqual({ acquired: true });
		ledger.close();
	});

	it('opens a file another process holds locked by waiting for it, not by failing', async () => {
		const file = freshFile();
		const ledger = new SqliteLedger(file);
		await ledger.claim('job', 'key', 'run-a', {});
		ledger.close();
		// The other process takes the whole file (as a runner does for a moment while it checkpoints on exit) and lets go after a while.
		const script = `
			import { DatabaseSync } from 'node:sqlite';
			const db = new DatabaseSync(${JSON.stringify(file)});
			db.exec('PRAGMA locking_mode = EXCLUSIVE');
			db.exec('BEGIN EXCLUSIVE');
			db.prepare('SELECT count(*) FROM effects').get();
			console.log('locked');
			setTimeout(() => { db.exec('COMMIT'); db.close(); }, 1000);`;
		const holder = spawn(process.execPath, ['--input-type=module', '-e', script], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		const exited = new Promise<number | null>((resolve) => holder.on('exit', resolve));
		await new Promise((resolve) => holder.stdout.once('data', resolve));
		const reopened = new SqliteLedger(file);
		expect(await reopened.find('job', 'key')).toMatchObject({ state: 'claimed', runId: 'run-a' });
		reopened.close();
		expect(await exited).toBe(0);
	});
});
