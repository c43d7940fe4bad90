import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { CALLBACK_PRODUCTS } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import { CallbackReceiver, control, oy, shapeDifferences, startTestSandbox } from './helpers.mjs';
import type { ReceivedCallback } from './helpers.mjs';

/**
 * The sandbox's callbacks, received over HTTP, against OY's own examples (the trigger's fixture
 * test/trigger/fixtures/doc-callbacks.json, each checked against its doc lines): the same keys in
 * the same order, the same JSON types, the same date formats. Where the docs disagree, each
 * documented form is sent when chosen with PUT /__sandbox/callbacks/forms.
 */
interface DocCallback {
	name: string;
	source: string;
	body: Record<string, any>;
}
const DOC: DocCallback[] = JSON.parse(
	readFileSync(new URL('../trigger/fixtures/doc-callbacks.json', import.meta.url), 'utf8'),
);
const doc = (name: string) => DOC.find((entry) => entry.name === name)!.body;

let sandbox: RunningSandbox;
let receiver: CallbackReceiver;
let counter = 0;
const api = (method: string, path: string, body?: unknown) => oy(sandbox, method, path, body);
const sandboxControl = (method: string, path: string, body?: unknown) =>
	control(sandbox, method, path, body);
const unique = (prefix: string) => `${prefix}${++counter}`;

/** Digits as 9: `31/01/2020T01:01:01.000+0000` and `06/12/2026T10:00:00.000+0000` have one format. */
const format = (value: string) => value.replace(/\d/g, '9');
const DATE_LIKE = /^\d{2,4}[-/]\d{2}[-/]\d{2,4}[T ]\d{2}:\d{2}/;

/**
 * How a callback differs from OY's example: keys (and their order), JSON types at every level, the
 * format of date-times. `conditional` names keys the docs send only in situations the example does
 * not show (a paid routing's settlement), allowed on either side.
 */
