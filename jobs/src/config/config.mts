import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import cron from 'node-cron';
import { baseUrlFor, baseUrlProblem, isLoopbackHost } from '#oy/lib';
import * as jobs from '#oy/lib/jobs';
import type { MailSettings } from '../mail/notifier.mjs';
import {
	JOB_DEFINITIONS,
	JOB_NAMES,
	jobDefinition,
	type JobName,
	type JobOptions,
} from '../jobs/index.mjs';
import type { JobDefinition } from '../jobs/definition.mjs';
import type { LedgerSetting } from '../ledger/ledger.mjs';
import { readLedgerSetting } from './ledgerSetting.mjs';
import { ConfigReader, join } from './reader.mjs';

export { JOB_NAMES, type JobName } from '../jobs/index.mjs';

export const CONFIG_FILE_NAME = 'oy-jobs.config.json';

/** The sandbox's own defaults (`npm run sandbox` prints them). */
export const SANDBOX_USERNAME = 'oy-sandbox';
export const SANDBOX_API_KEY = 'sandbox-key';

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
	ledger: LedgerSetting;
	reportsDir: string;
	mail: MailSettings;
	jobs: { [Name in JobName]: JobSettings<JobOptions<Name>> };
	/** risky settings accepted on purpose: printed at start and in every run's summary */
	warnings: string[];
}

export class ConfigError extends Error {
	constructor(
		readonly problems: string[],
		readonly file?: string,
	) {
		super(
			`${file ? `${file}: ` : ''}${problems.length} problem(s) in the configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
		);
		this.name = 'ConfigError';
	}
}

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
			reader.problem(
				where,
				`secrets do not belong in the config file; remove it and set the environment variable ${secret.variable}`,
			);
			reader.reported.add(where);
		} else secretsInFile(inner, where, reader);
	}
}

const CRON_FIELDS: Record<string, string> = {
	second: 'second',
	minute: 'minute',
	hour: 'hour',
	dayOfMonth: 'day-of-month',
	month: 'month',
	dayOfWeek: 'weekday',
};

function schedule(
	reader: ConfigReader,
	record: Record<string, unknown>,
	path: string,
	fallback: string,
): string {
	const expression = reader.string(record, 'schedule', path, fallback, { nonEmpty: true });
	const detailed = cron.validateDetailed(expression);
	if (!detailed.valid) {
		const reasons = detailed.errors.map((error) =>
			error.field === 'expression'
				? error.message
				: `the ${CRON_FIELDS[error.field] ?? error.field} field "${error.value ?? ''}" is not valid`,
		);
		reader.problem(
			join(path, 'schedule'),
			`is not a cron expression ("${expression}"): ${reasons.join('; ')}; use 5 fields (minute hour day month weekday), or 6 with seconds first`,
		);
	}
	return expression;
}

function readJob<Name extends JobName>(
	reader: ConfigReader,
	all: Record<string, unknown>,
	name: Name,
	resolve: (file: string) => string,
): JobSettings<JobOptions<Name>> {
	const definition = jobDefinition(name);
	const path = join('jobs', name);
	const record = reader.section(all[name], path, ['enabled', 'schedule', ...definition.optionKeys]);
	return {
		enabled: reader.boolean(record, 'enabled', path, true),
		schedule: schedule(reader, record, path, definition.defaultSchedule),
		options: definition.readOptions(reader, record, path, resolve),
	};
}

function readOy(
	reader: ConfigReader,
	raw: unknown,
	env: NodeJS.ProcessEnv,
	warnings: string[],
): JobsConfig['oy'] {
	const record = reader.section(raw, 'oy', [
		'environment',
		'baseUrl',
		'allowInsecureHttp',
		'username',
		'timeoutMs',
	]);
	const apiKey = env.OY_API_KEY?.trim() ?? '';
	const configured = record.environment !== undefined;
	const environment = reader.string(record, 'environment', 'oy', 'sandbox', {
		oneOf: ['sandbox', 'staging', 'production', 'custom'],
	}) as JobsConfig['oy']['environment'];
	if (apiKey && !configured) {
		reader.problem(
			'oy.environment',
			'OY_API_KEY is set: say which OY! environment it is for ("production", "staging" or "custom"); without credentials the jobs use the local sandbox',
		);
	}
	const baseUrl = reader.optionalString(record, 'baseUrl', 'oy');
	if (baseUrl !== undefined) {
		if (environment === 'production' || environment === 'staging') {
			reader.problem(
				'oy.baseUrl',
				`is only for the "sandbox" and "custom" environments; ${environment} has a fixed address`,
			);
		} else if (!/^https?:\/\/[^\s/]+/.test(baseUrl)) {
			reader.problem('oy.baseUrl', `must be an http:// or https:// URL, not "${baseUrl}"`);
		}
	} else if (environment === 'custom') {
		reader.problem(
			'oy.baseUrl',
			'is required for the "custom" environment (e.g. your proxy with a whitelisted IP)',
		);
	}
	const allowInsecureHttp = reader.boolean(record, 'allowInsecureHttp', 'oy', false);
	if (
		baseUrl !== undefined &&
		/^https?:\/\/[^\s/]+/.test(baseUrl) &&
		(environment === 'sandbox' || environment === 'custom')
	) {
		const insecure = baseUrlProblem(baseUrl, false, 'set "allowInsecureHttp": true in oy');
		if (insecure && !allowInsecureHttp) reader.problem('oy.baseUrl', insecure);
		else if (insecure)
			warnings.push(
				`oy.allowInsecureHttp is on: the OY! API key goes over plain http to ${new URL(baseUrl).host}, readable by anyone on the way`,
			);
	}
	const sandbox = environment === 'sandbox';
	const username =
		(env.OY_USERNAME?.trim() || reader.optionalString(record, 'username', 'oy')) ??
		(sandbox ? SANDBOX_USERNAME : '');
	if (!sandbox && !username)
		reader.problem(
			'oy.username',
			`is required for the ${environment} environment (or set OY_USERNAME)`,
		);
	if (!sandbox && !apiKey)
		reader.problem(
			'OY_API_KEY',
			`is not set; the ${environment} environment needs your OY! API key in the environment variable OY_API_KEY`,
		);
	return {
		environment,
		baseUrl: baseUrlFor(environment, baseUrl),
		username,
		apiKey: apiKey || SANDBOX_API_KEY,
		timeoutMs: reader.integer(record, 'timeoutMs', 'oy', 30_000, {
			min: 1_000,
			max: 300_000,
			unit: 'milliseconds',
		}),
	};
}

