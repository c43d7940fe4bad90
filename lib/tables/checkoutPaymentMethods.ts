/**
 * Payment methods a payment link, an invoice link or an AR invoice can hide
 * (`list_disabled_payment_methods`): OY API docs: Payment Checkout › Create Payment Link (v2) › request parameters and Payment Checkout › Create Invoice Link › request parameters (payment and invoice links), Account Receivable › Create & Send Invoice › request parameters (AR).
 * AR does not document BANK_TRANSFER; its example disables OFFLINE_CASH_IN (Account Receivable › Create & Send Invoice), which no
 * description lists.
 */
export const CHECKOUT_PAYMENT_METHODS: ReadonlyArray<{
	code: string;
	name: string;
	paymentLink: boolean;
	accountReceivable: boolean;
}> = [
	{ code: 'VA', name: 'Virtual account', paymentLink: true, accountReceivable: true },
	{
		code: 'CREDIT_CARD',
		name: 'Cards (credit and debit)',
		paymentLink: true,
		accountReceivable: true,
	},
	{ code: 'QRIS', name: 'QRIS', paymentLink: true, accountReceivable: true },
	{ code: 'EWALLET', name: 'E-wallets', paymentLink: true, accountReceivable: true },
	{
		code: 'BANK_TRANSFER',
		name: 'Bank transfer: VA and unique code',
		paymentLink: true,
		accountReceivable: false,
	},
	{
		code: 'OFFLINE_CASH_IN',
		name: 'Offline cash-in (retail outlets)',
		paymentLink: false,
		accountReceivable: true,
	},
];
