import type * as jobs from '#oy/lib/jobs';
import type { ConfigReader } from '../config/reader.mjs';

/** What the rest of the configuration tells a job's own checks. */
export interface JobCheckContext {
	environment: 'sandbox' | 'staging' | 'production' | 'custom';
	reader: ConfigReader;
	warnings: string[];
}

/**
 * Everything `oy-jobs` knows of one job: adding a job is one file here plus its logic in lib/jobs,
 * and a line in `./index.mts`.
 */
export interface JobDefinition<Name extends string = string, Options = unknown> {
	name: Name;
	title: string;
	/** cron expression in the configured time zone */
	defaultSchedule: string;
	/** enabled only when its section is in the config file (a job added later must not surprise a running setup) */
	optIn?: boolean;
	/** the settings under `jobs.<name>` besides `enabled` and `schedule` */
	optionKeys: readonly string[];
	/** `resolve` turns a file setting into a path relative to the config file */
	readOptions(
		reader: ConfigReader,
		record: Record<string, unknown>,
		path: string,
		resolve: (file: string) => string,
	): Options;
	/** checks across settings, once the job's settings are read */
	check?(settings: { enabled: boolean; options: Options }, context: JobCheckContext): void;
	run(ctx: jobs.JobContext, options: Options): Promise<jobs.JobSummary>;
}

export const rupiah = { min: 0, max: Number.MAX_SAFE_INTEGER, unit: 'rupiah' };
