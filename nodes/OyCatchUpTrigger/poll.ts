import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { catchUp, catchUpState, idList } from '../../lib/catchUp';
import type { CatchUpSource, EWalletSettlement } from '../../lib/catchUp';
import { oyClientFor } from '../shared/client';
import { MAX_REQUESTS_DEFAULT } from './description';

// A poll has time: a few retries of a read that OY! did not answer clearly.
const POLL_CLIENT = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 4_000, statusChecks: 1 };

function items(list: readonly object[]): INodeExecutionData[] {
	return list.map((entry) => ({ json: entry as unknown as IDataObject }));
}

/**
 * One poll of the OY! Catch-Up Trigger: events on the first output, notices (gaps, work left for
 * the next poll, OY! not answering) on the second, or null when there is neither. A manual run
 * ("Fetch Test Event") shows what a poll would emit and leaves the cursor where it was.
 */
export async function pollCatchUp(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const sources = context.getNodeParameter('sources', []) as CatchUpSource[];
	if (sources.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Choose at least one event to catch up on');
	}
	const options = context.getNodeParameter('options', {}) as {
		lookBackMinutes?: number;
		maxRequests?: number;
	};
	const payoutIds = sources.includes('disbursement')
		? idList(context.getNodeParameter('payoutIds', ''))
		: [];
	const linkIds = sources.includes('paymentLink')
		? idList(context.getNodeParameter('linkIds', ''))
		: [];
	const eWalletIds = sources.includes('eWalletPayment')
		? idList(context.getNodeParameter('eWalletIds', ''))
		: [];
	const eWalletSettlement = context.getNodeParameter(
		'eWalletSettlement',
		'delayed',
	) as EWalletSettlement;
	const now = new Date();
	const manual = context.getMode() === 'manual';
	const stored = context.getWorkflowStaticData('node');
	// A plain copy (n8n's static data is a proxy that tracks changes); it replaces the stored one
	// after a scheduled poll only: seeing what a manual run would bring does not move the cursor.
	const copy: unknown =
		stored.catchUp === undefined ? undefined : JSON.parse(JSON.stringify(stored.catchUp));
	const state = catchUpState(copy, now, Number(options.lookBackMinutes ?? 0));
	const client = await oyClientFor(context, POLL_CLIENT);
	const result = await catchUp(client, state, {
		sources,
		payoutIds,
		linkIds,
		eWalletIds,
		eWalletSettlement,
		maxRequests: Number(options.maxRequests ?? MAX_REQUESTS_DEFAULT),
		now,
	});
	if (!manual) stored.catchUp = state as unknown as IDataObject;
	if (result.events.length === 0 && result.notices.length === 0) return null;
	return [items(result.events), items(result.notices)];
}
