/**
 * The documented forms of each callback. Products build a callback with every field the docs name
 * anywhere (example or table); the chosen form then keeps exactly the fields of one documented
 * form, in the docs' order, so the sandbox sends what OY's examples show and nothing that would make
 * a receiver look right. Where the docs disagree (an example against its table, the older API docs against the current ones;
 * the form names 001 / 002 / 003 are the versions named in docs/oy-api-sources.md),
 * each side is a form of its own: `PUT /__sandbox/callbacks/forms` picks one per callback.
 */

/** The keys of one JSON object, in order. */
export interface FieldList {
	keys: readonly string[];
	/** keys sent only when the product has them (the docs name the condition) */
	optional?: readonly string[];
	/** sent key ← the product's key (the example names a field otherwise than the table) */
	rename?: Readonly<Record<string, string>>;
	/** the fields of nested objects (or of each object of a nested list) */
	nested?: Readonly<Record<string, FieldList>>;
}

export interface CallbackForm {
	/** where the docs show this form */
	source: string;
	fields: FieldList;
	/** keys left out when the predicate holds for the product's payload */
	omitWhen?: Readonly<Record<string, (payload: Record<string, unknown>) => boolean>>;
}

const isSuccessCode = (payload: Record<string, unknown>) =>
	(payload.status as { code?: unknown } | undefined)?.code === '000';

const DISBURSEMENT_KEYS = [
	'status',
	'tx_status_description',
	'amount',
	'recipient_name',
	'recipient_bank',
	'recipient_account',
	'trx_id',
	'partner_trx_id',
	'timestamp',
	'created_date',
	'last_updated_date',
];

const VA_KEYS = ['va_number', 'amount', 'partner_user_id', 'success'];
const VA_003_KEYS = [
	...VA_KEYS,
	'tx_date',
	'username_display',
	'trx_expiration_date',
	'partner_trx_id',
	'trx_id',
	'settlement_time',
	'settlement_status',
	'full_name',
];

const LINK_KEYS = [
	'partner_tx_id',
	'child_balance',
	'amount',
	'sender_phone',
	'sender_note',
	'created',
	'tx_ref_number',
	'sender_name',
	'is_invoice',
	'updated',
	'payment_method',
	'status',
	'sender_bank',
	'settlement_type',
	'description',
	'payment_reference_number',
	'expiration',
	'due_date',
	'email',
	'paid_amount',
	'settlement_time',
	'settlement_status',
	'invoice_ID',
	'full_name',
];
// Conditions of OY API docs: Payment Checkout › Payment Link / Invoice Callback, Payment Checkout › Payment Link / Invoice Callback › invoice fields: MAM links, what the payer filled in, paid links, invoices.
const LINK_OPTIONAL = [
	'child_balance',
	'sender_phone',
	'sender_note',
	'settlement_time',
	'settlement_status',
	'invoice_ID',
	'full_name',
];

const EWALLET_EXAMPLE_KEYS = [
	'success',
	'trx_id',
	'customer_id',
	'amount',
	'ewallet_code',
	'mobile_number',
	'success_redirect_url',
	'settlement_time',
	'settlement_status',
];
const EWALLET_TABLE_KEYS = [
	'success',
	'partner_trx_id',
	'trx_id',
	'ref_number',
	'customer_id',
	'amount',
	'ewallet_code',
	'mobile_number',
	'success_redirect_url',
	'settlement_time',
	'settlement_status',
];

const OFFLINE_KEYS = [
	'status',
	'partner_trx_id',
	'trx_id',
	'amount',
	'code',
	'receiver_phone_number',
	'customer_id',
	'transaction_type',
	'offline_channel',
	'timestamp',
	'admin_fee',
	'tax_fee',
	'total_amount',
	'inactive_at',
	'expired_at',
];

