/**
 * Payment Routing's reference tables (OY API docs: List of Allowed Payment Methods and SOF, Payment Routing status): allowed methods and
 * sources of fund, expiration windows, staging mock recipients, statuses and response codes.
 */

export type PaymentMethod = 'BANK_TRANSFER' | 'QRIS' | 'EWALLET' | 'CARDS';

const BANKS = ['002', '008', '009', '011', '014', '016', '022', '213', '451', '484'];

/** "If need_frontend: true" (OY API docs: Payment Routing: allowed payment methods and SOF with need_frontend: true). */
export const SOF_WITH_FRONTEND: Readonly<Record<PaymentMethod, readonly string[]>> = {
	BANK_TRANSFER: BANKS,
	QRIS: ['QRIS'],
	EWALLET: ['dana_ewallet', 'ovo_ewallet', 'shopeepay_ewallet', 'linkaja_ewallet'],
	CARDS: ['CC_DC'],
};

/** "If need_frontend: false": one method and one SOF, no OVO (OY API docs: Payment Routing: allowed payment methods and SOF with need_frontend: false). */
export const SOF_WITHOUT_FRONTEND: Readonly<Record<PaymentMethod, readonly string[]>> = {
	...SOF_WITH_FRONTEND,
	EWALLET: ['dana_ewallet', 'shopeepay_ewallet', 'linkaja_ewallet'],
};

export const PAYMENT_METHODS = Object.keys(SOF_WITH_FRONTEND) as PaymentMethod[];

/** VA banks that need `sender_email` and `full_name` (OY API docs: Payment Routing › Create and Update Payment Routing › request parameters; 013 is named but not an allowed SOF). */
export const BANKS_NEEDING_CONTACT = new Set(['008', '013', '022']);

export const BCA = '014';
export const MAX_RECIPIENTS = 10;
export const MIN_AMOUNT = 10_000;
export const MIN_AMOUNT_BCA_UNIQUE_CODE = 11_000;
export const MIN_AMOUNT_CARDS = 15_000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * "Transaction Expiration Time Guidelines" (OY API docs: Payment Routing: transaction expiration rules). `fixed` windows ignore the
 * requested time; `latestWibMinute` is the 20:30 (UTC+7) cap of BCA unique code.
 */
export interface ExpiryRule {
	defaultMs: number;
	minMs: number;
	maxMs: number;
	fixed: boolean;
	latestWibMinute?: number;
	message: string;
}

const expiryMessage = (rule: string) =>
	`Request is rejected (Format expiration is yyyy-MM-dd HH:mm:ss${rule})`;

export const EXPIRY_RULES = {
	general: {
		defaultMs: 24 * HOUR,
		minMs: HOUR,
		maxMs: Infinity,
		fixed: false,
		message: expiryMessage(' and must be greater than 1 hour'),
	},
	qris: {
		defaultMs: 30 * MINUTE,
		minMs: MINUTE,
		maxMs: HOUR,
		fixed: false,
		message: expiryMessage(' and must be between 1 minute and 1 hour'),
	},
	eWallet: {
		defaultMs: 60 * MINUTE,
		minMs: MINUTE,
		maxMs: 60 * MINUTE,
		fixed: false,
		message: expiryMessage(' and must be within valid interval for each e-wallet type'),
	},
	linkAja: { defaultMs: 5 * MINUTE, minMs: 0, maxMs: Infinity, fixed: true, message: '' },
	directPayment: { defaultMs: 30 * MINUTE, minMs: 0, maxMs: Infinity, fixed: true, message: '' },
	cards: { defaultMs: 60 * MINUTE, minMs: 0, maxMs: Infinity, fixed: true, message: '' },
	bcaUniqueCode: {
		defaultMs: 3 * HOUR,
		minMs: MINUTE,
		maxMs: 3 * HOUR,
		fixed: false,
		latestWibMinute: 20 * 60 + 30,
		message: expiryMessage(', must be between 1 minute and 3 hours and not exceed 20:30:00'),
	},
} satisfies Record<string, ExpiryRule>;

