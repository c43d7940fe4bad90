import { idUsedBefore } from '../outcomes';
import type {
	CodeTable,
	FieldReading,
	OperationDefinition,
	ParameterDefinition,
	ValidationProblem,
} from '../types';

/**
 * VA Aggregator codes, OY API docs: VA Aggregator response codes. Several codes carry more than one meaning (202, 214, 219,
 * 990), so OY's message is always shown next to ours. The timeout OY! documents for the VA
 * Aggregator is 60 s (OY API docs: Client timeout durations and the Timeout request header).
 */
export const VA_CODES: CodeTable = {
	'000': { outcome: 'success', meaning: 'Success' },
	'202': {
		outcome: 'rejected',
		meaning: 'Not done: the user is not active, or this VA feature is not enabled for your account',
		hint: "Read OY's message; ask OY! to enable multiple-use or customized VAs if needed.",
	},
	'203': idUsedBefore('Not created'),
	'211': { outcome: 'rejected', meaning: 'This bank code is not available for virtual accounts' },
	'212': { outcome: 'rejected', meaning: 'The amount is lower than this bank allows for a VA' },
	'213': { outcome: 'rejected', meaning: 'The amount is greater than this bank allows for a VA' },
	'214': {
		outcome: 'rejected',
		meaning:
			'The VA could not be generated, or the bank does not support this amount type (open/closed)',
		hint: 'BNI (009) and BSI (451) take closed amounts only.',
	},
	'216': { outcome: 'rejected', meaning: 'The VA id is empty or unknown' },
	'217': {
		outcome: 'rejected',
		meaning: 'A VA is still active for this partner_user_id',
		hint: 'Reuse or deactivate the active VA first.',
	},
	'219': {
		outcome: 'rejected',
		meaning: 'Virtual accounts are not enabled for this bank, or the bank reached its daily limit',
	},
	'226': { outcome: 'rejected', meaning: 'The transaction expiry is later than the VA expiry' },
	'245': { outcome: 'rejected', meaning: 'CIMB and Permata VAs must live at least 10 minutes' },
	'246': { outcome: 'rejected', meaning: 'OY! could not update the VA' },
	'260': { outcome: 'rejected', meaning: 'The VA suffix is not valid' },
	'262': { outcome: 'rejected', meaning: 'No VA prefix is available for your username' },
};

export const VA_BANKS: ReadonlyArray<{
	code: string;
	name: string;
	closedOnly: boolean;
	lifetime: boolean;
	maxExpirationMinutes?: number;
	needsEmailAndName: boolean;
	minExpirationMinutes?: number;
	customized: boolean;
}> = [
	// OY API docs: VA aggregator bank codes; 245 adds the 10-minute minimum for CIMB and Permata; OY API docs: VA Aggregator › Create VA the e-mail/name rule.
	{
		code: '002',
		name: 'BRI',
		closedOnly: false,
		lifetime: true,
		needsEmailAndName: false,
		customized: true,
	},
	{
		code: '008',
		name: 'Bank Mandiri',
		closedOnly: false,
		lifetime: true,
		needsEmailAndName: true,
		customized: false,
	},
	{
		code: '009',
		name: 'BNI',
		closedOnly: true,
		lifetime: true,
		needsEmailAndName: false,
		customized: false,
	},
	{
		code: '013',
		name: 'Bank Permata / Permata Syariah',
		closedOnly: false,
		lifetime: true,
		needsEmailAndName: true,
		minExpirationMinutes: 10,
		customized: false,
	},
	{
		code: '014',
		name: 'BCA',
		closedOnly: false,
		lifetime: true,
		needsEmailAndName: false,
		customized: false,
	},
	{
		code: '022',
		name: 'CIMB Niaga / CIMB Niaga Syariah',
		closedOnly: false,
		lifetime: true,
		needsEmailAndName: true,
		minExpirationMinutes: 10,
		customized: true,
	},
	{
		code: '213',
		name: 'SMBC',
		closedOnly: false,
		lifetime: true,
		needsEmailAndName: false,
		customized: false,
	},
	{
		code: '451',
		name: 'BSI (Bank Syariah Indonesia)',
		closedOnly: true,
		lifetime: false,
		maxExpirationMinutes: 99_999,
		needsEmailAndName: false,
		customized: false,
	},
];

const VA_ID: ParameterDefinition = {
	name: 'id',
	displayName: 'VA ID',
	in: 'path',
	type: 'string',
	required: true,
	maxLength: 255,
	description: 'The id OY! gave the virtual account when it was created (not the VA number)',
};

