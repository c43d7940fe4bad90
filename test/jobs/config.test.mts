import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, readConfig } from '../../jobs/src/config/config.mjs';
import { CLI, REPO } from './support/world.mjs';

function problemsOf(raw: unknown, env: Record<string, string> = {}): string[] {
	try {
		readConfig(raw, { env, cwd: '/work' });
	} catch (error) {
		if (error instanceof ConfigError) return error.problems;
		throw error;
	}
	return [];
}

/** What a config for real money has besides OY! settings: a mail server and alert recipients. */
const LIVE = {
	email: { smtp: { host: 'smtp.example.co.id' } },
	jobs: { 'balance-alert': { to: ['finance@example.co.id'] } },
};

/** Every bad value gets one message that names it by its path. */
describe('config validation', () => {
	it('takes no file at all: the local sandbox and every default', () => {
		const config = readConfig({}, { env: {}, cwd: '/work/here' });
		expect(config.oy).toEqual({
			environment: 'sandbox',
			baseUrl: 'http://127.0.0.1:4700',
			username: 'oy-sandbox',
			apiKey: 'sandbox-key',
			timeoutMs: 30_000,
		});
		expect(config.timeZone).toBe('Asia/Jakarta');
		expect(config.ledger).toEqual({ kind: 'sqlite', file: '/work/here/.oy-jobs/ledger.sqlite' });
		expect(config.mail).toEqual({
			from: 'OY! jobs <oy-jobs@localhost>',
			outbox: '/work/here/outbox',
		});
		expect(config.jobs['ar-reminders']).toMatchObject({
			enabled: true,
			schedule: '0 9 * * *',
			options: {
				steps: [1, 3, 7, 14],
				channel: 'email',
				quietHours: { start: '21:00', end: '08:00' },
			},
		});
		expect(config.jobs['balance-alert'].options).toMatchObject({
			threshold: 10_000_000,
			maxConsecutiveDays: 3,
			digest: false,
		});
	});

	it('accepts the example config the README tells a new user to copy', () => {
		const example = JSON.parse(
			readFileSync(path.join(REPO, 'jobs', 'oy-jobs.config.example.json'), 'utf8'),
		);
		const config = readConfig(example, { env: {}, file: '/work/here/oy-jobs.config.json' });
		expect(config.jobs['va-sweep'].options).toMatchObject({
			expiringWithinHours: 72,
			notify: ['ops@example.co.id'],
		});
		expect(config.ledger).toEqual({ kind: 'sqlite', file: '/work/here/.oy-jobs/ledger.sqlite' });
	});

	it('reads production credentials from the environment only', () => {
		const config = readConfig(
			{ ...LIVE, oy: { environment: 'production', username: 'pt-example' } },
			{ env: { OY_API_KEY: 'live-key' } },
		);
		expect(config.oy).toMatchObject({
			environment: 'production',
			baseUrl: 'https://partner.oyindonesia.com',
			username: 'pt-example',
			apiKey: 'live-key',
		});
		expect(
			readConfig(
				{ ...LIVE, oy: { environment: 'custom', baseUrl: 'https://proxy.example.co.id/' } },
				{ env: { OY_API_KEY: 'k', OY_USERNAME: 'u' } },
			).oy.baseUrl,
		).toBe('https://proxy.example.co.id');
	});

	const cases: Array<[string, unknown, string[], Record<string, string>?]> = [
		['not an object', [], [': must be an object ({ ... }), not a list']],
		[
			'unknown top-level key',
			{ timezon: 'Asia/Jakarta' },
			['timezon: unknown setting; known here: $schema, timezone, oy, ledger, reports, email, jobs'],
		],
		[
			'bad time zone',
			{ timezone: 'Asia/Jakarte' },
			[
				'timezone: is not a time zone name (e.g. "Asia/Jakarta", "Asia/Makassar"), not "Asia/Jakarte"',
			],
		],
		[
			'API key in the file',
			{ oy: { apiKey: 'x' } },
			[
				'oy.apiKey: secrets do not belong in the config file; remove it and set the environment variable OY_API_KEY',
			],
		],
		[
			'SMTP password in the file',
			{ email: { smtp: { host: 'smtp.x.co', password: 'p' } } },
			[
				'email.smtp.password: secrets do not belong in the config file; remove it and set the environment variable SMTP_PASSWORD',
			],
		],
		[
			'key without an environment',
			{},
			[
				'oy.environment: OY_API_KEY is set: say which OY! environment it is for ("production", "staging" or "custom"); without credentials the jobs use the local sandbox',
			],
			{ OY_API_KEY: 'k' },
		],
		[
			'unknown environment',
			{ oy: { environment: 'prod' } },
			['oy.environment: must be one of "sandbox", "staging", "production", "custom", not "prod"'],
		],
		[
			'production without key or username',
			{ ...LIVE, oy: { environment: 'production' } },
			[
				'oy.username: is required for the production environment (or set OY_USERNAME)',
				'OY_API_KEY: is not set; the production environment needs your OY! API key in the environment variable OY_API_KEY',
			],
		],
		[
			'a base URL for production',
			{ ...LIVE, oy: { environment: 'production', baseUrl: 'http://evil' } },
			[
				'oy.baseUrl: is only for the "sandbox" and "custom" environments; production has a fixed address',
			],
			{ OY_API_KEY: 'k', OY_USERNAME: 'u' },
		],
		[
			'custom without a base URL',
			{ ...LIVE, oy: { environment: 'custom' } },
			[
				'oy.baseUrl: is required for the "custom" environment (e.g. your proxy with a whitelisted IP)',
			],
			{ OY_API_KEY: 'k', OY_USERNAME: 'u' },
		],
		[
			'a base URL that is not one',
			{ oy: { baseUrl: 'localhost:4700' } },
			['oy.baseUrl: must be an http:// or https:// URL, not "localhost:4700"'],
		],
		[
			'timeout out of range',
			{ oy: { timeoutMs: 10 } },
			['oy.timeoutMs: must be a whole number of milliseconds from 1000 to 300000, not 10'],
		],
		['empty ledger path', { ledger: '' }, ['ledger: must not be empty']],
		['reports folder not text', { reports: 5 }, ['reports: must be text, not 5']],
		[
			'bad sender',
			{ email: { from: 'Jobs <not-an-address>' } },
			['email.from: must be an e-mail address (name@example.com), not "not-an-address"'],
		],
		[
			'SMTP without host, bad port',
			{ email: { smtp: { port: 70000 } } },
			[
				'email.smtp.host: is required (e.g. "smtp.example.co.id")',
				'email.smtp.port: must be a whole number from 1 to 65535, not 70000',
			],
		],
		[
			'SMTP user without password',
			{ email: { smtp: { host: 'smtp.x.co', user: 'jobs' } } },
			[
				'SMTP_PASSWORD: is not set; email.smtp.user "jobs" needs its password in the environment variable SMTP_PASSWORD',
			],
		],
		[
			'unknown job',
			{ jobs: { 'ar-reminder': {} } },
			[
				'jobs.ar-reminder: unknown setting; known here: inquiry-invoices, va-sweep, ar-reminders, balance-alert',
			],
		],
		[
			'job setting misspelt',
			{ jobs: { 'va-sweep': { expiringWithin: 72 } } },
			[
				'jobs.va-sweep.expiringWithin: unknown setting; known here: enabled, schedule, expiringWithinHours, deactivate, keepLifetime, graceHours, notify, maxDeactivations',
			],
		],
		[
			'bad cron',
			{ jobs: { 'va-sweep': { schedule: '0 25 * * *' } } },
			[
				'jobs.va-sweep.schedule: is not a cron expression ("0 25 * * *"): the hour field "25" is not valid; use 5 fields (minute hour day month weekday), or 6 with seconds first',
			],
		],
		[
			'enabled not a boolean',
			{ jobs: { 'va-sweep': { enabled: 'yes' } } },
			['jobs.va-sweep.enabled: must be true or false, not "yes"'],
		],
		[
			'deactivate policy',
			{ jobs: { 'va-sweep': { deactivate: 'all' } } },
			['jobs.va-sweep.deactivate: must be one of "expired", "none", not "all"'],
		],
		[
			'bad recipient',
			{ jobs: { 'inquiry-invoices': { notify: ['finance@example.co.id', 'finance'] } } },
			[
				'jobs.inquiry-invoices.notify[1]: must be an e-mail address (name@example.com), not "finance"',
			],
		],
		[
			'steps',
			{ jobs: { 'ar-reminders': { steps: [1, 0, 'x', 3, 3] } } },
			[
				'jobs.ar-reminders.steps[1]: must be a whole number of days overdue from 1 to 3650, not 0',
				'jobs.ar-reminders.steps[2]: must be a whole number of days overdue from 1 to 3650, not "x"',
				'jobs.ar-reminders.steps: names a day twice',
			],
		],
		[
			'no steps',
			{ jobs: { 'ar-reminders': { steps: [] } } },
			['jobs.ar-reminders.steps: must name at least one day (e.g. [1, 3, 7, 14])'],
		],
		[
			'channel',
			{ jobs: { 'ar-reminders': { channel: 'sms' } } },
			['jobs.ar-reminders.channel: must be one of "email", "oy-email", "oy-whatsapp", not "sms"'],
		],
		[
			'quiet hours',
			{ jobs: { 'ar-reminders': { quietHours: { start: '9pm', end: '8:00' } } } },
			[
				'jobs.ar-reminders.quietHours.start: must be a 24-hour time HH:mm (e.g. "21:00"), not "9pm"',
				'jobs.ar-reminders.quietHours.end: must be a 24-hour time HH:mm (e.g. "21:00"), not "8:00"',
			],
		],
		[
			'quiet hours half given',
			{ jobs: { 'ar-reminders': { quietHours: { start: '21:00' } } } },
			['jobs.ar-reminders.quietHours.end: is required (24-hour HH:mm, e.g. "21:00")'],
		],
		[
			'opt-out entry',
			{ jobs: { 'ar-reminders': { optOut: [''] } } },
			['jobs.ar-reminders.optOut[0]: must be an OY! customer id or an e-mail address, not ""'],
		],
		[
			'customer override',
			{ jobs: { 'ar-reminders': { customers: { c1: { optout: true, email: ['x'] } } } } },
			[
				'jobs.ar-reminders.customers.c1.optout: unknown setting; known here: optOut, steps, email',
				'jobs.ar-reminders.customers.c1.email[0]: must be an e-mail address (name@example.com), not "x"',
			],
		],
		[
			'template placeholder',
			{ jobs: { 'ar-reminders': { template: { subject: 'Invoice {{invoice_no}}' } } } },
			[
				'jobs.ar-reminders.template: unknown placeholder(s) {{invoice_no}}; known: {{customer_name}}, {{invoice_number}}, {{amount}}, {{amount_billed}}, {{invoice_date}}, {{due_date}}, {{days_overdue}}, {{payment_url}}, {{step}}, {{reminder}}',
			],
		],
		[
			'run limit',
			{ jobs: { 'ar-reminders': { maxPerRun: 0 } } },
			['jobs.ar-reminders.maxPerRun: must be a whole number of reminders from 1 to 1000000, not 0'],
		],
		[
			'threshold',
			{ jobs: { 'balance-alert': { threshold: '5000000' } } },
			[
				'jobs.balance-alert.threshold: must be a whole number of rupiah from 0 to 9007199254740991, not "5000000"',
			],
		],
		[
			'child threshold',
			{ jobs: { 'balance-alert': { children: { 'branch-1': -1 } } } },
			[
				'jobs.balance-alert.children.branch-1: must be a whole number of rupiah from 0 to 9007199254740991, not -1',
			],
		],
		[
			'children not a map',
			{ jobs: { 'balance-alert': { children: ['branch-1'] } } },
			['jobs.balance-alert.children: must be an object ({ "name": ... }), not a list'],
		],
		[
			'history days',
			{ jobs: { 'balance-alert': { historyDays: 1.5 } } },
			['jobs.balance-alert.historyDays: must be a whole number of days from 1 to 3660, not 1.5'],
		],
	];

	it.each(cases)('%s', (_name, raw, expected, env) => {
		expect(problemsOf(raw, env)).toEqual(expected);
	});

	it('takes a PostgreSQL URL as the ledger: shown without a password, encrypted to another machine', () => {
		const ledger = (url: string) => readConfig({ ledger: url }, { env: {}, cwd: '/work/here' });
		expect(ledger('postgres://oy@127.0.0.1:5432/oy_jobs').ledger).toEqual({
			kind: 'postgres',
			url: 'postgres://oy@127.0.0.1:5432/oy_jobs',
			describe: 'PostgreSQL postgres://oy@127.0.0.1:5432/oy_jobs',
		});
		expect(ledger('postgresql://oy@db.internal/oy_jobs?sslmode=verify-full').ledger).toMatchObject({
			kind: 'postgres',
		});
		const plain = ledger('postgres://oy@db.internal/oy_jobs?sslmode=disable');
		expect(plain.warnings).toContainEqual(
			"ledger: the PostgreSQL connection to db.internal is not encrypted (sslmode=disable): the ledger's data and the database password cross the network readable",
		);
		expect(problemsOf({ ledger: 'postgres://oy@db.internal/oy_jobs' })).toEqual([
			'ledger: connects to db.internal without encryption: add ?sslmode=verify-full (or sslmode=require), or sslmode=disable to accept an unencrypted connection on purpose',
		]);
		expect(problemsOf({ ledger: 'postgres://oy:hunter2@127.0.0.1/oy_jobs' })).toEqual([
			'ledger: holds a password: secrets do not belong in the config file; remove it and set the environment variable PGPASSWORD (or use ~/.pgpass)',
		]);
		expect(problemsOf({ ledger: 'postgres://oy@[::1/oy_jobs' })).toEqual([
			'ledger: is not a valid PostgreSQL URL (postgres://user@host:5432/database)',
		]);
	});

	it('reports every problem of a file at once', () => {
		const problems = problemsOf({
			timezone: 'Mars/Olympus',
			jobs: { 'va-sweep': { graceHours: -1 }, 'balance-alert': { to: ['nobody'] } },
		});
		expect(problems).toHaveLength(3);
	});
});

