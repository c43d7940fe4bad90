/** Disbursement > Create of one payout: PAY-1, Rp150.000 to BCA 1234567890. */
export const ONE_PAYOUT = {
	resource: 'disbursement',
	operation: 'create',
	partnerTrxId: 'PAY-1',
	recipientBank: '014',
	recipientAccount: '1234567890',
	amount: '150000',
};

/** Disbursement > Create with every value taken from the item (`id`, `amount`, optional `account`). */
export const DISBURSEMENT_FROM_ITEMS = {
	resource: 'disbursement',
	operation: 'create',
	partnerTrxId: '={{ $json.id }}',
	recipientBank: '014',
	recipientAccount: '={{ $json.account ?? "1234567890" }}',
	amount: '={{ $json.amount }}',
};

/** Disbursement > Build Bulk Disburse File with every column taken from the item. */
export const BULK_FILE_FROM_ITEMS = {
	resource: 'disbursement',
	operation: 'buildBulkFile',
	recipientName: '={{ $json.name }}',
	email: '={{ $json.email }}',
	amount: '={{ $json.amount }}',
	recipientBank: '={{ $json.bank }}',
	recipientAccount: '={{ $json.account }}',
	phoneNumber: '={{ $json.phone }}',
	additionalFields: { note: '={{ $json.note }}' },
};

/** Payment Link > Create of one closed link: LINK1, Rp50.000 from Budi Santoso. */
export const ONE_LINK = {
	resource: 'paymentLink',
	operation: 'create',
	partnerTxId: 'LINK1',
	senderName: 'Budi Santoso',
	amount: '50000',
	isOpen: false,
	includeAdminFee: false,
};
