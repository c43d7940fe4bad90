/** E-wallets a payment link or an AR invoice can offer (`list_enabled_ewallet`), OY API docs: Payment Checkout › Create Payment Link (v2) › request parameters and Account Receivable › Create & Send Invoice. */
export const CHECKOUT_EWALLETS: ReadonlyArray<{ code: string; name: string }> = [
	{ code: 'shopeepay_ewallet', name: 'ShopeePay' },
	{ code: 'dana_ewallet', name: 'DANA' },
	{ code: 'linkaja_ewallet', name: 'LinkAja' },
	{ code: 'ovo_ewallet', name: 'OVO' },
];
