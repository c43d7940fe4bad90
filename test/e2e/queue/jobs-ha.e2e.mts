import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openLedger } from '../../../jobs/src/ledger/ledger.mjs';
import type { RunLedger } from '../../../jobs/src/ledger/ledger.mjs';
import { OyClient } from '../../../lib/client.js';
import { ensureSupportedNode } from '../../../scripts/n8n/runtime.mjs';
import { startSandbox } from '../../../sandbox/src/index.mjs';
import type { RunningSandbox } from '../../../sandbox/src/index.mjs';
import { startCli } from '../../jobs/support/cliProcess.mjs';
import { jakartaDay } from '../../jobs/support/days.mjs';
import { receivedCounts, seedOverdueInvoices } from '../../jobs/support/seeds.mjs';
import { startSmtp } from '../../jobs/support/smtp.mjs';
import { control as sandboxControl } from '../../sandbox/helpers.mjs';
import { httpSend } from '../../support/httpSend.mjs';
import './support/context.mjs';
import { freshLedgerDatabase } from './support/ledgerDatabase.mjs';

const JOBS = ['inquiry-invoices', 'va-sweep', 'ar-reminders'] as const;
const INVOICES = [1, 2, 3];
const VAS = ['va-1', 'va-2', 'va-3', 'va-4'];

/** `oy-jobs start` in a working folder of its own, as on its own host. */
const scheduler = (node: string, dir: string) =>
	startCli(node, ['start', '--config', path.join(dir, 'oy-jobs.config.json')], {
		cwd: dir,
		env: { PATH: process.env.PATH ?? '', HOME: dir },
	});

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/**
 * High availability: two `oy-jobs start` schedulers, each in a working folder of its own (two hosts),
 * share one PostgreSQL ledger and tick every second. The one holding the invoice payments is
 * killed (SIGKILL) while OY! holds one of its payments; the survivor takes over its jobs and
 * finishes the work. The sandbox (OY!) and the SMTP server live in this process and outlive it.
 */