/** A static VA's id, picked from the list of static VAs. */
const PICKED_VA_ID: ParameterDefinition = { ...VA_ID, pick: 'virtualAccount' };

const PAGE_PARAMS: readonly ParameterDefinition[] = [
	{ name: 'offset', in: 'query', type: 'integer', minimum: 0, description: 'Records to skip' },
	{ name: 'limit', in: 'query', type: 'integer', minimum: 1, description: 'Records per page' },
];

const minutes = (name: string, description: string): ParameterDefinition => ({
	name,
	in: 'body',
	type: 'integer',
	minimum: 0,
	description,
});

const common = {
	partner_user_id: {
		name: 'partner_user_id',
		displayName: 'Partner User ID',
		in: 'body',
		type: 'string',
		required: true,
		maxLength: 255,
		description: 'Your id for the user who will pay into this VA',
	},
	username_display: {
		name: 'username_display',
		in: 'body',
		type: 'string',
		maxLength: 255,
		description: 'Name the payer sees; your username when empty',
	},
	email: {
		name: 'email',
		in: 'body',
		type: 'email',
		maxLength: 255,
		description: "The end user's e-mail address",
	},
	partner_trx_id: {
		name: 'partner_trx_id',
		displayName: 'Partner Transaction ID',
		in: 'body',
		type: 'string',
		maxLength: 255,
		description: 'Your id for the payment this VA is waiting for; must be unique',
	},
	amount: {
		name: 'amount',
		in: 'body',
		type: 'amount',
		minimum: 0,
		description: 'Amount in whole rupiah',
	},
} satisfies Record<string, ParameterDefinition>;

function bankOf(input: Record<string, unknown>) {
	return VA_BANKS.find((bank) => bank.code === input.bank_code);
}

const closedAmountNeedsAmount = (input: Record<string, unknown>): ValidationProblem | undefined =>
	input.is_open === false && !(Number(input.amount) > 0)
		? { field: 'amount', message: 'amount is required when is_open is false (a closed-amount VA)' }
		: undefined;

const bankRules = (input: Record<string, unknown>): ValidationProblem | undefined => {
	const bank = bankOf(input);
	if (!bank) return undefined;
	if (bank.closedOnly && input.is_open !== false) {
		return {
			field: 'is_open',
			message: `is_open must be false: ${bank.name} (${bank.code}) takes closed amounts only`,
		};
	}
	if (bank.needsEmailAndName && (!input.email || !input.full_name)) {
		return {
			field: 'email',
			message: `email and full_name are required for ${bank.name} (${bank.code})`,
		};
	}
	if (input.is_lifetime === true && !bank.lifetime) {
		return {
			field: 'is_lifetime',
			message: `is_lifetime is not supported by ${bank.name} (${bank.code})`,
		};
	}
	const expiration = Number(input.expiration_time);
	if (
		input.expiration_time !== undefined &&
		bank.maxExpirationMinutes &&
		expiration > bank.maxExpirationMinutes
	) {
		return {
			field: 'expiration_time',
			message: `expiration_time must be at most ${bank.maxExpirationMinutes} minutes for ${bank.name}`,
		};
	}
	if (
		input.expiration_time !== undefined &&
		bank.minExpirationMinutes &&
		expiration < bank.minExpirationMinutes
	) {
		return {
			field: 'expiration_time',
			message: `expiration_time must be at least ${bank.minExpirationMinutes} minutes for ${bank.name}`,
		};
	}
	return undefined;
};

const transactionWithinVa = (input: Record<string, unknown>): ValidationProblem | undefined =>
	input.trx_expiration_time !== undefined &&
	input.expiration_time !== undefined &&
	Number(input.trx_expiration_time) > Number(input.expiration_time)
		? {
				field: 'trx_expiration_time',
				message: 'trx_expiration_time must not be later than expiration_time',
			}
		: undefined;

const VA_FIELDS: FieldReading = {
	dates: {
		expiration_time: { format: 'epochMillis', zone: 'UTC' },
		trx_expiration_time: { format: 'epochMillis', zone: 'UTC' },
		created: { format: 'epochMillis', zone: 'UTC' },
	},
	amounts: ['amount', 'amount_detected'],
	simplify: [
		'id',
		'va_number',
		'bank_code',
		'amount',
		'va_status',
		'partner_user_id',
		'partner_trx_id',
		'expiration_time',
		'trx_expiration_time',
		'counter_incoming_payment',
	],
};

