/** "List of Status Codes" of the E-Wallet Aggregator (OY API docs: E-Wallet response codes); 000 as the examples word it. */
export const EWALLET_MESSAGES = {
	'000': 'Success',
	'990': 'Request is Rejected (Parameter is invalid)',
	'202': 'Request is Rejected (User is not active/registered for this feature)',
	'203': 'Request is Rejected (Duplicate Partner Trx ID)',
	'204': 'Request is Rejected (Partner Trx ID not found)',
	'206': 'Request is Rejected (Balance is not enough)',
	'208': 'Request is Rejected (API Key is not Valid)',
	'248': 'Request is Rejected (Ewallet/Vendor Server Error)',
	'250': 'Request is Rejected (EWallet code is not available)',
	'251': 'Request is rejected (EWallet code is disabled)',
	'252': 'Request is rejected (Creation/Check Status/Refund request failed)',
	'253': 'Request is Rejected (Partner credential not found or invalid on e-wallet server)',
	'254': 'Request is Rejected (User credential not found, blocked, or invalid)',
	'255': 'Request is Rejected (Refund ID is not found)',
	'999': 'Internal Server Error',
} as const;

export type EwalletResponseCode = keyof typeof EWALLET_MESSAGES;
