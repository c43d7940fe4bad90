export type OfflineTransactionType = 'CASH_IN' | 'CASH_OUT';

/**
 * API Offline channels, the transaction types each takes and its maximum per transaction in rupiah,
 * OY API docs: API Offline channels, transaction types and maximum amounts. The docs write the types "CASH IN" / "CASH OUT"; the API values are
 * CASH_IN / CASH_OUT (OY API docs: API Offline › Initiate Transaction › request parameters). The cash-in maximum includes the admin fee (OY API docs: API Offline › Initiate Transaction › response parameters).
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
