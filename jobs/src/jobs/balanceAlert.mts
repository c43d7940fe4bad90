import { existsSync } from 'node:fs';
import * as jobs from '#oy/lib/jobs';
import { join } from '../config/reader.mjs';
import { rupiah, type JobDefinition } from './definition.mjs';
import { readExpectedPayouts } from './expectedPayouts.mjs';

/** The job's settings: lib's options, with the caller's payouts as a file read at each run. */
export type BalanceAlertSettings = Omit<jobs.BalanceAlertOptions, 'expectedPayouts'> & {
	/** absolute path of a CSV or Excel list of expected payouts */
	expectedPayouts?: string;
};

export const balanceAlert: JobDefinition<'balance-alert', BalanceAlertSettings> = {
	name: 'balance-alert',
	title: 'Alert on a low OY! balance',
	defaultSchedule: '0 8 * * *',
	optionKeys: [
		'threshold',
		'children',
		'to',
		'digest',
		'maxConsecutiveDays',
		'recoveredNotice',
		'historyDays',
		'lookAheadDays',
		'expectedPayouts',
	],
	readOptions(reader, record, path, resolve) {
		const childrenPath = join(path, 'children');
		const childrenRecord = reader.map(record.children, childrenPath);
		const children: Record<string, number> = {};
		for (const username of Object.keys(childrenRecord)) {
			children[username] = reader.integer(childrenRecord, username, childrenPath, 0, rupiah);
		}
		const listed = reader.optionalString(record, 'expectedPayouts', path);
		const expectedPayouts = listed === undefined ? undefined : resolve(listed);
		if (expectedPayouts !== undefined && !existsSync(expectedPayouts)) {
			reader.problem(
				join(path, 'expectedPayouts'),
				`names a file that does not exist: ${expectedPayouts} (a CSV or Excel file with the columns date, amount, description)`,
			);
		}
		return {
			threshold: reader.integer(record, 'threshold', path, 10_000_000, rupiah),
			children,
			to: reader.emailList(record, 'to', path),
			digest: reader.boolean(record, 'digest', path, false),
			maxConsecutiveDays: reader.integer(record, 'maxConsecutiveDays', path, 3, {
				min: 0,
				max: 366,
				unit: 'days',
			}),
			recoveredNotice: reader.boolean(record, 'recoveredNotice', path, true),
			historyDays: reader.integer(record, 'historyDays', path, 30, {
				min: 1,
				max: 3_660,
				unit: 'days',
			}),
			lookAheadDays: reader.integer(record, 'lookAheadDays', path, 7, {
				min: 0,
				max: 366,
				unit: 'days',
			}),
			expectedPayouts,
		};
	},
	check({ enabled, options }, { environment, reader, warnings }) {
		if (!enabled || options.to.length > 0) return;
		const what = 'names no recipients: a low balance would be noticed by nobody';
		// The local sandbox runs without recipients out of the box; anywhere else it is a mistake.
		if (environment === 'sandbox') warnings.push(`jobs.balance-alert.to ${what}`);
		else
			reader.problem(
				'jobs.balance-alert.to',
				`${what}. Add the addresses to alert, or set "enabled": false for the job`,
			);
	},
	run: async (ctx, { expectedPayouts, ...options }) =>
		jobs.checkBalances(ctx, {
			...options,
			expectedPayouts: expectedPayouts
				? await readExpectedPayouts(expectedPayouts, ctx.timeZone)
				: [],
		}),
};
