import { TRANSACTION_PRODUCT_TYPES } from '../tables/transactionProductTypes';
import type { OperationDefinition } from '../types';

export const transactionDetailOperations: readonly OperationDefinition[] = [
	{
		id: 'transaction.getDetail',
		resource: 'transaction',
		product: 'Transaction Detail',
		name: 'Get Detail',
		action: 'Get the detail of a transaction',
		description:
			'Reads the amount, admin fee and effect on your balance of one transaction. OY! advises asking only after the product says it succeeded.',
		method: 'GET',
		path: '/api/v1/transaction',
		params: [
			{
				name: 'partner_tx_id',
				displayName: 'Partner Transaction ID',
				in: 'query',
				type: 'string',
				required: true,
				maxLength: 255,
				description:
					"Your id of the transaction in its product (a disbursement's partner_trx_id too)",
			},
			{
				name: 'product_type',
				in: 'query',
				type: 'string',
				required: true,
				options: TRANSACTION_PRODUCT_TYPES,
				description: 'The product the transaction belongs to',
			},
		],
		envelope: 'statusObject',
		// Only 000 is documented (OY API docs: Transaction Detail › Get Transaction Detail › example); the common codes cover the rest.
		codes: { '000': { outcome: 'success', meaning: 'Transaction detail read' } },
		recordPath: 'data',
		fields: { amounts: ['transfer_amount', 'settlement_amount', 'admin_fee.total_fee'] },
		safety: 'read',
		docs: 'OY API docs: Transaction Detail › Get Transaction Detail',
	},
];
