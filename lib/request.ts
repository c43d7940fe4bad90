import type { OyRequest } from './transport';
import type { OperationDefinition } from './types';

export const DEFAULT_TIMEOUT_MS = 30_000;

function queryValue(value: unknown): string {
	if (Array.isArray(value)) return value.join(',');
	return String(value);
}

/** Turns a validated input into the HTTP request OY! expects. */
export function buildRequest(
	operation: OperationDefinition,
	input: Record<string, unknown>,
	defaultTimeoutMs = DEFAULT_TIMEOUT_MS,
): OyRequest {
	let path = operation.path;
	const query: Record<string, string> = {};
	const body: Record<string, unknown> = {};
	for (const parameter of operation.params) {
		const topLevel = parameter.name.split('.')[0];
		if (parameter.in === 'client' || !(topLevel in input)) continue;
		const value = input[topLevel];
		if (parameter.in === 'path') {
			path = path.replace(`{${parameter.name}}`, encodeURIComponent(String(value)));
		} else if (parameter.in === 'query') {
			query[parameter.name] = queryValue(value);
		} else {
			body[topLevel] = value;
		}
	}
	const hasBody = operation.method !== 'GET' || operation.bodyWithGet === true;
	const headers: Record<string, string> = { Accept: 'application/json' };
	if (hasBody) headers['Content-Type'] = 'application/json';
	let timeoutMs = defaultTimeoutMs;
	if (operation.timeoutSeconds !== undefined) {
		// OY! lets partners say how long they wait; it then answers within that time.
		headers.Timeout = String(operation.timeoutSeconds);
		timeoutMs = Math.max(defaultTimeoutMs, (operation.timeoutSeconds + 5) * 1000);
	}
	const request: OyRequest = { method: operation.method, path, headers, timeoutMs };
	if (Object.keys(query).length > 0) request.query = query;
	if (hasBody && (operation.method !== 'DELETE' || Object.keys(body).length > 0))
		request.body = body;
	return request;
}
