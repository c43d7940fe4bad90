import type * as jobs from '#oy/lib/jobs';
import type { JobsConfig } from '../config/config.mjs';
import { JOB_DEFINITIONS, type JobName } from '../jobs/index.mjs';
import type { JobDefinition } from '../jobs/definition.mjs';

export interface RunnableJob {
	title: string;
	run(ctx: jobs.JobContext, config: JobsConfig): Promise<jobs.JobSummary>;
}

/** The jobs with their settings from the config file; their logic lives in lib/jobs. */
export const JOBS = Object.fromEntries(
	JOB_DEFINITIONS.map((definition) => [
		definition.name,
		{
			title: definition.title,
			run: (ctx, config) =>
				(definition as JobDefinition).run(ctx, config.jobs[definition.name].options),
		} satisfies RunnableJob,
	]),
) as Record<JobName, RunnableJob>;
