import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	NodeApiError,
} from 'n8n-workflow';
import type { OyClient } from '../../../lib/client';
import { OyInputError, OyResultError } from '../../../lib/errors';
import { DEFAULT_TIMEOUT_MS } from '../../../lib/request';
import type { OperationDefinition, Outcome, OyResult } from '../../../lib/types';
import { LIST_LIMIT_DEFAULT } from '../description/properties';
import { oyClientFor } from '../../shared/client';
import { inputError, resultError, reusedIdError, verdictOfError } from './errors';
import { ItemParameters } from './parameters';
import { failureItem } from './failures';
import { resultToJson, shapeRecord } from './output';
import { movesMoney } from '../../../lib/catalogue';
import { capRefusal, fundsRefusal, payoutAmount, readControls, toolRefusal } from './controls';
import type { RunControls } from './controls';
import { planItems } from './plan';
import { runsAsTool } from './tool';
import type { ItemPlan } from './plan';
import { withOtherRefusals, withRunReport } from './report';
import type { SentItem } from './report';
import { runOrdered } from './runOrdered';

const DEFAULT_CONCURRENCY = 5;

type ItemRun =
	| { items: INodeExecutionData[]; result?: OyResult }
	| { error: NodeApiError | NodeOperationError };

interface RunSettings {
	/** Options › Reused ID: whether a reused id is an error instead of the original's report */
	reusedIdIsError: boolean;
}

async function runItem(
	parameters: ItemParameters,
	client: OyClient,
	plan: ItemPlan,
	settings: RunSettings,
): Promise<ItemRun> {
	const node = parameters.node;
	const { itemIndex, output } = plan;
	const operation = plan.operation as OperationDefinition;
	const input = plan.input as Record<string, unknown>;
	const pairedItem = { item: itemIndex };
	try {
		if (operation.list) {
			const returnAll = parameters.get('returnAll', itemIndex, false) as boolean;
			const limit = returnAll
				? undefined
				: (parameters.get('limit', itemIndex, LIST_LIMIT_DEFAULT) as number);
			const records = await client.listAll(operation.id, input, { limit });
			return {
				items: records.map((record) => ({
					json: shapeRecord(record, operation, output),
					pairedItem,
				})),
			};
		}
		const result = await client.call(operation.id, input);
		if (result.reusedId && settings.reusedIdIsError) {
			return { error: reusedIdError(node, result, itemIndex) };
		}
		if (isAnswer(result.outcome, operation)) {
			return { items: [{ json: resultToJson(result, operation, output), pairedItem }], result };
		}
		return { error: resultError(node, result, itemIndex) };
	} catch (error) {
		if (error instanceof OyInputError)
			return { error: inputError(node, error, itemIndex, operation) };
		if (error instanceof OyResultError)
			return { error: resultError(node, error.result, itemIndex) };
		return { error: new NodeOperationError(node, error as Error, { itemIndex }) };
	}
}

/**
 * Whether an outcome is what the user asked for, given as an item; otherwise it is raised. A read
 * that finds a failed transaction did its job (the workflow branches on `outcome`); a create or
 * change that failed or was refused did not, and an unknown outcome must never pass quietly.
 */
function isAnswer(outcome: Outcome, operation: OperationDefinition): boolean {
	return (
		outcome === 'success' ||
		outcome === 'pending' ||
		(outcome === 'failed' && operation.safety === 'read')
	);
}

/** What an item whose request left for OY! came to, for the report of a run that stops. */
function sentItemOf(itemIndex: number, run: ItemRun): SentItem {
	const verdict = 'error' in run ? verdictOfError(run.error) : undefined;
	const result = 'items' in run ? run.result : undefined;
	if (result) {
		return { itemIndex, outcome: result.outcome, code: result.code, meaning: result.meaning };
	}
	if (verdict) {
		return {
			itemIndex,
			outcome: String(verdict.outcome),
			code: (verdict.code as string | null) ?? null,
			meaning: String(verdict.meaning),
		};
	}
	if ('error' in run) {
		return { itemIndex, outcome: 'unknown', code: null, meaning: run.error.message };
	}
	return { itemIndex, outcome: 'success', code: null, meaning: `${run.items.length} records read` };
}

