/**
 * Biller API (OY API docs: Biller API): bill inquiry, pay bill, payment status, the products list and
 * the payment callback, with the staging mock values (OY API docs: API Biller staging mock values): an inquiry for a
 * customer_id ending in 9 fails, and `<code>0000` makes the payment fail (300) or stay pending (301).
 */
import { ControlError, requireBody } from '../../core/control-routes.mjs';
import { BILLER_PRODUCTS, type BillerProduct } from '../../reference/biller-products.mjs';
import type { Answer, ProductDefinition, RefusalReason, SandboxRequest } from '../product.mjs';
import { statusAnswer } from '../shared/status-envelope.mjs';
import { isNonEmptyString, isOptionalString } from '../shared/validation.mjs';
import {
	callbackData,
	faceValue,
	inquiryView,
	isRepeatablePurchase,
	madeUpBillAmount,
	madeUpCustomerName,
	paymentView,
	PLN_PREPAID_DENOMINATIONS,
	statusData,
	type Bill,
	type RegisteredBill,
} from './biller-bills.mjs';
import { BILLER_CODES, MOCKABLE_INQUIRY_FAILURES, type BillerCode } from './biller-codes.mjs';

export const BILLER = 'biller';
const DEFAULT_PROCESSING_MS = 1000;
/** The admin fee of the docs' examples. */
const DEFAULT_ADMIN_FEE = 2_500;
/** `<code>0000` in the customer_id forces the payment's outcome (OY API docs: API Biller staging mock values). */
const PAYMENT_MOCK = /^(300|301)0000$/;

type BillLookUp =
	| { code: BillerCode }
	| { amount: number; customer_name: string; details: Record<string, unknown> };

interface ProductSettings {
	is_available: boolean;
	admin_fee: number;
}

const reply = ([code, message]: BillerCode, data: Record<string, unknown> | null = null): Answer =>
	statusAnswer(code, message, { data });

function refuse(reason: RefusalReason): Answer {
	switch (reason) {
		case 'unknown-user':
			return reply(BILLER_CODES.userNotFound);
		case 'wrong-key':
			return reply(BILLER_CODES.wrongKey);
		case 'malformed-body':
			return reply(BILLER_CODES.invalidParameter);
		case 'too-many-requests':
			return statusAnswer('429', 'Request Rejected (Too Many Request to specific endpoint)', {
				data: null,
			});
	}
}

const key = (productId: string, customerId: string) => `${productId}|${customerId}`;

