import * as jobs from '#oy/lib/jobs';
import type { JobDefinition } from './definition.mjs';

export const vaSweep: JobDefinition<'va-sweep', jobs.VaSweepOptions> = {
	name: 'va-sweep',
	title: 'Sweep expired and expiring virtual accounts',
	defaultSchedule: '0 2 * * *',
	optionKeys: [
		'expiringWithinHours',
		'deactivate',
		'keepLifetime',
		'graceHours',
		'notify',
		'maxDeactivations',
	],
	readOptions: (reader, record, path) => ({
		expiringWithinHours: reader.integer(record, 'expiringWithinHours', path, 72, {
			min: 0,
			max: 24 * 366,
			unit: 'hours',
		}),
		deactivate: reader.string(record, 'deactivate', path, 'expired', {
			oneOf: ['expired', 'none'],
		}) as 'expired' | 'none',
		keepLifetime: reader.boolean(record, 'keepLifetime', path, true),
		graceHours: reader.integer(record, 'graceHours', path, 0, {
			min: 0,
			max: 24 * 366,
			unit: 'hours',
		}),
		notify: reader.emailList(record, 'notify', path),
		maxDeactivations: reader.optionalInteger(record, 'maxDeactivations', path, {
			min: 1,
			max: 1_000_000,
			unit: 'VAs',
		}),
	}),
	run: (ctx, options) => jobs.sweepVirtualAccounts(ctx, options),
};
