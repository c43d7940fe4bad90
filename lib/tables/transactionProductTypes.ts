/**
 * `product_type` of Get Transaction Detail, OY API docs: Transaction Detail › Get Transaction Detail › request parameters and Transaction Detail › Get Transaction Detail › product types. For money-in products
 * only single-use transactions can be read.
 */
export const TRANSACTION_PRODUCT_TYPES: ReadonlyArray<{
	value: string;
	name: string;
	description: string;
}> = [
	{
		value: 'API_DISBURSE',
		name: 'API Disburse',
		description: 'A disbursement (partner_trx_id of Create Disbursement)',
	},
	{
		value: 'API_BILLER',
		name: 'API Biller',
		description: 'A bill payment (partner_tx_id of the inquiry)',
	},
	{
		value: 'PAYMENT_LINK',
		name: 'Payment Link',
		description: 'A single-use payment link; reusable links are excluded',
	},
	{
		value: 'PAYMENT_ROUTING',
		name: 'Payment Routing',
		description: 'The payment side of a Payment Routing; its payouts to recipients are excluded',
	},
	{
		value: 'VA_AGGREGATOR',
		name: 'VA Aggregator',
		description: 'A single-use virtual account; multiple-use VAs are excluded',
	},
	{
		value: 'EWALLET_AGGREGATOR',
		name: 'E-Wallet Aggregator',
		description: 'An e-wallet transaction',
	},
];
