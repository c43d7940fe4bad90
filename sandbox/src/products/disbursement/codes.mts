/** Disbursement response codes and messages as OY!'s tables word them (OY API docs: Fund Disbursement › Create Disbursement › response codes, Fund Disbursement › Disbursement Callback, Fund Disbursement › Get Disbursement Status, Disbursement Failed Reasons). */

/** "Response Code: API Create Disbursement" (OY API docs: Fund Disbursement › Create Disbursement › response codes). */
export const CREATE_MESSAGES: Readonly<Record<string, string>> = {
	'101': 'Request is Processed',
	'201': 'Request is Rejected (User ID is not Found)',
	'202': 'Request is Rejected (User ID is not Active)',
	'203': 'Request is Rejected (Duplicate Partner Tx ID)',
	'205': 'Request is Rejected (Beneficiary Bank Code is Not Supported)',
	'207': 'Request is Rejected (Request IP Address is not Registered)',
	'208': 'Request is Rejected (API Key is not Valid)',
	'209': 'Request is Rejected (Bank Account is not found)',
	'210': 'Request is Rejected (Amount is not valid)',
	'257': 'Request is Rejected (Disbursement with the same Partner Tx ID is still in process)',
	'264': 'Request is rejected (The suggested routing from the partner is not valid)',
	'300': 'Failed',
	'301': 'Pending',
	'429': 'Request Rejected (Too Many Request to specific endpoint)',
	'504': 'Disbursement Submission Timed Out',
	'990': 'Request is Rejected (Invalid Format)',
	'999': 'Internal Server Error',
};

/**
 * The codes the staging mock rule can force: the table's Final codes (OY API docs: Mock Data in Demo Environment: "replicate final
 * error response codes"). 301, 504 and 999 are non-final, so `3010000` is an ordinary account.
 */
export const MOCKABLE_CREATE_CODES: ReadonlySet<string> = new Set([
	'201',
	'202',
	'203',
	'205',
	'207',
	'208',
	'209',
	'210',
	'257',
	'264',
	'300',
	'429',
	'990',
]);

/** "Response Code: API Get Disbursement Status" (OY API docs: Fund Disbursement › Get Disbursement Status), worded as the examples do where they exist. */
export const STATUS_MESSAGES: Readonly<Record<string, string>> = {
	'000': 'Success',
	'101': 'Request is Processed',
	'102': 'Request is In Progress',
	'204': 'Transaction do not exist (Partner Tx ID is Not Found)',
	'206': 'Transaction is failed (partner deposit balance is not enough)',
	'225': 'Transaction is failed (Transaction amount exceeds the maximum limit)',
	'300': 'Failed',
	'301': 'Pending',
	'990': 'Request is Rejected (Invalid Format)',
};

/** The callback only carries these (OY API docs: Fund Disbursement › Disbursement Callback); a status-only failure such as 206 is called back as 300. */
export const CALLBACK_CODES: ReadonlySet<string> = new Set(['000', '300', '301']);

export const FINAL_CODES: ReadonlySet<string> = new Set(['000', '206', '225', '300']);

/** Failed reasons for `tx_status_description` (OY API docs: Disbursement Failed Reasons). */
export const FAILED_REASONS = {
	blocked:
		'Account is blocked. Please create a new transaction with a different recipient account number.',
	'limit-exceeded':
		'Account has exceeded the maximum amount for receiving money. Please contact the account owner.',
	inactive:
		'Account is no longer active. Please create a new transaction with a different recipient account number.',
	'not-found':
		'Account not found. Please create a new transaction with a different recipient account number.',
	maintenance:
		'The bank/e-wallet provider system is under maintenance. Please try again in a moment.',
	'bank-error':
		'The bank/e-wallet system encounters an error while disbursing the money. Try again in a moment.',
	'system-error':
		'System encounters an error while disbursing the money. Please try again in a moment.',
	'over-limit':
		'Your transaction exceeds the maximum limit amount. Please adjust the amount and try again.',
	'insufficient-balance': 'Not enough balance to disburse the money, please top up your balance.',
} as const;
