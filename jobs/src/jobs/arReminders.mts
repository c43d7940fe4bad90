import * as jobs from '#oy/lib/jobs';
import { join, show, type ConfigReader } from '../config/reader.mjs';
import type { JobDefinition } from './definition.mjs';

function readQuietHours(
	reader: ConfigReader,
	value: unknown,
	path: string,
): jobs.QuietHours | undefined {
	if (value === undefined || value === null) return undefined;
	const record = reader.section(value, path, ['start', 'end']);
	const start = reader.string(record, 'start', path, '', { nonEmpty: true });
	const end = reader.string(record, 'end', path, '', { nonEmpty: true });
	for (const [key, time] of [
		['start', start],
		['end', end],
	] as const) {
		if (record[key] === undefined)
			reader.problem(join(path, key), 'is required (24-hour HH:mm, e.g. "21:00")');
		else if (time && jobs.parseHhMm(time) === undefined)
			reader.problem(join(path, key), `must be a 24-hour time HH:mm (e.g. "21:00"), not "${time}"`);
	}
	if (start && start === end)
		reader.problem(path, 'start and end are the same time; remove quietHours to have none');
	return { start, end };
}

function readSteps(
	reader: ConfigReader,
	record: Record<string, unknown>,
	path: string,
	fallback: number[],
): number[] {
	const steps = reader.list(record, 'steps', path, fallback, (value, at) => {
		if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 3_650) {
			reader.problem(
				at,
				`must be a whole number of days overdue from 1 to 3650, not ${show(value)}`,
			);
			return undefined;
		}
		return value;
	});
	if (record.steps !== undefined && Array.isArray(record.steps)) {
		if (record.steps.length === 0)
			reader.problem(join(path, 'steps'), 'must name at least one day (e.g. [1, 3, 7, 14])');
		if (new Set(steps).size !== steps.length)
			reader.problem(join(path, 'steps'), 'names a day twice');
	}
	return [...steps].sort((a, b) => a - b);
}

function readCustomers(
	reader: ConfigReader,
	record: Record<string, unknown>,
	path: string,
): Record<string, jobs.CustomerOverride> {
	const customersPath = join(path, 'customers');
	const customers: Record<string, jobs.CustomerOverride> = {};
	for (const [customerId, value] of Object.entries(reader.map(record.customers, customersPath))) {
		const at = join(customersPath, customerId);
		const override = reader.section(value, at, ['optOut', 'steps', 'email']);
		customers[customerId] = {
			optOut: reader.boolean(override, 'optOut', at, false),
			steps: override.steps === undefined ? undefined : readSteps(reader, override, at, []),
			email: override.email === undefined ? undefined : reader.emailList(override, 'email', at),
		};
	}
	return customers;
}

function readTemplate(
	reader: ConfigReader,
	record: Record<string, unknown>,
	path: string,
): jobs.ArReminderOptions['template'] {
	const templatePath = join(path, 'template');
	const templateRecord = reader.section(record.template, templatePath, ['subject', 'text']);
	const template = {
		subject: reader.string(
			templateRecord,
			'subject',
			templatePath,
			jobs.DEFAULT_REMINDER_TEMPLATE.subject,
			{ nonEmpty: true },
		),
		text: reader.string(templateRecord, 'text', templatePath, jobs.DEFAULT_REMINDER_TEMPLATE.text, {
			nonEmpty: true,
		}),
	};
	const unknown = jobs.unknownPlaceholders(template, jobs.REMINDER_FIELDS);
	if (unknown.length > 0) {
		reader.problem(
			templatePath,
			`unknown placeholder(s) ${unknown.map((name) => `{{${name}}}`).join(', ')}; known: ${jobs.REMINDER_FIELDS.map((name) => `{{${name}}}`).join(', ')}`,
		);
	}
	return template;
}

export const arReminders: JobDefinition<'ar-reminders', jobs.ArReminderOptions> = {
	name: 'ar-reminders',
	title: 'Remind overdue AR invoices; daily aging summary',
	defaultSchedule: '0 9 * * *',
	optionKeys: [
		'steps',
		'channel',
		'quietHours',
		'optOut',
		'customers',
		'summaryTo',
		'maxPerRun',
		'concurrency',
		'template',
	],
	readOptions: (reader, record, path) => ({
		steps: readSteps(reader, record, path, [1, 3, 7, 14]),
		channel: reader.string(record, 'channel', path, 'email', {
			oneOf: ['email', 'oy-email', 'oy-whatsapp'],
		}) as jobs.ReminderChannel,
		quietHours:
			record.quietHours === undefined
				? { start: '21:00', end: '08:00' }
				: readQuietHours(reader, record.quietHours, join(path, 'quietHours')),
		optOut: reader.list(record, 'optOut', path, [], (value, at) => {
			if (typeof value !== 'string' || value.trim() === '') {
				reader.problem(at, `must be an OY! customer id or an e-mail address, not ${show(value)}`);
				return undefined;
			}
			return value.trim();
		}),
		customers: readCustomers(reader, record, path),
		summaryTo: reader.emailList(record, 'summaryTo', path),
		maxPerRun: reader.optionalInteger(record, 'maxPerRun', path, {
			min: 1,
			max: 1_000_000,
			unit: 'reminders',
		}),
		concurrency: reader.integer(record, 'concurrency', path, 4, {
			min: 1,
			max: 32,
			unit: 'reminders at a time',
		}),
		template: readTemplate(reader, record, path),
	}),
	run: (ctx, options) => jobs.remindOverdueInvoices(ctx, options),
};
