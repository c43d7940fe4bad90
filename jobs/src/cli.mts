import { existsSync } from 'node:fs';
import { parseArguments, USAGE } from './args.mjs';
import type { Command } from './args.mjs';
import { ConfigError, JOB_NAMES, loadConfig } from './config/config.mjs';
import type { JobsConfig } from './config/config.mjs';
import { LedgerUnavailable, openLedger } from './ledger/ledger.mjs';
import { ConnectionError } from './oy/connect.mjs';
import { consoleOutput, jsonOutput, redactor } from './runner/output.mjs';
import { JOBS } from './runner/registry.mjs';
import { EXIT_CODES, runJob } from './runner/runJob.mjs';
import { nextRun, startScheduler } from './runner/schedule.mjs';

async function list(config: JobsConfig, write: (text: string) => void) {
	write(
		`OY! ${config.oy.environment} at ${config.oy.baseUrl}; time zone ${config.timeZone}; config ${config.file ?? '(none: defaults)'}`,
	);
	// A SQLite ledger not made yet is not created by a listing.
	const ledger =
		config.ledger.kind === 'postgres' || existsSync(config.ledger.file)
			? await openLedger(config.ledger)
			: undefined;
	try {
		for (const name of JOB_NAMES) {
			const settings = config.jobs[name];
			const next = settings.enabled
				? (nextRun(settings.schedule, config.timeZone)?.toISOString() ?? 'never')
				: 'disabled';
			const last = (await ledger?.lastRuns(name))?.[0];
			write(`  ${name.padEnd(17)} ${JOBS[name].title}`);
			write(
				`  ${''.padEnd(17)} schedule "${settings.schedule}", next ${next}; last run ${last ? `${last.startedAt} ${last.status}${last.dryRun ? ' (dry run)' : ''}` : 'never'}`,
			);
		}
	} finally {
		await ledger?.close();
	}
}

async function main(argv: readonly string[]): Promise<number> {
	let command: Command;
	try {
		command = parseArguments(argv);
	} catch (error) {
		process.stderr.write(`oy-jobs: ${(error as Error).message}\n\n${USAGE}\n`);
		return 2;
	}
	if (command.name === 'help') {
		process.stdout.write(`${USAGE}\n`);
		return 0;
	}
	let config: JobsConfig;
	try {
		config = loadConfig({ file: command.config });
	} catch (error) {
		if (error instanceof ConfigError) {
			process.stderr.write(`oy-jobs: ${error.message}\n`);
			return 2;
		}
		throw error;
	}
	const redact = redactor([config.oy.apiKey, config.mail.smtp?.password]);
	for (const warning of config.warnings)
		process.stderr.write(`oy-jobs: WARNING: ${redact(warning)}\n`);
	const output = command.json ? jsonOutput(redact) : consoleOutput(redact);
	try {
		if (command.name === 'list') {
			await list(config, output.line);
			return 0;
		}
		if (command.name === 'start') {
			await startScheduler(config, output);
			return 0;
		}
		const result = await runJob(config, command.job!, { dryRun: command.dryRun, output });
		return EXIT_CODES[result.status];
	} catch (error) {
		if (error instanceof ConnectionError || error instanceof LedgerUnavailable) {
			process.stderr.write(`oy-jobs: ${redact(error.message)}\n`);
			return 1;
		}
		process.stderr.write(
			`oy-jobs: ${redact(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`,
		);
		return 1;
	}
}

// Explicit exit: a finished run must not linger on a keep-alive socket or a timer.
process.exit(await main(process.argv.slice(2)));
