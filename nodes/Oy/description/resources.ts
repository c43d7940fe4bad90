/** The node's resources, in the order a finance team meets them. Operations come from lib's catalogue. */
export const RESOURCES: ReadonlyArray<{ value: string; name: string; description: string }> = [
	{
		value: 'accountInquiry',
		name: 'Account Inquiry',
		description: "Look up a bank account holder's name; pay the daily inquiry invoices",
	},
	{
		value: 'accountReceivable',
		name: 'Account Receivable',
		description: 'Customers and invoices you bill through OY!',
	},
	{
		value: 'apiOffline',
		name: 'API Offline',
		description: 'Cash in and cash out at retail outlets',
	},
	{ value: 'balance', name: 'Balance', description: 'Your OY! balance' },
	{
		value: 'biller',
		name: 'Biller',
		description: 'Inquire and pay bills (electricity, BPJS, phone …)',
	},
	{
		value: 'disbursement',
		name: 'Disbursement',
		description: 'Send money to bank accounts and e-wallets',
	},
	{
		value: 'eWallet',
		name: 'E-Wallet',
		description: 'E-wallet payments, refunds and account linking',
	},
	{
		value: 'multiAccount',
		name: 'Multi Account',
		description: 'Child balances of a multi-account setup',
	},
	{ value: 'paymentLink', name: 'Payment Link', description: 'Payment links and invoice links' },
	{
		value: 'paymentRouting',
		name: 'Payment Routing',
		description: 'Collect a payment and pass it on to recipients',
	},
	{
		value: 'transaction',
		name: 'Transaction',
		description: 'The detail of a transaction, across products',
	},
	{
		value: 'transactionData',
		name: 'Transaction Data',
		description: 'Linked bank accounts and their statements',
	},
	{
		value: 'virtualAccount',
		name: 'Virtual Account',
		description: 'Static and customized virtual accounts',
	},
	{
		value: 'whatsapp',
		name: 'WhatsApp',
		description: 'Send payment and invoice links by WhatsApp',
	},
];
