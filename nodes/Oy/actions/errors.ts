import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import type { OyResult } from '../../../lib/client';
import type { OyInputError } from '../../../lib/errors';
import { verdictOf } from './output';

/** An input refused before any request, naming the parameters and the item. */
export function inputError(node: INode, error: OyInputError, itemIndex: number, labels: Map<string, string>) {
	const messages = error.problems.map((problem) => {
		const [first, ...rest] = problem.message.split(' ');
		const field = problem.field.split(/[.[]/)[0];
		const label = labels.get(field);
		return label && first === problem.field ? `'${label}' ${rest.join(' ')}` : problem.message;
	});
	return new NodeOperationError(node, messages[0], {
		itemIndex,
		description: messages.length > 1 ? `Also: ${messages.slice(1).join('; ')}` : 'Nothing was sent to OY!.',
	});
}

/** The classified outcome behind an error, for items that continue on fail. */
const verdicts = new WeakMap<Error, IDataObject>();

export function verdictOfError(error: Error): IDataObject | undefined {
	return verdicts.get(error);
}

/** OY!'s answer (or its absence) as an n8n error: our reading, OY's code and message, what to do. */
export function resultError(node: INode, result: OyResult, itemIndex?: number): NodeApiError {
	const verdict = verdictOf(result);
	const code = result.code ? ` (OY! code ${result.code})` : result.httpStatus ? ` (HTTP ${result.httpStatus})` : '';
	const parts = [result.message ? `OY! says: ${result.message}.` : undefined, verdict.hint as string | undefined];
	const error = new NodeApiError(node, verdict as JsonObject, {
		message: `${result.meaning}${code}`,
		description: parts.filter((part) => part !== undefined).join(' ') || undefined,
		...(itemIndex === undefined ? {} : { itemIndex }),
	});
	verdicts.set(error, verdict);
	return error;
}
