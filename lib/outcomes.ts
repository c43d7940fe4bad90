import { readPath } from './json';
import { readEnvelope } from './envelopes';
import { asDocumented } from './shapes';
import { classifyTransportFailure, describeTransportFailure, headerValue } from './transport';
import type { OyResponse } from './transport';
import type { CodeMeaning, CodeTable, OperationDefinition, Outcome } from './types';

/** The verdict on one answer (or on its absence). */
export interface Verdict {
	outcome: Outcome;
	/** OY's status code, as sent (string with leading zeros), when there was one */
	code: string | null;
	/** OY's own message, when there was one */
	message: string | null;
	/** our reading of the code or of what went wrong */
	meaning: string;
	hint?: string;
	httpStatus: number | null;
	/** nothing happened; the same request may be sent again after a pause */
	transient: boolean;
	/**
	 * where the verdict came from; `redirect`: a 3xx answer, never followed and never OY's verdict
	 * (sending again or asking again would meet the same redirect)
	 */
	source: 'body' | 'state' | 'http' | 'transport' | 'redirect';
	/** the state field's value when a state field decided */
	state?: string;
	/**
	 * OY! refused the request itself (who sent it, from where, in what form): sending the same
	 * request again gets the same answer, so it is not repeated.
	 */
	requestRefused?: boolean;
}

export function isFinal(outcome: Outcome): boolean {
	return outcome === 'success' || outcome === 'failed' || outcome === 'rejected';
}

/**
 * Code 203 of the products that take an idempotency key: OY! already has a transaction under the
 * key (`partner_trx_id`, or biller's `partner_tx_id`), so this request did nothing.
 */
export function idUsedBefore(
	verdict: 'Not created' | 'Not done' | 'Rejected',
	hint?: string,
	key = 'partner_trx_id',
): CodeMeaning {
	const meaning = `${verdict}: this ${key} was used before`;
	return hint ? { outcome: 'rejected', meaning, hint } : { outcome: 'rejected', meaning };
}

/** Code 203 of a create that the client resolves by reading the existing transaction. */
export const CREATE_ID_USED_BEFORE = idUsedBefore(
	'Not created',
	'The status of the existing transaction is checked automatically.',
);

/**
 * Codes that mean the same in every OY! product. A product table overrides them.
 * Sources: the response-code tables of each product in the OY API docs, e.g. Account Inquiry response codes, Fund Disbursement › Create Disbursement › response codes.
 */
export const COMMON_CODES: CodeTable = {
	'201': {
		outcome: 'rejected',
		meaning: 'OY! does not know this username',
		hint: 'Check the username in the credential and that it matches the environment.',
	},
	'202': {
		outcome: 'rejected',
		meaning: 'This OY! user or product is not active',
		hint: 'Ask OY! to activate the product for your account.',
	},
	'207': {
		outcome: 'rejected',
		meaning: 'The IP address the request came from is not whitelisted at OY!',
		hint: "Ask OY! to whitelist the IP address this n8n instance calls from (OY's docs: contact OY! for IP whitelisting).",
	},
	'208': {
		outcome: 'rejected',
		meaning: 'OY! rejected the API key',
		hint: 'Check the API key in the credential and that it matches the environment.',
	},
	'429': {
		outcome: 'rejected',
		meaning: 'Too many requests: OY! did not process this one',
		hint: 'Slow down; the request may be sent again after a pause.',
		transient: true,
	},
	'990': {
		outcome: 'rejected',
		meaning: 'OY! found a request parameter not valid',
		hint: "Read OY's message for the field and correct it.",
	},
	'999': {
		outcome: 'unknown',
		meaning: 'OY! had an internal error; the outcome is not known',
		hint: 'Check the status before doing anything else.',
	},
};

const HTTP_MEANINGS: Record<number, CodeMeaning> = {
	400: { outcome: 'rejected', meaning: 'OY! rejected the request as malformed (HTTP 400)' },
	401: {
		outcome: 'rejected',
		meaning: 'OY! did not accept the credentials (HTTP 401)',
		hint: 'Check the username and API key.',
	},
	403: {
		outcome: 'rejected',
		meaning:
			'OY! refused the request (HTTP 403): the IP address is not whitelisted, or the input looked unsafe',
		hint: "Ask OY! to whitelist the IP address this n8n instance calls from (OY's docs: contact OY! for IP whitelisting).",
	},
	404: {
		outcome: 'rejected',
		meaning: 'OY! does not know this address or record (HTTP 404)',
		hint: 'Check the id and the environment in the credential.',
	},
	405: { outcome: 'rejected', meaning: 'OY! does not allow this method here (HTTP 405)' },
	408: {
		outcome: 'rejected',
		meaning: 'OY! gave up waiting for the request (HTTP 408)',
		transient: true,
	},
	409: { outcome: 'rejected', meaning: 'OY! reported a conflict (HTTP 409)' },
	422: { outcome: 'rejected', meaning: 'OY! could not process the input (HTTP 422)' },
	429: {
		outcome: 'rejected',
		meaning: 'Too many requests (HTTP 429): OY! did not process this one',
		hint: 'Slow down; the request may be sent again after a pause.',
		transient: true,
	},
	504: {
		outcome: 'unknown',
		meaning: 'OY! timed out behind its gateway (HTTP 504); the outcome is not known',
		hint: 'Check the status with the same id before doing anything else.',
	},
};

