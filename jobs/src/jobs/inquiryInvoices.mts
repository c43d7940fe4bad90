import * as jobs from '#oy/lib/jobs';
import type { JobDefinition } from './definition.mjs';

export const inquiryInvoices: JobDefinition<'inquiry-invoices', jobs.InquiryInvoiceOptions> = {
	name: 'inquiry-invoices',
	title: 'Pay UNPAID account-inquiry invoices',
	// After OY's own daily run (01:00 WIB in the sandbox), before the working day.
	defaultSchedule: '30 7 * * *',
	optionKeys: ['notify', 'maxPayments'],
	readOptions: (reader, record, path) => ({
		notify: reader.emailList(record, 'notify', path),
		maxPayments: reader.optionalInteger(record, 'maxPayments', path, {
			min: 1,
			max: 10_000,
			unit: 'payments',
		}),
	}),
	run: (ctx, options) => jobs.payInquiryInvoices(ctx, options),
};
