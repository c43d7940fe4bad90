import { randomBytes } from 'node:crypto';
import * as jobs from '#oy/lib/jobs';
import type { JobName, JobsConfig } from '../config/config.mjs';
import { openLedger, type RunLedger } from '../ledger/ledger.mjs';
import { Mailer } from '../mail/notifier.mjs';
import { connectOy } from '../oy/connect.mjs';
import { ExcelReports } from '../reports/excelReports.mjs';
import type { Output, RunStatus } from './output.mjs';
import { JOBS } from './registry.mjs';

/** A run holds its job's lock for this long without a heartbeat; a heartbeat comes every quarter of it. */
export const LOCK_LEASE_MS = 60_000;

export interface RunResult {
	status: RunStatus;
	summary: jobs.JobSummary;
	runId: string;
}

export const EXIT_CODES: Record<RunStatus, number> = { ok: 0, problems: 1, failed: 1, busy: 3 };

function newRunId(job: JobName): string {
	return `${job}-${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
}

async function settleQuietly(step: () => Promise<void>, output: Output): Promise<void> {
	try {
		await step();
	} catch (error) {
		output.line(`!! ledger: ${error instanceof Error ? error.message : String(error)}`);
	}
}

/**
 * One run of one job: the job's lock (two runners never run one job at once), the OY! client,
 * the ledger, e-mail and reports, then the summary. A dry run takes no lock and records nothing.
 */
export async function runJob(
	config: JobsConfig,
	name: JobName,
	options: { dryRun: boolean; output: Output },
): Promise<RunResult> {
	const { output } = options;
	const runId = newRunId(name);
	const started = Date.now();
	const summary = jobs.newSummary(name, options.dryRun);
	const connection = await connectOy(config, (event) => output.clientEvent(event));
	let ledger: RunLedger;
	try {
		ledger = await openLedger(config.ledger, connection.now);
	} catch (error) {
		connection.send.close();
		throw error;
	}
	const mailer = new Mailer(config.mail);
	let heartbeat: NodeJS.Timeout | undefined;
	let status: RunStatus = 'ok';
	let result = summary;
	try {
		if (!options.dryRun) {
			const lock = await ledger.acquireLock(name, runId, LOCK_LEASE_MS);
			if (!lock.acquired) {
				const { holder } = lock;
				summary.notes.push(
					`${name} is already running (run ${holder.runId}, pid ${holder.pid} on ${holder.host}, since ${holder.acquiredAt}); this runner did nothing.`,
				);
				status = 'busy';
				return { status, summary, runId };
			}
			const held = ledger;
			heartbeat = setInterval(() => {
				void held.renewLock(name, runId, LOCK_LEASE_MS).then((kept) => {
					if (!kept)
						output.line(
							`!! ${name}: the job lock was lost (taken over by another runner, or the ledger's connection dropped); the ledger still prevents double work`,
						);
				});
			}, LOCK_LEASE_MS / 4);
			heartbeat.unref();
		}
		await ledger.startRun(runId, name, options.dryRun);
		output.begin();
		output.line(
			`${new Date().toISOString()} ${name} run ${runId}${options.dryRun ? ' (DRY RUN: nothing is paid, changed, sent or recorded)' : ''}`,
		);
		output.line(
			`   ${connection.describe}; mail through ${mailer.describe()}; ledger ${ledger.describe}`,
		);
		for (const warning of config.warnings) output.line(`!! WARNING: ${warning}`);
		const ctx: jobs.JobContext = {
			client: connection.client,
			ledger,
			clock: { now: connection.now },
			progress: output.progress,
			notifier: mailer,
			reports: new ExcelReports(config.reportsDir, connection.now),
			runId,
			dryRun: options.dryRun,
			timeZone: config.timeZone,
		};
		try {
			result = await JOBS[name].run(ctx, config);
			status = result.problems.length > 0 ? 'problems' : 'ok';
		} catch (error) {
			status = 'failed';
			summary.problems.push(
				`The run stopped: ${error instanceof Error ? error.message : String(error)}. Whatever it did before is in the ledger; the next run continues from there.`,
			);
			result = summary;
		}
		await ledger.finishRun(runId, status, result);
		return { status, summary: result, runId };
	} finally {
		if (heartbeat) clearInterval(heartbeat);
		// A ledger whose connection dropped cannot release or close: its lock went with the connection.
		await settleQuietly(async () => {
			if (status !== 'busy' && !options.dryRun) await ledger.releaseLock(name, runId);
		}, output);
		await settleQuietly(() => ledger.close(), output);
		mailer.close();
		connection.send.close();
		// Risky settings accepted on purpose are repeated where people read: the summary.
		result.notes.push(...config.warnings.map((warning) => `WARNING: ${warning}`));
		output.summary(result, status, (Date.now() - started) / 1000);
	}
}
