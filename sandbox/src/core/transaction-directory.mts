/**
 * The transactions that Transaction Detail (OY API docs: Transaction Detail › Get Transaction Detail) and Transaction Summary
 * (OY API docs: API GET Transaction Summary › Get Transaction Summary) read across products. Each product publishes its own transactions here when
 * their money figures are known; the directory never reaches into a product's state.
 */
import type { Clock } from './clock.mjs';

/** Transaction Detail's `product_type` values (OY API docs: Transaction Detail › Get Transaction Detail › request parameters, Transaction Detail › Get Transaction Detail › product types). */
export const PRODUCT_TYPES = [
	'API_DISBURSE',
	'API_BILLER',
	'EWALLET_AGGREGATOR',
	'VA_AGGREGATOR',
	'PAYMENT_ROUTING',
	'PAYMENT_LINK',
] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

export interface PublishedTransaction {
	product_type: ProductType;
	/** The partner's id of the transaction in its product (`partner_trx_id` or `partner_tx_id`). */
	partner_tx_id: string;
	/** `out`: money leaves the balance (disbursement, biller); `in`: money arrives (acceptance). */
	direction: 'in' | 'out';
	/** What the end user paid or received. */
	transfer_amount: number;
	admin_fee: number;
	/** Money in only: when it reaches the partner's balance (epoch ms of the sandbox clock). */
	settles_at?: number;
}

export class TransactionDirectory {
	private readonly entries = new Map<string, PublishedTransaction>();
	/** Money-in entries whose settlement was still ahead when published; pruned as the clock passes them. */
	private readonly awaitingSettlement = new Map<string, PublishedTransaction>();

	constructor(private readonly clock: Clock) {}

	/** Adds or replaces a transaction (publish again when its figures or settlement change). */
	publish(transaction: PublishedTransaction): void {
		const key = keyOf(transaction.product_type, transaction.partner_tx_id);
		const entry = { ...transaction };
		this.entries.set(key, entry);
		if (
			entry.direction === 'in' &&
			entry.settles_at !== undefined &&
			entry.settles_at > this.clock.now()
		) {
			this.awaitingSettlement.set(key, entry);
		} else {
			this.awaitingSettlement.delete(key);
		}
	}

	find(productType: ProductType, partnerTxId: string): PublishedTransaction | undefined {
		return this.entries.get(keyOf(productType, partnerTxId));
	}

	/** Money-in transactions not settled yet at the sandbox's now; O(number awaiting settlement). */
	pendingSettlement(): PublishedTransaction[] {
		const now = this.clock.now();
		const pending: PublishedTransaction[] = [];
		for (const [key, entry] of this.awaitingSettlement) {
			if (entry.settles_at! <= now) this.awaitingSettlement.delete(key);
			else pending.push(entry);
		}
		return pending;
	}

	get size(): number {
		return this.entries.size;
	}

	reset(): void {
		this.entries.clear();
		this.awaitingSettlement.clear();
	}
}

/** What reaches the balance: a payout costs the amount plus the fee, money in brings the amount less the fee. */
export function settlementAmount(transaction: PublishedTransaction): number {
	return transaction.direction === 'out'
		? transaction.transfer_amount + transaction.admin_fee
		: transaction.transfer_amount - transaction.admin_fee;
}

function keyOf(productType: ProductType, partnerTxId: string): string {
	return `${productType} ${partnerTxId}`;
}
