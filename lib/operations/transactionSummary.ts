import type { OperationDefinition } from '../types';

export const transactionSummaryOperations: readonly OperationDefinition[] = [
	{
		id: 'transaction.getSummary',
		resource: 'transaction',
		product: 'API GET Transaction Summary',
		name: 'Get Summary',
		action: 'Get the transaction summary',
		description:
			'Sums up the money still waiting to be settled to your balance (today, tomorrow or all): count, amount, admin fee, VAT and the net settlement. OY! must activate it for you.',
		method: 'GET',
		path: '/api/transaction-summary',
		// The only documented way: a JSON body on a GET (OY API docs: API GET Transaction Summary › Get Transaction Summary › code samples).
		bodyWithGet: true,
		params: [
			{
				name: 'product_group',
				in: 'body',
				type: 'string',
				required: true,
				options: ['PENDING_SETTLEMENT'],
				default: 'PENDING_SETTLEMENT',
				description: 'Which summary: only PENDING_SETTLEMENT exists',
			},
			{
				name: 'time_period',
				in: 'body',
				type: 'string',
				required: true,
				options: [
					{ value: 'TODAY', name: 'Today', description: 'Transactions that settle today' },
					{ value: 'TOMORROW', name: 'Tomorrow', description: 'Transactions that settle tomorrow' },
					{ value: 'ALL_TIME', name: 'All Time', description: 'Everything not settled yet' },
				],
				description: 'Which settlement period to sum up',
			},
		],
		envelope: 'statusObject',
		// OY API docs: API GET Transaction Summary › Get Transaction Summary › response codes. The header table names the key `X-Oy-Key` (API GET Transaction Summary › Get Transaction Summary › headers); the curl sample and
		// every other endpoint say `X-Api-Key`, which the credential sends.
		codes: {
			'000': { outcome: 'success', meaning: 'Summary read' },
			'102': {
				outcome: 'pending',
				meaning: 'OY! is still computing the summary',
				hint: 'Ask again in several minutes.',
			},
			'202': {
				outcome: 'rejected',
				meaning: 'This API is not activated for your account',
				hint: 'Ask your OY! business representative to activate it.',
			},
			'229': {
				outcome: 'rejected',
				meaning: 'Too many requests: OY! did not process this one',
				hint: 'Slow down; the request may be sent again after a pause.',
				transient: true,
			},
			'290': { outcome: 'rejected', meaning: 'OY! found a parameter not valid' },
		},
		recordPath: 'data',
		// The prose names differ (Transfer_amount, Setlement_balance, API GET Transaction Summary › Get Transaction Summary › response parameters); the example's names are used.
		fields: { amounts: ['amount', 'admin_fee', 'ppn_tax', 'settlement_balance'] },
		safety: 'read',
		docs: 'OY API docs: API GET Transaction Summary › Get Transaction Summary',
	},
];
