export type EWalletRefundSupport = 'none' | 'full' | 'fullAndPartial';

/**
 * The issuers of the E-Wallet Aggregator and their rules, OY API docs: E-Wallet details ("E-Wallet Details"),
 * with the conditional parameters of Create E-Wallet Transaction, OY API docs: API E-Wallet Aggregator › Create E-Wallet Transaction › request parameters.
 * Where the issuer fixes the expiry itself, `fixedExpiration` says how long and OY! ignores
 * `expiration_time`; otherwise it must lie between the minimum and maximum minutes.
 */
export const EWALLET_AGGREGATOR_ISSUERS: ReadonlyArray<{
	code: string;
	name: string;
	minExpirationMinutes?: number;
	maxExpirationMinutes?: number;
	fixedExpiration?: string;
	needsMobileNumber: boolean;
	needsRedirectUrl: boolean;
	refund: EWalletRefundSupport;
	refundNote?: string;
}> = [
	{
		code: 'ovo_ewallet',
		name: 'OVO',
		fixedExpiration: '55 seconds',
		needsMobileNumber: true,
		needsRedirectUrl: false,
		refund: 'none',
	},
	{
		code: 'shopeepay_ewallet',
		name: 'ShopeePay',
		minExpirationMinutes: 1,
		maxExpirationMinutes: 60,
		needsMobileNumber: false,
		needsRedirectUrl: true,
		refund: 'full',
		refundNote: 'no refunds between 00.00 and 05.00 WIB',
	},
	{
		code: 'linkaja_ewallet',
		name: 'LinkAja',
		fixedExpiration: '5 minutes',
		needsMobileNumber: false,
		needsRedirectUrl: true,
		refund: 'full',
	},
	{
		code: 'dana_ewallet',
		name: 'DANA',
		minExpirationMinutes: 1,
		maxExpirationMinutes: 60,
		needsMobileNumber: false,
		needsRedirectUrl: true,
		refund: 'fullAndPartial',
	},
];
