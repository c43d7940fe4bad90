/**
 * E-wallets that API Account Linking can link (003 L13397, L13595), and which of them can be
 * unlinked through the API: ShopeePay only (003 L13616, L13797).
 */
export const ACCOUNT_LINKING_CHANNELS: ReadonlyArray<{
	value: string;
	name: string;
	unlink: boolean;
}> = [
	{ value: 'dana_ewallet', name: 'DANA', unlink: false },
	{ value: 'shopeepay_ewallet', name: 'ShopeePay', unlink: true },
];

/** `payment_method` of account linking: only EWALLET for now (003 L13594). */
export const ACCOUNT_LINKING_METHODS: readonly string[] = ['EWALLET'];
