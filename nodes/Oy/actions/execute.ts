import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	NodeApiError,
} from 'n8n-workflow';
import { findOperation } from '../../../lib/catalogue';
import type { OyClient } from '../../../lib/client';
import { OyInputError, OyResultError } from '../../../lib/errors';
import { DEFAULT_TIMEOUT_MS } from '../../../lib/request';
import type { OperationDefinition, Outcome } from '../../../lib/types';
import { LIST_LIMIT_DEFAULT } from '../description/properties';
import { oyClientFor } from '../../shared/client';
import { inputError, resultError, verdictOfError } from './errors';
import { readInput } from './input';
import { ItemParameters } from './parameters';
import { resultToJson, shapeRecord } from './output';
import type { OutputOptions } from './output';
import { runOrdered } from './runOrdered';
import { whyUnsupported } from './unsupported';

const DEFAULT_CONCURRENCY = 5;

type ItemRun = { items: INodeExecutionData[] } | { error: NodeApiError | NodeOperationError };

function operationOf(
	context: IExecuteFunctions,
	parameters: ItemParameters,
	itemIndex: number,
): OperationDefinition {
	const resource = parameters.get('resource', itemIndex) as string;
	const operationName = parameters.get('operation', itemIndex) as string;
	const operation = findOperation(`${resource}.${operationName}`);
	if (!operation) {
		throw new NodeOperationError(
			context.getNode(),
			`The operation "${operationName}" of "${resource}" is not known`,
			{
				itemIndex,
			},
		);
	}
	return operation;
}

async function runItem(
	context: IExecuteFunctions,
	parameters: ItemParameters,
	client: OyClient,
	itemIndex: number,
): Promise<ItemRun> {
	const node = context.getNode();
	const operation = operationOf(context, parameters, itemIndex);
	const options = parameters.get('options', itemIndex, {}) as IDataObject;
	const output: OutputOptions = {
		simplify: operation.fields?.simplify
			? (parameters.get('simplify', itemIndex, true) as boolean)
			: false,
		keepOyFormats: options.keepOyFormats === true,
	};
	const unsupported = whyUnsupported(operation);
	if (unsupported) {
		return {
			error: new NodeOperationError(
				node,
				`${operation.name} of ${operation.product} cannot be sent from n8n`,
				{
					itemIndex,
					description: `${unsupported}. Nothing was sent to OY!.`,
				},
			),
		};
	}
	const input = readInput(context, parameters, operation, itemIndex);
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
		if (isAnswer(result.outcome, operation)) {
			return { items: [{ json: resultToJson(result, operation, output), pairedItem }] };
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

/** An item that failed, for workflows that continue on fail: nothing about it is lost. */
function failureItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	const verdict = verdictOfError(error);
	// An error without an OY! verdict was raised before any request (bad input).
	const json: IDataObject = { outcome: verdict?.outcome ?? 'rejected', error: error.message };
	if (error.description) json.description = error.description;
	if (verdict) json.oy = verdict;
	return { json, pairedItem: { item: itemIndex } };
}

export async function executeOy(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const client = await oyClientFor(this, {
		timeoutMs: Number(options.timeout ?? DEFAULT_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS,
	});
	const concurrency = Number(options.concurrency ?? DEFAULT_CONCURRENCY) || DEFAULT_CONCURRENCY;
	const continueOnFail = this.continueOnFail();
	const parameters = new ItemParameters(this);
	const runs = await runOrdered(
		items.length,
		concurrency,
		async (itemIndex) => {
			try {
				return await runItem(this, parameters, client, itemIndex);
			} catch (error) {
				return { error: new NodeOperationError(this.getNode(), error as Error, { itemIndex }) };
			}
		},
		(run) => 'error' in run && !continueOnFail,
	);
	const output: INodeExecutionData[] = [];
	for (const [itemIndex, run] of runs.entries()) {
		if (run === undefined) continue;
		if ('items' in run) output.push(...run.items);
		else if (continueOnFail) output.push(failureItem(run.error, itemIndex));
		else throw run.error;
	}
	return [output];
}
