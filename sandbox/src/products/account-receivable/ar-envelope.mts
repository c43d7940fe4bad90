/**
 * The Account Receivable envelope: `{ data, error, status|success, reason, status_code }`. The flag
 * is `status` in the customer and create-invoice examples and `success` in the cancel, get, filter
 * and resend examples (OY API docs: Account Receivable); each endpoint answers as its own example does. Failures
 * follow "Default Failed Responses" (OY API docs: AR default failed response): `success: false`, `data: null`, the code and
 * message in `error`, and `status_code` equal to the HTTP status.
 */
import type { Answer, RefusalReason } from '../product.mjs';

export type Flag = 'status' | 'success';

export function arSuccess(data: unknown, flag: Flag): Answer {
	return { status: 200, body: { data, error: null, [flag]: true, reason: null, status_code: 200 } };
}

export class ArError extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly httpStatus = 400,
	) {
		super(message);
	}
}

export function arFailure(error: ArError): Answer {
	return {
		status: error.httpStatus,
		body: {
			success: false,
			error: { code: error.code, message: error.message },
			data: null,
			reason: error.message,
			status_code: error.httpStatus,
		},
	};
}

/** "Response Code" table of Account Receivable (OY API docs: Account Receivable response codes), plus the few checks it has no line for. */
export const AR_ERRORS = {
	txNotFound: () => new ArError('204', 'Tx Id is not found', 404),
	belowThreshold: () => new ArError('210', 'Billed invoice less than threshold : Rp 10000'),
	notCancellable: () => new ArError('223', 'Invoice status not eligible to cancel'),
	emailInvalid: () => new ArError('247', 'Email is not valid'),
	phoneInvalid: () => new ArError('247', 'Phone number is not valid'),
	paymentConfigurationMissing: () => new ArError('400', "Payment configuration can't be null"),
	invoiceDateMissing: () => new ArError('400', "Invoice date can't be null or empty"),
	invoiceDateInPast: () => new ArError('400', 'Invoice date is less than today'),
	customerIdMissing: () => new ArError('400', "Customer id can't be null or empty"),
	customerNotFound: () => new ArError('400', 'Customer ID Not Found'),
	dueDateMissing: () => new ArError('400', "Due date can't be null or empty"),
	dueDateBeforeInvoiceDate: () => new ArError('400', "Due date can't before invoice date"),
	expirationInvalid: () => new ArError('400', 'Invalid expired Date time'),
	customerInactive: () => new ArError('400', 'User is not active'),
	negativePrice: () => new ArError('400', 'Please fix negative price in invoice items'),
	tooManyAttachments: () => new ArError('400', 'Attachments maximum is 4 item'),
	taxTypeInvalid: () => new ArError('400', 'Tax type value is invalid'),
	taxTypeMissing: () => new ArError('400', 'Invalid tax type input'),
	pphTaxInvalid: () => new ArError('400', 'Pph tax type value is invalid'),
	pphTaxMissing: () => new ArError('400', "Pph tax can't be null"),
	tooManyEmails: () => new ArError('400', 'Email address limit is 6'),
	nameMissing: () => new ArError('400', 'Name cannot be null or empty'),
	expirationBeforeInvoice: () => new ArError('901', 'Expiration date exceed invoice time'),
	// Not in the table; worded by the sandbox.
	badRequest: (message: string) => new ArError('400', message),
} as const;

/** Refusals: the family's HTTP 403 (OY API docs: Fund Acceptance HTTP status codes) with Fund Acceptance's messages, in the failure envelope. */
export function refuseAr(reason: RefusalReason): Answer {
	switch (reason) {
		case 'unknown-user':
			return arFailure(new ArError('403', 'Username is not found', 403));
		case 'wrong-key':
			return arFailure(new ArError('403', 'Invalid API Key', 403));
		case 'malformed-body':
			return arFailure(AR_ERRORS.badRequest('Request body is not valid JSON'));
		case 'too-many-requests':
			return arFailure(new ArError('429', 'Too Many Request', 429));
	}
}
