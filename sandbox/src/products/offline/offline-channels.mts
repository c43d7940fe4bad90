/** "API Offline Channel" (OY API docs: API Offline channels, transaction types and maximum amounts) and the amount and validity rules (OY API docs: API Offline › Initiate Transaction › request parameters, API Offline › Initiate Transaction › response parameters, API Offline › Refresh Code). */

export type TransactionType = 'CASH_IN' | 'CASH_OUT';
export type OfflineChannel = 'CRM' | 'ALFAMART' | 'INDOMARET';

/** Per channel, the maximum amount per transaction of each type it takes. */
export const CHANNEL_MAXIMUMS: ReadonlyMap<
	string,
	Partial<Record<TransactionType, number>>
> = new Map<OfflineChannel, Partial<Record<TransactionType, number>>>([
	['CRM', { CASH_IN: 5_000_000, CASH_OUT: 5_000_000 }],
	['ALFAMART', { CASH_IN: 5_000_000, CASH_OUT: 2_500_000 }],
	['INDOMARET', { CASH_IN: 5_000_000 }],
]);

/** Cash-out "only accepts multiplier of 50.000". */
export const CASH_OUT_DENOMINATION = 50_000;
/** Cash-in: "minimum amount of 10.000 … (including admin fee)". */
export const CASH_IN_MINIMUM_TOTAL = 10_000;

export const TRANSACTION_LIFETIME_MS = 24 * 3_600_000;
/** "A default 3-hours validity for each unique code"; the docs give no other figure for Alfamart cash-out. */
export const CODE_LIFETIME_MS = 3 * 3_600_000;

/** Only Alfamart cash-out and CRM codes lapse, can be refreshed and can be cancelled (OY API docs: API Offline › Cancel Transaction › important notes, API Offline › Transaction Info › important notes, API Offline › Refresh Code › important notes). */
export function hasRefreshableCode(channel: OfflineChannel, type: TransactionType): boolean {
	return channel === 'CRM' || (channel === 'ALFAMART' && type === 'CASH_OUT');
}

/**
 * The fee of a transaction, VAT included, split as the examples split it: 500 → admin 451 + tax 49,
 * 5000 → admin 4505 + tax 495, i.e. admin = fee / 1.11 rounded up and 11% tax the rest (OY API docs: API Offline › Initiate Transaction, API Offline › Transaction Info).
 */
export function splitFee(fee: number): { admin_fee: number; tax_fee: number } {
	const adminFee = Math.ceil(fee / 1.11);
	return { admin_fee: adminFee, tax_fee: fee - adminFee };
}