const ROUTING_KEYS = [
	'trx_id',
	'partner_user_id',
	'partner_trx_id',
	'receive_amount',
	'payment_status',
	'trx_expiration_time',
	'need_frontend',
	'payment_method',
	'sender_bank',
	'payment_info',
	'payment_routing',
	// Sent "once status of the payment routing is set to COMPLETE" (OY API docs: Payment Routing › Partner Callback Payment Routing › parameters); no example shows one.
	'payment_received_time',
	'settlement_time',
	'settlement_status',
	'settlement_type',
];
const ROUTING_OPTIONAL = [
	'partner_user_id',
	'payment_method',
	'sender_bank',
	'payment_routing',
	'payment_received_time',
	'settlement_time',
	'settlement_status',
	'settlement_type',
];
const PAYOUT_EXAMPLE: FieldList = {
	keys: [
		'recipient_bank',
		'recipient_account',
		'recipient_account_name',
		'recipient_amount',
		'disbursement_trx_id',
		'trx_status',
	],
	rename: { trx_status: 'disbursement_trx_status' },
};
const PAYOUT_TABLE: FieldList = {
	keys: [
		'recipient_bank',
		'recipient_account',
		'recipient_account_name',
		'recipient_amount',
		'recipient_email',
		'disbursement_trx_id',
		'disbursement_trx_notes',
		'disbursement_trx_status',
		'email_status',
	],
	optional: ['recipient_email', 'disbursement_trx_notes'],
};

/** Per callback, its forms; the first is the default. */
export const CALLBACK_FORMS: Readonly<Record<string, Readonly<Record<string, CallbackForm>>>> = {
	disbursement: {
		'003': {
			source:
				'OY API docs: Fund Disbursement › Disbursement Callback, the examples: no tx_status_description on a success (as its table says)',
			fields: { keys: DISBURSEMENT_KEYS },
			omitWhen: { tx_status_description: isSuccessCode },
		},
		'002': {
			source:
				'OY API docs (older version): Fund Disbursement › Disbursement Callback: tx_status_description on a success too ("Force Credit")',
			fields: { keys: DISBURSEMENT_KEYS },
		},
	},
	'virtual-account': {
		'003': {
			source:
				'OY API docs: VA Aggregator › VA Payment Callback (= OY API docs (older version): VA Aggregator › VA Payment Callback); full_name when asked for (OY API docs: VA Aggregator › VA Payment Callback)',
			fields: { keys: VA_003_KEYS, optional: ['full_name'] },
		},
		'001': {
			source: 'OY API docs (oldest version): VA Aggregator › VA Payment Callback: four fields',
			fields: { keys: VA_KEYS },
		},
	},
	'payment-checkout': {
		example: {
			source:
				'OY API docs: Payment Checkout › Payment Link / Invoice Callback (= OY API docs (older version): Payment Checkout › Payment Link / Invoice Callback)',
			fields: { keys: LINK_KEYS, optional: LINK_OPTIONAL },
		},
		table: {
			source:
				'OY API docs: Payment Checkout › Payment Link / Invoice Callback: the table adds payment_received_time once complete',
			fields: {
				keys: [...LINK_KEYS, 'payment_received_time'],
				optional: [...LINK_OPTIONAL, 'payment_received_time'],
			},
		},
	},
	'e-wallet-payment': {
		example: {
			source:
				'OY API docs: API E-Wallet Aggregator › E-Wallet Transaction Callback: no partner_trx_id, no ref_number',
			fields: { keys: EWALLET_EXAMPLE_KEYS },
		},
		table: {
			source:
				'OY API docs: API E-Wallet Aggregator › E-Wallet Transaction Callback: the table lists partner_trx_id and ref_number',
			fields: { keys: EWALLET_TABLE_KEYS },
		},
	},
	'e-wallet-refund': {
		example: {
			source: 'OY API docs: API E-Wallet Aggregator › E-Wallet Refund Callback',
			fields: { keys: ['success', 'refund_id', 'refund_status', 'refund_amount'] },
		},
	},
	offline: {
		example: {
			source: 'OY API docs: API Offline › Offline Transaction Callback',
			fields: { keys: OFFLINE_KEYS },
		},
		table: {
			source:
				'OY API docs: API Offline › Offline Transaction Callback: the table adds created_date and last_updated_date',
			fields: { keys: [...OFFLINE_KEYS, 'created_date', 'last_updated_date'] },
		},
	},
	'payment-routing': {
		example: {
			source:
				'OY API docs: Payment Routing › Partner Callback Payment Routing › payload examples: payouts with trx_status, no use_linked_account',
			fields: {
				keys: ROUTING_KEYS,
				optional: ROUTING_OPTIONAL,
				nested: { payment_routing: PAYOUT_EXAMPLE },
			},
		},
		table: {
			source:
				'OY API docs: Payment Routing › Partner Callback Payment Routing › parameters: use_linked_account, payouts with disbursement_trx_status and email_status',
			fields: {
				keys: [...ROUTING_KEYS.slice(0, 2), 'use_linked_account', ...ROUTING_KEYS.slice(2)],
				optional: ROUTING_OPTIONAL,
				nested: { payment_routing: PAYOUT_TABLE },
			},
		},
	},
	biller: {
		example: {
			source: 'OY API docs: Biller API › Partner Callback',
			fields: {
				keys: ['status', 'data'],
				nested: {
					data: {
						keys: [
							'tx_id',
							'partner_tx_id',
							'product_id',
							'customer_id',
							'customer_name',
							'amount',
							'admin_fee',
							'note',
							'additional_data',
						],
					},
				},
			},
		},
	},
	whatsapp: {
		example: {
			source: 'OY API docs: API Send WhatsApp › Callback WhatsApp Sending',
			fields: { keys: ['partner_tx_id', 'whatsapp_number', 'message_id', 'status'] },
		},
	},
	'account-linking': {
		example: {
			source:
				'OY API docs: API Account Linking › Account linking result callback and redirect › send callback condition',
			fields: {
				keys: [
					'username',
					'partner_user_id',
					'payment_method',
					'channel_code',
					'phone_number',
					'status',
					'expiration_time',
				],
			},
		},
	},
};

