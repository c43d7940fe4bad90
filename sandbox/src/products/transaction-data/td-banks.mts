/** "Bank Codes" of API Transactions Data (OY API docs: API Transactions Data bank codes): how far back each bank's statements go. */
export const TD_BANKS: ReadonlyMap<string, { name: string; historyMonths: number }> = new Map([
	['008', { name: 'Mandiri', historyMonths: 12 }],
	['014', { name: 'BCA', historyMonths: 3 }],
	['009', { name: 'BNI', historyMonths: 6 }],
]);
