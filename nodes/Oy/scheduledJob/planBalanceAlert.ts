import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { BALANCE_ALERT_JOB, checkBalances } from '../../../lib/jobs/balanceAlert';
import type { BalanceAlertOptions } from '../../../lib/jobs/balanceAlert';
import { MemoryLedger } from '../../../lib/jobs/memoryLedger';
import { oyClientFor } from '../../shared/client';
import { CapturedMail } from './capturedMail';
import { jobClock, jobContext, ReportRows, runIdOf } from './context';
import { entriesFrom, fromAllInputs, rowOf, runRow } from './ledgerRows';

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

function optionsOf(context: IExecuteFunctions): BalanceAlertOptions {
	const to = String(context.getNodeParameter('recipients', 0, ''))
		.split(/[,;\s]+/)
		.filter((address) => address !== '');
	const wrong = to.filter((address) => !EMAIL.test(address));
	if (to.length === 0 || wrong.length > 0)
		throw new NodeOperationError(
			context.getNode(),
			to.length === 0 ? "'Recipients' is empty" : `Not an e-mail address: ${wrong.join(', ')}`,
			{ description: 'Nothing was read, decided or recorded.' },
		);
	return {
		threshold: Number(context.getNodeParameter('threshold', 0, 10_000_000)),
		children: {},
		to,
		digest: false,
		maxConsecutiveDays: Number(context.getNodeParameter('maxConsecutiveDays', 0, 3)),
		recoveredNotice: context.getNodeParameter('recoveredNotice', 0, true) as boolean,
		historyDays: 30,
		lookAheadDays: 0,
		expectedPayouts: [],
	};
}

/**
 * oy-jobs' balance alert over the ledger rows given as input: it reads the balance, records the
 * reading, and decides the day's alert (at most one a day, at most Max Days in a Row, a notice when
 * the balance recovers), with the claims a stopped run left reported as maybe sent. It sends
 * nothing: each e-mail comes out as a claimed ledger row (to, subject, text in its detail), which
 * the template records, then sends.
 */
export async function planBalanceAlert(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const runId = runIdOf(this);
	const options = optionsOf(this);
	const entries = entriesFrom(this, BALANCE_ALERT_JOB);
	const client = await oyClientFor(this);
	const now = await jobClock(this);
	const ledger = new MemoryLedger(entries, now);
	const mail = new CapturedMail();
	const context = {
		...jobContext(this, client, ledger, runId, new ReportRows(), now),
		notifier: mail,
	};
	const summary = await checkBalances(context, options);
	const pairedItem = fromAllInputs(this);
	const output: INodeExecutionData[] = ledger.changes().map((change) => {
		const entry = mail.claim(change);
		return {
			json: {
				job: BALANCE_ALERT_JOB,
				key: entry.key,
				action: entry.state === 'claimed' ? 'e-mail' : `recorded ${entry.state}`,
				ledger: rowOf(entry),
			},
			pairedItem,
		};
	});
	output.push({
		json: {
			job: BALANCE_ALERT_JOB,
			run: runId,
			action: 'run',
			counts: summary.counts,
			amounts: summary.amounts,
			notes: summary.notes,
			problems: summary.problems,
			ledger: runRow(BALANCE_ALERT_JOB, runId, { emails: mail.messages.size }),
		},
		pairedItem,
	});
	return [output];
}
