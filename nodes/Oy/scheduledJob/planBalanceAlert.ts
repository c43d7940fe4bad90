import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { BALANCE_ALERT_JOB, checkBalances } from '../../../lib/jobs/balanceAlert';
import { emailList, planWithMail } from './planWithMail';

/**
 * oy-jobs' balance alert over the ledger rows given as input: it reads the balance, records the
 * reading, and decides the day's e-mail (at most one alert a day, at most Max Days in a Row, a
 * notice when the balance recovers); claims a stopped run left are reported as maybe sent.
 */
export async function planBalanceAlert(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const to = emailList(this, 'recipients', 'Recipients');
	if (to.length === 0)
		throw new NodeOperationError(this.getNode(), "'Recipients' is empty", {
			description: 'Nothing was read, decided or recorded.',
		});
	const options = {
		threshold: Number(this.getNodeParameter('threshold', 0, 10_000_000)),
		children: {},
		to,
		digest: false,
		maxConsecutiveDays: Number(this.getNodeParameter('maxConsecutiveDays', 0, 3)),
		recoveredNotice: this.getNodeParameter('recoveredNotice', 0, true) as boolean,
		historyDays: 30,
		lookAheadDays: 0,
		expectedPayouts: [],
	};
	return await planWithMail(this, BALANCE_ALERT_JOB, (ctx) => checkBalances(ctx, options));
}
