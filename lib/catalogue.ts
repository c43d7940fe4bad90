import { accountInquiryOperations } from './operations/accountInquiry';
import { accountLinkingOperations } from './operations/accountLinking';
import { accountReceivableOperations } from './operations/accountReceivable';
import { apiOfflineOperations } from './operations/apiOffline';
import { balanceOperations } from './operations/balance';
import { billerOperations } from './operations/biller';
import { disbursementOperations } from './operations/disbursement';
import { eWalletOperations } from './operations/eWallet';
import { multiAccountOperations } from './operations/multiAccount';
import { paymentLinkOperations } from './operations/paymentLink';
import { paymentRoutingOperations } from './operations/paymentRouting';
import { transactionDataOperations } from './operations/transactionData';
import { transactionDetailOperations } from './operations/transactionDetail';
import { transactionSummaryOperations } from './operations/transactionSummary';
import { virtualAccountOperations } from './operations/virtualAccount';
import { whatsappOperations } from './operations/whatsapp';
import type { OperationDefinition } from './types';

/** Every current operation of OY's API docs (catalogue parts A–D), in the docs' order. */
export const OPERATIONS: readonly OperationDefinition[] = [
	...accountInquiryOperations,
	...disbursementOperations,
	...balanceOperations,
	...virtualAccountOperations,
	...paymentLinkOperations,
	...accountReceivableOperations,
	...apiOfflineOperations,
	...transactionDataOperations,
	...eWalletOperations,
	...paymentRoutingOperations,
	...multiAccountOperations,
	...transactionSummaryOperations,
	...whatsappOperations,
	...billerOperations,
	...accountLinkingOperations,
	...transactionDetailOperations,
];

const BY_ID = new Map(OPERATIONS.map((operation) => [operation.id, operation]));

export function getOperation(id: string): OperationDefinition {
	const operation = BY_ID.get(id);
	if (!operation) throw new Error(`Unknown OY! operation: ${id}`);
	return operation;
}

export function findOperation(id: string): OperationDefinition | undefined {
	return BY_ID.get(id);
}

export function operationsOf(resource: string): OperationDefinition[] {
	return OPERATIONS.filter((operation) => operation.resource === resource);
}

/**
 * Whether an operation moves money (a payout, a payment from the balance, a refund): what the
 * node's payout controls (caps, the AI-tool gate) apply to.
 */
export function movesMoney(operation: OperationDefinition): boolean {
	return operation.safety === 'moneyCreate' || operation.movesMoney === true;
}
