import type { HttpMethod } from './types';

/** One HTTP request to OY!, independent of the library that sends it. */
export interface OyRequest {
	method: HttpMethod;
	/** path below the base URL, already filled in and encoded: `/api/static-virtual-account/abc` */
	path: string;
	query?: Record<string, string>;
	body?: Record<string, unknown>;
	headers: Record<string, string>;
	/** how long to wait for the whole answer */
	timeoutMs: number;
}

export interface OyResponse {
	statusCode: number;
	/** parsed JSON, or the raw text when the answer was not JSON */
	body: unknown;
	headers?: Record<string, string | string[] | undefined>;
}

/** One header of an answer, whatever the case of its name (the first value of a repeated one). */
export function headerValue(headers: OyResponse['headers'], name: string): string | undefined {
	if (!headers) return undefined;
	// read for every answer (Retry-After): no list of entries, and only same-length keys lower-cased
	for (const key of Object.keys(headers)) {
		if (key.length !== name.length || key.toLowerCase() !== name) continue;
		const value = headers[key];
		return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

/**
 * Sends a request and resolves with OY's answer whatever its HTTP status.
 * Rejects only when no answer arrived (refused, timed out, dropped).
 */
export type Send = (request: OyRequest) => Promise<OyResponse>;

export type Sleep = (milliseconds: number) => Promise<void>;

/**
 * - notSent: the request never reached OY! (connection refused, name not resolved)
 * - timedOut: no answer in time; OY! may have acted on it
 * - dropped: the connection died mid-way; OY! may have acted on it
 */
export type TransportFailureKind = 'notSent' | 'timedOut' | 'dropped';

const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_INVALID_URL',
	'CERT_HAS_EXPIRED',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const TIMED_OUT_CODES = new Set([
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ECONNABORTED',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
	'ERR_REQUEST_TIMEOUT',
]);

function errorCodes(error: unknown): string[] {
	const codes: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
		const candidate = current as { code?: unknown; errno?: unknown; cause?: unknown };
		if (typeof candidate.code === 'string') codes.push(candidate.code);
		if (typeof candidate.errno === 'string') codes.push(candidate.errno);
		current = candidate.cause;
	}
	return codes;
}

function errorText(error: unknown): string {
	if (error instanceof Error) {
		const cause = (error as { cause?: unknown }).cause;
		return `${error.message} ${cause instanceof Error ? cause.message : ''}`.toLowerCase();
	}
	return String(error).toLowerCase();
}

/** Names what went wrong when a request got no answer; anything unclear counts as dropped. */
export function classifyTransportFailure(error: unknown): TransportFailureKind {
	const codes = errorCodes(error);
	if (codes.some((code) => NOT_SENT_CODES.has(code))) return 'notSent';
	if (codes.some((code) => TIMED_OUT_CODES.has(code))) return 'timedOut';
	const message = errorText(error);
	if (message.includes('timeout') || message.includes('timed out')) return 'timedOut';
	if (message.includes('econnrefused')) return 'notSent';
	return 'dropped';
}

/** A short description of a transport error that never contains headers or bodies. */
export function describeTransportFailure(error: unknown): string {
	const code = errorCodes(error)[0];
	const kind = classifyTransportFailure(error);
	const what =
		kind === 'notSent'
			? 'The request did not reach OY!'
			: kind === 'timedOut'
				? 'OY! did not answer in time'
				: 'The connection to OY! broke before an answer arrived';
	return code ? `${what} (${code})` : what;
}