function readMail(
	reader: ConfigReader,
	raw: unknown,
	env: NodeJS.ProcessEnv,
	resolve: (file: string) => string,
	oy: JobsConfig['oy'],
	warnings: string[],
): MailSettings {
	const record = reader.section(raw, 'email', ['from', 'outbox', 'outboxOnly', 'smtp']);
	const from = reader.string(record, 'from', 'email', 'OY! jobs <oy-jobs@localhost>', {
		nonEmpty: true,
	});
	const address = /<([^>]+)>\s*$/.exec(from)?.[1] ?? from;
	if (record.from !== undefined) reader.email(address, 'email.from');
	const outbox = resolve(reader.string(record, 'outbox', 'email', 'outbox', { nonEmpty: true }));
	const outboxOnly = reader.boolean(record, 'outboxOnly', 'email', false);
	if (record.smtp === undefined || record.smtp === null) {
		const where = `e-mail goes only to the folder ${outbox}, and alerts and reports reach nobody unless something reads that folder`;
		if (oy.environment === 'production' && !outboxOnly) {
			reader.problem(
				'email.smtp',
				`is required with the production environment: without it ${where}. Configure email.smtp, or set "outboxOnly": true in email if something delivers that folder`,
			);
		} else if (oy.environment === 'production' || oy.environment === 'custom') {
			warnings.push(`no email.smtp: ${where}`);
		}
		return { from, outbox };
	}
	const smtpRecord = reader.section(record.smtp, 'email.smtp', [
		'host',
		'port',
		'secure',
		'requireTLS',
		'user',
		'allowSelfSigned',
	]);
	const host = reader.string(smtpRecord, 'host', 'email.smtp', '', { nonEmpty: true });
	if (smtpRecord.host === undefined)
		reader.problem('email.smtp.host', 'is required (e.g. "smtp.example.co.id")');
	const secure = reader.boolean(smtpRecord, 'secure', 'email.smtp', smtpRecord.port === 465);
	const user = reader.optionalString(smtpRecord, 'user', 'email.smtp');
	const password = env.SMTP_PASSWORD;
	if (user && !password)
		reader.problem(
			'SMTP_PASSWORD',
			`is not set; email.smtp.user "${user}" needs its password in the environment variable SMTP_PASSWORD`,
		);
	// Without TLS from the start, STARTTLS is what protects the password: a server (or anyone on
	// the way) that does not offer it would get the password in clear. So it is required, except
	// on this machine, where the password never crosses a network.
	const local = host !== '' && isLoopbackHost(host);
	const requireTLS = reader.boolean(
		smtpRecord,
		'requireTLS',
		'email.smtp',
		!secure && user !== undefined && !local,
	);
	if (user && !secure && !requireTLS && !local) {
		reader.problem(
			'email.smtp.requireTLS',
			`is off while email.smtp.user "${user}" logs in without TLS ("secure": false): the SMTP password would cross the network unencrypted. Remove "requireTLS": false, or use "secure": true (port 465)`,
		);
	}
	return {
		from,
		outbox,
		smtp: {
			host,
			port: reader.integer(smtpRecord, 'port', 'email.smtp', secure ? 465 : 587, {
				min: 1,
				max: 65_535,
			}),
			secure,
			requireTLS,
			user,
			password: user ? password : undefined,
			allowSelfSigned: reader.boolean(smtpRecord, 'allowSelfSigned', 'email.smtp', false),
		},
	};
}

