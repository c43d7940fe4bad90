import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { findOperation } from '../../../lib/catalogue';
import { OyInputError } from '../../../lib/errors';
import type { OperationDefinition } from '../../../lib/types';
import { validateInput } from '../../../lib/validation';
import { inputError } from './errors';
import { readInput } from './input';
import type { OutputOptions } from './output';
import type { ItemParameters } from './parameters';
import { whyUnsupported } from './unsupported';

/** What one item will send, worked out (and checked) before the run's first request. */
export interface ItemPlan {
	itemIndex: number;
	operation?: OperationDefinition;
	input?: Record<string, unknown>;
	output: OutputOptions;
	/** the item's own id (`{ partner_trx_id: 'PAY-1' }`), so a report never pairs by position */
	id: IDataObject;
	/** the item cannot be sent: the reason, raised before anything is sent */
	refusal?: NodeOperationError;
}

const ID_NAMES = ['partner_trx_id', 'partner_tx_id'];

/** The name of the parameter that identifies an operation's transaction or record. */
function idParameterOf(operation: OperationDefinition): string | undefined {
	const params = operation.params;
	return (
		params.find((parameter) => parameter.idempotencyKey)?.name ??
		ID_NAMES.find((name) => params.some((parameter) => parameter.name === name)) ??
		params.find((parameter) => parameter.required && /(^|_)id$/.test(parameter.name))?.name ??
		params.find((parameter) => parameter.in === 'path')?.name
	);
}

export function idOf(
	operation: OperationDefinition | undefined,
	input: Record<string, unknown> | undefined,
): IDataObject {
	const name = operation && idParameterOf(operation);
	if (!name) return {};
	const value = input?.[name];
	return { [name]: typeof value === 'string' || typeof value === 'number' ? value : null };
}

/** The id as a report writes it: `partner_trx_id PAY-1`. */
export function idText(id: IDataObject): string | undefined {
	const [entry] = Object.entries(id);
	return entry ? `${entry[0]} ${entry[1] ?? '(empty)'}` : undefined;
}

/** A list's input as its first page is sent (the client adds the paging parameters). */
function withFirstPage(
	operation: OperationDefinition,
	input: Record<string, unknown>,
): Record<string, unknown> {
	const pagination = operation.list?.pagination;
	if (pagination?.style === 'page')
		return { [pagination.pageParam]: pagination.firstPage, ...input };
	if (pagination?.style === 'offset') {
		return {
			[pagination.offsetParam]: 0,
			[pagination.limitParam]: pagination.defaultPageSize,
			...input,
		};
	}
	return input;
}

function planItem(
	context: IExecuteFunctions,
	parameters: ItemParameters,
	itemIndex: number,
): ItemPlan {
	const node = parameters.node;
	const resource = parameters.get('resource', itemIndex) as string;
	const operationName = parameters.get('operation', itemIndex) as string;
	const operation = findOperation(`${resource}.${operationName}`);
	const options = parameters.get('options', itemIndex, {}) as IDataObject;
	const output: OutputOptions = {
		simplify: operation?.fields?.simplify
			? (parameters.get('simplify', itemIndex, true) as boolean)
			: false,
		keepOyFormats: options.keepOyFormats === true,
	};
	if (!operation) {
		return {
			itemIndex,
			output,
			id: {},
			refusal: new NodeOperationError(
				node,
				`The operation "${operationName}" of "${resource}" is not known [item ${itemIndex}]`,
				{ itemIndex, description: 'Nothing was sent to OY!.' },
			),
		};
	}
	const unsupported = whyUnsupported(operation);
	if (unsupported) {
		return {
			itemIndex,
			operation,
			output,
			id: {},
			refusal: new NodeOperationError(
				node,
				`${operation.name} of ${operation.product} cannot be sent from n8n`,
				{
					itemIndex,
					description: `${unsupported}. Nothing was sent to OY!. n8n's HTTP Request node can send it, with the OY! API credential: see "Transaction › Get Summary from n8n" in the package's README.`,
				},
			),
		};
	}
	let input: Record<string, unknown>;
	try {
		input = readInput(context, parameters, operation, itemIndex);
	} catch (error) {
		return { itemIndex, operation, output, id: {}, refusal: error as NodeOperationError };
	}
	const id = idOf(operation, input);
	const { problems } = validateInput(operation, withFirstPage(operation, input));
	if (problems.length > 0) {
		const refusal = inputError(
			node,
			new OyInputError(operation.id, problems),
			itemIndex,
			operation,
		);
		return { itemIndex, operation, input, output, id, refusal };
	}
	return { itemIndex, operation, input, output, id };
}

/**
 * Reads and checks every item before the first request: a run with a bad item anywhere sends
 * nothing (unless failed items continue), so no payout leaves for a batch that cannot finish.
 */
export function planItems(
	context: IExecuteFunctions,
	parameters: ItemParameters,
	count: number,
): ItemPlan[] {
	const plans: ItemPlan[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			plans.push(planItem(context, parameters, itemIndex));
		} catch (error) {
			plans.push({
				itemIndex,
				output: { simplify: false, keepOyFormats: false },
				id: {},
				refusal:
					error instanceof NodeOperationError
						? error
						: new NodeOperationError(parameters.node, error as Error, {
								itemIndex,
								description: 'Nothing was sent to OY!.',
							}),
			});
		}
	}
	return plans;
}
