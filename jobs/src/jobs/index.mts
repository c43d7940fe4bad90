import { arReminders } from './arReminders.mjs';
import { balanceAlert } from './balanceAlert.mjs';
import type { JobDefinition } from './definition.mjs';
import { inquiryInvoices } from './inquiryInvoices.mjs';
import { reconciliation } from './reconciliation.mjs';
import { vaSweep } from './vaSweep.mjs';

/** The jobs, in the order `oy-jobs list` shows them. */
export const JOB_DEFINITIONS = [
	inquiryInvoices,
	vaSweep,
	arReminders,
	balanceAlert,
	reconciliation,
] as const;

type Definitions = (typeof JOB_DEFINITIONS)[number];
export type JobName = Definitions['name'];
export type JobOptions<Name extends JobName> =
	Extract<Definitions, { name: Name }> extends JobDefinition<Name, infer Options> ? Options : never;

export const JOB_NAMES = JOB_DEFINITIONS.map((definition) => definition.name) as readonly JobName[];

export function jobDefinition<Name extends JobName>(
	name: Name,
): JobDefinition<Name, JobOptions<Name>> {
	return JOB_DEFINITIONS.find((definition) => definition.name === name) as unknown as JobDefinition<
		Name,
		JobOptions<Name>
	>;
}
