/**
 * Banks a payment link, an invoice link or an AR invoice can offer for bank transfer
 * (`list_enabled_banks`): 003 L3851 (payment link) and L4174 (invoice link).
 * 003 prints BSI as "213", which is SMBC's code; 003's own VA and disbursement tables give BSI 451
 * (L1431, L3509), so 451 is used here. 002 (L3468) also listed Maybank 016, KEB Hana 484 and
 * Danamon 011, which 003 dropped. AR (003 L6222) names only the first five, but its example sends
 * 213 (L5902), so AR takes this whole list.
 */
export const CHECKOUT_BANKS: ReadonlyArray<{ code: string; name: string }> = [
	{ code: '002', name: 'BRI' },
	{ code: '008', name: 'Bank Mandiri' },
	{ code: '009', name: 'BNI' },
	{ code: '013', name: 'Bank Permata' },
	{ code: '022', name: 'CIMB Niaga' },
	{ code: '213', name: 'SMBC Indonesia' },
	{ code: '451', name: 'BSI (Bank Syariah Indonesia)' },
	// The only bank with unique-code transfers (minimum Rp11.000), 003 L3845.
	{ code: '014', name: 'BCA' },
];
