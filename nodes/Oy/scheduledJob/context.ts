import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { OyClient } from '../../../lib/client';
import type {
	JobContext,
	JobLedger,
	ReportColumn,
	ReportWriter,
	Reports,
} from '../../../lib/jobs/types';
import { DEFAULT_TIME_ZONE } from '../../../lib/jobs/time';
import { baseUrlFor } from '../../../lib/environments';

/**
 * The jobs' clock. The local OY sandbox keeps a clock of its own (tests and demos move it forward);
 * with the credential's Local Sandbox environment the jobs follow it, as oy-jobs does, so that
 * "expired", "overdue" and "today" mean the same on both sides.
 */
export async function jobClock(context: IExecuteFunctions): Promise<() => number> {
	const credentials = await context.getCredentials('oyApi');
	if (credentials.environment !== 'sandbox') return () => Date.now();
	const baseUrl = baseUrlFor('sandbox', credentials.baseUrl as string | undefined);
	let offset: number;
	try {
		const answer = (await context.helpers.httpRequest({
			method: 'GET',
			url: `${baseUrl}/__sandbox/clock`,
			json: true,
		})) as { offset_ms?: unknown };
		offset = Number(answer.offset_ms);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `No OY sandbox clock at ${baseUrl}`, {
			description: `${(error as Error).message}. Nothing was decided or changed.`,
		});
	}
	return Number.isFinite(offset) ? () => Date.now() + offset : () => Date.now();
}

/** The rows a job wrote to its report, kept in memory: in n8n the report is made from the output. */
export class ReportRows implements Reports {
	readonly sheets: Array<{
		name: string;
		file: string;
		columns: readonly ReportColumn[];
		rows: Array<Record<string, unknown>>;
	}> = [];

	async create(name: string): Promise<ReportWriter> {
		const sheets = this.sheets;
		let rows: Array<Record<string, unknown>> = [];
		return {
			async sheet(sheet) {
				rows = [];
				sheets.push({ name: sheet.name, file: `${name}.xlsx`, columns: sheet.columns, rows });
			},
			async addRow(row) {
				rows.push(row);
			},
			async finish() {
				return { path: '', filename: `${name}.xlsx`, rows: sheets[0]?.rows.length ?? 0 };
			},
		};
	}
}

export function runIdOf(context: IExecuteFunctions): string {
	const runId = String(context.getNodeParameter('runId', 0, '') ?? '').trim();
	if (runId === '')
		throw new NodeOperationError(context.getNode(), "'Run ID' is empty", {
			description:
				"Keep the default, n8n's execution ID ({{ $execution.id }}). Nothing was decided or paid.",
		});
	return runId;
}

/** lib's job context inside the node: OY! through n8n, the given ledger, no e-mail, reports in memory. */
export function jobContext(
	context: IExecuteFunctions,
	client: OyClient,
	ledger: JobLedger,
	runId: string,
	reports: Reports,
	now: () => number = () => Date.now(),
): JobContext {
	return {
		client,
		ledger,
		clock: { now },
		progress: () => {},
		notifier: {
			send: async () => {
				throw new NodeOperationError(
					context.getNode(),
					'The Scheduled Job operations send no e-mail; the template sends it',
				);
			},
		},
		reports,
		runId,
		dryRun: false,
		timeZone: DEFAULT_TIME_ZONE,
	};
}

/**
 * When this run's job lock ends (ms since 1970), as the template's lock node wrote it. After that
 * another run may take the lock and act on the same ledger, so nothing more may be acted on.
 */
export function leaseOf(context: IExecuteFunctions): number {
	const value = context.getNodeParameter('leaseUntil', 0, '') as unknown;
	const leaseUntil = Number(value);
	if (value === '' || value === null || !Number.isFinite(leaseUntil) || leaseUntil <= 0)
		throw new NodeOperationError(
			context.getNode(),
			`'Lock Held Until' is not a time: ${String(value)}`,
			{
				description:
					"Keep the default, the lease the lock node wrote ({{ $('Take the job lock').first().json.leaseUntil }}). Nothing was acted on.",
			},
		);
	return leaseUntil;
}

/** Stops the run, loudly, once its lock's lease has ended. */
export function assertLeaseHeld(
	context: IExecuteFunctions,
	leaseUntil: number,
	next: string,
	actedOn: number,
): void {
	if (Date.now() < leaseUntil) return;
	throw new NodeOperationError(
		context.getNode(),
		`The lease of this run's job lock ended at ${new Date(leaseUntil).toISOString()}, before ${next}: stopped`,
		{
			description:
				`${actedOn} claim(s) were acted on before and are not recorded by this run; the next run records them from OY!'s state and acts on the rest. ` +
				"Another run may hold the lock now. Keep the lease (the lock node's leaseUntil) longer than the longest run.",
		},
	);
}
