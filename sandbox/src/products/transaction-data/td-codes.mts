/**
 * The "List of Response Codes" tables of API Transactions Data (OY API docs: API Transactions Data). Codes 101 and 102
 * carry the examples' wording where an example uses them; 102 and 103 appear only in examples.
 */
export const TD_CODES = {
	success: ['000', 'Success'],
	bankAccountNotFound: ['101', 'Bank account not found'],
	registrationInProgress: ['102', 'Request is In progress'],
	preparingData: ['102', 'Preparing data'],
	dataReady: ['103', 'Data ready for retrieval'],
	bankAccountNumberNotFound: ['209', 'Bank account number is not found'],
	bankCodeNotAvailable: ['211', 'Bank code is not available for this service'],
	invalidTemporaryToken: ['237', 'Temporary token is invalid'],
	invalidPermanentToken: ['238', 'Invalid permanent token'],
	statementNotFound: ['239', 'Account statement is not found'],
	bankLoginFailed: ['240', 'Failed when trying to login to internet banking'],
	startDateUnavailable: ['242', 'Start date tx data unavailable'],
	invalidPartnerUserId: ['244', 'Invalid partner user id'],
	failed: ['300', 'Failed'],
	invalidParameter: ['990', 'Invalid object or parameter'],
} as const satisfies Record<string, readonly [string, string]>;

export type TdCode = (typeof TD_CODES)[keyof typeof TD_CODES];

/** How a statement can fail at the bank, by the codes Get Account Statement lists (OY API docs: API Transactions Data › Get Account Statement › list of response codes). */
export const STATEMENT_FAILURES: ReadonlyMap<string, TdCode> = new Map<string, TdCode>([
	['209', TD_CODES.bankAccountNumberNotFound],
	['240', TD_CODES.bankLoginFailed],
	['300', TD_CODES.failed],
]);
