import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LedgerSetting, RunLedger } from '../../../jobs/src/ledger/ledger.mjs';
import { openLedger } from '../../../jobs/src/ledger/ledger.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** the compiled ledger, as `oy-jobs` runs it: what child processes open */
const COMPILED = path.join(REPO, 'jobs', 'dist', 'ledger', 'ledger.mjs');

/**
 * A Node child process with the compiled ledger open on `setting`; `script` runs with `ledger`
 * in scope. Resolves with its output once it printed a line (`waitForLine`) or exited.
 */
function child(setting: LedgerSetting, script: string) {
	const source = `
		import { openLedger } from ${JSON.stringify(COMPILED)};
		const ledger = await openLedger(${JSON.stringify(setting)});
		${script}`;
	const process_ = spawn(process.execPath, ['--input-type=module', '-e', source], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	let out = '';
	process_.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
	const exited = new Promise<number | null>((resolve) => process_.on('exit', resolve));
	return {
		process: process_,
		exited,
		output: () => out,
		firstLine: () =>
			new Promise<string>((resolve, reject) => {
				const check = () => {
					if (out.includes('\n')) resolve(out.split('\n')[0]);
				};
				process_.stdout.on('data', check);
				void exited.then(() => reject(new Error(`the child exited before printing: ${out}`)));
				check();
			}),
	};
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/**
 * The cases every ledger passes, whatever holds it: SQLite (test/jobs/ledger.test.mts) and
 * PostgreSQL (test/e2e/queue/ledger-postgres.e2e.mts). `fresh` gives an empty ledger's setting.
 */
export function ledgerContract(name: string, fresh: () => Promise<LedgerSetting>): void {
	describe(`${name}: the ledger contract`, () => {
		const open = async (setting: LedgerSetting, now?: () => number): Promise<RunLedger> =>
			await openLedger(setting, now);

		it('claims a key once; a settled key is retaken only from the states allowed', async () => {
			const ledger = await open(await fresh());
			expect(await ledger.claim('job', 'pay:1', 'run-a', { amount: 5 })).toEqual({
				claimed: true,
			});
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
			expect((await ledger.events('job')).map((event) => `${event.state}@${event.runId}`)).toEqual([
				'claimed@run-a',
				'failed@run-a',
				'claimed@run-b',
				'done@run-b',
			]);
			expect((await ledger.events('job')).map((event) => event.detail)).toEqual([
				{ amount: 5 },
				{ code: '206' },
				{ again: true },
				{},
			]);
			expect(await ledger.events('other')).toEqual([]);
			await expect(ledger.settle('job', 'never', 'run-a', 'done')).rejects.toThrow('never claimed');
			await ledger.close();
		});

		it('lists by prefix in key order, byte by byte, from a key on, by state', async () => {
			const ledger = await open(await fresh());
			for (const key of [
				'remind:12:3',
				'remind:1:1',
				'remind:1:14',
				'remind:1:3',
				'remind:1:B',
				'remind:1:a',
				'reading:2026-11-02',
				'reading:2026-11-01',
			]) {
				await ledger.note('job', key, 'run', {});
			}
			expect((await ledger.list('job', 'remind:1:')).map((entry) => entry.key)).toEqual([
				'remind:1:1',
				'remind:1:14',
				'remind:1:3',
				'remind:1:B',
				'remind:1:a',
			]);
			expect(
				(await ledger.list('job', 'reading:', { from: 'reading:2026-11-02' })).map(
					(entry) => entry.key,
				),
			).toEqual(['reading:2026-11-02']);
			expect((await ledger.list('job', 'remind:', { limit: 2 })).map((entry) => entry.key)).toEqual(
				['remind:12:3', 'remind:1:1'],
			);
			await ledger.claim('job', 'remind:1:3', 'run-b', {}, ['done']);
			expect(
				(await ledger.list('job', '', { state: 'claimed' })).map((entry) => entry.key),
			).toEqual(['remind:1:3']);
			expect(await ledger.list('other', 'remind:')).toEqual([]);
			await ledger.close();
		});

		it('survives reopening: what was settled, and the runs, are still there', async () => {
			const setting = await fresh();
			const first = await open(setting);
			await first.claim('job', 'k', 'run', { to: 'a@b.co' });
			await first.settle('job', 'k', 'run', 'done');
			await first.startRun('run', 'job', false);
			await first.finishRun('run', 'ok', { counts: { sent: 1 } });
			await first.close();
			const second = await open(setting);
			expect(await second.find('job', 'k')).toMatchObject({
				state: 'done',
				detail: { to: 'a@b.co' },
			});
			expect(await second.lastRuns('job')).toMatchObject([
				{ id: 'run', dryRun: false, status: 'ok', summary: { counts: { sent: 1 } } },
			]);
			await second.close();
		});

		it('lends a job lock to one run at a time, across connections; only its run renews or releases it', async () => {
			const setting = await fresh();
			const a = await open(setting);
			const b = await open(setting);
			expect(await a.acquireLock('job', 'run-a', 60_000)).toEqual({ acquired: true });
			for (const ledger of [a, b]) {
				expect(await ledger.acquireLock('job', 'run-b', 60_000)).toMatchObject({
					acquired: false,
					holder: { runId: 'run-a', pid: process.pid },
				});
			}
			expect(await b.acquireLock('other-job', 'run-c', 60_000)).toEqual({ acquired: true });
			expect(await a.renewLock('job', 'run-a', 60_000)).toBe(true);
			expect(await b.renewLock('job', 'run-b', 60_000)).toBe(false);
			await b.releaseLock('job', 'run-b');
			expect(await b.acquireLock('job', 'run-b', 60_000)).toMatchObject({ acquired: false });
			await a.releaseLock('job', 'run-a');
			expect(await b.acquireLock('job', 'run-b', 60_000)).toEqual({ acquired: true });
			await a.close();
			await b.close();
		});

		it('frees the lock of a holder killed mid-run (SIGKILL): the next run takes it', async () => {
			const setting = await fresh();
			const holder = child(
				setting,
				`console.log(JSON.stringify(await ledger.acquireLock('job', 'run-killed', 60_000)));
				setInterval(() => {}, 1 << 30);`,
			);
			expect(JSON.parse(await holder.firstLine())).toEqual({ acquired: true });
			const ledger = await open(setting);
			expect(await ledger.acquireLock('job', 'run-next', 60_000)).toMatchObject({
				acquired: false,
				holder: { runId: 'run-killed', pid: holder.process.pid },
			});
			holder.process.kill('SIGKILL');
			await holder.exited;
			await until(
				async () => (await ledger.acquireLock('job', 'run-next', 60_000)).acquired,
				'the killed holder’s lock to be free',
			);
			expect(await ledger.renewLock('job', 'run-next', 60_000)).toBe(true);
			await ledger.close();
		});

		it('lets exactly one of many processes claim the same key at the same moment', async () => {
			const setting = await fresh();
			await (await open(setting)).close();
			const racers = Array.from({ length: 4 }, (_, index) =>
				child(
					setting,
					`const wins = [];
					for (let i = 0; i < 200; i++) if ((await ledger.claim('job', 'key:' + i, 'racer-${index}', {})).claimed) wins.push(i);
					console.log(JSON.stringify(wins));
					await ledger.close();`,
				),
			);
			const codes = await Promise.all(racers.map((racer) => racer.exited));
			expect(codes).toEqual([0, 0, 0, 0]);
			const wins = racers
				.flatMap((racer) => JSON.parse(racer.output()) as number[])
				.sort((x, y) => x - y);
			expect(wins).toEqual(Array.from({ length: 200 }, (_, index) => index));
			const ledger = await open(setting);
			expect(await ledger.events('job')).toHaveLength(200);
			await ledger.close();
		});
	});
}
