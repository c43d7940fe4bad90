import { isRecord, nonBlankText } from './json';
import type { EnvelopeKind } from './types';

/** What an answer's envelope says, before any product table is consulted. */
export interface EnvelopeReading {
	/** OY's status code as a string with its leading zeros ("000"), when the answer has one */
	code?: string;
	message?: string;
	/** a boolean verdict, for envelopes that carry one */
	ok?: boolean;
}

/** OY! sends codes as strings with leading zeros; tolerate a number (0 → "000"). */
export function normalizeCode(code: unknown): string | undefined {
	if (typeof code === 'string' && code.trim() !== '') return code.trim();
	if (typeof code === 'number' && Number.isInteger(code) && code >= 0) {
		return String(code).padStart(3, '0');
	}
	return undefined;
}

export function readEnvelope(kind: EnvelopeKind, body: unknown): EnvelopeReading {
	if (!isRecord(body)) return {};
	switch (kind) {
		case 'statusObject': {
			const status = body.status;
			if (isRecord(status)) {
				return { code: normalizeCode(status.code), message: nonBlankText(status.message) };
			}
			// Some products answer errors in the other shape even where the docs show this one.
			return readEnvelope('successError', body);
		}
		case 'booleanStatus': {
			const reading: EnvelopeReading = { message: nonBlankText(body.message) };
			if (typeof body.status === 'boolean') reading.ok = body.status;
			else if (typeof body.success === 'boolean') reading.ok = body.success;
			if (isRecord(body.status)) {
				reading.code = normalizeCode(body.status.code);
				reading.message = nonBlankText(body.status.message) ?? reading.message;
			}
			return reading;
		}
		case 'successError': {
			const reading: EnvelopeReading = {};
			if (typeof body.success === 'boolean') reading.ok = body.success;
			else if (typeof body.status === 'boolean') reading.ok = body.status;
			const error = body.error;
			if (isRecord(error)) {
				reading.code = normalizeCode(error.code);
				reading.message = nonBlankText(error.message);
			}
			if (isRecord(body.status)) {
				reading.code = reading.code ?? normalizeCode(body.status.code);
				reading.message = reading.message ?? nonBlankText(body.status.message);
			}
			// AR documents a top-level `code` and `message` beside `error` (OY API docs: Account Receivable response codes).
			reading.code = reading.code ?? normalizeCode(body.code);
			if (reading.code === undefined && reading.ok === false) {
				reading.code = normalizeCode(body.status_code);
			}
			reading.message = reading.message ?? nonBlankText(body.reason) ?? nonBlankText(body.message);
			return reading;
		}
		case 'bare':
			if (isRecord(body.status)) return readEnvelope('statusObject', body);
			// The record itself, unless OY! answered `{ status: false, message }` (e.g. not found).
			if (typeof body.status === 'boolean')
				return { ok: body.status, message: nonBlankText(body.message) };
			return {};
	}
}