const va = {
	resource: 'virtualAccount',
	product: 'VA Aggregator',
	envelope: 'statusObject',
	codes: VA_CODES,
	fields: VA_FIELDS,
	timeoutSeconds: 60,
} as const;

export const virtualAccountOperations: readonly OperationDefinition[] = [
	{
		...va,
		id: 'virtualAccount.create',
		name: 'Create',
		action: 'Create a virtual account',
		description:
			'Creates a static VA at a bank for one of your users: open or closed amount, single or multiple use',
		method: 'POST',
		path: '/api/generate-static-va',
		params: [
			common.partner_user_id,
			{
				name: 'bank_code',
				in: 'body',
				type: 'string',
				required: true,
				optionsFrom: 'vaBanks',
				options: VA_BANKS.map((bank) => bank.code),
				description: 'Bank that issues the VA',
			},
			common.amount,
			{
				name: 'is_open',
				in: 'body',
				type: 'boolean',
				description: 'Whether any amount is accepted (true) or only the amount (false)',
			},
			{
				name: 'is_single_use',
				in: 'body',
				type: 'boolean',
				description: 'Whether the VA closes after one payment',
			},
			minutes('expiration_time', 'Minutes until the VA expires; 24 hours when empty'),
			{
				name: 'is_lifetime',
				in: 'body',
				type: 'boolean',
				description: 'Whether the VA never expires (not at BSI)',
			},
			common.username_display,
			common.email,
			{
				name: 'full_name',
				in: 'body',
				type: 'string',
				maxLength: 255,
				description: 'Name of the user who will pay; required at Mandiri, Permata and CIMB',
			},
			minutes(
				'trx_expiration_time',
				'Minutes until the transaction window expires; the VA expiry when empty',
			),
			common.partner_trx_id,
			{
				name: 'trx_counter',
				in: 'body',
				type: 'integer',
				minimum: -1,
				description:
					'How many payments the VA accepts; -1 for unlimited (multiple use), 1 for single use',
			},
		],
		checks: [closedAmountNeedsAmount, bankRules, transactionWithinVa],
		safety: 'write',
		docs: 'OY API docs: VA Aggregator › Create VA',
	},
	{
		...va,
		id: 'virtualAccount.get',
		name: 'Get',
		action: 'Get a virtual account',
		description: 'Reads one static VA by its id',
		method: 'GET',
		path: '/api/static-virtual-account/{id}',
		params: [PICKED_VA_ID],
		safety: 'read',
		absent: { codes: ['216'] },
		docs: 'OY API docs: VA Aggregator › Get VA Info',
	},
	{
		...va,
		id: 'virtualAccount.update',
		name: 'Update',
		action: 'Update a virtual account',
		description:
			'Changes a static VA, or starts a new transaction window on a lifetime VA. OY! may reset the expiry to 24 hours when expiration_time is empty (OY product guide: API VA Aggregator).',
		method: 'PUT',
		path: '/api/static-virtual-account/{id}',
		params: [
			PICKED_VA_ID,
			common.amount,
			{
				name: 'is_single_use',
				in: 'body',
				type: 'boolean',
				description: 'Whether the VA closes after one payment',
			},
			{
				name: 'expiration_time',
				in: 'body',
				type: 'integer',
				minimum: 1,
				description: 'Minutes until the VA expires (use Deactivate to end it now)',
			},
			common.username_display,
			{
				name: 'is_lifetime',
				in: 'body',
				type: 'boolean',
				description: 'Whether the VA never expires',
			},
			common.email,
			minutes(
				'trx_expiration_time',
				'Minutes until the transaction window expires; 0 ends the current one now',
			),
			common.partner_trx_id,
			{
				name: 'trx_counter',
				in: 'body',
				type: 'integer',
				minimum: -1,
				description: 'How many payments the VA accepts; -1 for unlimited',
			},
		],
		checks: [transactionWithinVa],
		safety: 'idempotentWrite',
		docs: 'OY API docs: VA Aggregator › Update VA',
	},
	{
		...va,
		id: 'virtualAccount.deactivate',
		name: 'Deactivate',
		action: 'Deactivate a virtual account',
		description: 'Ends a static VA now, for good: it can no longer be paid or updated',
		method: 'PUT',
		path: '/api/static-virtual-account/{id}',
		params: [
			PICKED_VA_ID,
			{
				name: 'expiration_time',
				in: 'body',
				type: 'integer',
				fixed: 0,
				description: '0 ends the VA',
			},
		],
		safety: 'idempotentWrite',
		docs: 'OY API docs: VA Aggregator › Deactivate VA',
	},
	{
		...va,
		id: 'virtualAccount.getMany',
		name: 'Get Many',
		action: 'Get many virtual accounts',
		description: 'Lists the static VAs you created',
		method: 'GET',
		path: '/api/static-virtual-account',
		params: PAGE_PARAMS,
		safety: 'read',
		list: {
			itemsPath: 'data',
			totalPath: 'total',
			pagination: {
				style: 'offset',
				offsetParam: 'offset',
				limitParam: 'limit',
				maxPageSize: 100,
				defaultPageSize: 10,
			},
		},
		docs: 'OY API docs: VA Aggregator › Get List of Created VA',
	},
	{
		...va,
		id: 'virtualAccount.getTransactions',
		name: 'Get Transactions',
		action: 'Get the payments into a virtual account',
		description: 'Lists the payments one VA received in the last 3 months',
		method: 'GET',
		path: '/api/va-tx-history/{id}',
		params: [PICKED_VA_ID, ...PAGE_PARAMS],
		// The zone of `created`, `last_updated` and `settlement_time` is not documented: left as OY! writes them.
		fields: { amounts: ['amount', 'admin_fee'] },
		safety: 'read',
		absent: { codes: ['216'] },
		list: {
			itemsPath: 'data',
			// number_of_transaction may count the page or the whole history (OY API docs: VA Aggregator › Get List of Transaction for VA); stop on a short page.
			pagination: {
				style: 'offset',
				offsetParam: 'offset',
				limitParam: 'limit',
				maxPageSize: 100,
				defaultPageSize: 10,
			},
		},
		docs: 'OY API docs: VA Aggregator › Get List of Transaction for VA',
	},
	{
		...va,
		id: 'virtualAccount.createCustomized',
		name: 'Create Customized',
		action: 'Create a customized virtual account',
		description: 'Creates a VA whose number ends with a suffix you choose (BRI and CIMB only)',
		method: 'POST',
		path: '/api/custom-va',
		params: [
			common.partner_user_id,
			{
				name: 'bank_code',
				in: 'body',
				type: 'string',
				required: true,
				optionsFrom: 'customizedVaBanks',
				options: VA_BANKS.filter((bank) => bank.customized).map((bank) => bank.code),
				description: 'Bank that issues the VA: BRI (002) or CIMB (022)',
			},
			{
				name: 'va_suffix',
				displayName: 'VA Suffix',
				in: 'body',
				type: 'digits',
				required: true,
				minLength: 10,
				maxLength: 12,
				description:
					'The 10 to 12 digits the VA number ends with (e.g. a phone number); OY! may trim the front',
			},
			common.amount,
			{
				name: 'is_open',
				in: 'body',
				type: 'boolean',
				description: 'Whether any amount is accepted (true) or only the amount (false)',
			},
			common.username_display,
			common.email,
			minutes(
				'trx_expiration_time',
				'Minutes until the transaction window expires; none when empty',
			),
			common.partner_trx_id,
		],
		checks: [closedAmountNeedsAmount],
		safety: 'write',
		docs: 'OY API docs: VA Aggregator › Create Customized VA',
	},
	{
		...va,
		id: 'virtualAccount.updateCustomized',
		name: 'Update Customized',
		action: 'Update a customized virtual account',
		description:
			'Changes the amount, display name, e-mail or transaction window of a customized VA',
		method: 'PUT',
		path: '/api/custom-va/{id}',
		params: [
			VA_ID,
			common.amount,
			common.username_display,
			common.email,
			minutes(
				'trx_expiration_time',
				'Minutes until the transaction window expires; 0 ends the current one now',
			),
			common.partner_trx_id,
		],
		safety: 'idempotentWrite',
		docs: 'OY API docs: VA Aggregator › Update Customized VA',
	},
	{
		...va,
		id: 'virtualAccount.deactivateCustomized',
		name: 'Deactivate Customized',
		action: 'Deactivate a customized virtual account',
		description: 'Ends a customized VA',
		method: 'DELETE',
		path: '/api/custom-va/{id}',
		params: [VA_ID],
		safety: 'idempotentWrite',
		docs: 'OY API docs: VA Aggregator › Deactivate Customized VA',
	},
];
