/**
 * Payment Routing payment methods and the sources of fund (SOF) each offers, OY API docs: List of Allowed Payment Methods and SOF.
 * `api` tells whether the SOF may be used with `need_frontend: false` (OVO is offered only on the
 * hosted payment link). Bank names come from the Disbursement Bank Codes, OY API docs: Disbursement bank codes.
 */
export type PaymentRoutingMethod = 'BANK_TRANSFER' | 'QRIS' | 'EWALLET' | 'CARDS';

export const PAYMENT_ROUTING_METHODS: ReadonlyArray<{ value: PaymentRoutingMethod; name: string }> =
	[
		{ value: 'BANK_TRANSFER', name: 'Bank transfer (virtual account, or BCA unique code)' },
		{ value: 'QRIS', name: 'QRIS' },
		{ value: 'EWALLET', name: 'E-wallet' },
		{ value: 'CARDS', name: 'Credit or debit card' },
	];

export const PAYMENT_ROUTING_SOURCES: ReadonlyArray<{
	code: string;
	name: string;
	method: PaymentRoutingMethod;
	api: boolean;
}> = [
	{ code: '002', name: 'BRI', method: 'BANK_TRANSFER', api: true },
	{ code: '008', name: 'Bank Mandiri', method: 'BANK_TRANSFER', api: true },
	{ code: '009', name: 'Bank Negara Indonesia', method: 'BANK_TRANSFER', api: true },
	{ code: '011', name: 'Bank Danamon', method: 'BANK_TRANSFER', api: true },
	{ code: '014', name: 'BCA (virtual account or unique code)', method: 'BANK_TRANSFER', api: true },
	{ code: '016', name: 'BII Maybank', method: 'BANK_TRANSFER', api: true },
	{ code: '022', name: 'CIMB Niaga', method: 'BANK_TRANSFER', api: true },
	{ code: '213', name: 'Bank SMBC Indonesia', method: 'BANK_TRANSFER', api: true },
	{ code: '451', name: 'Bank Syariah Indonesia', method: 'BANK_TRANSFER', api: true },
	{ code: '484', name: 'Bank KEB Hana', method: 'BANK_TRANSFER', api: true },
	{ code: 'QRIS', name: 'QRIS', method: 'QRIS', api: true },
	{ code: 'dana_ewallet', name: 'DANA', method: 'EWALLET', api: true },
	{ code: 'ovo_ewallet', name: 'OVO (payment link only)', method: 'EWALLET', api: false },
	{ code: 'shopeepay_ewallet', name: 'ShopeePay', method: 'EWALLET', api: true },
	{ code: 'linkaja_ewallet', name: 'LinkAja', method: 'EWALLET', api: true },
	{ code: 'CC_DC', name: 'Credit or debit card', method: 'CARDS', api: true },
];

/**
 * Banks whose virtual account needs the payer's e-mail and name, OY API docs: Payment Routing › Create and Update Payment Routing › request parameters. Permata (013)
 * is named there but is no Payment Routing SOF (Payment Routing: allowed payment methods and SOF with need_frontend: true, Payment Routing: allowed payment methods and SOF with need_frontend: false); it is kept so the rule stays whole.
 */
export const PAYMENT_ROUTING_BANKS_NEEDING_PAYER: readonly string[] = ['008', '013', '022'];

/**
 * Transaction expiry per method and SOF, OY API docs: Payment Routing: transaction expiration rules, in minutes after the request.
 * `fixed`: OY! applies its own expiry whatever `trx_expiration_time` says. Every case not listed
 * follows the general rule: 24 hours by default, at least 1 hour.
 */
export const PAYMENT_ROUTING_EXPIRY: ReadonlyArray<{
	case: string;
	method: PaymentRoutingMethod;
	sources: readonly string[];
	linkedAccount?: boolean;
	defaultMinutes: number;
	minMinutes?: number;
	maxMinutes?: number;
	fixed?: boolean;
	/** latest time of day (WIB) the expiry may reach */
	latestWib?: string;
}> = [
	{
		case: 'QRIS',
		method: 'QRIS',
		sources: ['QRIS'],
		defaultMinutes: 30,
		minMinutes: 1,
		maxMinutes: 60,
	},
	{
		case: 'DANA or ShopeePay',
		method: 'EWALLET',
		sources: ['dana_ewallet', 'shopeepay_ewallet'],
		defaultMinutes: 60,
		minMinutes: 1,
		maxMinutes: 60,
	},
	{
		case: 'LinkAja',
		method: 'EWALLET',
		sources: ['linkaja_ewallet'],
		defaultMinutes: 5,
		fixed: true,
	},
	{
		case: 'ShopeePay Direct Payment',
		method: 'EWALLET',
		sources: ['shopeepay_ewallet'],
		linkedAccount: true,
		defaultMinutes: 30,
		fixed: true,
	},
	{ case: 'cards', method: 'CARDS', sources: ['CC_DC'], defaultMinutes: 60, fixed: true },
	{
		case: 'BCA unique code',
		method: 'BANK_TRANSFER',
		sources: ['014'],
		defaultMinutes: 180,
		minMinutes: 1,
		maxMinutes: 180,
		latestWib: '20:30',
	},
];

export const PAYMENT_ROUTING_GENERAL_EXPIRY = { defaultMinutes: 24 * 60, minMinutes: 60 } as const;
