import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { BALANCE_ALERT_JOB, checkBalances } from '../../../lib/jobs/balanceAlert';
import { expectedPayoutsFromRows } from '../../../lib/jobs/expectedItems';
import type { ExpectedPayout } from '../../../lib/jobs/lookAhead';
import { DEFAULT_TIME_ZONE } from '../../../lib/jobs/time';
import { emailList, planWithMail } from './planWithMail';
import { rowsParameter } from './rowsParameter';

/**
 * oy-jobs' balance alert over the ledger rows given as input: it reads the balance, records the
 * reading, and decides the day's e-mail (at most one alert a day, at most Max Days in a Row, a
 * notice when the balance recovers, one look-ahead warning a day when what is scheduled in the next
 * Look-Ahead Days will not be covered); claims a stopped run left are reported as maybe sent.
 */
export async function planBalanceAlert(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const to = emailList(this, 'recipients', 'Recipients');
	if (to.length === 0)
		throw new NodeOperationError(this.getNode(), "'Recipients' is empty", {
			description: 'Nothing was read, decided or recorded.',
		});
	const lookAheadDays = Number(this.getNodeParameter('lookAheadDays', 0, 7));
	const options = {
		threshold: Number(this.getNodeParameter('threshold', 0, 10_000_000)),
		children: {},
		to,
		digest: false,
		maxConsecutiveDays: Number(this.getNodeParameter('maxConsecutiveDays', 0, 3)),
		recoveredNotice: this.getNodeParameter('recoveredNotice', 0, true) as boolean,
		historyDays: 30,
		lookAheadDays,
		expectedPayouts: lookAheadDays > 0 ? expectedPayouts(this) : [],
	};
	return await planWithMail(this, BALANCE_ALERT_JOB, (ctx) => checkBalances(ctx, options));
}

/** The Expected Payouts parameter: list rows (date, amount, product, description), every one checked. */
function expectedPayouts(context: IExecuteFunctions): ExpectedPayout[] {
	const rows = rowsParameter(
		context,
		'expectedPayouts',
		'Expected Payouts',
		"{{ $('Read the expected payouts').all().map(item => item.json) }}",
	);
	if (!rows) return [];
	const { payouts, problems } = expectedPayoutsFromRows(rows, DEFAULT_TIME_ZONE);
	if (problems.length > 0)
		throw new NodeOperationError(
			context.getNode(),
			`The expected payouts cannot be read: ${problems.length} problem(s)`,
			{
				description: `${problems.slice(0, 20).join('; ')}. Fix the list: a payout left out would make the look-ahead say the balance covers it. Nothing was read, decided or recorded.`,
			},
		);
	return payouts;
}
