/**
 * E-wallets that API Account Linking can link (OY API docs: API Account Linking, API Account Linking › Get Linking URL › request parameters), and which of them can be
 * unlinked through the API: ShopeePay only (OY API docs: API Account Linking › Unlink Account).
 */
export const ACCOUNT_LINKING_CHANNELS: ReadonlyArray<{
	value: string;
	name: string;
	unlink: boolean;
}> = [
	{ value: 'dana_ewallet', name: 'DANA', unlink: false },
	{ value: 'shopeepay_ewallet', name: 'ShopeePay', unlink: true },
];

/** `payment_method` of account linking: only EWALLET for now (OY API docs: API Account Linking › Get Linking URL › request parameters). */
export const ACCOUNT_LINKING_METHODS: readonly string[] = ['EWALLET'];
