/**
 * Transaction Detail: Get Transaction Detail (OY API docs: Transaction Detail › Get Transaction Detail), read from the transaction
 * directory that every product publishes to. The docs list no failure codes; the sandbox answers
 * the generic ones of OY!'s tables: 290 for a bad parameter, 204 for an unknown id.
 */
import { ControlError } from '../../core/control-routes.mjs';
import {
	PRODUCT_TYPES,
	settlementAmount,
	type ProductType,
	type PublishedTransaction,
} from '../../core/transaction-directory.mjs';
import type { ProductDefinition } from '../product.mjs';
import { COMMON_REFUSALS, refuseWith, statusAnswer } from '../shared/status-envelope.mjs';
import { isNonEmptyString } from '../shared/validation.mjs';

export const TRANSACTION_DETAIL = 'transaction-detail';

function isProductType(value: unknown): value is ProductType {
	return (PRODUCT_TYPES as readonly unknown[]).includes(value);
}

/** A transaction as a seed or control request gives it; the directory's own shape. */
export function readPublishedTransaction(value: unknown): PublishedTransaction {
	const entry = value as Partial<PublishedTransaction> | null;
	if (entry === null || typeof entry !== 'object')
		throw new ControlError('a transaction must be an object');
	if (!isProductType(entry.product_type))
		throw new ControlError(`"product_type" must be one of ${PRODUCT_TYPES.join(', ')}`);
	if (!isNonEmptyString(entry.partner_tx_id))
		throw new ControlError('"partner_tx_id" must be a non-empty string');
	if (typeof entry.transfer_amount !== 'number' || typeof (entry.admin_fee ?? 0) !== 'number') {
		throw new ControlError('"transfer_amount" and "admin_fee" must be numbers');
	}
	const direction =
		entry.direction ??
		(entry.product_type === 'API_DISBURSE' || entry.product_type === 'API_BILLER' ? 'out' : 'in');
	if (direction !== 'in' && direction !== 'out')
		throw new ControlError('"direction" must be "in" or "out"');
	const settlesAt =
		typeof entry.settles_at === 'string' ? Date.parse(entry.settles_at) : entry.settles_at;
	if (settlesAt !== undefined && !Number.isFinite(settlesAt))
		throw new ControlError('"settles_at" must be epoch ms or an ISO date-time');
	return {
		product_type: entry.product_type,
		partner_tx_id: entry.partner_tx_id,
		direction,
		transfer_amount: entry.transfer_amount,
		admin_fee: entry.admin_fee ?? 0,
		settles_at: settlesAt,
	};
}

export const transactionDetailProduct: ProductDefinition = {
	name: TRANSACTION_DETAIL,
	docsProduct: 'Transaction Detail',
	create({ transactions }) {
		return {
			routes: [
				{
					method: 'GET',
					path: '/api/v1/transaction',
					handle: (request) => {
						const partnerTxId = request.query.get('partner_tx_id');
						const productType = request.query.get('product_type');
						if (!isNonEmptyString(partnerTxId) || !isProductType(productType)) {
							return statusAnswer('290', 'Request is Rejected (Parameter / object is not valid)', {
								data: null,
							});
						}
						const transaction = transactions.find(productType, partnerTxId);
						if (!transaction)
							return statusAnswer('204', 'Request is Rejected (Partner Tx ID is Not Found)', {
								data: null,
							});
						return statusAnswer('000', 'Success', {
							data: {
								transfer_amount: transaction.transfer_amount,
								settlement_amount: settlementAmount(transaction),
								admin_fee: { total_fee: transaction.admin_fee },
							},
						});
					},
				},
			],
			control: [
				{
					// Publishes a transaction of any product, e.g. one whose product does not publish yet.
					method: 'PUT',
					path: '/transactions',
					handle: (request) => {
						const transaction = readPublishedTransaction(request.body);
						transactions.publish(transaction);
						return { status: 200, body: transaction };
					},
				},
			],
			refuse: refuseWith(COMMON_REFUSALS, { data: null }),
			seed(section) {
				if (!Array.isArray(section))
					throw new ControlError(
						'seed section "transaction-detail" must be an array of transactions',
					);
				for (const entry of section) transactions.publish(readPublishedTransaction(entry));
				return section.length;
			},
			snapshot: () => ({ transactions: transactions.size }),
			// The directory is core state; Sandbox.reset() resets it.
			reset() {},
		};
	},
};
