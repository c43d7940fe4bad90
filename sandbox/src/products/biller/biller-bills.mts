/**
 * A bill from inquiry to payment, and the Biller API's views of it: inquiry (OY API docs: Biller API › Bill Inquiry),
 * pay (OY API docs: Biller API › Pay Bill), callback (OY API docs: Biller API › Partner Callback) and status (OY API docs: Biller API › Get Bill Payment Status).
 * `additional_data` is a JSON string in every example, so the sandbox sends a string.
 */
import { madeUpName } from '../../core/bank-directory.mjs';
import { wibDateTime } from '../../core/formats.mjs';
import type { BillerProduct } from '../../reference/biller-products.mjs';
import type { BillerCode, BillState } from './biller-codes.mjs';

export interface Bill {
	tx_id: string;
	partner_tx_id: string;
	product_id: string;
	customer_id: string;
	customer_name: string;
	/** The bill's amount, excluding the admin fee (the tables; the pay examples show the total). */
	amount: number;
	admin_fee: number;
	/** Biller details from the inquiry (electric power, months, tax year …). */
	details: Record<string, unknown>;
	state: BillState;
	/** The outcome's code once paid: 000, 300, or 400 (pending; 301 when the staging mock made it pending). */
	outcome?: BillerCode;
	tx_status_description: string;
	note?: string;
	receipt_code?: string;
	settled_at?: number;
	created: number;
	updated: number;
}

/** A customer's bill as a control endpoint or seed registered it: what the biller answers at inquiry. */
export interface RegisteredBill {
	product_id: string;
	customer_id: string;
	customer_name?: string;
	amount?: number;
}

/** PLN Prepaid's denominations (OY API docs: Biller API › Bill Inquiry › request parameters). */
export const PLN_PREPAID_DENOMINATIONS: ReadonlySet<number> = new Set([
	20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000,
]);

/** Products bought again and again (credit, top-ups, tokens); every other bill can be paid only once. */
export function isRepeatablePurchase(product: BillerProduct): boolean {
	return (
		product.category === 'pulsa' ||
		product.category === 'e-wallet' ||
		product.product_id === 'plnpre'
	);
}

/** A voucher's face value, read from its description ("PULSA AS 100.000" → 100000). */
export function faceValue(product: BillerProduct): number | undefined {
	const match = /(\d{1,3}(?:\.\d{3})+)$/.exec(product.description);
	return match ? Number(match[1].replaceAll('.', '')) : undefined;
}

function hash(text: string): number {
	let value = 2166136261;
	for (let i = 0; i < text.length; i++)
		value = Math.imul(value ^ text.charCodeAt(i), 16777619) >>> 0;
	return value;
}

/** The same customer of the same product always owes the same made-up amount (Rp50.000 – Rp995.000). */
export function madeUpBillAmount(productId: string, customerId: string): number {
	return 50_000 + (hash(`${productId}:${customerId}`) % 190) * 5_000;
}

export function madeUpCustomerName(customerId: string): string {
	return madeUpName(`biller:${customerId}`).toUpperCase();
}

function additionalData(bill: Bill, paid: boolean): string {
	return JSON.stringify({
		...bill.details,
		customer_id: bill.customer_id,
		customer_name: bill.customer_name,
		total_amount: bill.amount + bill.admin_fee,
		...(paid && bill.receipt_code
			? { receipt_code: bill.receipt_code, settlement_date: wibDateTime(bill.settled_at!) }
			: {}),
	});
}

export function inquiryView(bill: Bill): Record<string, unknown> {
	return {
		tx_id: bill.tx_id,
		partner_tx_id: bill.partner_tx_id,
		product_id: bill.product_id,
		customer_id: bill.customer_id,
		customer_name: bill.customer_name,
		amount: bill.amount,
		admin_fee: bill.admin_fee,
		additional_data: additionalData(bill, false),
	};
}

export function paymentView(bill: Bill): Record<string, unknown> {
	return {
		tx_id: bill.tx_id,
		customer_id: bill.customer_id,
		product_id: bill.product_id,
		partner_tx_id: bill.partner_tx_id,
		note: bill.note ?? '',
		customer_name: bill.customer_name,
		amount: bill.amount,
		admin_fee: bill.admin_fee,
	};
}

export function callbackData(bill: Bill): Record<string, unknown> {
	return {
		...inquiryView(bill),
		note: bill.note ?? '',
		additional_data: additionalData(bill, true),
	};
}

export function statusData(bill: Bill): Record<string, unknown> {
	return {
		...inquiryView(bill),
		status: bill.state,
		tx_status_description: bill.tx_status_description,
		additional_data: additionalData(bill, true),
	};
}
