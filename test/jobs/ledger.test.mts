import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteLedger } from '../../jobs/src/ledger/sqliteLedger.mjs';
import { REPO } from './support/world.mjs';

/** The SQLite ledger: claims, settlements, the audit trail, locks; the same file from several processes. */
describe('SqliteLedger', () => {
	let dir: string;
	let file: string;
	beforeEach(() => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'oy-ledger-'));
		file = path.join(dir, 'nested', 'ledger.sqlite');
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('claims a key once; a settled key is retaken only from the states allowed', async () => {
		const ledger = new SqliteLedger(file);
		expect(await ledger.claim('job', 'pay:1', 'run-a', { amount: 5 })).toEqual({ claimed: true });
		const second = await ledger.claim('job', 'pay:1', 'run-b', {});
		expect(second).toMatchObject({
			claimed: false,
			entry: { state: 'claimed', runId: 'run-a', attempts: 1, detail: { amount: 5 } },
		});
		await ledger.settle('job', 'pay:1', 'run-a', 'failed', { code: '206' });
		expect(await ledger.claim('job', 'pay:1', 'run-b', {}, ['done'])).toMatchObject({
			claimed: false,
		});
		expect(await ledger.claim('job', 'pay:1', 'run-b', { again: true }, ['failed'])).toEqual({
			claimed: true,
		});
		await ledger.settle('job', 'pay:1', 'run-b', 'done');
		expect(await ledger.find('job', 'pay:1')).toMatchObject({
			state: 'done',
			runId: 'run-b',
			attempts: 2,
			detail: { amount: 5, code: '206', again: true },
		});
		expect(ledger.events('job').map((event) => `${event.state}@${event.runId}`)).toEqual([
			'claimed@run-a',
			'failed@run-a',
			'claimed@run-b',
			'done@run-b',
		]);
		await expect(ledger.settle('job', 'never', 'run-a', 'done')).rejects.toThrow('never claimed');
		ledger.close();
	});

	it('lists by prefix in key order, from a key on', async () => {
		const ledger = new SqliteLedger(file);
		for (const key of [
			'remind:12:3',
			'remind:1:1',
			'remind:1:14',
			'remind:1:3',
			'reading:2026-11-02',
			'reading:2026-11-01',
		]) {
			await ledger.note('job', key, 'run', {});
		}
		expect((await ledger.list('job', 'remind:1:')).map((entry) => entry.key)).toEqual([
			'remind:1:1',
			'remind:1:14',
			'remind:1:3',
		]);
		expect(
			(await ledger.list('job', 'reading:', { from: 'reading:2026-11-02' })).map(
				(entry) => entry.key,
			),
		).toEqual(['reading:2026-11-02']);
		expect(await ledger.list('other', 'remind:')).toEqual([]);
		ledger.close();
	});

	it('survives reopening: what was settled is still there', async () => {
		const first = new SqliteLedger(file);
		await first.claim('job', 'k', 'run', { to: 'a@b.co' });
		await first.settle('job', 'k', 'run', 'done');
		first.close();
		const second = new SqliteLedger(file);
		expect(await second.find('job', 'k')).toMatchObject({
			state: 'done',
			detail: { to: 'a@b.co' },
		});
		second.close();
	});

	it('lends a job lock to one run; a lock whose process died or whose lease ran out is free', () => {
		let now = 1_000_000;
		const ledger = new SqliteLedger(file, () => now);
		expect(ledger.acquireLock('job', 'run-a', 60_000)).toEqual({ acquired: true });
		expect(ledger.acquireLock('job', 'run-b', 60_000)).toMatchObject({
			acquired: false,
			holder: { runId: 'run-a', pid: process.pid },
		});
		expect(ledger.acquireLock('other-job', 'run-c', 60_000)).toEqual({ acquired: true });
		expect(ledger.renewLock('job', 'run-a', 60_000)).toBe(true);
		expect(ledger.renewLock('job', 'run-b', 60_000)).toBe(false);
		now += 61_000;
		expect(ledger.acquireLock('job', 'run-b', 60_000)).toEqual({ acquired: true });
		ledger.releaseLock('job', 'run-a');
		expect(ledger.acquireLock('job', 'run-c', 60_000)).toMatchObject({
			acquired: false,
			holder: { runId: 'run-b' },
		});
		ledger.releaseLock('job', 'run-b');
		expect(ledger.acquireLock('job', 'run-c', 60_000)).toEqual({ acquired: true });
		// A lock held by a process that no longer exists (pid of a child that exited).
		ledger.db.prepare('UPDATE locks SET pid = ? WHERE job = ?').run(2 ** 22 + 12345, 'job');
		expect(ledger.acquireLock('job', 'run-d', 60_000)).toEqual({ acquired: true });
		ledger.close();
	});

	it('opens a file another process holds locked by waiting for it, not by failing', async () => {
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

	it('lets exactly one of many processes claim the same key at the same moment', async () => {
		new SqliteLedger(file).close();
		const script = `
			import { SqliteLedger } from ${JSON.stringify(path.join(REPO, 'jobs', 'dist', 'ledger', 'sqliteLedger.mjs'))};
			const ledger = new SqliteLedger(${JSON.stringify(file)});
			const wins = [];
			for (let i = 0; i < 200; i++) if ((await ledger.claim('job', 'key:' + i, process.argv[1], {})).claimed) wins.push(i);
			console.log(JSON.stringify(wins));
			ledger.close();`;
		const racers = Array.from(
			{ length: 4 },
			(_, index) =>
				new Promise<number[]>((resolve, reject) => {
					const child = spawn(
						process.execPath,
						['--input-type=module', '-e', script, `racer-${index}`],
						{ stdio: ['ignore', 'pipe', 'inherit'] },
					);
					let out = '';
					child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
					child.on('exit', (code) =>
						code === 0
							? resolve(JSON.parse(out) as number[])
							: reject(new Error(`racer exited ${code}`)),
					);
				}),
		);
		const wins = (await Promise.all(racers)).flat().sort((a, b) => a - b);
		expect(wins).toEqual(Array.from({ length: 200 }, (_, index) => index));
	});
});