describe('oy-jobs on two hosts sharing a PostgreSQL ledger', () => {
	const server = inject('queue').postgres;
	let sandbox: RunningSandbox;
	let smtp: Awaited<ReturnType<typeof startSmtp>>;
	let ledger: RunLedger;
	const dirs: string[] = [];
	const vaIds: Record<string, string> = {};
	let before = 0;
	const control = (method: string, at: string, body?: unknown) =>
		sandboxControl(sandbox, method, at, body);
	const balance = async () => (await control('GET', '/balance')).own.balance as number;
	const payRequests = () =>
		sandbox.control.faults.list().find((rule) => rule.path === '/api/account-inquiry/invoices/pay')!
			.fired;

	beforeAll(async () => {
		sandbox = await startSandbox({ processingDelays: { disbursement: 0 } });
		// Each reminder takes a moment to be accepted, so a run of them is under way for a while.
		smtp = await startSmtp({ onMessage: () => new Promise((resolve) => setTimeout(resolve, 300)) });
		const client = new OyClient({
			send: httpSend(sandbox.url, { username: sandbox.username, apiKey: sandbox.apiKey }),
			sleep: async () => undefined,
		});
		for (const name of VAS) {
			const created = await client.callOrThrow('virtualAccount.create', {
				bank_code: '014',
				is_open: true,
				partner_user_id: name,
				expiration_time: 1_440,
				trx_expiration_time: 60,
			});
			vaIds[name] = (created.body as { id: string }).id;
		}
		// Their transaction windows end: each is for the sweep to deactivate.
		sandbox.control.advanceTime(2 * 3_600_000);
		seedOverdueInvoices({ sandbox });
		sandbox.control.seed({
			'account-inquiry': INVOICES.map((days) => ({
				invoice_id: `INV-${days}`,
				tx_date: jakartaDay(sandbox, -days),
				total_inquiry: days * 10,
			})),
		});
		await control('PUT', '/account-inquiry/settings', { auto_pay: false });
		before = await balance();
		// OY! takes its time: long enough to kill a scheduler mid-run. Each rule counts its requests.
		sandbox.control.addFault({
			kind: 'latency',
			path: '/api/account-inquiry/invoices/pay',
			latency_ms: 1_500,
		});
		for (const id of Object.values(vaIds))
			sandbox.control.addFault({
				kind: 'latency',
				method: 'PUT',
				path: `/api/static-virtual-account/${id}`,
				latency_ms: 600,
			});
		sandbox.control.addFault({
			kind: 'latency',
			method: 'GET',
			path: '/api/account-receivable/invoices',
			latency_ms: 500,
		});

		const setting = await freshLedgerDatabase(server);
		ledger = await openLedger(setting);
		const every = { schedule: '* * * * * *' };
		for (const host of ['host-a', 'host-b']) {
			const dir = await mkdtemp(path.join(os.tmpdir(), `oy-jobs-ha-${host}-`));
			dirs.push(dir);
			await writeFile(
				path.join(dir, 'oy-jobs.config.json'),
				JSON.stringify({
					oy: { environment: 'sandbox', baseUrl: sandbox.url },
					ledger: setting.url,
					reports: 'reports',
					email: {
						from: 'OY! jobs <jobs@example.co.id>',
						smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
					},
					jobs: {
						'inquiry-invoices': { ...every, notify: ['finance@example.co.id'] },
						'va-sweep': { ...every, notify: ['ops@example.co.id'], expiringWithinHours: 1 },
						'ar-reminders': { ...every, quietHours: null, concurrency: 1 },
						'balance-alert': { enabled: false },
					},
				}),
			);
		}
	});

	afterAll(async () => {
		await ledger?.close();
		await sandbox?.close();
		await smtp?.close();
		for (const dir of dirs) await rm(dir, { recursive: true, force: true });
	});

	it('a runner whose PostgreSQL ledger cannot be used says so in one line and does nothing', async () => {
		const node = await ensureSupportedNode({ log: () => undefined });
		const url = `postgres://${server.user}@${server.host}:${server.port}/no_such_database`;
		const config = path.join(dirs[0], 'no-ledger.json');
		await writeFile(
			config,
			JSON.stringify({
				oy: { environment: 'sandbox', baseUrl: sandbox.url },
				ledger: url,
				jobs: { 'balance-alert': { enabled: false } },
			}),
		);
		const requests = payRequests();
		const run = startCli(node, ['run', 'inquiry-invoices', '--config', config], {
			cwd: dirs[0],
			env: { PATH: process.env.PATH ?? '', HOME: dirs[0] },
		});
		expect(await run.exited).toBe(1);
		expect(run.output().trim().split('\n')).toEqual([
			`oy-jobs: the ledger (PostgreSQL ${url}) cannot be used: database "no_such_database" does not exist`,
		]);
		expect(payRequests()).toBe(requests);
	});

	it('one scheduler killed mid-run: the other finishes the work, nothing paid, sent or deactivated twice', async () => {
		const node = await ensureSupportedNode({ log: () => undefined });
		const schedulers = dirs.map((dir) => scheduler(node, dir));
		const faults = () => sandbox.control.faults.list();
		const deactivations = () =>
			Object.fromEntries(
				Object.entries(vaIds).map(([name, id]) => [
					name,
					faults().find((rule) => rule.path === `/api/static-virtual-account/${id}`)!.fired,
				]),
			);
		const claimed = async () =>
			(await Promise.all(JOBS.map((job) => ledger.list(job, '', { state: 'claimed' })))).flat();

		// Killed while OY! holds one of its payments (claimed in the ledger, the request at OY!, the answer not yet back).
		// It is frozen first (SIGSTOP: its session, and so its locks, stay) so that what it left under
		// way can be read before it dies; when that payment was settled meanwhile, it goes on and we wait again.
		let victim: ReturnType<typeof scheduler> | undefined;
		let inFlight: Awaited<ReturnType<typeof claimed>> = [];
		await until(async () => {
			for (const runner of schedulers)
				if (runner.exitCode !== null) throw new Error(`a scheduler ended:\n${runner.output()}`);
			const payment = (await claimed()).find((entry) => entry.key.startsWith('pay:'));
			if (!payment) return false;
			const holder = await ledger.acquireLock('inquiry-invoices', 'ha-test-probe', 60_000);
			if (holder.acquired) {
				await ledger.releaseLock('inquiry-invoices', 'ha-test-probe');
				return false;
			}
			victim = schedulers.find((runner) => runner.pid === holder.holder.pid);
			expect(
				victim,
				`the lock holder pid ${holder.holder.pid} is one of the schedulers`,
			).toBeDefined();
			victim!.kill('SIGSTOP');
			inFlight = await claimed();
			// Payments go one at a time: OY! has this one's request when it got one more than were settled.
			const settled = await ledger.list('inquiry-invoices', 'pay:', { state: 'done' });
			if (
				inFlight.some((entry) => entry.key === payment.key) &&
				payRequests() === settled.length + 1
			)
				return true;
			victim!.kill('SIGCONT');
			return false;
		}, 'a payment under way');
		const killedAt = sandbox.control.clock.now();
		victim!.kill('SIGKILL');
		expect(await victim!.exited).toBe(128);
		const survivor = schedulers.find((runner) => runner !== victim)!;

		const statusOf = async (product: string) =>
			(await control('GET', `/state?product=${product}`)) as {
				invoices?: Array<{ invoice_id: string; invoice_status: string }>;
				virtual_accounts?: Array<{ id: string; va_status: string }>;
			};
		// The survivor finishes: a whole run of each job, started after the kill.
		let left: Awaited<ReturnType<typeof claimed>> = [];
		await until(async () => {
			if (survivor.exitCode !== null) throw new Error(`the survivor ended:\n${survivor.output()}`);
			// A payment OY! still held at the kill is confirmed by a later run, once OY! shows it PAID.
			left = await claimed();
			if (left.length > 0) return false;
			const runs = await Promise.all(JOBS.map((job) => ledger.lastRuns(job, 20)));
			return runs.every((list) =>
				list.some(
					(run) =>
						run.finishedAt !== null &&
						Date.parse(run.startedAt) > killedAt &&
						['ok', 'problems'].includes(run.status),
				),
			);
		}, 'the survivor to run every job after the kill and settle every claim').catch(
			(error: Error) => {
				throw new Error(
					`${error.message}; still claimed: ${JSON.stringify(left)}\nsurvivor's output (end):\n${survivor.output().slice(-3000)}`,
				);
			},
		);
		survivor.kill('SIGTERM');
		expect(await survivor.exited).toBe(0);

		// Invoices: each PAID, the balance debited once for each (10, 20 and 30 inquiries at Rp1.000).
		const invoices = (await statusOf('account-inquiry')).invoices!;
		for (const days of INVOICES)
			expect(invoices.find((invoice) => invoice.invoice_id === `INV-${days}`)?.invoice_status).toBe(
				'PAID',
			);
		expect(await balance()).toBe(before - 60_000);
		// The payment under way at the kill is not asked for again: the survivor waits for OY! to finish it.
		expect(payRequests()).toBe(INVOICES.length);
		const events = await ledger.events();
		for (const days of INVOICES)
			expect(
				events.filter((event) => event.key === `pay:INV-${days}` && event.state === 'done'),
				`INV-${days} settled as paid once`,
			).toHaveLength(1);

		// Reminders: none arrived twice; each arrived once or is reported as possibly sent.
		const counts = receivedCounts({ smtp });
		expect(Math.max(...Object.values(counts))).toBe(1);
		const reminders = await ledger.list('ar-reminders', 'remind:');
		expect(reminders).toHaveLength(5);
		for (const entry of reminders) {
			if (entry.state === 'done') expect(counts[entry.key], entry.key).toBe(1);
			else expect(entry.state, entry.key).toBe('uncertain');
		}

		// VAs: each deactivated; only one whose deactivation was under way at the kill asked twice.
		const vas = (await statusOf('virtual-account')).virtual_accounts!;
		const requests = deactivations();
		for (const [name, id] of Object.entries(vaIds)) {
			expect(vas.find((va) => va.id === id)?.va_status, name).toBe('EXPIRED');
			const underWay = inFlight.some((entry) => entry.key === `deactivate:${id}`);
			expect(requests[name], name).toBe(underWay ? requests[name] : 1);
			expect(requests[name], name).toBeLessThanOrEqual(underWay ? 2 : 1);
			expect(
				events.filter((event) => event.key === `deactivate:${id}` && event.state === 'done').length,
				name,
			).toBeLessThanOrEqual(1);
		}

		// Nothing is left claimed, and no lock is held.
		for (const job of JOBS) {
			expect(await ledger.list(job, '', { state: 'claimed' }), job).toEqual([]);
			expect(await ledger.acquireLock(job, 'ha-test-final', 60_000), job).toEqual({
				acquired: true,
			});
		}
		console.log(
			`[jobs-ha] killed pid ${victim!.pid} with ${inFlight.length} effect(s) under way (${inFlight.map((entry) => entry.key).join(', ')}); ` +
				`pay requests ${payRequests()} for ${INVOICES.length} invoices; reminders ${JSON.stringify(counts)}; VA deactivation requests ${JSON.stringify(requests)}`,
		);
	});
});