function project(value: unknown, fields: FieldList): Record<string, unknown> {
	const source = (value ?? {}) as Record<string, unknown>;
	const out: Record<string, unknown> = {};
	for (const key of fields.keys) {
		const from = fields.rename?.[key] ?? key;
		let field = source[from];
		if (field === undefined) {
			if (fields.optional?.includes(key)) continue;
			// A documented field the product did not build: sent as null, so a test sees it.
			field = null;
		}
		const nested = fields.nested?.[key];
		if (nested && Array.isArray(field)) field = field.map((element) => project(element, nested));
		else if (nested && typeof field === 'object' && field !== null) field = project(field, nested);
		out[key] = field;
	}
	return out;
}

/** The chosen form of each callback; callbacks without documented forms are sent as built. */
export class CallbackForms {
	private chosen = new Map<string, string>();

	/** The payload in the chosen form of the callback. */
	shape(callback: string, payload: unknown): unknown {
		const forms = CALLBACK_FORMS[callback];
		if (!forms || typeof payload !== 'object' || payload === null) return payload;
		const form = forms[this.current(callback)];
		const built = payload as Record<string, unknown>;
		const out = project(built, form.fields);
		for (const [key, omit] of Object.entries(form.omitWhen ?? {})) if (omit(built)) delete out[key];
		return out;
	}

	current(callback: string): string {
		return (
			this.chosen.get(callback) ?? Object.keys(CALLBACK_FORMS[callback] ?? {})[0] ?? 'as-built'
		);
	}

	/** Chooses forms; throws with the forms there are when a name is unknown. */
	choose(choices: Record<string, unknown>): void {
		for (const [callback, form] of Object.entries(choices)) {
			const forms = CALLBACK_FORMS[callback];
			if (!forms)
				throw new Error(
					`no callback "${callback}"; callbacks with forms: ${Object.keys(CALLBACK_FORMS).join(', ')}`,
				);
			if (typeof form !== 'string' || !(form in forms)) {
				throw new Error(`"${callback}" has the forms ${Object.keys(forms).join(', ')}`);
			}
		}
		for (const [callback, form] of Object.entries(choices))
			this.chosen.set(callback, form as string);
	}

	view(): Record<string, { current: string; forms: Record<string, string> }> {
		return Object.fromEntries(
			Object.entries(CALLBACK_FORMS).map(([callback, forms]) => [
				callback,
				{
					current: this.current(callback),
					forms: Object.fromEntries(
						Object.entries(forms).map(([name, form]) => [name, form.source]),
					),
				},
			]),
		);
	}

	reset(): void {
		this.chosen.clear();
	}
}
