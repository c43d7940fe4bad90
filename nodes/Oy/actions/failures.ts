import type {
	IDataObject,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import { verdictOfError } from './errors';
import type { ItemPlan } from './plan';

/** The verdict of an item refused before its request: OY! never saw it. */
export const REFUSED_BEFORE_SENDING: IDataObject = {
	outcome: 'rejected',
	final: true,
	code: null,
	message: null,
	meaning: 'Refused before sending: nothing was sent to OY!',
	hint: 'Correct the input named in the error and run the item again; the same id can be used.',
};

/**
 * A failed item for workflows that continue on fail: its outcome, the item's own id and index (so
 * nobody pairs by position), the error and OY's verdict.
 *
 * On the error output (On Error › Continue (using error output)) the same fields are under
 * `details`, beside `error`: n8n routes an item to the error branch only when its json holds
 * nothing but `error`, `message` and `details`, and it replaces the json of an item that carries
 * an `error` property with the bare message (n8n-core WorkflowExecute handleNodeErrorOutput and
 * normalizeNodeErrors), so the error object itself cannot travel with the item.
 */
export function failureItem(
	error: NodeApiError | NodeOperationError,
	plan: ItemPlan,
	sent: boolean,
	errorOutput: boolean,
): INodeExecutionData {
	const verdict = sent
		? (verdictOfError(error) ?? {
				outcome: 'unknown',
				final: false,
				code: null,
				message: null,
				meaning: error.message,
			})
		: REFUSED_BEFORE_SENDING;
	const fields: IDataObject = {
		outcome: verdict.outcome,
		...plan.id,
		itemIndex: plan.itemIndex,
	};
	const description = error.description ? { description: error.description } : {};
	const oy = { ...verdict, sent };
	const pairedItem = { item: plan.itemIndex };
	if (errorOutput) {
		return { json: { error: error.message, details: { ...fields, ...description, oy } }, pairedItem };
	}
	return { json: { ...fields, error: error.message, ...description, oy }, pairedItem };
}
