import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { clientAddress, isAllowed } from '../../lib/callbacks';
import { DOCUMENTED_MAX_DEPTH, jsonDepth, MAX_JSON_DEPTH, valueDepth } from './depth';
import type { TriggerSettings } from './settings';

/** A refusal: the HTTP status to answer, a reason safe to show the caller, and details for the log. */
export interface Refusal {
	status: number;
	reason: string;
	detail?: string;
}

function digest(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}

/** Compares in constant time: equal-length digests, so neither content nor length leaks. */
export function tokensMatch(given: unknown, expected: string): boolean {
	return typeof given === 'string' && timingSafeEqual(digest(given), digest(expected));
}

/** The source address and the token, before anything else is read. */
export function checkCaller(
	context: IWebhookFunctions,
	settings: TriggerSettings,
): Refusal | undefined {
	if (settings.allowList.length > 0) {
		const request = context.getRequestObject();
		const source = clientAddress({
			peer: request.socket?.remoteAddress,
			forwardedFor: context.getHeaderData()['x-forwarded-for'] as string | string[] | undefined,
			trustForwardedFor: settings.trustForwardedFor,
			proxyHops: settings.proxyHops,
		});
		if ('problem' in source)
			return { status: 403, reason: 'Source address not allowed', detail: source.problem };
		if (!isAllowed(source.address, settings.allowList)) {
			return {
				status: 403,
				reason: 'Source address not allowed',
				detail: `the call came from ${source.address}`,
			};
		}
	}
	if (
		settings.token !== '' &&
		!tokensMatch((context.getQueryData() as IDataObject).token, settings.token)
	) {
		return { status: 401, reason: 'Missing or wrong callback token' };
	}
	return undefined;
}

/** The raw bytes n8n kept of the request (n8n 1.x and 2.x keep them for webhooks). */
function rawBodyOf(context: IWebhookFunctions): Buffer | undefined {
	const raw = (context.getRequestObject() as { rawBody?: unknown }).rawBody;
	return Buffer.isBuffer(raw) ? raw : undefined;
}

/** The callback's JSON object, read from the raw bytes when n8n kept them, within the size limit. */
export function readJsonBody(
	context: IWebhookFunctions,
	maxBytes: number,
): { body: IDataObject } | Refusal {
	const raw = rawBodyOf(context);
	const declared = Number(context.getHeaderData()['content-length']);
	const size = raw ? raw.length : Number.isFinite(declared) ? declared : 0;
	if (size > maxBytes) {
		return {
			status: 413,
			reason: 'Body too large',
			detail: `${size} bytes, the limit is ${maxBytes}`,
		};
	}
	const depth = raw
		? jsonDepth(raw, MAX_JSON_DEPTH)
		: valueDepth(context.getBodyData(), MAX_JSON_DEPTH);
	if (depth > MAX_JSON_DEPTH) {
		return {
			status: 400,
			reason: 'Body is nested deeper than any OY! callback',
			detail: `more than ${MAX_JSON_DEPTH} levels of objects and arrays; OY's callbacks nest at most ${DOCUMENTED_MAX_DEPTH}`,
		};
	}
	let body: unknown;
	if (raw) {
		try {
			body = JSON.parse(raw.toString('utf8'));
		} catch (error) {
			return { status: 400, reason: 'Body is not valid JSON', detail: (error as Error).message };
		}
	} else {
		body = context.getBodyData();
	}
	if (
		typeof body !== 'object' ||
		body === null ||
		Array.isArray(body) ||
		Object.keys(body).length === 0
	) {
		return { status: 400, reason: 'Body is not a JSON object' };
	}
	return { body: body as IDataObject };
}
