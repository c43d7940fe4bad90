import { isRecord, nonBlankText } from './json';
import type { OyResponse } from './transport';
import type { OperationDefinition } from './types';

/**
 * `{success, error, data, reason, status_code}`: how OY! clients read some answers that the docs
 * show bare (see `OperationDefinition.clientShape`).
 */
export function isSuccessDataEnvelope(
	body: unknown,
): body is Record<string, unknown> & { success: boolean } {
	return (
		isRecord(body) &&
		typeof body.success === 'boolean' &&
		'data' in body &&
		('status_code' in body || 'reason' in body || 'error' in body)
	);
}

/**
 * The answer in the shape OY's docs show, whichever of the known shapes OY! used: a successful
 * envelope becomes its record, a failed one the product's `{status: false, message}` with the
 * envelope's `status_code` as HTTP status (when the HTTP status itself said nothing).
 */
export function asDocumented(operation: OperationDefinition, response: OyResponse): OyResponse {
	const body = response.body;
	if (!operation.clientShape || !isSuccessDataEnvelope(body)) return response;
	if (body.success && isRecord(body.data)) return { ...response, body: body.data };
	if (body.success) return response;
	const error = isRecord(body.error) ? nonBlankText(body.error.message) : nonBlankText(body.error);
	const message = nonBlankText(body.reason) ?? error ?? 'OY! did not accept the request';
	const statusCode =
		response.statusCode >= 200 &&
		response.statusCode < 300 &&
		typeof body.status_code === 'number' &&
		body.status_code >= 400
			? body.status_code
			: response.statusCode;
	return { ...response, statusCode, body: { status: false, message } };
}
