import { NodeOperationError } from 'n8n-workflow';
import type { ILoadOptionsFunctions } from 'n8n-workflow';
import type { OyResult } from '../../../lib/types';
import { resultError } from '../actions/errors';

/** A list that could not be loaded, as an error the editor shows (never an empty list). */
export function loadError(context: ILoadOptionsFunctions, failure: OyResult | Error) {
	if (failure instanceof Error) return new NodeOperationError(context.getNode(), failure);
	return resultError(context.getNode(), failure);
}
