import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import type { OyInputError } from '../../../lib/errors';
import type { OperationDefinition, OyResult } from '../../../lib/types';
import { fieldLabel } from './labels';
import { verdictOf } from './output';

/** An input refused before any request, naming the parameters (as the editor shows them) and the item. */
export function inputError(
	node: INode,
	error: OyInputError,
	itemIndex: number,
	operation: OperationDefinition,
) {
	const messages = error.problems.map((problem) => {
		const label = problem.message.startsWith(`${problem.field} `)
			? fieldLabel(operation, problem.field)
			: undefined;
		return label ? `${label}${problem.message.slice(problem.field.length)}` : problem.message;
	});
	return new NodeOperationError(node, `${messages[0]} [item ${itemIndex}]`, {
		itemIndex,
		description:
			messages.length > 1
				? `Also: ${messages.slice(1).join('; ')}. Nothing was sent to OY!.`
				: 'Nothing was sent to OY!.',
	});
}

/** OY!'s answer as an n8n error that carries our reading of it, for items that continue on fail. */
export class OyAnswerError extends NodeApiError {
	constructor(
		node: INode,
		readonly verdict: IDataObject,
		options: ConstructorParameters<typeof NodeApiError>[2],
	) {
		super(node, verdict as JsonObject, options);
	}
}

export function verdictOfError(error: Error): IDataObject | undefined {
	return error instanceof OyAnswerError ? error.verdict : undefined;
}

/** OY!'s answer (or its absence) as an n8n error: our reading, OY's code and message, what to do. */
export function resultError(node: INode, result: OyResult, itemIndex?: number): NodeApiError {
	const verdict = verdictOf(result);
	const code = result.code
		? ` (OY! code ${result.code})`
		: result.httpStatus
			? ` (HTTP ${result.httpStatus})`
			: '';
	const parts = [
		result.message ? `OY! says: ${result.message}.` : undefined,
		verdict.hint as string | undefined,
	];
	return new OyAnswerError(node, verdict, {
		message: `${result.meaning}${code}`,
		description: parts.filter((part) => part !== undefined).join(' ') || undefined,
		// the HTTP status, not OY's code (n8n would otherwise take the verdict's `code` for one)
		httpCode: result.httpStatus === null ? undefined : String(result.httpStatus),
		...(itemIndex === undefined ? {} : { itemIndex }),
	});
}

/**
 * A reused id under Options › Reused ID: Treat as Error. This request created nothing (rejected);
 * the transaction OY! already had under the id is described in `original`.
 */
export function reusedIdError(node: INode, result: OyResult, itemIndex: number): NodeApiError {
	const original: Record<string, string | null> = {
		outcome: result.outcome,
		code: result.code,
		message: result.message,
		createdAt: result.originalCreatedAt ?? null,
	};
	if (result.state !== undefined) original.state = result.state;
	return resultError(
		node,
		{
			...result,
			outcome: 'rejected',
			final: true,
			// OY's answer to this create (203 / 257), not the original's status code
			code: result.trail[0]?.code ?? null,
			message: null,
			meaning: 'This id was already used for a transaction at OY!',
			hint: `${result.meaning}. Use a new id for a new transaction, or set Options › Reused ID to Report the Original.`,
			original,
		},
		itemIndex,
	);
}
