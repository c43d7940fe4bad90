import { JOB_NAMES } from './config/config.mjs';
import type { JobName } from './config/config.mjs';

export const USAGE = `oy-jobs: scheduled OY! finance jobs

Usage:
  oy-jobs list                      the jobs, their schedules, next and last runs
  oy-jobs run <job> [--dry-run]     run one job now (--dry-run: list what it would do, change nothing)
  oy-jobs start                     run every enabled job on its schedule until Ctrl+C

Options:
  --config <file>   the config file (default: $OY_JOBS_CONFIG, else ./oy-jobs.config.json if present)
  --json            print the run's summary as JSON on stdout (progress goes to stderr)

Jobs: ${JOB_NAMES.join(', ')}
Secrets come from the environment: OY_API_KEY (and OY_USERNAME), SMTP_PASSWORD.
Exit codes: 0 done, 1 done with problems or failed, 2 bad command or configuration, 3 the job is already running elsewhere.`;

export class UsageError extends Error {}

export interface Command {
	name: 'list' | 'run' | 'start' | 'help';
	job?: JobName;
	dryRun: boolean;
	json: boolean;
	config?: string;
}

export function parseArguments(argv: readonly string[]): Command {
	const command: Command = { name: 'help', dryRun: false, json: false };
	const positional: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index];
		if (argument === '--dry-run') command.dryRun = true;
		else if (argument === '--json') command.json = true;
		else if (argument === '--config') {
			const file = argv[++index];
			if (!file || file.startsWith('--')) throw new UsageError('--config needs a file name');
			command.config = file;
		} else if (argument.startsWith('--config='))
			command.config = argument.slice('--config='.length);
		else if (argument === '--help' || argument === '-h') return { ...command, name: 'help' };
		else if (argument.startsWith('-')) throw new UsageError(`unknown option ${argument}`);
		else positional.push(argument);
	}
	const [name, job, ...rest] = positional;
	if (name === undefined || name === 'help') return command;
	if (name !== 'list' && name !== 'run' && name !== 'start')
		throw new UsageError(`unknown command "${name}"`);
	command.name = name;
	if (name === 'run') {
		if (!job) throw new UsageError(`run needs a job: ${JOB_NAMES.join(', ')}`);
		if (!(JOB_NAMES as readonly string[]).includes(job))
			throw new UsageError(`unknown job "${job}"; the jobs are ${JOB_NAMES.join(', ')}`);
		command.job = job as JobName;
	} else if (job !== undefined) throw new UsageError(`${name} takes no job name`);
	if (rest.length > 0) throw new UsageError(`unexpected ${rest.join(' ')}`);
	if (command.dryRun && name !== 'run') throw new UsageError('--dry-run goes with run');
	return command;
}
