/**
 * Banks a payment link, an invoice link or an AR invoice can offer for bank transfer
 * (`list_enabled_banks`): OY API docs: Payment Checkout › Create Payment Link (v2) › request parameters (payment link) and Payment Checkout › Create Invoice Link › request parameters (invoice link).
 * The current API docs print BSI as "213", which is SMBC's code; their own VA and disbursement tables give BSI 451
 * (Disbursement bank codes, VA aggregator bank codes), so 451 is used here. OY API docs (older version) (Payment Checkout › Create Payment Link (v2)) also listed Maybank 016, KEB Hana 484 and
 * Danamon 011, which the current API docs dropped. AR (OY API docs: Account Receivable › Create & Send Invoice › request parameters) names only the first five, but its example sends
 * 213 (Account Receivable › Create & Send Invoice), so AR takes this whole list.
 */
export const CHECKOUT_BANKS: ReadonlyArray<{ code: string; name: string }> = [
	{ code: '002', name: 'BRI' },
	{ code: '008', name: 'Bank Mandiri' },
	{ code: '009', name: 'BNI' },
	{ code: '013', name: 'Bank Permata' },
	{ code: '022', name: 'CIMB Niaga' },
	{ code: '213', name: 'SMBC Indonesia' },
	{ code: '451', name: 'BSI (Bank Syariah Indonesia)' },
	// The only bank with unique-code transfers (minimum Rp11.000), OY API docs: Payment Checkout › Create Payment Link (v2) › request parameters.
	{ code: '014', name: 'BCA' },
];
