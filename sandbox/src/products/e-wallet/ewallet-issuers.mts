/** "E-Wallet Details" (OY API docs: E-Wallet details): what each issuer allows. */

export type EwalletCode = 'ovo_ewallet' | 'shopeepay_ewallet' | 'linkaja_ewallet' | 'dana_ewallet';

export interface EwalletIssuer {
	name: string;
	/** Where the payer pays: OVO has no URL (the payer approves a push in the app tied to `mobile_number`). */
	hasPaymentUrl: boolean;
	/** `mobile_number` is required only for OVO (OY API docs: API E-Wallet Aggregator › Create E-Wallet Transaction › request parameters). */
	needsMobileNumber: boolean;
	/** `success_redirect_url` is required for DANA, LinkAja and ShopeePay (OY API docs: API E-Wallet Aggregator › Create E-Wallet Transaction › request parameters). */
	needsRedirectUrl: boolean;
	/** A fixed lifetime in ms that overrides `expiration_time`, or the allowed range in minutes. */
	lifetime: { fixedMs: number } | { minMinutes: number; maxMinutes: number };
	refunds: 'none' | 'full' | 'full-and-partial';
	/** ShopeePay takes no refunds between 00.00 and 05.00 WIB. */
	refundBlackoutUntilWibHour?: number;
}

const MINUTE_MS = 60_000;

export const EWALLET_ISSUERS: ReadonlyMap<string, EwalletIssuer> = new Map<
	EwalletCode,
	EwalletIssuer
>([
	[
		'ovo_ewallet',
		{
			name: 'OVO',
			hasPaymentUrl: false,
			needsMobileNumber: true,
			needsRedirectUrl: false,
			lifetime: { fixedMs: 55_000 },
			refunds: 'none',
		},
	],
	[
		'shopeepay_ewallet',
		{
			name: 'ShopeePay',
			hasPaymentUrl: true,
			needsMobileNumber: false,
			needsRedirectUrl: true,
			lifetime: { minMinutes: 1, maxMinutes: 60 },
			refunds: 'full',
			refundBlackoutUntilWibHour: 5,
		},
	],
	[
		'linkaja_ewallet',
		{
			name: 'LinkAja',
			hasPaymentUrl: true,
			needsMobileNumber: false,
			needsRedirectUrl: true,
			lifetime: { fixedMs: 5 * MINUTE_MS },
			refunds: 'full',
		},
	],
	[
		'dana_ewallet',
		{
			name: 'DANA',
			hasPaymentUrl: true,
			needsMobileNumber: false,
			needsRedirectUrl: true,
			lifetime: { minMinutes: 1, maxMinutes: 60 },
			refunds: 'full-and-partial',
		},
	],
]);
