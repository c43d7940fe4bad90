import { existsSync } from 'node:fs';
import * as jobs from '#oy/lib/jobs';
import { join } from '../config/reader.mjs';
import type { JobDefinition } from './definition.mjs';
import { readExpectedTransactions } from './expectedPayouts.mjs';

/** The job's settings: lib's options, with the caller's list as a file read at each run. */
export type ReconciliationSettings = Omit<jobs.ReconciliationOptions, 'expected'> & {
	/** absolute path of a CSV or Excel list of expected transactions */
	expected?: string;
};

export const reconciliation: JobDefinition<'reconciliation', ReconciliationSettings> = {
	name: 'reconciliation',
	title: "Reconcile a day's OY! transactions with the list and the ledger",
	// Early morning: yesterday is over, and OY's overnight settlement has run.
	defaultSchedule: '0 6 * * *',
	optIn: true,
	optionKeys: [
		'day',
		'expected',
		'products',
		'pendingHours',
		'to',
		'vaTimes',
		'concurrency',
		'maxRequests',
	],
	readOptions(reader, record, path, resolve) {
		const day = reader.optionalString(record, 'day', path);
		if (day !== undefined && !jobs.isDay(day))
			reader.problem(
				join(path, 'day'),
				`must be a day as yyyy-MM-dd (e.g. "2026-12-05"), or left out for yesterday; not "${day}"`,
			);
		const listed = reader.optionalString(record, 'expected', path);
		const expected = listed === undefined ? undefined : resolve(listed);
		if (expected !== undefined && !existsSync(expected))
			reader.problem(
				join(path, 'expected'),
				`names a file that does not exist: ${expected} (a CSV or Excel file with the columns date, amount, id, product, description)`,
			);
		const products = reader.list(
			record,
			'products',
			path,
			[...jobs.RECONCILED_PRODUCTS],
			(value, at) => {
				if (
					typeof value === 'string' &&
					(jobs.RECONCILED_PRODUCTS as readonly string[]).includes(value)
				)
					return value as jobs.ReconciledProduct;
				reader.problem(
					at,
					`must be one of ${jobs.RECONCILED_PRODUCTS.map((name) => `"${name}"`).join(', ')}, not ${JSON.stringify(value)}`,
				);
				return undefined;
			},
		);
		if (Array.isArray(record.products) && record.products.length === 0)
			reader.problem(join(path, 'products'), 'names no product: nothing would be reconciled');
		return {
			day,
			expected,
			products,
			pendingHours: reader.integer(record, 'pendingHours', path, 24, {
				min: 1,
				max: 24 * 90,
				unit: 'hours',
			}),
			to: reader.emailList(record, 'to', path),
			vaTimes: reader.string(record, 'vaTimes', path, 'UTC', { oneOf: ['UTC', 'WIB'] }) as
				| 'UTC'
				| 'WIB',
			concurrency: reader.integer(record, 'concurrency', path, 4, {
				min: 1,
				max: 32,
				unit: 'requests at once',
			}),
			maxRequests: reader.integer(record, 'maxRequests', path, 300_000, {
				min: 1,
				max: 10_000_000,
				unit: 'requests',
			}),
		};
	},
	check({ enabled, options }, { environment, reader, warnings }) {
		if (!enabled) return;
		const listed = new Set<string>(jobs.LISTED_PRODUCTS);
		if (options.expected === undefined && options.products.some((name) => listed.has(name)))
			warnings.push(
				'jobs.reconciliation.expected names no list: only the inquiry invoices of the ledger are expected, so every VA payment of the day is "unknown to us"',
			);
		if (options.to.length > 0) return;
		const what = 'names no recipients: differences would be noticed by nobody';
		if (environment === 'sandbox') warnings.push(`jobs.reconciliation.to ${what}`);
		else
			reader.problem(
				'jobs.reconciliation.to',
				`${what}. Add the addresses to send the report to, or set "enabled": false for the job`,
			);
	},
	run: (ctx, { expected, ...options }) =>
		jobs.reconcile(ctx, {
			...options,
			expected: expected
				? (day) => readExpectedTransactions(expected, ctx.timeZone, day)
				: undefined,
		}),
};
