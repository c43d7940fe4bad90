import {
	CHILD_BALANCE,
	checkDisbursementMinimum,
	CREATE_DISBURSEMENT_CODES,
	DISBURSEMENT_PARAMS,
	DISBURSEMENT_STATUS_CHECK,
	disbursementAdvice,
	disbursementOperations,
} from './disbursement';
import type { OperationDefinition } from '../types';

/**
 * The same `/api/remit` as Create Disbursement, paid from a child account's balance. This section
 * (OY API docs: API Multi Account Management › Disburse with Child Balance) is thinner than Create Disbursement's (Fund Disbursement › Create Disbursement: e-wallets from Rp100,
 * `additional_data`, the timestamp in UTC); the fuller one is followed.
 */
const remit = disbursementOperations.find((operation) => operation.id === 'disbursement.create');

export const multiAccountOperations: readonly OperationDefinition[] = [
	{
		id: 'multiAccount.disburseWithChildBalance',
		resource: 'multiAccount',
		product: 'API Multi Account Management',
		name: 'Disburse with Child Balance',
		action: "Disburse from a child account's balance",
		description:
			"Sends money to a bank account or e-wallet from a child account's OY! balance (Multi Account Management must be active). The result arrives by callback or the disbursement's Get Status.",
		method: 'POST',
		path: '/api/remit',
		params: [
			...DISBURSEMENT_PARAMS,
			{
				...CHILD_BALANCE,
				required: true,
				choicesFromAccount: 'childAccounts',
				description:
					'Username of the child account whose balance pays; without it the parent balance would pay',
			},
		],
		checks: [checkDisbursementMinimum],
		envelope: 'statusObject',
		// "Fund Disbursement Response Codes" (OY API docs: API Multi Account Management › Disburse with Child Balance › response parameters) are those of Create Disbursement (Fund Disbursement › Create Disbursement › response codes).
		codes: CREATE_DISBURSEMENT_CODES,
		fields: remit?.fields,
		safety: 'moneyCreate',
		statusCheck: DISBURSEMENT_STATUS_CHECK,
		advice: disbursementAdvice,
		docs: 'OY API docs: API Multi Account Management › Disburse with Child Balance',
	},
	{
		id: 'multiAccount.getChildBalance',
		resource: 'multiAccount',
		product: 'API Multi Account Management',
		name: 'Get Child Balance',
		action: 'Get the balance of child accounts',
		description:
			'Reads the balance figures of one child account, or of every child account when no username is given',
		method: 'GET',
		path: '/api/v1/multi-account/child/balance',
		params: [
			{
				name: 'child_username',
				choicesFromAccount: 'childAccounts',
				in: 'query',
				type: 'string',
				maxLength: 255,
				description: 'Only this child account; every child account when empty',
			},
		],
		envelope: 'statusObject',
		// Only 000 is documented (OY API docs: API Multi Account Management › Get Child Balance › example); the common codes cover the rest.
		codes: { '000': { outcome: 'success', meaning: 'Child balances read' } },
		fields: {
			amounts: [
				'balance',
				'overdraftBalance',
				'overbookingBalance',
				'pendingBalance',
				'availableBalance',
			],
		},
		safety: 'read',
		// Each child is one record; `data.timeStamp` stays in the answer.
		list: { itemsPath: 'data.balances', pagination: { style: 'none' } },
		docs: 'OY API docs: API Multi Account Management › Get Child Balance',
	},
];
