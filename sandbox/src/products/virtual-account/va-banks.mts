/** "VA aggregator Bank Code" (OY API docs: VA aggregator bank codes), plus the bank rules the VA codes imply. */
export interface VaBank {
	/** Shown as `bank_name` by Get VA Info; only BRI's ("Bank BRI") is in the docs, the rest follow its pattern. */
	name: string;
	/** Short name for `va_bank` in the transaction history (example: "BRI"). */
	short: string;
	closedAmountOnly: boolean;
	lifetimeSupported: boolean;
	/** BSI: "Maximum Expiration Time 99999 minutes". */
	maxExpiryMinutes?: number;
	/** Code 245: "Minimum expiry time is 10 minutes for VA CIMB and Permata" (OY API docs: VA Aggregator response codes). */
	minExpiryMinutes?: number;
	/** `email` and `full_name` are required by Mandiri, Permata and CIMB (003 Create VA table). */
	needsEmailAndName: boolean;
	/** "Currently our system only supports customized VA BRI and CIMB" (003 Create Customized VA). */
	customVa: boolean;
	/** Digits that start this bank's VA numbers in the sandbox (OY!'s real prefixes are not documented). */
	prefix: string;
}

export const VA_BANKS: ReadonlyMap<string, VaBank> = new Map([
	[
		'009',
		{
			name: 'Bank BNI',
			short: 'BNI',
			closedAmountOnly: true,
			lifetimeSupported: true,
			needsEmailAndName: false,
			customVa: false,
			prefix: '9880',
		},
	],
	[
		'008',
		{
			name: 'Bank Mandiri',
			short: 'Mandiri',
			closedAmountOnly: false,
			lifetimeSupported: true,
			needsEmailAndName: true,
			customVa: false,
			prefix: '8890',
		},
	],
	[
		'002',
		{
			name: 'Bank BRI',
			short: 'BRI',
			closedAmountOnly: false,
			lifetimeSupported: true,
			needsEmailAndName: false,
			customVa: true,
			prefix: '1234',
		},
	],
	[
		'014',
		{
			name: 'Bank BCA',
			short: 'BCA',
			closedAmountOnly: false,
			lifetimeSupported: true,
			needsEmailAndName: false,
			customVa: false,
			prefix: '1076',
		},
	],
	[
		'013',
		{
			name: 'Bank Permata',
			short: 'Permata',
			closedAmountOnly: false,
			lifetimeSupported: true,
			minExpiryMinutes: 10,
			needsEmailAndName: true,
			customVa: false,
			prefix: '8528',
		},
	],
	[
		'022',
		{
			name: 'Bank CIMB Niaga',
			short: 'CIMB',
			closedAmountOnly: false,
			lifetimeSupported: true,
			minExpiryMinutes: 10,
			needsEmailAndName: true,
			customVa: true,
			prefix: '5919',
		},
	],
	[
		'213',
		{
			name: 'Bank SMBC',
			short: 'SMBC',
			closedAmountOnly: false,
			lifetimeSupported: true,
			needsEmailAndName: false,
			customVa: false,
			prefix: '2130',
		},
	],
	[
		'451',
		{
			name: 'Bank BSI',
			short: 'BSI',
			closedAmountOnly: true,
			lifetimeSupported: false,
			maxExpiryMinutes: 99_999,
			needsEmailAndName: false,
			customVa: false,
			prefix: '4510',
		},
	],
]);

/**
 * The smallest closed amount. The docs have codes 212/213 for "lesser/greater than allowed" but no
 * figures; IDR 10,000 is OY!'s minimum elsewhere (payment links, disbursements). No maximum is enforced.
 */
export const MIN_CLOSED_AMOUNT = 10_000;
