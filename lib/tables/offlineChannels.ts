export type OfflineTransactionType = 'CASH_IN' | 'CASH_OUT';

/**
 * API Offline channels, the transaction types each takes and its maximum per transaction in rupiah,
 * 003 L7975-L7989. The docs write the types "CASH IN" / "CASH OUT"; the API values are
 * CASH_IN / CASH_OUT (003 L7282). The cash-in maximum includes the admin fee (003 L7305).
 */
export const OFFLINE_CHANNELS: ReadonlyArray<{
	code: string;
	name: string;
	maximum: Readonly<Partial<Record<OfflineTransactionType, number>>>;
}> = [
	{
		code: 'CRM',
		name: 'Cash Recycle Machine',
		maximum: { CASH_IN: 5_000_000, CASH_OUT: 5_000_000 },
	},
	{ code: 'ALFAMART', name: 'Alfamart', maximum: { CASH_IN: 5_000_000, CASH_OUT: 2_500_000 } },
	{ code: 'INDOMARET', name: 'Indomaret', maximum: { CASH_IN: 5_000_000 } },
];
