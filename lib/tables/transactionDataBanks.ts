/** Banks of API Transactions Data and how far back their statements reach, OY API docs: API Transactions Data bank codes. */
export const TRANSACTION_DATA_BANKS: ReadonlyArray<{
	code: string;
	name: string;
	historyMonths: number;
}> = [
	{ code: '008', name: 'Mandiri', historyMonths: 12 },
	{ code: '014', name: 'BCA', historyMonths: 3 },
	{ code: '009', name: 'BNI', historyMonths: 6 },
];
