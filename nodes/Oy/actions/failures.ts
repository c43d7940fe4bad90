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
 * `error`, beside the `message`: n8n routes an item to the error branch only by its json, which
 * must hold `error` and `message` and nothing else (n8n 1.x and 2.x alike; n8n-core WorkflowExecute
 * handleNodeErrorOutput), and it replaces the json of an item that carries the error object itself
 * with the bare message (normalizeNodeErrors).
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
		return {
			json: {
				message: error.message,
				error: { ...fields, message: error.message, ...description, oy },
			},
			pairedItem,
		};
	}
	return { json: { ...fields, error: error.message, ...description, oy }, pairedItem };
}