describe('config file and command line', () => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'oy-jobs-config-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));
	const cli = (args: string[], env: Record<string, string> = {}) =>
		spawnSync(process.execPath, [CLI, ...args], {
			cwd: dir,
			env: { PATH: process.env.PATH ?? '', ...env },
			encoding: 'utf8',
		});

	it('names a missing or broken file', () => {
		expect(() => loadConfig({ file: 'nope.json', cwd: dir, env: {} })).toThrow(
			/config file not found: .*nope\.json/,
		);
		writeFileSync(path.join(dir, 'broken.json'), '{ "oy": ');
		expect(() => loadConfig({ file: 'broken.json', cwd: dir, env: {} })).toThrow(
			/broken\.json: 1 problem\(s\) in the configuration:\n {2}- is not valid JSON/,
		);
		expect(loadConfig({ cwd: dir, env: { OY_JOBS_CONFIG: '' } }).file).toBeUndefined();
	});

	it('exits 2 with every problem on stderr, and never echoes a secret', () => {
		writeFileSync(
			path.join(dir, 'bad.json'),
			JSON.stringify({
				oy: { environment: 'production' },
				jobs: { 'va-sweep': { schedule: 'daily' } },
			}),
		);
		const result = cli(['run', 'va-sweep', '--config', 'bad.json'], {
			OY_API_KEY: 'super-secret-key',
		});
		expect(result.status).toBe(2);
		expect(result.stderr).toContain('oy.username: is required for the production environment');
		expect(result.stderr).toContain(
			'jobs.va-sweep.schedule: is not a cron expression ("daily"): expected 5 or 6 fields but got 1',
		);
		expect(result.stdout + result.stderr).not.toContain('super-secret-key');
	});

	it('exits 2 on a bad command and 0 for help', () => {
		for (const args of [
			['run'],
			['run', 'payroll'],
			['list', 'va-sweep'],
			['start', '--dry-run'],
			['run', 'va-sweep', '--fast'],
			['deploy'],
			['run', 'va-sweep', '--config'],
		]) {
			const result = cli(args);
			expect(result.status, args.join(' ')).toBe(2);
			expect(result.stderr).toContain('Usage:');
		}
		expect(cli(['run', 'payroll']).stderr).toContain(
			'unknown job "payroll"; the jobs are inquiry-invoices, va-sweep, ar-reminders, balance-alert',
		);
		const help = cli(['--help']);
		expect(help.status).toBe(0);
		expect(help.stdout).toContain('oy-jobs run <job> [--dry-run]');
	});

	it('fails clearly when no sandbox answers', () => {
		writeFileSync(
			path.join(dir, 'nosandbox.json'),
			JSON.stringify({ oy: { baseUrl: 'http://127.0.0.1:9' } }),
		);
		const result = cli(['run', 'balance-alert', '--dry-run', '--config', 'nosandbox.json']);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain(
			'No OY sandbox answers at http://127.0.0.1:9 (ECONNREFUSED). Start one with `npm run sandbox`',
		);
	});
});

