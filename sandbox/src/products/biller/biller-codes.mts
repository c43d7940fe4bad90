/** "API Biller Response Codes" (OY API docs: API Biller response codes, transaction outcome) and "API Biller Status" (OY API docs: API Biller transaction status, op 10 data.status). */

export type BillerCode = readonly [code: string, message: string];

export const BILLER_CODES = {
	success: ['000', 'Success'],
	inProgress: ['102', 'Request is In Progress'],
	failed: ['300', 'Transaction Failed'],
	customerNotFound: ['302', 'Customer ID Not Found'],
	productUnknown: ['303', 'Product Not Exist or Not Available'],
	invalidData: ['304', 'Invalid Data'],
	alreadyPaid: ['305', 'Customer ID Already Paid'],
	cutOff: ['306', 'System on the Cut-off Schedule'],
	billerError: ['307', 'Biller System Error'],
	pending: ['400', 'Transaction Pending'],
	/** The staging mock's pending: customer_id `3010000` calls back with 301 (OY API docs: API Biller staging mock values), not the table's 400. */
	mockedPending: ['301', 'Transaction Pending'],
	userNotFound: ['201', 'Request is Rejected (User ID is not Found)'],
	duplicatePartnerTxId: ['203', 'Request is Rejected (Duplicate Partner Tx ID)'],
	partnerTxIdNotFound: ['204', 'Request is Rejected (Partner Tx ID is Not Found)'],
	productUnavailable: [
		'205',
		'Request is Rejected (Biller product_id is not available at this moment)',
	],
	balanceNotEnough: ['206', 'Request is Rejected (Partner Deposit Balance is Not Enough)'],
	wrongKey: ['208', 'Request is Rejected (API Key is not Valid)'],
	invalidDenomination: ['210', 'Request is Rejected (Invalid denom amount request)'],
	duplicatePayment: ['223', 'Request is Rejected (Duplicate payment request)'],
	invalidParameter: ['290', 'Request is Rejected (Parameter / object is not valid)'],
	internalError: ['999', 'Internal Server Error'],
} as const satisfies Record<string, BillerCode>;

/** The final failures an inquiry can be mocked into: `<code>9` at the end of the customer_id (OY API docs: API Biller staging mock values). */
export const MOCKABLE_INQUIRY_FAILURES: ReadonlyMap<string, BillerCode> = new Map(
	[
		BILLER_CODES.failed,
		BILLER_CODES.customerNotFound,
		BILLER_CODES.productUnknown,
		BILLER_CODES.invalidData,
		BILLER_CODES.alreadyPaid,
		BILLER_CODES.cutOff,
		BILLER_CODES.billerError,
	].map((code) => [code[0], code]),
);

export type BillState = 'INQUIRY' | 'IN_PROGRESS' | 'PENDING' | 'SUCCESS' | 'FAILED';
