import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { readConfig } from '../../../jobs/src/config/config.mjs';
import type { JobName, JobsConfig } from '../../../jobs/src/config/config.mjs';
import { SqliteLedger } from '../../../jobs/src/ledger/sqliteLedger.mjs';
import { consoleOutput } from '../../../jobs/src/runner/output.mjs';
import { runJob } from '../../../jobs/src/runner/runJob.mjs';
import { startSandbox } from '../../../sandbox/src/index.mjs';
import type { RunningSandbox, SandboxOptions } from '../../../sandbox/src/index.mjs';
import { control } from '../../sandbox/helpers.mjs';
import { startCli } from './cliProcess.mjs';
import type { CliProcess } from './cliProcess.mjs';
import { startSmtp } from './smtp.mjs';
import type { SmtpServer } from './smtp.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export { CLI } from './cliProcess.mjs';

export { jakartaDay } from './days.mjs';

export interface World {
	sandbox: RunningSandbox;
	smtp: SmtpServer;
	dir: string;
	/** the config file a CLI child reads */
	configFile: string;
	/** the raw config the world writes; tests change jobs settings through `configure` */
	configure(
		jobs: Record<string, unknown>,
		extra?: Record<string, unknown>,
		env?: Record<string, string>,
	): JobsConfig;
	config(): JobsConfig;
	/** one run in this process, with the real runner (lock, ledger, SMTP, Excel) */
	run(
		job: JobName,
		options?: { dryRun?: boolean },
	): Promise<Awaited<ReturnType<typeof runJob>> & { lines: string[] }>;
	/** the `oy-jobs` command as a child process, reading this world's config file */
	cli(args: string[], env?: Record<string, string>): CliProcess;
	ledger<T>(use: (ledger: SqliteLedger) => T | Promise<T>): Promise<T>;
	/** the sandbox's control API over HTTP (/__sandbox/...) */
	control(method: string, controlPath: string, body?: unknown): Promise<any>;
	close(): Promise<void>;
}

/** A sandbox, an SMTP server on loopback and a folder for the ledger, reports and config. */
export async function startWorld(
	options: { sandbox?: SandboxOptions; smtp?: Parameters<typeof startSmtp>[0] } = {},
): Promise<World> {
	const sandbox = await startSandbox({ processingDelays: { disbursement: 0 }, ...options.sandbox });
	const smtp = await startSmtp(options.smtp);
	const dir = mkdtempSync(path.join(os.tmpdir(), 'oy-jobs-test-'));
	const configFile = path.join(dir, 'oy-jobs.config.json');
	let raw: Record<string, unknown> = {};
	const configure = (
		jobs: Record<string, unknown>,
		extra: Record<string, unknown> = {},
		env: Record<string, string> = {},
	) => {
		raw = {
			oy: { environment: 'sandbox', baseUrl: sandbox.url },
			ledger: 'ledger.sqlite',
			reports: 'reports',
			email: {
				from: 'OY! jobs <jobs@example.co.id>',
				smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
			},
			jobs,
			...extra,
		};
		writeFileSync(configFile, JSON.stringify(raw, null, 2));
		return readConfig(raw, { file: configFile, env });
	};
	configure({});
	return {
		sandbox,
		smtp,
		dir,
		configFile,
		configure,
		config: () => readConfig(raw, { file: configFile, env: {} }),
		async run(job, runOptions = {}) {
			const lines: string[] = [];
			const result = await runJob(readConfig(raw, { file: configFile, env: {} }), job, {
				dryRun: runOptions.dryRun ?? false,
				output: consoleOutput(undefined, (text) => lines.push(text)),
			});
			return { ...result, lines };
		},
		cli(args, env = {}) {
			return startCli(process.execPath, [...args, '--config', configFile], {
				cwd: dir,
				env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
			});
		},
		async ledger(use) {
			const ledger = new SqliteLedger(path.join(dir, 'ledger.sqlite'));
			try {
				return await use(ledger);
			} finally {
				ledger.close();
			}
		},
		control: (method, controlPath, body) => control(sandbox, method, controlPath, body),
		async close() {
			await sandbox.close();
			await smtp.close();
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** A workbook read back with exceljs: each sheet as header row + value rows. */
export async function readWorkbook(
	source: string | Buffer,
): Promise<Record<string, { header: string[]; rows: unknown[][] }>> {
	const workbook = new ExcelJS.Workbook();
	if (typeof source === 'string') await workbook.xlsx.readFile(source);
	else await workbook.xlsx.load(source as unknown as ArrayBuffer);
	const sheets: Record<string, { header: string[]; rows: unknown[][] }> = {};
	workbook.eachSheet((worksheet) => {
		const all: unknown[][] = [];
		worksheet.eachRow({ includeEmpty: false }, (row) => {
			all.push((row.values as unknown[]).slice(1));
		});
		sheets[worksheet.name] = { header: (all[0] ?? []).map(String), rows: all.slice(1) };
	});
	return sheets;
}

/** Rows as objects keyed by the header. */
export function records(sheet: {
	header: string[];
	rows: unknown[][];
}): Array<Record<string, unknown>> {
	return sheet.rows.map((row) =>
		Object.fromEntries(sheet.header.map((name, index) => [name, row[index] ?? null])),
	);
}

/** Waits for a condition (no timing is asserted: this only bounds how long a broken test hangs). */
export async function until(
	condition: () => boolean | Promise<boolean>,
	what: string,
	timeoutMs = 30_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