export const billerProduct: ProductDefinition = {
	name: BILLER,
	docsProduct: 'Biller API',
	create(context) {
		const { clock, ledger, scheduler, callbacks, transactions } = context;
		const bills = new Map<string, Bill>();
		const registered = new Map<string, RegisteredBill>();
		/** Bills paid successfully, which a new inquiry finds already paid (305). */
		const paid = new Set<string>();
		const productSettings = new Map<string, ProductSettings>();
		let receipts = 0;

		const settingsOf = (productId: string): ProductSettings =>
			productSettings.get(productId) ?? { is_available: true, admin_fee: DEFAULT_ADMIN_FEE };

		/** What the biller says the customer owes, or the code it refuses with. */
		const lookUpBill = (
			product: BillerProduct,
			customerId: string,
			amount: unknown,
			extra: string | undefined,
		): BillLookUp => {
			const mockedFailure = customerId.endsWith('9')
				? (MOCKABLE_INQUIRY_FAILURES.get(customerId.slice(-4, -1)) ?? BILLER_CODES.internalError)
				: undefined;
			if (mockedFailure) return { code: mockedFailure };
			if (!isRepeatablePurchase(product) && paid.has(key(product.product_id, customerId)))
				return { code: BILLER_CODES.alreadyPaid };
			const known = registered.get(key(product.product_id, customerId));
			const details: Record<string, unknown> = {};
			let owed =
				known?.amount ?? faceValue(product) ?? madeUpBillAmount(product.product_id, customerId);
			if (product.product_id === 'plnpre' && amount != null) owed = amount as number;
			if (product.category === 'pln') details.electric_power = 'R1M/900 VA';
			if (product.product_id.startsWith('bpjs')) {
				details.months = Number(extra);
				if (known?.amount === undefined) owed *= Number(extra);
			}
			if (product.category === 'pbb') details.tax_year = extra;
			return {
				amount: owed,
				customer_name: known?.customer_name ?? madeUpCustomerName(customerId),
				details,
			};
		};

		const inquiry = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			const {
				customer_id: customerId,
				product_id: productId,
				partner_tx_id: partnerTxId,
				amount,
				additional_data: extra,
			} = body;
			const wellFormed =
				isNonEmptyString(customerId) &&
				isNonEmptyString(productId) &&
				isNonEmptyString(partnerTxId) &&
				(amount == null || (typeof amount === 'number' && Number.isSafeInteger(amount))) &&
				isOptionalString(extra);
			if (!wellFormed) return reply(BILLER_CODES.invalidParameter);
			if (bills.has(partnerTxId)) return reply(BILLER_CODES.duplicatePartnerTxId);
			const product = BILLER_PRODUCTS.get(productId);
			if (!product) return reply(BILLER_CODES.productUnknown);
			const settings = settingsOf(productId);
			if (!settings.is_available) return reply(BILLER_CODES.productUnavailable);
			if (
				productId === 'plnpre' &&
				amount != null &&
				!PLN_PREPAID_DENOMINATIONS.has(amount as number)
			)
				return reply(BILLER_CODES.invalidDenomination);
			// "Required for BPJS (number of months) and PBB (tax year)" (OY API docs: Biller API › Bill Inquiry › request parameters).
			if (productId.startsWith('bpjs') && !(typeof extra === 'string' && /^[1-9]\d?$/.test(extra)))
				return reply(BILLER_CODES.invalidParameter);
			if (product.category === 'pbb' && !(typeof extra === 'string' && /^\d{4}$/.test(extra)))
				return reply(BILLER_CODES.invalidParameter);

			const found = lookUpBill(product, customerId, amount, extra as string | undefined);
			if ('code' in found) return reply(found.code);
			const now = clock.now();
			const bill: Bill = {
				tx_id: context.newId(),
				partner_tx_id: partnerTxId,
				product_id: productId,
				customer_id: customerId,
				customer_name: found.customer_name,
				amount: found.amount,
				admin_fee: settings.admin_fee,
				details: found.details,
				state: 'INQUIRY',
				tx_status_description: '',
				created: now,
				updated: now,
			};
			bills.set(partnerTxId, bill);
			return reply(BILLER_CODES.success, inquiryView(bill));
		};

		const conclude = (
			bill: Bill,
			state: 'SUCCESS' | 'FAILED' | 'PENDING',
			pending: BillerCode = BILLER_CODES.pending,
		) => {
			const now = clock.now();
			const total = bill.amount + bill.admin_fee;
			bill.state = state;
			bill.updated = now;
			if (state === 'SUCCESS') {
				ledger.settleHold(undefined, total);
				bill.outcome = BILLER_CODES.success;
				bill.tx_status_description = '';
				bill.receipt_code = String(123_123_123_000 + ++receipts);
				bill.settled_at = now;
				paid.add(key(bill.product_id, bill.customer_id));
				transactions.publish({
					product_type: 'API_BILLER',
					partner_tx_id: bill.partner_tx_id,
					direction: 'out',
					transfer_amount: bill.amount,
					admin_fee: bill.admin_fee,
				});
			} else if (state === 'FAILED') {
				ledger.releaseHold(undefined, total);
				bill.outcome = BILLER_CODES.failed;
				bill.tx_status_description = BILLER_CODES.failed[1];
			} else {
				// PENDING "will be resolved manually": the money stays held.
				bill.outcome = pending;
				bill.tx_status_description = pending[1];
			}
			callbacks.send(BILLER, {
				status: { code: bill.outcome[0], message: bill.outcome[1] },
				data: callbackData(bill),
			});
		};

		const payBill = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			if (!isNonEmptyString(body.partner_tx_id) || !isOptionalString(body.note))
				return reply(BILLER_CODES.invalidParameter);
			const bill = bills.get(body.partner_tx_id);
			if (!bill) return reply(BILLER_CODES.partnerTxIdNotFound);
			if (bill.state !== 'INQUIRY') return reply(BILLER_CODES.duplicatePayment);
			if (!ledger.hold(undefined, bill.amount + bill.admin_fee))
				return reply(BILLER_CODES.balanceNotEnough);
			bill.note = (body.note as string | undefined) ?? undefined;
			bill.state = 'IN_PROGRESS';
			bill.updated = clock.now();
			const mock = PAYMENT_MOCK.exec(bill.customer_id);
			scheduler.after(context.processingDelay(BILLER, DEFAULT_PROCESSING_MS), () => {
				if (bill.state !== 'IN_PROGRESS') return;
				if (mock?.[1] === '301') conclude(bill, 'PENDING', BILLER_CODES.mockedPending);
				else conclude(bill, mock?.[1] === '300' ? 'FAILED' : 'SUCCESS');
			});
			return reply(BILLER_CODES.inProgress, paymentView(bill));
		};

		const billStatus = (request: SandboxRequest): Answer => {
			const partnerTxId = request.query.get('partner_tx_id');
			if (!isNonEmptyString(partnerTxId)) return reply(BILLER_CODES.invalidParameter);
			const bill = bills.get(partnerTxId);
			if (!bill) return reply(BILLER_CODES.partnerTxIdNotFound);
			return reply(BILLER_CODES.success, statusData(bill));
		};

		const productList = (): Answer =>
			reply(BILLER_CODES.success, {
				product_list: [...BILLER_PRODUCTS.values()].map((product) => ({
					product_id: product.product_id,
					description: product.description,
					admin_fee: settingsOf(product.product_id).admin_fee,
					amount: faceValue(product) ?? 0,
					is_available: settingsOf(product.product_id).is_available,
				})),
			});

		const registerBill = (entry: unknown): RegisteredBill => {
			const bill = entry as RegisteredBill;
			if (!isNonEmptyString(bill?.product_id) || !BILLER_PRODUCTS.has(bill.product_id))
				throw new ControlError('"product_id" must be a product of the list');
			if (!isNonEmptyString(bill.customer_id))
				throw new ControlError('"customer_id" must be a non-empty string');
			if (bill.amount !== undefined && !(typeof bill.amount === 'number' && bill.amount > 0))
				throw new ControlError('"amount" must be a positive number');
			if (!isOptionalString(bill.customer_name))
				throw new ControlError('"customer_name" must be a string');
			registered.set(key(bill.product_id, bill.customer_id), bill);
			return bill;
		};

		const setProduct = (productId: string, body: Record<string, unknown>): ProductSettings => {
			if (!BILLER_PRODUCTS.has(productId))
				throw new ControlError(`no biller product "${productId}"`);
			const next = { ...settingsOf(productId), ...body } as ProductSettings;
			if (typeof next.is_available !== 'boolean')
				throw new ControlError('"is_available" must be a boolean');
			if (typeof next.admin_fee !== 'number' || next.admin_fee < 0)
				throw new ControlError('"admin_fee" must be a non-negative number');
			productSettings.set(productId, {
				is_available: next.is_available,
				admin_fee: next.admin_fee,
			});
			return productSettings.get(productId)!;
		};

		return {
			routes: [
				{ method: 'POST', path: '/api/v2/bill', handle: inquiry },
				{ method: 'POST', path: '/api/v2/bill/payment', handle: payBill },
				{ method: 'GET', path: '/api/v2/bill/status', handle: billStatus },
				{ method: 'GET', path: '/api/v2/bill/products', handle: productList },
			],
			control: [
				{
					method: 'PUT',
					path: '/bills',
					handle: (request) => ({ status: 200, body: registerBill(requireBody(request)) }),
				},
				{
					method: 'PUT',
					path: '/products/{product_id}',
					handle: (request) => ({
						status: 200,
						body: setProduct(request.params.product_id, requireBody(request)),
					}),
				},
				{
					// OY! resolves a PENDING payment by hand; so does this.
					method: 'POST',
					path: '/bills/{partner_tx_id}/resolve',
					handle: (request) => {
						const bill = bills.get(request.params.partner_tx_id);
						if (!bill) throw new ControlError(`no bill "${request.params.partner_tx_id}"`);
						if (bill.state !== 'IN_PROGRESS' && bill.state !== 'PENDING')
							throw new ControlError(`the bill is ${bill.state}, not in progress or pending`);
						const state = requireBody(request).status;
						if (state !== 'SUCCESS' && state !== 'FAILED' && state !== 'PENDING')
							throw new ControlError('"status" must be SUCCESS, FAILED or PENDING');
						conclude(bill, state);
						return { status: 200, body: statusData(bill) };
					},
				},
			],
			refuse,
			/** `{ "bills": [{ product_id, customer_id, customer_name?, amount? }], "products": { "<id>": { is_available?, admin_fee? } } }`. */
			seed(section) {
				const seed = (section ?? {}) as {
					bills?: unknown[];
					products?: Record<string, Record<string, unknown>>;
				};
				const seeded = (seed.bills ?? []).map(registerBill);
				const products = Object.entries(seed.products ?? {});
				for (const [productId, settings] of products) setProduct(productId, settings);
				return seeded.length + products.length;
			},
			snapshot: () => ({
				bills: [...bills.values()],
				registered_bills: [...registered.values()],
				product_settings: Object.fromEntries(productSettings),
			}),
			reset() {
				bills.clear();
				registered.clear();
				paid.clear();
				productSettings.clear();
				receipts = 0;
			},
		};
	},
};