function httpMeaning(status: number): CodeMeaning {
	const known = HTTP_MEANINGS[status];
	if (known) return known;
	if (status >= 500) {
		return {
			outcome: 'unknown',
			meaning: `OY! answered with a server error (HTTP ${status}); the outcome is not known`,
			hint: 'Check the status with the same id before doing anything else.',
		};
	}
	if (status >= 400)
		return { outcome: 'rejected', meaning: `OY! rejected the request (HTTP ${status})` };
	return { outcome: 'unknown', meaning: `OY! answered with an unexpected HTTP status ${status}` };
}

export function lookupCode(table: CodeTable, code: string): CodeMeaning | undefined {
	return Object.prototype.hasOwnProperty.call(table, code)
		? table[code]
		: Object.prototype.hasOwnProperty.call(COMMON_CODES, code)
			? COMMON_CODES[code]
			: undefined;
}

function verdict(
	meaning: CodeMeaning,
	extra: Pick<Verdict, 'code' | 'message' | 'httpStatus' | 'source'> & { state?: string },
): Verdict {
	const result: Verdict = {
		outcome: meaning.outcome,
		meaning: meaning.meaning,
		transient: meaning.transient === true,
		...extra,
	};
	if (meaning.hint) result.hint = meaning.hint;
	return result;
}

function classifyState(operation: OperationDefinition, body: unknown, base: Verdict): Verdict {
	const field = operation.stateField;
	if (!field || base.outcome !== 'success') return base;
	const found = readPath(body, field.path);
	// A boolean state (WhatsApp's `success_queued`) is looked up as TRUE / FALSE.
	const raw = typeof found === 'boolean' ? String(found).toUpperCase() : found;
	if (typeof raw !== 'string' && typeof raw !== 'number') {
		return {
			...base,
			outcome: 'unknown',
			meaning: `OY! answered without the transaction state (${field.path})`,
			hint: 'Check the status again later.',
			source: 'state',
		};
	}
	const state = String(raw);
	const meaning =
		lookupCode(field.values, state.toUpperCase()) ?? field.values[state] ?? field.otherwise;
	if (!meaning) {
		return {
			...base,
			outcome: 'unknown',
			meaning: `OY! reported a state this package does not know: ${field.path} = ${state}`,
			hint: 'Check the transaction in OY’s dashboard.',
			source: 'state',
			state,
		};
	}
	return verdict(meaning, {
		code: base.code,
		message: base.message,
		httpStatus: base.httpStatus,
		source: 'state',
		state,
	});
}

/** A read's answer that OY! has no such record: the only refusal a read reports as `rejected`. */
function saysAbsent(operation: OperationDefinition, verdict: Verdict): boolean {
	const absent = operation.absent;
	if (!absent) return false;
	if (verdict.code !== null)
		return verdict.source === 'body' && (absent.codes ?? []).includes(verdict.code);
	return absent.message !== undefined && absent.message.test(verdict.message ?? '');
}

/**
 * `rejected` promises that nothing exists. A read refused for who sent it, from where, how often or
 * in what form (201, 202, 207, 208, 429, 990 …, HTTP 4xx, a refused connection) learnt nothing about
 * the record asked for: its state is unknown ("Non-Final – Transaction Unknown", OY API docs: Fund Disbursement › Get Disbursement Status › response code).
 */
function aboutTheRecord(operation: OperationDefinition | undefined, verdict: Verdict): Verdict {
	if (operation?.safety !== 'read' || verdict.outcome !== 'rejected' || verdict.source === 'state')
		return verdict;
	if (saysAbsent(operation, verdict)) return verdict;
	const result: Verdict = {
		...verdict,
		outcome: 'unknown',
		meaning: `${verdict.meaning}: the request was refused, so the state of what was asked for is unknown`,
		hint: `${verdict.hint ? `${verdict.hint} ` : ''}Read it again once that is fixed; this answer does not mean that it does not exist.`,
	};
	if (!verdict.transient) result.requestRefused = true;
	return result;
}