function differences(
	actual: Record<string, unknown>,
	example: Record<string, unknown>,
	conditional: string[] = [],
): string[] {
	const keep = (keys: string[]) => keys.filter((key) => !conditional.includes(key));
	const problems: string[] = [];
	if (keep(Object.keys(actual)).join() !== keep(Object.keys(example)).join()) {
		problems.push(
			`keys ${keep(Object.keys(actual)).join(', ')} where the example has ${keep(Object.keys(example)).join(', ')}`,
		);
	}
	// Top-level keys are compared above (in order); nested ones here, with every JSON type.
	const topLevel = (problem: string) => !/^[^:]*[.[]/.test(problem);
	problems.push(
		...shapeDifferences(actual, example, conditional).filter(
			(problem) =>
				!(
					topLevel(problem) &&
					(problem.endsWith('missing') || problem.includes("not in the docs' example"))
				),
		),
	);
	for (const [key, value] of Object.entries(example)) {
		const sent = actual[key];
		if (
			typeof value === 'string' &&
			DATE_LIKE.test(value) &&
			typeof sent === 'string' &&
			format(sent) !== format(value)
		) {
			problems.push(`${key}: ${sent} is not written like ${value}`);
		}
	}
	return problems;
}

async function received(
	test: (callback: ReceivedCallback) => boolean,
): Promise<Record<string, any>> {
	const timeout = new Promise<never>((_, reject) =>
		setTimeout(() => reject(new Error('no callback within 10 s')), 10_000),
	);
	return (await Promise.race([receiver.next(test), timeout])).body;
}

const forms = (choices: Record<string, string>) =>
	sandboxControl('PUT', '/callbacks/forms', choices);

beforeAll(async () => {
	receiver = await new CallbackReceiver().start();
	sandbox = await startTestSandbox({
		processingDelays: {
			disbursement: 0,
			'e-wallet': 0,
			'payment-routing': 0,
			biller: 0,
			whatsapp: 0,
			offline: 0,
		},
	});
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(async () => {
	await sandboxControl('POST', '/reset');
	await sandboxControl(
		'PUT',
		'/callbacks',
		Object.fromEntries(CALLBACK_PRODUCTS.map((product) => [product, `${receiver.url}/${product}`])),
	);
});

async function disbursementCallback(outcome?: string) {
	const id = unique('FORM-D');
	if (outcome)
		await sandboxControl('PUT', `/disbursement/payouts/${id}/outcome`, { code: outcome });
	await api('POST', '/api/remit', {
		recipient_bank: '014',
		recipient_account: '1234567890',
		amount: 15000,
		partner_trx_id: id,
	});
	return received((callback) => callback.body.partner_trx_id === id);
}

async function vaCallback() {
	const va = await api('POST', '/api/generate-static-va', {
		partner_user_id: unique('form-user-'),
		bank_code: '002',
		is_open: true,
		is_lifetime: false,
		expiration_time: 60,
		partner_trx_id: unique('FORM-VA'),
	});
	await sandboxControl('POST', '/virtual-account/payments', {
		va_number: va.body.va_number,
		amount: 25_000,
	});
	return received((callback) => callback.body.va_number === va.body.va_number);
}

async function linkCallback() {
	const id = unique('FORMLINK');
	await api('POST', '/api/payment-checkout/create-v2', {
		...docExamples('payment-checkout')['create-payment-link'].request,
		partner_tx_id: id,
		child_balance: undefined,
		expiration: undefined,
	});
	await sandboxControl('POST', `/payment-checkout/links/${id}/pay`, {
		sender_phone: '082114845847',
		sender_note: 'sender notes',
	});
	return received((callback) => callback.body.partner_tx_id === id);
}

async function eWalletCallback() {
	const id = unique('FORM-EW');
	const created = await api('POST', '/api/e-wallet-aggregator/create-transaction', {
		...docExamples('e-wallet')['create-transaction'].request,
		ewallet_code: 'dana_ewallet',
		partner_trx_id: id,
	});
	await sandboxControl('POST', `/e-wallet/transactions/${id}/complete`, {});
	return {
		id,
		body: await received(
			(callback) =>
				callback.body.trx_id === created.body.trx_id && 'settlement_status' in callback.body,
		),
	};
}

async function offlineCallback() {
	const id = unique('FORM-OF');
	await api('POST', '/api/offline-create', {
		...docExamples('offline').initiate.request,
		partner_trx_id: id,
	});
	await sandboxControl('POST', `/offline/transactions/${id}/start`, {});
	await sandboxControl('POST', `/offline/transactions/${id}/complete`, {});
	return received((callback) => callback.body.partner_trx_id === id);
}

async function routingCallback() {
	const id = unique('FORM-PR');
	await api('POST', '/api/payment-routing/create-transaction', {
		...docExamples('payment-routing').create.request,
		partner_trx_id: id,
	});
	await sandboxControl('POST', `/payment-routing/transactions/${id}/pay`, {});
	return received((callback) => callback.body.partner_trx_id === id);
}

// Sent once a routing is COMPLETE (OY API docs: Payment Routing › Partner Callback Payment Routing › parameters); OY's six examples are all WAITING_PAYMENT.
const ROUTING_COMPLETE = [
	'payment_received_time',
	'settlement_time',
	'settlement_status',
	'settlement_type',
];

describe("the sandbox's callbacks are OY's examples, field for field", () => {
	it('lists each callback with its documented forms; an unknown form is refused', async () => {
		const { forms: view } = await sandboxControl('GET', '/callbacks/forms');
		expect(view['e-wallet-payment']).toMatchObject({
			current: 'example',
			forms: {
				example: expect.stringContaining(
					'OY API docs: API E-Wallet Aggregator › E-Wallet Transaction Callback',
				),
				table: expect.any(String),
			},
		});
		expect(view.disbursement.current).toBe('003');
		await expect(forms({ 'e-wallet-payment': 'guess' })).rejects.toThrow(/example, table/);
	});

	it('disbursement, 003: a success without tx_status_description, a failure with it', async () => {
		expect(differences(await disbursementCallback(), doc('disbursement success'))).toEqual([]);
		expect(differences(await disbursementCallback('300'), doc('disbursement failed'))).toEqual([]);
	});

	it('disbursement, 002: a success with tx_status_description', async () => {
		await forms({ disbursement: '002' });
		expect(
			differences(await disbursementCallback(), doc('disbursement force credit (older docs)')),
		).toEqual([]);
	});

	it('VA payment: 003 by default, the four fields of 001 when chosen', async () => {
		expect(differences(await vaCallback(), doc('VA payment'))).toEqual([]);
		await forms({ 'virtual-account': '001' });
		expect(differences(await vaCallback(), doc('VA payment (oldest docs, four fields)'))).toEqual(
			[],
		);
	});

	it('payment link: the example; the table adds payment_received_time', async () => {
		expect(differences(await linkCallback(), doc('payment link'))).toEqual([]);
		await forms({ 'payment-checkout': 'table' });
		const table = await linkCallback();
		expect(Object.keys(table).at(-1)).toBe('payment_received_time');
		expect(differences(table, doc('payment link'), ['payment_received_time'])).toEqual([]);
	});

	it("e-wallet payment: OY's example has no partner_trx_id; the table form carries it and ref_number", async () => {
		const example = await eWalletCallback();
		expect(
			differences(example.body, doc('e-wallet payment (delayed settlement, first callback)')),
		).toEqual([]);
		expect(example.body).not.toHaveProperty('partner_trx_id');
		await forms({ 'e-wallet-payment': 'table' });
		const table = await eWalletCallback();
		expect(table.body).toMatchObject({ partner_trx_id: table.id, ref_number: expect.any(String) });
		expect(
			differences(table.body, doc('e-wallet payment (delayed settlement, first callback)'), [
				'partner_trx_id',
				'ref_number',
			]),
		).toEqual([]);
	});

	it('e-wallet refund: the example', async () => {
		const { id } = await eWalletCallback();
		await api('POST', '/api/e-wallet-aggregator/refund', {
			partner_trx_id: id,
			refund_amount: 10_000,
		});
		expect(
			differences(
				await received((callback) => 'refund_id' in callback.body),
				doc('e-wallet refund'),
			),
		).toEqual([]);
	});

	it('API offline: the example; the table adds created_date and last_updated_date', async () => {
		expect(differences(await offlineCallback(), doc('API offline'))).toEqual([]);
		await forms({ offline: 'table' });
		const table = await offlineCallback();
		expect(Object.keys(table).slice(-2)).toEqual(['created_date', 'last_updated_date']);
	});

	it('payment routing: the VA example (payouts with trx_status); the table adds use_linked_account and payout fields', async () => {
		const example = await routingCallback();
		expect(differences(example, doc('payment routing: VA'), ROUTING_COMPLETE)).toEqual([]);
		expect(example).not.toHaveProperty('use_linked_account');
		await forms({ 'payment-routing': 'table' });
		const table = await routingCallback();
		expect(table).toHaveProperty('use_linked_account', false);
		expect(table.payment_routing[0]).toMatchObject({
			disbursement_trx_status: expect.any(String),
			email_status: expect.any(String),
		});
	});

	it('bill payment, WhatsApp and account linking: their examples', async () => {
		const bill = unique('FORM-BL');
		await api('POST', '/api/v2/bill', {
			customer_id: '12345678910',
			product_id: 'plnpost',
			partner_tx_id: bill,
		});
		await api('POST', '/api/v2/bill/payment', { partner_tx_id: bill });
		const billBody = await received((callback) => callback.body.data?.partner_tx_id === bill);
		expect(differences(billBody, doc('biller payment'))).toEqual([]);
		expect(Object.keys(billBody.data)).toEqual(Object.keys(doc('biller payment').data));

		const sent = await api('POST', '/api/whatsapp/send-link', {
			partner_tx_id: 'FORMLINK1',
			whatsapp_number: '621234567890',
		});
		const message = await received(
			(callback) => callback.body.message_id === sent.body.data.message_id,
		);
		expect(differences(message, doc('WhatsApp delivery status'))).toEqual([]);

		const linking = await api('POST', '/api/account/linking', {
			...docExamples('account-linking').linking.request,
			partner_user_id: unique('FORM-AL'),
		});
		const url = linking.body.data.linking_url as string;
		await sandboxControl(
			'POST',
			`/account-linking/linkings/${url.slice(url.lastIndexOf('/') + 1)}/complete`,
			{},
		);
		expect(
			differences(
				await received((callback) => callback.body.status === 'LINKED'),
				doc('e-wallet account linking'),
			),
		).toEqual([]);
	});
});
