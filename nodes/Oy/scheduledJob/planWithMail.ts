import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { MemoryLedger } from '../../../lib/jobs/memoryLedger';
import type { JobContext, JobSummary } from '../../../lib/jobs/types';
import { oyClientFor } from '../../shared/client';
import { CapturedMail } from './capturedMail';
import { jobClock, jobContext, ReportRows, runIdOf } from './context';
import { entriesFrom, fromAllInputs, rowOf, runRow } from './ledgerRows';

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** A parameter holding e-mail addresses separated by commas; every one checked. */
export function emailList(context: IExecuteFunctions, name: string, label: string): string[] {
	const addresses = String(context.getNodeParameter(name, 0, ''))
		.split(/[,;\s]+/)
		.filter((address) => address !== '');
	const wrong = addresses.filter((address) => !EMAIL.test(address));
	if (wrong.length > 0)
		throw new NodeOperationError(
			context.getNode(),
			`${label}: not an e-mail address: ${wrong.join(', ')}`,
			{
				description: 'Nothing was read, decided or recorded.',
			},
		);
	return addresses;
}

/**
 * Runs one of oy-jobs' message jobs over the ledger rows given as input, for real but with its
 * e-mails captured: every e-mail the job decides to send comes out as a claimed ledger row (to,
 * subject and text in its detail) that the template records, then sends, then records done. Every
 * other change of the ledger comes out as a row to record; each row of a report's first sheet (the
 * listing oy-jobs attaches) comes out as a `report row` item, for Convert to File.
 */
export async function planWithMail(
	context: IExecuteFunctions,
	job: string,
	run: (ctx: JobContext) => Promise<JobSummary>,
): Promise<INodeExecutionData[][]> {
	const runId = runIdOf(context);
	const entries = entriesFrom(context, job);
	const client = await oyClientFor(context);
	const now = await jobClock(context);
	const ledger = new MemoryLedger(entries, now);
	const mail = new CapturedMail();
	const reports = new ReportRows();
	const summary = await run({
		...jobContext(context, client, ledger, runId, reports, now),
		notifier: mail,
	});
	const pairedItem = fromAllInputs(context);
	const output: INodeExecutionData[] = ledger.changes().map((change) => {
		const entry = mail.claim(change);
		return {
			json: {
				job,
				key: entry.key,
				action: entry.state === 'claimed' ? 'e-mail' : `recorded ${entry.state}`,
				ledger: rowOf(entry),
			},
			pairedItem,
		};
	});
	output.push(...reportRows(job, reports, pairedItem));
	output.push({
		json: {
			job,
			run: runId,
			action: 'run',
			counts: summary.counts,
			amounts: summary.amounts,
			notes: summary.notes,
			problems: summary.problems,
			ledger: runRow(job, runId, { emails: mail.messages.size }),
		},
		pairedItem,
	});
	return [output];
}

/** The first sheet of each report: n8n's Convert to File makes one sheet per workbook. */
function reportRows(
	job: string,
	reports: ReportRows,
	pairedItem: INodeExecutionData['pairedItem'],
): INodeExecutionData[] {
	const firstSheets = reports.sheets.filter(
		(sheet, index) => reports.sheets.findIndex((other) => other.file === sheet.file) === index,
	);
	return firstSheets.flatMap((sheet) =>
		sheet.rows.map((row) => ({
			json: {
				job,
				action: 'report row',
				report: sheet.file,
				sheet: sheet.name,
				// Under the workbook's own column headers, in its order, as oy-jobs writes them.
				row: Object.fromEntries(
					sheet.columns.map((column) => [column.header, row[column.key] ?? '']),
				) as IDataObject,
			},
			pairedItem,
		})),
	);
}
