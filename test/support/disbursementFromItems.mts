/** Disbursement > Create with every value taken from the item (`id`, `amount`, optional `account`). */
export const DISBURSEMENT_FROM_ITEMS = {
	resource: 'disbursement',
	operation: 'create',
	partnerTrxId: '={{ $json.id }}',
	recipientBank: '014',
	recipientAccount: '={{ $json.account ?? "1234567890" }}',
	amount: '={{ $json.amount }}',
};