/** Validates a parsed config; every bad value becomes one problem naming it. */
export function readConfig(
	raw: unknown,
	options: { file?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): JobsConfig {
	const env = options.env ?? process.env;
	const base = options.file
		? path.dirname(path.resolve(options.file))
		: path.resolve(options.cwd ?? process.cwd());
	const resolve = (file: string) => path.resolve(base, file);
	const reader = new ConfigReader();
	secretsInFile(raw, '', reader);
	const root = reader.section(raw, '', [
		'$schema',
		'timezone',
		'oy',
		'ledger',
		'reports',
		'email',
		'jobs',
	]);
	const timeZone = reader.string(root, 'timezone', '', jobs.DEFAULT_TIME_ZONE, { nonEmpty: true });
	if (!jobs.isTimeZone(timeZone))
		reader.problem(
			'timezone',
			`is not a time zone name (e.g. "Asia/Jakarta", "Asia/Makassar"), not "${timeZone}"`,
		);
	const warnings: string[] = [];
	const oy = readOy(reader, root.oy, env, warnings);
	const ledger = readLedgerSetting(reader, root, resolve, warnings);
	const reportsDir = resolve(reader.string(root, 'reports', '', 'reports', { nonEmpty: true }));
	const mail = readMail(reader, root.email, env, resolve, oy, warnings);
	const jobsRecord = reader.section(root.jobs, 'jobs', JOB_NAMES);
	const config: JobsConfig = {
		file: options.file,
		timeZone,
		oy,
		ledger,
		reportsDir,
		mail,
		jobs: Object.fromEntries(
			JOB_NAMES.map((name) => [name, readJob(reader, jobsRecord, name, resolve)]),
		) as JobsConfig['jobs'],
		warnings,
	};
	for (const definition of JOB_DEFINITIONS) {
		(definition.check as JobDefinition['check'])?.(config.jobs[definition.name], {
			environment: oy.environment,
			reader,
			warnings,
		});
	}
	if (reader.problems.length > 0) throw new ConfigError(reader.problems, options.file);
	return config;
}

/**
 * The config file: `--config`, else OY_JOBS_CONFIG, else ./oy-jobs.config.json when it exists;
 * without one, every setting has its default (the local sandbox, outbox and reports folders here).
 */
export function loadConfig(
	options: { file?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): JobsConfig {
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
