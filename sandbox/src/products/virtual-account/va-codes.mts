/** "VA Aggregator Response Codes" (OY API docs: VA Aggregator response codes). Several codes carry more than one message. */
export const VA_CODES = {
	success: ['000', 'Success'],
	duplicatePartnerTrxId: ['203', 'Request is Rejected (Duplicate partner tx id)'],
	bankNotAvailable: ['211', 'Request is Rejected (Bank code is not available for this service)'],
	amountTooLow: [
		'212',
		'Request is Rejected (Given amount are lesser than allowed value for static VA)',
	],
	amountTypeNotSupported: [
		'214',
		'Request is Rejected (Amount type is not supported for the requested bank code)',
	],
	idEmpty: ['216', 'Request is Rejected (VA id is empty)'],
	stillActive: ['217', 'Request is Rejected (VA number is still active for this partner user id)'],
	trxExpiryExceedsVa: [
		'226',
		'Request is rejected (Transaction expiry time exceeds VA expiry time)',
	],
	minimumExpiry: [
		'245',
		'Request is rejected (Minimum expiry time is 10 minutes for VA CIMB and Permata)',
	],
	updateFailed: ['246', 'Request is rejected (Failed update VA)'],
	suffixInvalid: ['260', 'Request is rejected (Given VA suffix is invalid)'],
	nameAndEmailRequired: ['990', 'Request is Rejected (Field full_name and email is required)'],
	nameOrEmailInvalid: ['990', 'Request is Rejected (Field full_name/email is invalid)'],
	invalidFormat: ['990', 'Request is Rejected (Invalid Format)'],
} as const satisfies Record<string, readonly [string, string]>;

export type VaCode = (typeof VA_CODES)[keyof typeof VA_CODES];
