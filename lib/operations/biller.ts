import { idUsedBefore } from '../outcomes';
import { PLN_PREPAID_DENOMINATIONS } from '../tables/billerProducts';
import type {
	CodeTable,
	FieldReading,
	OperationDefinition,
	ParameterDefinition,
	StateField,
	ValidationProblem,
} from '../types';

const failedAtBiller = (meaning: string, hint?: string) => ({
	outcome: 'failed' as const,
	meaning: `Failed: ${meaning}`,
	...(hint ? { hint } : {}),
});

/**
 * API Biller codes, OY API docs: API Biller response codes, transaction outcome, shared by every Biller operation. The Pay Bill example
 * answers 101 "In Progress" (Biller API › Pay Bill › example), which the table lacks, and the staging mock forces 301 for
 * PENDING (API Biller staging mock values): both are read as in progress. 999 is marked final but says nothing about the
 * payment, so the common "unknown" applies.
 */
export const BILLER_CODES: CodeTable = {
	'000': { outcome: 'success', meaning: 'Done: the inquiry or payment succeeded' },
	'101': {
		outcome: 'pending',
		meaning: 'In progress',
		hint: 'The result arrives by callback or through Get Status.',
	},
	'102': {
		outcome: 'pending',
		meaning: 'In progress',
		hint: 'The result arrives by callback or through Get Status.',
	},
	'301': {
		outcome: 'pending',
		meaning: 'Pending at the biller',
		hint: 'Wait for the callback; do not pay again.',
	},
	'400': {
		outcome: 'pending',
		meaning: 'Pending: the biller gave no clear answer; OY! resolves it by hand',
		hint: 'Wait for the callback or check the status later; do not pay again.',
	},
	'300': failedAtBiller('the transaction failed'),
	'302': failedAtBiller(
		'the customer id was not found at the biller',
		'Check customer_id and product_id.',
	),
	'303': failedAtBiller('the product does not exist or is not available'),
	'304': failedAtBiller('the biller found the data not valid'),
	'305': failedAtBiller('this bill is already paid'),
	'306': failedAtBiller(
		'the biller is in its cut-off hours',
		'Try again after the cut-off, with a new inquiry.',
	),
	'307': failedAtBiller('the biller system had an error'),
	'203': idUsedBefore('Not done', 'Every inquiry needs a new partner_tx_id.', 'partner_tx_id'),
	'204': {
		outcome: 'rejected',
		meaning: 'OY! has no bill under this partner_tx_id',
		hint: 'Pay Bill and Get Status take the partner_tx_id of an inquiry.',
	},
	'205': { outcome: 'rejected', meaning: 'Not done: this product is not available at the moment' },
	'206': {
		outcome: 'rejected',
		meaning: 'Not paid: your OY! balance is not enough',
		hint: 'Top up the OY! balance, then pay again.',
	},
	'210': {
		outcome: 'rejected',
		meaning: 'Not done: the denomination is not valid',
		hint: `PLN Prepaid takes ${PLN_PREPAID_DENOMINATIONS.join(', ')}.`,
	},
	'223': {
		outcome: 'rejected',
		meaning: 'Not paid again: a payment for this partner_tx_id was already requested',
		hint: 'The status of the existing payment is checked automatically.',
	},
	'290': { outcome: 'rejected', meaning: 'OY! found a parameter not valid' },
};

const BILL_STATE: StateField = {
	path: 'data.status',
	values: {
		INQUIRY: {
			outcome: 'pending',
			meaning: 'Inquired, not paid',
			hint: 'Pay it with Pay Bill under the same partner_tx_id.',
		},
		IN_PROGRESS: { outcome: 'pending', meaning: 'The payment is being processed at the biller' },
		PENDING: {
			outcome: 'pending',
			meaning: 'The biller gave no clear answer; OY! resolves it by hand',
			hint: 'Wait for the callback or check again later; do not pay again.',
		},
		SUCCESS: { outcome: 'success', meaning: 'The bill is paid' },
		FAILED: {
			outcome: 'failed',
			meaning: 'The bill payment failed',
			hint: 'tx_status_description says why.',
		},
	},
};

/**
 * `additional_data` of the answers is a JSON text in every example although typed Object
 * (OY API docs: Biller API › Bill Inquiry › example, Biller API › Get Bill Payment Status › example); it is left as OY! sends it. The pay and status examples show `amount`
 * with the admin fee, against the table and the inquiry (Biller API › Pay Bill › example vs Biller API › Bill Inquiry › response parameters, Biller API › Bill Inquiry › example): amounts are
 * shown as OY! gives them, never summed.
 */
const BILL_FIELDS: FieldReading = {
	amounts: ['amount', 'admin_fee'],
	simplify: [
		'partner_tx_id',
		'tx_id',
		'product_id',
		'customer_id',
		'customer_name',
		'amount',
		'admin_fee',
		'status',
	],
};

const PARTNER_TX_ID: ParameterDefinition = {
	name: 'partner_tx_id',
	displayName: 'Partner Transaction ID',
	in: 'body',
	type: 'string',
	required: true,
	maxLength: 255,
	description: 'The partner_tx_id you gave at the inquiry',
};

const needsAdditionalData = (productId: string) =>
	productId.startsWith('bpjs') || productId.startsWith('pbb');

