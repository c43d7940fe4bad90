import * as jobs from '#oy/lib/jobs';
import type { JobName, JobsConfig } from '../config/config.mjs';

export interface JobDefinition {
	title: string;
	run(ctx: jobs.JobContext, config: JobsConfig): Promise<jobs.JobSummary>;
}

/** The four jobs: their logic lives in lib/jobs, their settings in the config file. */
export const JOBS: Record<JobName, JobDefinition> = {
	'inquiry-invoices': {
		title: 'Pay UNPAID account-inquiry invoices',
		run: (ctx, config) => jobs.payInquiryInvoices(ctx, config.jobs['inquiry-invoices'].options),
	},
	'va-sweep': {
		title: 'Sweep expired and expiring virtual accounts',
		run: (ctx, config) => jobs.sweepVirtualAccounts(ctx, config.jobs['va-sweep'].options),
	},
	'ar-reminders': {
		title: 'Remind overdue AR invoices; daily aging summary',
		run: (ctx, config) => jobs.remindOverdueInvoices(ctx, config.jobs['ar-reminders'].options),
	},
	'balance-alert': {
		title: 'Alert on a low OY! balance',
		run: (ctx, config) => jobs.checkBalances(ctx, config.jobs['balance-alert'].options),
	},
};
