import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { newSummary } from '../../../lib/jobs/effects';
import { MemoryLedger } from '../../../lib/jobs/memoryLedger';
import {
	DEACTIVATION_RETAKE,
	recoverInterruptedDeactivations,
	sweepVirtualAccounts,
	VA_SWEEP_JOB,
} from '../../../lib/jobs/vaSweep';
import { oyClientFor } from '../../shared/client';
import { jobClock, jobContext, ReportRows, runIdOf } from './context';
import { entriesFrom, fromAllInputs, rowOf, runRow } from './ledgerRows';

/**
 * oy-jobs' VA sweep over the ledger rows given as input: first the deactivations a stopped run left
 * claimed (a VA OY! shows closed is recorded done, another is swept again), then the dry run of the
 * sweep (which expired VAs to deactivate, within Max Deactivations). Each VA to deactivate comes
 * out claimed, for the template to record before it deactivates. Nothing is changed at OY! here.
 */
export async function planVaSweep(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const runId = runIdOf(this);
	const entries = entriesFrom(this, VA_SWEEP_JOB);
	const client = await oyClientFor(this);
	const now = await jobClock(this);
	const ledger = new MemoryLedger(entries, now);
	const reports = new ReportRows();
	const context = jobContext(this, client, ledger, runId, reports, now);
	const recovery = newSummary(VA_SWEEP_JOB, false);
	await recoverInterruptedDeactivations(context, recovery);
	const summary = await sweepVirtualAccounts(
		{ ...context, dryRun: true },
		{
			expiringWithinHours: Number(this.getNodeParameter('expiringWithinHours', 0, 72)),
			deactivate: 'expired',
			keepLifetime: this.getNodeParameter('keepLifetime', 0, true) as boolean,
			graceHours: 0,
			notify: [],
			maxDeactivations: Number(this.getNodeParameter('maxDeactivations', 0, 0)) || undefined,
		},
	);
	const planned = reports.sheets[0]?.rows ?? [];
	for (const row of planned) {
		if (row.action !== 'would deactivate') continue;
		const claim = await ledger.claim(
			VA_SWEEP_JOB,
			`deactivate:${String(row.id)}`,
			runId,
			{ vaNumber: row.vaNumber, bankCode: row.bankCode },
			DEACTIVATION_RETAKE,
		);
		if (!claim.claimed)
			throw new NodeOperationError(this.getNode(), `VA ${String(row.id)} could not be claimed`, {
				description: 'Nothing was recorded or changed.',
			});
	}
	const changes = new Map(ledger.changes().map((entry) => [entry.key, entry]));
	const pairedItem = fromAllInputs(this);
	const output: INodeExecutionData[] = planned.map((row) => {
		const key = `deactivate:${String(row.id)}`;
		const change = changes.get(key);
		changes.delete(key);
		return {
			json: {
				job: VA_SWEEP_JOB,
				...(row as IDataObject),
				...(change ? { ledger: rowOf(change) } : {}),
			},
			pairedItem,
		};
	});
	for (const change of changes.values())
		output.push({
			json: {
				job: VA_SWEEP_JOB,
				key: change.key,
				action: `recorded ${change.state}`,
				detail: String(change.detail.confirmedBy ?? change.detail.reason ?? ''),
				ledger: rowOf(change),
			},
			pairedItem,
		});
	output.push({
		json: {
			job: VA_SWEEP_JOB,
			run: runId,
			action: 'run',
			counts: { ...recovery.counts, ...summary.counts },
			notes: summary.notes,
			problems: [...recovery.problems, ...summary.problems],
			ledger: runRow(VA_SWEEP_JOB, runId, {
				toDeactivate: summary.counts['would deactivate'] ?? 0,
			}),
		},
		pairedItem,
	});
	return [output];
}