/**
 * A 3xx answer: OY! calls never follow redirects (the API key would travel to the other address),
 * and whatever the redirecting answer says is not OY's verdict on the transaction.
 */
function redirectVerdict(response: OyResponse): Verdict {
	const location = headerValue(response.headers, 'location');
	const status = response.statusCode;
	return {
		outcome: 'unknown',
		meaning: `OY! answered with a redirect (HTTP ${status})${location ? ` to ${location}` : ''}; not followed`,
		hint: "Set the base URL to the API's own address (the one the redirect names, if you trust it). Where a create got this answer, check its status under the same id.",
		transient: false,
		source: 'redirect',
		code: null,
		message: null,
		httpStatus: status,
	};
}

/** Reads an answer of `operation` into one outcome. */
export function classifyResponse(operation: OperationDefinition, response: OyResponse): Verdict {
	return aboutTheRecord(operation, classifyAnswer(operation, asDocumented(operation, response)));
}

function classifyAnswer(operation: OperationDefinition, response: OyResponse): Verdict {
	const httpStatus = response.statusCode;
	if (httpStatus >= 300 && httpStatus < 400) return redirectVerdict(response);
	if (
		httpStatus >= 200 &&
		httpStatus < 300 &&
		typeof response.body === 'string' &&
		response.body.trim() !== ''
	) {
		// An HTML page (a gateway, a captive portal) or JSON cut off in the middle: not OY's answer.
		return {
			outcome: 'unknown',
			meaning: `OY! answered HTTP ${httpStatus} with something that is not JSON (an HTML page or a cut-off answer); the outcome is not known`,
			hint: 'Check the status with the same id before doing anything else.',
			transient: false,
			source: 'http',
			code: null,
			message: null,
			httpStatus,
		};
	}
	const reading = readEnvelope(operation.envelope, response.body);
	const common = { code: reading.code ?? null, message: reading.message ?? null, httpStatus };

	if (reading.code !== undefined) {
		const meaning = lookupCode(operation.codes, reading.code);
		if (meaning) {
			const base = verdict(meaning, { ...common, source: 'body' });
			// A documented body code on a failed HTTP status is still OY's verdict,
			// except that a 5xx may hide a committed transaction.
			if (httpStatus >= 500 && base.outcome !== 'unknown') {
				return verdict(httpMeaning(httpStatus), { ...common, source: 'http' });
			}
			return classifyState(operation, response.body, base);
		}
		if (httpStatus >= 400) return verdict(httpMeaning(httpStatus), { ...common, source: 'http' });
		return {
			outcome: 'unknown',
			meaning: `OY! answered with code ${reading.code}, which its documentation does not list for this operation`,
			hint: "Read OY's message; check the status before doing anything else.",
			transient: false,
			source: 'body',
			...common,
		};
	}

	if (httpStatus < 200 || httpStatus >= 300) {
		return verdict(httpMeaning(httpStatus), { ...common, source: 'http' });
	}
	if (reading.ok === false) {
		return {
			outcome: 'rejected',
			meaning: 'OY! did not accept the request',
			hint: "Read OY's message for the reason.",
			transient: false,
			source: 'body',
			...common,
		};
	}
	if (reading.ok === undefined && operation.envelope !== 'bare') {
		return {
			outcome: 'unknown',
			meaning: 'OY! answered without a status',
			hint: 'Check the status before doing anything else.',
			transient: false,
			source: 'body',
			...common,
		};
	}
	const base: Verdict = {
		outcome: 'success',
		meaning: 'OY! accepted the request',
		transient: false,
		source: 'body',
		...common,
	};
	return classifyState(operation, response.body, base);
}

/** The verdict when no answer arrived. */
export function classifyTransportError(error: unknown, operation?: OperationDefinition): Verdict {
	const kind = classifyTransportFailure(error);
	const meaning = describeTransportFailure(error);
	if (kind === 'notSent') {
		return aboutTheRecord(operation, {
			outcome: 'rejected',
			meaning,
			hint: 'Check the base URL and the network; the request may be sent again.',
			transient: true,
			source: 'transport',
			code: null,
			message: null,
			httpStatus: null,
		});
	}
	return {
		outcome: 'unknown',
		meaning: `${meaning}; the outcome is not known`,
		hint: 'Check the status with the same id before doing anything else.',
		transient: false,
		source: 'transport',
		code: null,
		message: null,
		httpStatus: null,
	};
}
