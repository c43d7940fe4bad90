/**
 * Most OY! products (inquiry, disbursement, balance, VA, and several in parts C/D) answer
 * `{ "status": { "code": "000", "message": "Success" }, ...fields }` with HTTP 200, failures included.
 */
import type { Answer, RefusalReason } from '../product.mjs';

export interface OyStatus {
	code: string;
	message: string;
}

export function status(code: string, message: string): OyStatus {
	return { code, message };
}

export function statusAnswer(
	code: string,
	message: string,
	fields: Record<string, unknown> = {},
	httpStatus = 200,
): Answer {
	return { status: httpStatus, body: { status: { code, message }, ...fields } };
}

/** The code and message a product's table gives for each refusal. */
export type RefusalTable = Record<RefusalReason, OyStatus>;

/** The wording shared by the disbursement, inquiry and balance tables. */
export const COMMON_REFUSALS: RefusalTable = {
	'unknown-user': status('201', 'Request is Rejected (User ID is not Found)'),
	'wrong-key': status('208', 'Request is Rejected (API Key is not Valid)'),
	'malformed-body': status('990', 'Request is Rejected (Invalid Format)'),
	'too-many-requests': status('429', 'Request Rejected (Too Many Request to specific endpoint)'),
};

export function refuseWith(table: RefusalTable, fields: Record<string, unknown> = {}) {
	return (reason: RefusalReason): Answer => {
		const { code, message } = table[reason];
		return statusAnswer(code, message, fields);
	};
}