/** OY API docs: Biller API › Bill Inquiry › request parameters: `amount` only for PLN Prepaid; months for BPJS and the tax year for PBB. */
function checkInquiryInputs(input: Record<string, unknown>): ValidationProblem | undefined {
	const productId = String(input.product_id);
	if (input.amount !== undefined && productId !== 'plnpre') {
		return {
			field: 'amount',
			message: `amount is only for PLN Prepaid (plnpre), not ${productId}`,
		};
	}
	const extra = input.additional_data;
	if (needsAdditionalData(productId) && extra === undefined) {
		return {
			field: 'additional_data',
			message: `additional_data is required for ${productId}: the number of months (BPJS) or the tax year (PBB)`,
		};
	}
	if (productId.startsWith('bpjs') && !/^[1-9]\d*$/.test(String(extra))) {
		return {
			field: 'additional_data',
			message: `additional_data must be a number of months for ${productId}, e.g. 3`,
		};
	}
	if (productId.startsWith('pbb') && !/^\d{4}$/.test(String(extra))) {
		return {
			field: 'additional_data',
			message: `additional_data must be a tax year for ${productId}, e.g. 2023`,
		};
	}
	return undefined;
}

const biller = {
	resource: 'biller',
	product: 'Biller API',
	envelope: 'statusObject',
	codes: BILLER_CODES,
	fields: BILL_FIELDS,
} as const;

export const billerOperations: readonly OperationDefinition[] = [
	{
		...biller,
		id: 'biller.inquireBill',
		name: 'Inquire Bill',
		action: 'Inquire a bill',
		description:
			"Looks up a customer's bill at a biller (name, amount, admin fee) and registers your partner_tx_id for Pay Bill. Moves no money.",
		method: 'POST',
		path: '/api/v2/bill',
		params: [
			{
				...PARTNER_TX_ID,
				idempotencyKey: true,
				description:
					'Your unique id for this bill; Pay Bill and Get Status use it. Every inquiry needs a new one.',
			},
			{
				name: 'product_id',
				displayName: 'Product ID',
				in: 'body',
				type: 'string',
				required: true,
				maxLength: 255,
				optionsFrom: 'billerProducts',
				description:
					"The biller product, exactly as OY's product list writes it (e.g. plnpre, bpjsks)",
			},
			{
				name: 'customer_id',
				displayName: 'Customer ID',
				in: 'body',
				type: 'string',
				required: true,
				maxLength: 255,
				description: "The customer's number at the biller (meter, BPJS or phone number …)",
			},
			{
				name: 'amount',
				in: 'body',
				type: 'amount',
				options: PLN_PREPAID_DENOMINATIONS.map(String),
				description: 'PLN Prepaid only: the denomination to buy, in whole rupiah',
			},
			{
				name: 'additional_data',
				in: 'body',
				type: 'string',
				maxLength: 255,
				description:
					'BPJS: the number of months (e.g. 3); PBB: the tax year (e.g. 2023); empty otherwise',
			},
		],
		checks: [checkInquiryInputs],
		recordPath: 'data',
		// It creates the bill under your id but moves no money; sent again it would be refused (203).
		safety: 'write',
		docs: 'OY API docs: Biller API › Bill Inquiry',
	},
	{
		...biller,
		id: 'biller.payBill',
		name: 'Pay Bill',
		action: 'Pay a bill',
		description:
			'Pays an inquired bill from your OY! balance. The answer is usually "in progress"; the result arrives by callback or Get Status.',
		method: 'POST',
		path: '/api/v2/bill/payment',
		params: [
			{ ...PARTNER_TX_ID, idempotencyKey: true },
			{
				name: 'note',
				in: 'body',
				type: 'string',
				maxLength: 255,
				description: 'Your note for this payment',
			},
		],
		recordPath: 'data',
		safety: 'moneyCreate',
		// A lost answer is resolved by Get Status: INQUIRY means the payment did not happen. OY! pays
		// one partner_tx_id once (223), so sending the same request again cannot pay twice. The
		// request names no amount or customer, so there is nothing to compare for a conflict.
		statusCheck: {
			operation: 'biller.getStatus',
			input: (create) => ({ partner_tx_id: create.partner_tx_id }),
			notFoundCodes: ['204'],
			notDone: (verdict) => verdict.state === 'INQUIRY',
			duplicateCodes: ['203', '223'],
		},
		docs: 'OY API docs: Biller API › Pay Bill, Partner Callback',
	},
	{
		...biller,
		id: 'biller.getStatus',
		name: 'Get Status',
		action: 'Get the status of a bill',
		description: 'Reads the state of an inquired or paid bill by your partner_tx_id',
		method: 'GET',
		path: '/api/v2/bill/status',
		params: [{ ...PARTNER_TX_ID, in: 'query' }],
		codes: { ...BILLER_CODES, '000': { outcome: 'success', meaning: 'Bill read' } },
		stateField: BILL_STATE,
		recordPath: 'data',
		fields: {
			...BILL_FIELDS,
			simplify: [...(BILL_FIELDS.simplify ?? []), 'tx_status_description'],
		},
		safety: 'read',
		absent: { codes: ['204'] },
		docs: 'OY API docs: Biller API › Get Bill Payment Status',
	},
	{
		...biller,
		id: 'biller.getManyProducts',
		name: 'Get Many Products',
		action: 'Get many biller products',
		description:
			'Lists the biller products available to you, with amount, admin fee and availability',
		method: 'GET',
		path: '/api/v2/bill/products',
		params: [],
		codes: { ...BILLER_CODES, '000': { outcome: 'success', meaning: 'Products read' } },
		fields: { amounts: ['amount', 'admin_fee'] },
		safety: 'read',
		list: { itemsPath: 'data.product_list', pagination: { style: 'none' } },
		docs: 'OY API docs: Biller API › Get Bill Products List',
	},
];