export async function executeOy(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const parameters = new ItemParameters(this);
	const node = parameters.node;
	const continueOnFail = this.continueOnFail();
	const errorOutput = node.onError === 'continueErrorOutput';
	const settings: RunSettings = { reusedIdIsError: options.reusedId === 'error' };

	const controls = readControls(node, options, runsAsTool(this));
	const plans = planItems(this, parameters, items.length);
	const refuseRun = (error: NodeOperationError) => {
		// A refused run sends nothing, even when failed items continue: each item says why.
		if (!continueOnFail) throw error;
		for (const plan of plans) plan.refusal ??= error;
	};
	const gate = toolRefusal(node, plans, controls);
	if (gate) refuseRun(gate);
	const refusals = plans.flatMap((plan) => (plan.refusal ? [plan.refusal] : []));
	if (refusals.length > 0 && !continueOnFail) {
		throw withOtherRefusals(refusals[0], refusals.slice(1));
	}
	const capped = capRefusal(node, plans, controls);
	if (capped) refuseRun(capped);

	const client = await oyClientFor(this, {
		timeoutMs: Number(options.timeout ?? DEFAULT_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS,
	});
	if (!capped && !gate) {
		const short = await fundsRefusal(node, client, plans, controls, items.length);
		if (short) refuseRun(short);
	}
	const concurrency = Number(options.concurrency ?? DEFAULT_CONCURRENCY) || DEFAULT_CONCURRENCY;
	const toSend = plans.filter((plan) => !plan.refusal);
	const runs = await runOrdered(
		toSend.length,
		concurrency,
		async (index) => {
			const plan = toSend[index];
			try {
				return await runItem(parameters, client, plan, settings);
			} catch (error) {
				return {
					error: new NodeOperationError(node, error as Error, { itemIndex: plan.itemIndex }),
				};
			}
		},
		(run) => 'error' in run && !continueOnFail,
	);

	const stop = runs.findIndex((run) => run !== undefined && 'error' in run);
	if (stop >= 0 && !continueOnFail) {
		const sent: SentItem[] = [];
		const notSent: number[] = [];
		runs.forEach((run, index) => {
			const { itemIndex } = toSend[index];
			if (run === undefined) notSent.push(itemIndex);
			else sent.push(sentItemOf(itemIndex, run));
		});
		const stopping = runs[stop] as { error: NodeApiError | NodeOperationError };
		throw withRunReport(
			stopping.error,
			sent,
			plans.map((plan) => plan.id),
			notSent,
		);
	}

	const byItem = new Map<number, ItemRun>();
	runs.forEach((run, index) => run && byItem.set(toSend[index].itemIndex, run));
	const output: INodeExecutionData[] = [];
	for (const plan of plans) {
		if (plan.refusal) {
			output.push(failureItem(plan.refusal, plan, false, errorOutput));
			continue;
		}
		const run = byItem.get(plan.itemIndex);
		if (!run) continue;
		if ('items' in run)
			output.push(...run.items.map((item) => reportedAsTool(this, node, controls, plan, item)));
		else output.push(failureItem(run.error, plan, true, errorOutput));
	}
	return [output];
}

/**
 * A money-moving call an AI agent made (allowed by Options › Allow Money-Moving Operations): the
 * item says so (`oy.aiToolCall`), and n8n's log gets one line per call, so no agent payout passes
 * unreported.
 */
function reportedAsTool(
	context: IExecuteFunctions,
	node: INode,
	controls: RunControls,
	plan: ItemPlan,
	item: INodeExecutionData,
): INodeExecutionData {
	if (!controls.asTool || !plan.operation || !movesMoney(plan.operation)) return item;
	const oy = (item.json.oy ?? {}) as IDataObject;
	context.logger.warn(`OY! tool: an AI agent ran ${plan.operation.action}`, {
		node: node.name,
		operation: plan.operation.id,
		...plan.id,
		amount: plan.input ? (payoutAmount(plan.operation, plan.input) ?? null) : null,
		outcome: oy.outcome as string,
	});
	return { ...item, json: { ...item.json, oy: { ...oy, aiToolCall: true } } };
}
