import type { OperationDefinition } from '../types';

/** OY's balance: documented with the disbursement API (OY API docs: Fund Disbursement › Get Balance). */
export const balanceOperations: readonly OperationDefinition[] = [
	{
		id: 'balance.get',
		resource: 'balance',
		product: 'Fund Disbursement',
		name: 'Get',
		action: 'Get the balance',
		description: 'Reads your OY! balance, overdraft, pending and available amounts',
		method: 'GET',
		path: '/api/balance',
		params: [],
		envelope: 'statusObject',
		codes: {
			'000': { outcome: 'success', meaning: 'Balance read' },
			// OY API docs: Fund Disbursement › Get Balance lists "900 Invalid Format", almost surely a typo for 990.
			'900': { outcome: 'rejected', meaning: 'OY! found the request format not valid' },
		},
		fields: {
			dates: { timestamp: { format: 'dd-MM-yyyy HH:mm:ss', zone: 'UTC' } },
			amounts: [
				'balance',
				'overdraftBalance',
				'overbookingBalance',
				'pendingBalance',
				'availableBalance',
			],
		},
		safety: 'read',
		docs: 'OY API docs: Fund Disbursement › Get Balance',
	},
];