/** "List of Disbursement Mock Account for Testing Purpose" (OY API docs: Payment Routing: staging mock recipient accounts). */
export const MOCK_RECIPIENT_OUTCOMES: ReadonlyMap<string, PayoutStatus> = new Map([
	['1234567890', 'SUCCESS'],
	['1234567891', 'FAILED'],
	['1234567892', 'FAILED_FORCE_CREDIT'],
	['1234567893', 'PENDING'],
	['1234567894', 'PENDING_FORCE_CREDIT'],
]);

/** "List of Payment Routing Status" (OY API docs: Payment Routing status). */
export type RoutingStatus =
	| 'CREATED'
	| 'WAITING_PAYMENT'
	| 'PAYMENT_IN_PROGRESS'
	| 'DISBURSE_IN_PROGRESS'
	| 'COMPLETE'
	| 'INCOMPLETE'
	| 'EXPIRED'
	| 'PAYMENT_FAILED';

/** "List of Disbursement Status" (OY API docs: List of Disbursement Status). */
export type PayoutStatus =
	| 'WAITING'
	| 'IN_PROGRESS'
	| 'PENDING'
	| 'PENDING_FORCE_CREDIT'
	| 'SUCCESS'
	| 'CANCEL'
	| 'FAILED'
	| 'FAILED_FORCE_CREDIT';

export const PAYOUT_OUTCOMES: readonly PayoutStatus[] = [
	'SUCCESS',
	'FAILED',
	'FAILED_FORCE_CREDIT',
	'PENDING',
	'PENDING_FORCE_CREDIT',
];

export function isPayoutFailed(status: PayoutStatus): boolean {
	return status === 'FAILED' || status === 'FAILED_FORCE_CREDIT';
}

export function isPayoutUnsettled(status: PayoutStatus): boolean {
	return status === 'IN_PROGRESS' || status === 'PENDING' || status === 'PENDING_FORCE_CREDIT';
}

/** "Payment Routing Response Codes" (OY API docs: Payment Routing response codes, status.code), worded as the table does. */
export const ROUTING_CODES = {
	success: ['000', 'Success'],
	amountInvalid: ['400', 'Request is rejected (Amount is not valid)'],
	amountEmpty: ['400', 'Request is rejected (Amount is empty)'],
	invalidMethods: ['400', 'Request is rejected (Invalid list payment method)'],
	invalidSof: ['400', 'Request is rejected (Invalid list source of fund)'],
	successRedirectEmpty: ['400', 'Request is rejected (Success redirect url is empty)'],
	failedRedirectEmpty: ['400', 'Request is rejected (Failed redirect url is empty)'],
	reusableVaUnsupported: [
		'400',
		'Request is rejected (Reusable VA is not supported for the requested SOF)',
	],
	linkedAccountUnsupported: [
		'400',
		'Request is rejected (Transaction using linked account is not supported for the requested SOF)',
	],
	invalidConfig: ['400', 'Request is rejected (Invalid config product disburse or acceptance)'],
	invalidPartnerUserId: ['400', 'Request is rejected (Invalid partner user id)'],
	tooManyRequests: ['429', 'Request Rejected (Too Many Request to specific endpoint)'],
	duplicate: ['203', 'Request is rejected (Duplicate Partner Tx Id)'],
	notFoundOnDeactivation: [
		'204',
		'Request is Rejected (Partner Trx ID not found on deactivation request)',
	],
	invalidEmail: ['247', 'Request is rejected (Email is not valid)'],
	credentialsOnDeactivation: [
		'254',
		'Request is Rejected (User credential not found, blocked, or invalid on deactivation request)',
	],
	deactivationFailed: ['300', 'Request is rejected (Deactivation request failed)'],
	generalError: ['901', 'General Error'],
} as const satisfies Record<string, readonly [string, string]>;

export type RoutingCode = readonly [code: string, message: string];