/** Settings that would let money move while nobody hears of it, or send a secret in clear (issue 11, items 9 and 14). */
describe('risky settings: refused at start, or accepted with a loud warning', () => {
	const live = (extra: Record<string, unknown>, environment = 'production') => ({
		...LIVE,
		oy: { environment, username: 'pt-example' },
		...extra,
	});
	const env = { OY_API_KEY: 'live-key' };

	it('production without SMTP is refused: alerts would only land in a local folder', () => {
		expect(problemsOf(live({ email: {} }), env)).toEqual([
			'email.smtp: is required with the production environment: without it e-mail goes only to the folder /work/outbox, and alerts and reports reach nobody unless something reads that folder. Configure email.smtp, or set "outboxOnly": true in email if something delivers that folder',
		]);
	});

	it('production with "outboxOnly": true is accepted, with a warning', () => {
		const config = readConfig(live({ email: { outboxOnly: true } }), { env, cwd: '/work' });
		expect(config.mail.smtp).toBeUndefined();
		expect(config.warnings).toEqual([
			'no email.smtp: e-mail goes only to the folder /work/outbox, and alerts and reports reach nobody unless something reads that folder',
		]);
	});

	it('a custom base URL (maybe production behind a proxy) without SMTP is accepted with a warning', () => {
		const config = readConfig(
			live(
				{ email: {}, oy: { environment: 'custom', baseUrl: 'https://proxy.example.co.id' } },
				'custom',
			),
			{ env: { ...env, OY_USERNAME: 'u' }, cwd: '/work' },
		);
		expect(config.warnings).toEqual([
			expect.stringMatching(/^no email\.smtp: e-mail goes only to the folder/),
		]);
	});

	it('the local sandbox without SMTP is the documented default: no problem, no warning about mail', () => {
		const config = readConfig(
			{ jobs: { 'balance-alert': { to: ['finance@example.co.id'] } } },
			{ env: {}, cwd: '/work' },
		);
		expect(config.warnings).toEqual([]);
	});

	it('an SMTP login without TLS from the start requires STARTTLS, so the password never goes in clear', () => {
		const config = readConfig(
			live({
				email: { smtp: { host: 'smtp.example.co.id', port: 587, secure: false, user: 'jobs' } },
			}),
			{ env: { ...env, SMTP_PASSWORD: 'pw' } },
		);
		expect(config.mail.smtp).toMatchObject({ secure: false, requireTLS: true, user: 'jobs' });
		expect(
			readConfig(
				live({ email: { smtp: { host: 'smtp.example.co.id', secure: true, user: 'jobs' } } }),
				{ env: { ...env, SMTP_PASSWORD: 'pw' } },
			).mail.smtp,
		).toMatchObject({ secure: true, port: 465, requireTLS: false });
	});

	it('an SMTP login with TLS switched off is refused, except on this machine', () => {
		expect(
			problemsOf(
				live({
					email: {
						smtp: { host: 'smtp.example.co.id', secure: false, requireTLS: false, user: 'jobs' },
					},
				}),
				{ ...env, SMTP_PASSWORD: 'pw' },
			),
		).toEqual([
			'email.smtp.requireTLS: is off while email.smtp.user "jobs" logs in without TLS ("secure": false): the SMTP password would cross the network unencrypted. Remove "requireTLS": false, or use "secure": true (port 465)',
		]);
		const local = readConfig(
			live({ email: { smtp: { host: '127.0.0.1', port: 1025, secure: false, user: 'jobs' } } }),
			{ env: { ...env, SMTP_PASSWORD: 'pw' } },
		);
		expect(local.mail.smtp).toMatchObject({ requireTLS: false });
	});

	it('a balance alert with no recipients is refused outside the sandbox, and a warning in the sandbox', () => {
		expect(problemsOf(live({ jobs: { 'balance-alert': { to: [] } } }), env)).toEqual([
			'jobs.balance-alert.to: names no recipients: a low balance would be noticed by nobody. Add the addresses to alert, or set "enabled": false for the job',
		]);
		expect(problemsOf(live({ jobs: { 'balance-alert': { enabled: false } } }), env)).toEqual([]);
		expect(readConfig({}, { env: {}, cwd: '/work' }).warnings).toEqual([
			'jobs.balance-alert.to names no recipients: a low balance would be noticed by nobody',
		]);
	});

	it('a base URL over plain http to another machine is refused unless allowInsecureHttp, which warns', () => {
		const custom = (oy: Record<string, unknown>) => ({
			...LIVE,
			oy: { environment: 'custom', ...oy },
		});
		const keys = { OY_API_KEY: 'k', OY_USERNAME: 'u' };
		expect(problemsOf(custom({ baseUrl: 'http://10.1.2.3:8080' }), keys)).toEqual([
			'oy.baseUrl: The base URL http://10.1.2.3:8080 uses plain http to another machine: the API key would cross the network unencrypted. Use https, or set "allowInsecureHttp": true in oy if you accept that risk (without it, plain http is accepted only for 127.0.0.1, ::1 and localhost).',
		]);
		expect(problemsOf({ oy: { baseUrl: 'http://sandbox.example.co.id:4700' } })).toEqual([
			expect.stringMatching(
				/^oy\.baseUrl: The base URL http:\/\/sandbox\.example\.co\.id:4700 uses plain http/,
			),
		]);
		const allowed = readConfig(
			custom({ baseUrl: 'http://10.1.2.3:8080', allowInsecureHttp: true }),
			{ env: keys },
		);
		expect(allowed.warnings).toEqual([
			'oy.allowInsecureHttp is on: the OY! API key goes over plain http to 10.1.2.3:8080, readable by anyone on the way',
		]);
		for (const baseUrl of [
			'http://127.0.0.1:4700',
			'http://localhost:4700',
			'http://[::1]:4700',
			'https://proxy.example.co.id',
		]) {
			expect(problemsOf(custom({ baseUrl }), keys), baseUrl).toEqual([]);
		}
	});

	it('the command prints a warning at start, and every run repeats it in its summary', () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'oy-jobs-warn-'));
		try {
			writeFileSync(
				path.join(dir, 'oy-jobs.config.json'),
				JSON.stringify({ oy: { baseUrl: 'http://127.0.0.1:9' } }),
			);
			const result = spawnSync(process.execPath, [CLI, 'list'], {
				cwd: dir,
				env: { PATH: process.env.PATH ?? '' },
				encoding: 'utf8',
			});
			expect(result.status).toBe(0);
			expect(result.stderr).toContain(
				'oy-jobs: WARNING: jobs.balance-alert.to names no recipients: a low balance would be noticed by nobody',
			);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
