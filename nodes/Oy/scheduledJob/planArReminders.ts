import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import {
	AR_REMINDERS_JOB,
	DEFAULT_REMINDER_TEMPLATE,
	remindOverdueInvoices,
} from '../../../lib/jobs/arReminders';
import { parseHhMm } from '../../../lib/jobs/time';
import type { QuietHours } from '../../../lib/jobs/time';
import { emailList, planWithMail } from './planWithMail';

function stepsOf(context: IExecuteFunctions): number[] {
	const text = String(context.getNodeParameter('steps', 0, '1, 3, 7, 14'));
	const steps = text
		.split(/[,;\s]+/)
		.filter((step) => step !== '')
		.map(Number);
	if (
		steps.length === 0 ||
		steps.some((step) => !Number.isInteger(step) || step < 0 || step > 365) ||
		new Set(steps).size !== steps.length
	)
		throw new NodeOperationError(
			context.getNode(),
			`'Reminder Days' is not a list of days: ${text}`,
			{
				description: 'Days past the due date, e.g. 1, 3, 7, 14. Nothing was read or sent.',
			},
		);
	return steps.sort((a, b) => a - b);
}

/** 'Quiet Hours' as oy-jobs' quietHours: "21:00-08:00" (Asia/Jakarta), none when empty. */
function quietHoursOf(context: IExecuteFunctions): QuietHours | undefined {
	const text = String(context.getNodeParameter('quietHours', 0, '')).trim();
	if (text === '') return undefined;
	const [start = '', end = '', ...rest] = text.split('-').map((part) => part.trim());
	if (
		rest.length > 0 ||
		parseHhMm(start) === undefined ||
		parseHhMm(end) === undefined ||
		start === end
	)
		throw new NodeOperationError(
			context.getNode(),
			`'Quiet Hours' is not a window of two different 24-hour times: ${text}`,
			{
				description:
					'e.g. 21:00-08:00 (Asia/Jakarta), or empty for none. Nothing was read or sent.',
			},
		);
	return { start, end };
}

/**
 * oy-jobs' AR reminders over the ledger rows given as input, by e-mail: which overdue invoice gets
 * which reminder step (each step once per invoice, a skipped step never sent late, opted-out
 * customers never), each invoice re-read before its reminder is decided. Claims a stopped run left
 * are reported as maybe sent and never sent again.
 */
export async function planArReminders(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const options = {
		steps: stepsOf(this),
		channel: 'email' as const,
		optOut: String(this.getNodeParameter('optOut', 0, ''))
			.split(/[,;\s]+/)
			.filter((entry) => entry !== ''),
		customers: {},
		quietHours: quietHoursOf(this),
		summaryTo: emailList(this, 'summaryTo', 'Summary To'),
		maxPerRun: Number(this.getNodeParameter('maxPerRun', 0, 0)) || undefined,
		concurrency: 1,
		template: DEFAULT_REMINDER_TEMPLATE,
	};
	return await planWithMail(this, AR_REMINDERS_JOB, (ctx) => remindOverdueInvoices(ctx, options));
}
