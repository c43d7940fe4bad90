import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { receivedCounts, seedOverdueInvoices } from './support/seeds.mjs';
import { startWorld, until } from './support/world.mjs';
import type { World } from './support/world.mjs';

interface RunRow {
	id: string;
	started_at: string;
	finished_at: string | null;
	status: string;
}

/** Real `oy-jobs` processes sharing one ledger: one job never runs twice at once. */
describe('two runners', () => {
	let world: World;
	afterEach(async () => world.close());

	const runs = () =>
		world.ledger(
			(ledger) =>
				ledger.db
					.prepare(
						"SELECT id, started_at, finished_at, status FROM runs WHERE job = 'ar-reminders' ORDER BY started_at",
					)
					.all() as unknown as RunRow[],
		);

	function expectNoOverlap(rows: RunRow[]) {
		for (let index = 1; index < rows.length; index++) {
			expect(rows[index - 1].finished_at, `${rows[index - 1].id} finished`).not.toBeNull();
			expect(
				rows[index].started_at >= rows[index - 1].finished_at!,
				`${rows[index].id} started after ${rows[index - 1].id} ended`,
			).toBe(true);
		}
	}

	it('started together: one runs the job, the other says it is busy and does nothing', async () => {
		world = await startWorld();
		seedOverdueInvoices(world);
		// Each page of invoices takes a while, so the two runs surely overlap.
		world.sandbox.control.addFault({
			kind: 'latency',
			method: 'GET',
			path: '/api/account-receivable/invoices',
			latency_ms: 800,
		});
		world.configure({ 'ar-reminders': { summaryTo: ['finance@example.co.id'], quietHours: null } });

		const runners = [world.cli(['run', 'ar-reminders']), world.cli(['run', 'ar-reminders'])];
		const codes = await Promise.all(runners.map((runner) => runner.exited));
		expect([...codes].sort()).toEqual([0, 3]);
		const busy = runners[codes.indexOf(3)].output();
		expect(busy).toMatch(
			/ar-reminders is already running \(run ar-reminders-\S+, pid \d+ on .+, since .+\); this runner did nothing\./,
		);

		const counts = receivedCounts(world);
		expect(Object.keys(counts)).toHaveLength(5);
		expect(Object.values(counts).every((times) => times === 1)).toBe(true);
		expect(world.smtp.byKey('summary:')).toHaveLength(1);
		expect(await runs()).toHaveLength(1);
	});

	it('`oy-jobs start` twice: both schedules tick, the job never runs in both at once, every reminder goes out once', async () => {
		world = await startWorld();
		seedOverdueInvoices(world);
		world.sandbox.control.addFault({
			kind: 'latency',
			method: 'GET',
			path: '/api/account-receivable/invoices',
			latency_ms: 300,
		});
		world.configure({
			'ar-reminders': {
				schedule: '* * * * * *',
				summaryTo: ['finance@example.co.id'],
				quietHours: null,
			},
			'inquiry-invoices': { enabled: false },
			'va-sweep': { enabled: false },
			'balance-alert': { enabled: false },
		});
		const schedulers = [world.cli(['start']), world.cli(['start'])];
		await until(
			async () => (await runs()).filter((run) => run.finished_at !== null).length >= 4,
			'four finished scheduled runs',
			60_000,
		);
		for (const scheduler of schedulers) scheduler.kill('SIGTERM');
		const codes = await Promise.all(schedulers.map((scheduler) => scheduler.exited));
		expect(codes).toEqual([0, 0]);
		for (const scheduler of schedulers) {
			expect(scheduler.output()).toContain(
				'scheduled ar-reminders      "* * * * * *" (Asia/Jakarta)',
			);
			expect(scheduler.output()).toContain('SIGTERM: stopping the schedules');
		}
		const rows = await runs();
		expect(rows.every((row) => row.status === 'ok')).toBe(true);
		expectNoOverlap(rows);
		const counts = receivedCounts(world);
		expect(Object.keys(counts)).toHaveLength(5);
		expect(Object.values(counts).every((times) => times === 1)).toBe(true);
		expect(world.smtp.byKey('summary:')).toHaveLength(1);
	});
});

describe('secrets', () => {
	let world: World;
	afterEach(async () => world.close());

	it('the API key and the SMTP password reach OY! and the mail server, and appear nowhere else', async () => {
		const apiKey = 'live-like-key-7c1f9e2d44';
		const password = 'smtp-pass-0a9b8c7d';
		world = await startWorld({ sandbox: { apiKey }, smtp: { user: 'jobs', password } });
		seedOverdueInvoices(world, 2);
		const env = {
			OY_API_KEY: apiKey,
			OY_USERNAME: world.sandbox.username,
			SMTP_PASSWORD: password,
		};
		world.configure(
			{
				'ar-reminders': { quietHours: null, summaryTo: ['finance@example.co.id'] },
				'balance-alert': { to: ['finance@example.co.id'] },
			},
			{
				oy: { environment: 'custom', baseUrl: world.sandbox.url },
				email: {
					from: 'OY! jobs <jobs@example.co.id>',
					smtp: { host: '127.0.0.1', port: world.smtp.port, secure: false, user: 'jobs' },
				},
			},
			env,
		);
		const run = world.cli(['run', 'ar-reminders'], env);
		expect(await run.exited).toBe(0);
		expect(world.smtp.byKey('remind:')).toHaveLength(2);
		expect(world.smtp.logins).toContain(`jobs:${password}`);
		const everything = [
			run.output(),
			...world.smtp.received.map(
				(mail) =>
					`${mail.subject}\n${mail.text}\n${mail.attachments.map((file) => file.content.toString('latin1')).join('')}`,
			),
			readFileSync(path.join(world.dir, 'ledger.sqlite')).toString('latin1'),
			...readdirSync(path.join(world.dir, 'reports')).map((file) =>
				readFileSync(path.join(world.dir, 'reports', file)).toString('latin1'),
			),
		].join('\n');
		expect(everything).not.toContain(apiKey);
		expect(everything).not.toContain(password);
	});
});
