import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import cron from 'node-cron';
import { baseUrlFor, baseUrlProblem, isLoopbackHost } from '#oy/lib';
import * as jobs from '#oy/lib/jobs';
import type { MailSettings } from '../mail/notifier.mjs';
import { ConfigReader, join, show } from './reader.mjs';

export const CONFIG_FILE_NAME = 'oy-jobs.config.json';

/** The sandbox's own defaults (`npm run sandbox` prints them). */
export const SANDBOX_USERNAME = 'oy-sandbox';
export const SANDBOX_API_KEY = 'sandbox-key';

export const JOB_NAMES = ['inquiry-invoices', 'va-sweep', 'ar-reminders', 'balance-alert'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobSettings<Options> {
	enabled: boolean;
	/** cron expression (5 or 6 fields), in `timeZone` */
	schedule: string;
	options: Options;
}

export interface JobsConfig {
	/** the file read, when there was one */
	file?: string;
	timeZone: string;
	oy: {
		environment: 'sandbox' | 'staging' | 'production' | 'custom';
		baseUrl: string;
		username: string;
		apiKey: string;
		timeoutMs: number;
	};
	ledgerFile: string;
	reportsDir: string;
	mail: MailSettings;
	jobs: {
		'inquiry-invoices': JobSettings<jobs.InquiryInvoiceOptions>;
		'va-sweep': JobSettings<jobs.VaSweepOptions>;
		'ar-reminders': JobSettings<jobs.ArReminderOptions>;
		'balance-alert': JobSettings<jobs.BalanceAlertOptions>;
	};
	/** risky settings accepted on purpose: printed at start and in every run's summary */
	warnings: string[];
}

export class ConfigError extends Error {
	constructor(readonly problems: string[], readonly file?: string) {
		super(`${file ? `${file}: ` : ''}${problems.length} problem(s) in the configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
		this.name = 'ConfigError';
	}
}

export const DEFAULT_SCHEDULES: Record<JobName, string> = {
	// After OY's own daily run (01:00 WIB in the sandbox), before the working day.
	'inquiry-invoices': '30 7 * * *',
	'va-sweep': '0 2 * * *',
	'ar-reminders': '0 9 * * *',
	'balance-alert': '0 8 * * *',
};

/** Where secrets live instead of the file. */
const SECRET_KEYS: ReadonlyArray<{ pattern: RegExp; variable: string }> = [
	{ pattern: /^(api[-_]?key|x[-_]api[-_]key|key)$/i, variable: 'OY_API_KEY' },
	{ pattern: /^(password|pass|secret|token)$/i, variable: 'SMTP_PASSWORD' },
];

/** Reports secrets found in the file; their paths are then not reported again as unknown settings. */
function secretsInFile(value: unknown, at: string, reader: ConfigReader): void {
	if (typeof value !== 'object' || value === null) return;
	for (const [key, inner] of Object.entries(value)) {
		const where = Array.isArray(value) ? `${at}[${key}]` : join(at, key);
		const secret = SECRET_KEYS.find((candidate) => candidate.pattern.test(key));
		// Templates may say "password" in prose; only settings are checked.
		if (secret && !at.endsWith('template')) {
			reader.problem(where, `secrets do not belong in the config file; remove it and set the environment variable ${secret.variable}`);
			reader.reported.add(where);
		} else secretsInFile(inner, where, reader);
	}
}

const CRON_FIELDS: Record<string, string> = { second: 'second', minute: 'minute', hour: 'hour', dayOfMonth: 'day-of-month', month: 'month', dayOfWeek: 'weekday' };

function schedule(reader: ConfigReader, record: Record<string, unknown>, path: string, fallback: string): string {
	const expression = reader.string(record, 'schedule', path, fallback, { nonEmpty: true });
	const detailed = cron.validateDetailed(expression);
	if (!detailed.valid) {
		const reasons = detailed.errors.map((error) =>
			error.field === 'expression' ? error.message : `the ${CRON_FIELDS[error.field] ?? error.field} field "${error.value ?? ''}" is not valid`,
		);
		reader.problem(join(path, 'schedule'), `is not a cron expression ("${expression}"): ${reasons.join('; ')}; use 5 fields (minute hour day month weekday), or 6 with seconds first`);
	}
	return expression;
}

const rupiah = { min: 0, max: Number.MAX_SAFE_INTEGER, unit: 'rupiah' };

function readInquiryInvoices(reader: ConfigReader, record: Record<string, unknown>, path: string): jobs.InquiryInvoiceOptions {
	return {
		notify: reader.emailList(record, 'notify', path),
		maxPayments: reader.optionalInteger(record, 'maxPayments', path, { min: 1, max: 10_000, unit: 'payments' }),
	};
}

function readVaSweep(reader: ConfigReader, record: Record<string, unknown>, path: string): jobs.VaSweepOptions {
	return {
		expiringWithinHours: reader.integer(record, 'expiringWithinHours', path, 72, { min: 0, max: 24 * 366, unit: 'hours' }),
		deactivate: reader.string(record, 'deactivate', path, 'expired', { oneOf: ['expired', 'none'] }) as 'expired' | 'none',
		keepLifetime: reader.boolean(record, 'keepLifetime', path, true),
		graceHours: reader.integer(record, 'graceHours', path, 0, { min: 0, max: 24 * 366, unit: 'hours' }),
		notify: reader.emailList(record, 'notify', path),
		maxDeactivations: reader.optionalInteger(record, 'maxDeactivations', path, { min: 1, max: 1_000_000, unit: 'VAs' }),
	};
}

function readQuietHours(reader: ConfigReader, value: unknown, path: string): jobs.QuietHours | undefined {
	if (value === undefined || value === null) return undefined;
	const record = reader.section(value, path, ['start', 'end']);
	const start = reader.string(record, 'start', path, '', { nonEmpty: true });
	const end = reader.string(record, 'end', path, '', { nonEmpty: true });
	for (const [key, time] of [['start', start], ['end', end]] as const) {
		if (record[key] === undefined) reader.problem(join(path, key), 'is required (24-hour HH:mm, e.g. "21:00")');
		else if (time && jobs.parseHhMm(time) === undefined) reader.problem(join(path, key), `must be a 24-hour time HH:mm (e.g. "21:00"), not "${time}"`);
	}
	if (start && start === end) reader.problem(path, 'start and end are the same time; remove quietHours to have none');
	return { start, end };
}

function readSteps(reader: ConfigReader, record: Record<string, unknown>, path: string, fallback: number[]): number[] {
	const steps = reader.list(record, 'steps', path, fallback, (value, at) => {
		if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 3_650) {
			reader.problem(at, `must be a whole number of days overdue from 1 to 3650, not ${show(value)}`);
			return undefined;
		}
		return value;
	});
	if (record.steps !== undefined && Array.isArray(record.steps)) {
		if (record.steps.length === 0) reader.problem(join(path, 'steps'), 'must name at least one day (e.g. [1, 3, 7, 14])');
		if (new Set(steps).size !== steps.length) reader.problem(join(path, 'steps'), 'names a day twice');
	}
	return [...steps].sort((a, b) => a - b);
}

function readArReminders(reader: ConfigReader, record: Record<string, unknown>, path: string): jobs.ArReminderOptions {
	const customersPath = join(path, 'customers');
	const customersRecord = reader.map(record.customers, customersPath);
	const customers: Record<string, jobs.CustomerOverride> = {};
	for (const [customerId, value] of Object.entries(customersRecord)) {
		const at = join(customersPath, customerId);
		const override = reader.section(value, at, ['optOut', 'steps', 'email']);
		customers[customerId] = {
			optOut: reader.boolean(override, 'optOut', at, false),
			steps: override.steps === undefined ? undefined : readSteps(reader, override, at, []),
			email: override.email === undefined ? undefined : reader.emailList(override, 'email', at),
		};
	}
	const templatePath = join(path, 'template');
	const templateRecord = reader.section(record.template, templatePath, ['subject', 'text']);
	const template = {
		subject: reader.string(templateRecord, 'subject', templatePath, jobs.DEFAULT_REMINDER_TEMPLATE.subject, { nonEmpty: true }),
		text: reader.string(templateRecord, 'text', templatePath, jobs.DEFAULT_REMINDER_TEMPLATE.text, { nonEmpty: true }),
	};
	const unknown = jobs.unknownPlaceholders(template, jobs.REMINDER_FIELDS);
	if (unknown.length > 0) {
		reader.problem(templatePath, `unknown placeholder(s) ${unknown.map((name) => `{{${name}}}`).join(', ')}; known: ${jobs.REMINDER_FIELDS.map((name) => `{{${name}}}`).join(', ')}`);
	}
	return {
		steps: readSteps(reader, record, path, [1, 3, 7, 14]),
		channel: reader.string(record, 'channel', path, 'email', { oneOf: ['email', 'oy-email', 'oy-whatsapp'] }) as jobs.ReminderChannel,
		quietHours: record.quietHours === undefined ? { start: '21:00', end: '08:00' } : readQuietHours(reader, record.quietHours, join(path, 'quietHours')),
		optOut: reader.list(record, 'optOut', path, [], (value, at) => {
			if (typeof value !== 'string' || value.trim() === '') {
				reader.problem(at, `must be an OY! customer id or an e-mail address, not ${show(value)}`);
				return undefined;
			}
			return value.trim();
		}),
		customers,
		summaryTo: reader.emailList(record, 'summaryTo', path),
		maxPerRun: reader.optionalInteger(record, 'maxPerRun', path, { min: 1, max: 1_000_000, unit: 'reminders' }),
		concurrency: reader.integer(record, 'concurrency', path, 4, { min: 1, max: 32, unit: 'reminders at a time' }),
		template,
	};
}

function readBalanceAlert(reader: ConfigReader, record: Record<string, unknown>, path: string): jobs.BalanceAlertOptions {
	const childrenPath = join(path, 'children');
	const childrenRecord = reader.map(record.children, childrenPath);
	const children: Record<string, number> = {};
	for (const username of Object.keys(childrenRecord)) {
		children[username] = reader.integer(childrenRecord, username, childrenPath, 0, rupiah);
	}
	return {
		threshold: reader.integer(record, 'threshold', path, 10_000_000, rupiah),
		children,
		to: reader.emailList(record, 'to', path),
		digest: reader.boolean(record, 'digest', path, false),
		maxConsecutiveDays: reader.integer(record, 'maxConsecutiveDays', path, 3, { min: 0, max: 366, unit: 'days' }),
		recoveredNotice: reader.boolean(record, 'recoveredNotice', path, true),
		historyDays: reader.integer(record, 'historyDays', path, 30, { min: 1, max: 3_660, unit: 'days' }),
	};
}

const JOB_KEYS: Record<JobName, readonly string[]> = {
	'inquiry-invoices': ['notify', 'maxPayments'],
	'va-sweep': ['expiringWithinHours', 'deactivate', 'keepLifetime', 'graceHours', 'notify', 'maxDeactivations'],
	'ar-reminders': ['steps', 'channel', 'quietHours', 'optOut', 'customers', 'summaryTo', 'maxPerRun', 'concurrency', 'template'],
	'balance-alert': ['threshold', 'children', 'to', 'digest', 'maxConsecutiveDays', 'recoveredNotice', 'historyDays'],
};

const JOB_READERS = {
	'inquiry-invoices': readInquiryInvoices,
	'va-sweep': readVaSweep,
	'ar-reminders': readArReminders,
	'balance-alert': readBalanceAlert,
} as const;

function readJob<Name extends JobName>(reader: ConfigReader, all: Record<string, unknown>, name: Name): JobsConfig['jobs'][Name] {
	const path = join('jobs', name);
	const record = reader.section(all[name], path, ['enabled', 'schedule', ...JOB_KEYS[name]]);
	return {
		enabled: reader.boolean(record, 'enabled', path, true),
		schedule: schedule(reader, record, path, DEFAULT_SCHEDULES[name]),
		options: JOB_READERS[name](reader, record, path),
	} as JobsConfig['jobs'][Name];
}

function readOy(reader: ConfigReader, raw: unknown, env: NodeJS.ProcessEnv, warnings: string[]): JobsConfig['oy'] {
	const record = reader.section(raw, 'oy', ['environment', 'baseUrl', 'allowInsecureHttp', 'username', 'timeoutMs']);
	const apiKey = env.OY_API_KEY?.trim() ?? '';
	const configured = record.environment !== undefined;
	const environment = reader.string(record, 'environment', 'oy', 'sandbox', { oneOf: ['sandbox', 'staging', 'production', 'custom'] }) as JobsConfig['oy']['environment'];
	if (apiKey && !configured) {
		reader.problem('oy.environment', 'OY_API_KEY is set: say which OY! environment it is for ("production", "staging" or "custom"); without credentials the jobs use the local sandbox');
	}
	const baseUrl = reader.optionalString(record, 'baseUrl', 'oy');
	if (baseUrl !== undefined) {
		if (environment === 'production' || environment === 'staging') {
			reader.problem('oy.baseUrl', `is only for the "sandbox" and "custom" environments; ${environment} has a fixed address`);
		} else if (!/^https?:\/\/[^\s/]+/.test(baseUrl)) {
			reader.problem('oy.baseUrl', `must be an http:// or https:// URL, not "${baseUrl}"`);
		}
	} else if (environment === 'custom') {
		reader.problem('oy.baseUrl', 'is required for the "custom" environment (e.g. your proxy with a whitelisted IP)');
	}
	const allowInsecureHttp = reader.boolean(record, 'allowInsecureHttp', 'oy', false);
	if (baseUrl !== undefined && /^https?:\/\/[^\s/]+/.test(baseUrl) && (environment === 'sandbox' || environment === 'custom')) {
		const insecure = baseUrlProblem(baseUrl, false, 'set "allowInsecureHttp": true in oy');
		if (insecure && !allowInsecureHttp) reader.problem('oy.baseUrl', insecure);
		else if (insecure) warnings.push(`oy.allowInsecureHttp is on: the OY! API key goes over plain http to ${new URL(baseUrl).host}, readable by anyone on the way`);
	}
	const sandbox = environment === 'sandbox';
	const username = (env.OY_USERNAME?.trim() || reader.optionalString(record, 'username', 'oy')) ?? (sandbox ? SANDBOX_USERNAME : '');
	if (!sandbox && !username) reader.problem('oy.username', `is required for the ${environment} environment (or set OY_USERNAME)`);
	if (!sandbox && !apiKey) reader.problem('OY_API_KEY', `is not set; the ${environment} environment needs your OY! API key in the environment variable OY_API_KEY`);
	return {
		environment,
		baseUrl: baseUrlFor(environment, baseUrl),
		username,
		apiKey: apiKey || SANDBOX_API_KEY,
		timeoutMs: reader.integer(record, 'timeoutMs', 'oy', 30_000, { min: 1_000, max: 300_000, unit: 'milliseconds' }),
	};
}

function readMail(reader: ConfigReader, raw: unknown, env: NodeJS.ProcessEnv, resolve: (file: string) => string, oy: JobsConfig['oy'], warnings: string[]): MailSettings {
	const record = reader.section(raw, 'email', ['from', 'outbox', 'outboxOnly', 'smtp']);
	const from = reader.string(record, 'from', 'email', 'OY! jobs <oy-jobs@localhost>', { nonEmpty: true });
	const address = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from;
	if (record.from !== undefined) reader.email(address, 'email.from');
	const outbox = resolve(reader.string(record, 'outbox', 'email', 'outbox', { nonEmpty: true }));
	const outboxOnly = reader.boolean(record, 'outboxOnly', 'email', false);
	if (record.smtp === undefined || record.smtp === null) {
		const where = `e-mail goes only to the folder ${outbox}, and alerts and reports reach nobody unless something reads that folder`;
		if (oy.environment === 'production' && !outboxOnly) {
			reader.problem('email.smtp', `is required with the production environment: without it ${where}. Configure email.smtp, or set "outboxOnly": true in email if something delivers that folder`);
		} else if (oy.environment === 'production' || oy.environment === 'custom') {
			warnings.push(`no email.smtp: ${where}`);
		}
		return { from, outbox };
	}
	const smtpRecord = reader.section(record.smtp, 'email.smtp', ['host', 'port', 'secure', 'requireTLS', 'user', 'allowSelfSigned']);
	const host = reader.string(smtpRecord, 'host', 'email.smtp', '', { nonEmpty: true });
	if (smtpRecord.host === undefined) reader.problem('email.smtp.host', 'is required (e.g. "smtp.example.co.id")');
	const secure = reader.boolean(smtpRecord, 'secure', 'email.smtp', smtpRecord.port === 465);
	const user = reader.optionalString(smtpRecord, 'user', 'email.smtp');
	const password = env.SMTP_PASSWORD;
	if (user && !password) reader.problem('SMTP_PASSWORD', `is not set; email.smtp.user "${user}" needs its password in the environment variable SMTP_PASSWORD`);
	// Without TLS from the start, STARTTLS is what protects the password: a server (or anyone on
	// the way) that does not offer it would get the password in clear. So it is required, except
	// on this machine, where the password never crosses a network.
	const local = host !== '' && isLoopbackHost(host);
	const requireTLS = reader.boolean(smtpRecord, 'requireTLS', 'email.smtp', !secure && user !== undefined && !local);
	if (user && !secure && !requireTLS && !local) {
		reader.problem('email.smtp.requireTLS', `is off while email.smtp.user "${user}" logs in without TLS ("secure": false): the SMTP password would cross the network unencrypted. Remove "requireTLS": false, or use "secure": true (port 465)`);
	}
	return {
		from,
		outbox,
		smtp: {
			host,
			port: reader.integer(smtpRecord, 'port', 'email.smtp', secure ? 465 : 587, { min: 1, max: 65_535 }),
			secure,
			requireTLS,
			user,
			password: user ? password : undefined,
			allowSelfSigned: reader.boolean(smtpRecord, 'allowSelfSigned', 'email.smtp', false),
		},
	};
}

/** Validates a parsed config; every bad value becomes one problem naming it. */
export function readConfig(raw: unknown, options: { file?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): JobsConfig {
	const env = options.env ?? process.env;
	const base = options.file ? path.dirname(path.resolve(options.file)) : path.resolve(options.cwd ?? process.cwd());
	const resolve = (file: string) => path.resolve(base, file);
	const reader = new ConfigReader();
	secretsInFile(raw, '', reader);
	const root = reader.section(raw, '', ['$schema', 'timezone', 'oy', 'ledger', 'reports', 'email', 'jobs']);
	const timeZone = reader.string(root, 'timezone', '', jobs.DEFAULT_TIME_ZONE, { nonEmpty: true });
	if (!jobs.isTimeZone(timeZone)) reader.problem('timezone', `is not a time zone name (e.g. "Asia/Jakarta", "Asia/Makassar"), not "${timeZone}"`);
	const warnings: string[] = [];
	const oy = readOy(reader, root.oy, env, warnings);
	const ledgerFile = resolve(reader.string(root, 'ledger', '', path.join('.oy-jobs', 'ledger.sqlite'), { nonEmpty: true }));
	const reportsDir = resolve(reader.string(root, 'reports', '', 'reports', { nonEmpty: true }));
	const mail = readMail(reader, root.email, env, resolve, oy, warnings);
	const jobsRecord = reader.section(root.jobs, 'jobs', JOB_NAMES);
	const config: JobsConfig = {
		file: options.file,
		timeZone,
		oy,
		ledgerFile,
		reportsDir,
		mail,
		jobs: {
			'inquiry-invoices': readJob(reader, jobsRecord, 'inquiry-invoices'),
			'va-sweep': readJob(reader, jobsRecord, 'va-sweep'),
			'ar-reminders': readJob(reader, jobsRecord, 'ar-reminders'),
			'balance-alert': readJob(reader, jobsRecord, 'balance-alert'),
		},
		warnings,
	};
	const balanceAlert = config.jobs['balance-alert'];
	if (balanceAlert.enabled && balanceAlert.options.to.length === 0) {
		const what = 'names no recipients: a low balance would be noticed by nobody';
		// The local sandbox runs without recipients out of the box; anywhere else it is a mistake.
		if (oy.environment === 'sandbox') warnings.push(`jobs.balance-alert.to ${what}`);
		else reader.problem('jobs.balance-alert.to', `${what}. Add the addresses to alert, or set "enabled": false for the job`);
	}
	if (reader.problems.length > 0) throw new ConfigError(reader.problems, options.file);
	return config;
}

/**
 * The config file: `--config`, else OY_JOBS_CONFIG, else ./oy-jobs.config.json when it exists;
 * without one, every setting has its default (the local sandbox, outbox and reports folders here).
 */
export function loadConfig(options: { file?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): JobsConfig {
	const env = options.env ?? process.env;
	const cwd = options.cwd ?? process.cwd();
	const named = options.file ?? (env.OY_JOBS_CONFIG || undefined);
	const file = named ? path.resolve(cwd, named) : path.join(cwd, CONFIG_FILE_NAME);
	if (!existsSync(file)) {
		if (named) throw new ConfigError([`config file not found: ${file}`]);
		return readConfig({}, { env, cwd });
	}
	let raw: unknown;
	try {
		raw = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		throw new ConfigError([`is not valid JSON: ${(error as Error).message}`], file);
	}
	return readConfig(raw, { file, env, cwd });
}
