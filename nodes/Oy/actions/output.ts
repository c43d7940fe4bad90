import type { IDataObject } from 'n8n-workflow';
import { findOperation } from '../../../lib/catalogue';
import { normalizeFields, recordsOf, simplifyRecord } from '../../../lib/records';
import type { OperationDefinition, OyResult } from '../../../lib/types';

export interface OutputOptions {
	simplify: boolean;
	keepOyFormats: boolean;
}

/** A record as the workflow sees it: dates in ISO-8601 UTC and whole-rupiah amounts unless told otherwise. */
export function shapeRecord(
	record: unknown,
	operation: OperationDefinition,
	options: OutputOptions,
): IDataObject {
	let shaped = options.keepOyFormats ? record : normalizeFields(record, operation.fields);
	if (options.simplify) shaped = simplifyRecord(shaped, operation.fields);
	if (typeof shaped === 'object' && shaped !== null && !Array.isArray(shaped))
		return shaped as IDataObject;
	return { value: shaped as IDataObject[keyof IDataObject] };
}

/** What the classification adds to every item: our outcome and OY's own code and message. */
export function verdictOf(result: OyResult): IDataObject {
	const verdict: IDataObject = {
		outcome: result.outcome,
		final: result.final,
		code: result.code,
		message: result.message,
		meaning: result.meaning,
	};
	const advice = findOperation(result.operation)?.advice?.(result);
	if (advice ?? result.hint) verdict.hint = advice ?? result.hint;
	if (result.state !== undefined) verdict.state = result.state;
	if (result.resolvedBy) verdict.resolvedBy = result.resolvedBy;
	if (result.duplicate) verdict.duplicate = true;
	if (result.reusedId) {
		verdict.reusedId = true;
		verdict.originalCreatedAt = result.originalCreatedAt ?? null;
	}
	if (result.original) verdict.original = result.original;
	if (result.httpStatus !== null && (result.httpStatus < 200 || result.httpStatus >= 300)) {
		verdict.httpStatus = result.httpStatus;
	}
	return verdict;
}

/** Keys of OY's envelope, already carried by the item's `oy` verdict. */
const ENVELOPE_KEYS: Record<OperationDefinition['envelope'], readonly string[]> = {
	statusObject: ['status'],
	booleanStatus: ['status', 'message'],
	successError: ['success', 'status', 'error', 'reason', 'status_code'],
	bare: [],
};

/** The record without OY's envelope when the answer itself is the record (`status: {code, message}` …). */
function withoutEnvelope(record: unknown, operation: OperationDefinition): unknown {
	if (
		operation.recordPath ||
		typeof record !== 'object' ||
		record === null ||
		Array.isArray(record)
	)
		return record;
	const envelope = ENVELOPE_KEYS[operation.envelope];
	const source = record as Record<string, unknown>;
	// Built without the envelope's keys rather than copied and then `delete`d: a deleted key turns
	// the copy into a slow object for everything after it (shaping, n8n's copies of the item).
	const copy: Record<string, unknown> = {};
	for (const key of Object.keys(source)) {
		const value = source[key];
		// a `status` that is the record's own state (a link's "created") stays
		if (envelope.includes(key) && !(key === 'status' && typeof value === 'string')) continue;
		if (key === '__proto__')
			Object.defineProperty(copy, key, {
				value,
				enumerable: true,
				writable: true,
				configurable: true,
			});
		else copy[key] = value;
	}
	return copy;
}

export function resultToJson(
	result: OyResult,
	operation: OperationDefinition,
	options: OutputOptions,
): IDataObject {
	const [record] = recordsOf(operation, result.body);
	const shaped = shapeRecord(withoutEnvelope(record ?? {}, operation), operation, options);
	const verdict = verdictOf(result);
	// the state as the record now writes it (Payment Link Get: `created`, as Get Status writes it)
	if (!options.keepOyFormats && operation.fields?.lowerCase && typeof verdict.state === 'string') {
		verdict.state = verdict.state.toLowerCase();
	}
	return { outcome: result.outcome, ...shaped, oy: verdict };
}
