import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IDataObject } from 'n8n-workflow';
import { docExamples } from '../sandbox/fixtures.mjs';
import { control, oy } from '../sandbox/helpers.mjs';
import { Figures } from './support/figures.mjs';
import { startScenario, TOKEN, until } from './support/scenario.mjs';
import type { Scenario } from './support/scenario.mjs';
import { post } from './support/triggerServer.mjs';

/**
 * Every product of the sandbox calls back one OY! Trigger URL (confirm: all events OY! can
 * confirm). Each callback must start the workflow with the normalized item, confirmed by the
 * sandbox's status APIs over real HTTP.
 */
let scenario: Scenario;
const figures = new Figures();
const api = (method: string, path: string, body?: unknown) =>
	oy(scenario.sandbox, method, path, body);
const sandboxControl = (method: string, path: string, body?: unknown) =>
	control(scenario.sandbox, method, path, body);

/** The first item the workflow received that matches. */
function emitted(test: (item: IDataObject) => boolean, what: string): Promise<IDataObject> {
	return until(
		() => scenario.trigger.executions.flatMap((execution) => execution.items).find(test),
		what,
	);
}
const byKind =
	(kind: string, test: (item: IDataObject) => boolean = () => true) =>
	(item: IDataObject) =>
		item.kind === kind && test(item);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

beforeAll(async () => {
	scenario = await startScenario({
		parameters: { confirmWithOy: 'all' },
		processingDelays: {
			disbursement: 0,
			'e-wallet': 0,
			'transaction-data': 0,
			'payment-routing': 0,
			biller: 0,
			whatsapp: 30,
			offline: 0,
		},
	});
});

afterAll(async () => {
	await scenario.trigger.settled();
	const deliveries = (await sandboxControl('GET', '/callbacks')).deliveries as Array<{
		payload: unknown;
		attempts: Array<{ http_status?: number }>;
	}>;
	for (const delivery of deliveries)
		figures.record(delivery.payload, delivery.attempts.at(-1)?.http_status ?? 0);
	figures.print(
		`OY! Trigger, callbacks sent by the sandbox (${deliveries.length}), confirmed with its status APIs:`,
	);
	await scenario.close();
});

describe('a callback from the sandbox for each product starts the workflow with the normalized item', () => {
	it('disbursement: confirmed 000, with the raw body and headers', async () => {
		const created = await api('POST', '/api/remit', {
			recipient_bank: '014',
			recipient_account: '1234567890',
			amount: 15000,
			partner_trx_id: 'TRG-D1',
		});
		expect(created.body.status.code).toBe('101');
		const item = await emitted(
			byKind('disbursement', (i) => i.partnerTrxId === 'TRG-D1'),
			'the disbursement item',
		);
		expect(item).toMatchObject({
			kindName: 'Disbursement',
			status: '000',
			outcome: 'success',
			isFinal: true,
			amount: 15000,
			oyTrxId: created.body.trx_id,
			dedupKey: 'disbursement:TRG-D1:000',
			confirmation: {
				state: 'confirmed',
				claimedStatus: '000',
				operations: ['disbursement.getStatus'],
			},
			isDuplicate: false,
			latePending: false,
			details: { recipientBank: '014', recipientAccount: '1234567890' },
		});
		expect(item.occurredAt).toMatch(ISO);
		expect((item.body as IDataObject).partner_trx_id).toBe('TRG-D1');
		expect((item.headers as IDataObject)['content-type']).toBe('application/json');
	});

	it('disbursement with child balance: the same callback, confirmed', async () => {
		await sandboxControl('PUT', '/balance/children/branch-1', { balance: 500_000 });
		await api('POST', '/api/remit', {
			...docExamples('multi-account')['disburse-with-child-balance'].request,
			child_balance: 'branch-1',
			partner_trx_id: 'TRG-D2',
		});
		const item = await emitted(
			byKind('disbursement', (i) => i.partnerTrxId === 'TRG-D2'),
			'the child-balance item',
		);
		expect(item).toMatchObject({
			status: '000',
			amount: 125000,
			confirmation: { state: 'confirmed' },
		});
	});

	it('VA payment: found by VA number and payment id in OY! before it is believed', async () => {
		const va = await api('POST', '/api/generate-static-va', {
			partner_user_id: 'trg-user-1',
			bank_code: '002',
			is_open: true,
			is_lifetime: true,
			partner_trx_id: 'TRG-VA1',
		});
		expect(va.body.status.code).toBe('000');
		const paid = await sandboxControl('POST', '/virtual-account/payments', {
			va_number: va.body.va_number,
			amount: 25_000,
		});
		const item = await emitted(byKind('vaPayment'), 'the VA payment item');
		expect(item).toMatchObject({
			status: 'SUCCESS',
			outcome: 'success',
			amount: 25000,
			oyTrxId: paid.payment.id,
			partnerTrxId: 'TRG-VA1',
			settlementStatus: 'WAITING',
			dedupKey: `vaPayment:${paid.payment.id}:SUCCESS:WAITING`,
			confirmation: {
				state: 'confirmed',
				operations: ['virtualAccount.getMany', 'virtualAccount.getTransactions'],
			},
			details: { vaNumber: va.body.va_number, partnerUserId: 'trg-user-1', vaId: va.body.id },
		});
		expect(item.occurredAt).toMatch(ISO);
	});

	it('payment link: the paid link, confirmed as COMPLETE', async () => {
		const link = await api('POST', '/api/payment-checkout/create-v2', {
			...docExamples('payment-checkout')['create-payment-link'].request,
			partner_tx_id: 'TRGLINK1',
			child_balance: undefined,
			expiration: undefined,
		});
		expect(link.body.status).toBe(true);
		await sandboxControl('POST', '/payment-checkout/links/TRGLINK1/pay', {});
		const item = await emitted(byKind('paymentLink'), 'the payment link item');
		expect(item).toMatchObject({
			status: 'COMPLETE',
			outcome: 'success',
			isFinal: true,
			amount: 50000,
			partnerTrxId: 'TRGLINK1',
			confirmation: { state: 'confirmed', claimedStatus: 'COMPLETE' },
		});
		expect(item.occurredAt).toMatch(ISO);
	});

	it("e-wallet payment as OY's example sends it (no partner_trx_id): passed on, unconfirmed, never dropped", async () => {
		await api('POST', '/api/e-wallet-aggregator/create-transaction', {
			...docExamples('e-wallet')['create-transaction'].request,
			ewallet_code: 'dana_ewallet',
			partner_trx_id: 'TRG-EW0',
		});
		const created = await api('POST', '/api/e-wallet-aggregator/check-status', {
			partner_trx_id: 'TRG-EW0',
		});
		await sandboxControl('POST', '/e-wallet/transactions/TRG-EW0/complete', {});
		const item = await emitted(
			byKind('eWalletPayment', (i) => i.oyTrxId === created.body.trx_id),
			'the e-wallet item',
		);
		expect(item).toMatchObject({
			outcome: 'unconfirmed',
			isFinal: false,
			amount: 75000,
			partnerTrxId: null,
			confirmation: {
				state: 'unconfirmable',
				claimedOutcome: 'success',
				reason: expect.stringContaining('partner_trx_id'),
			},
		});
		expect(item.body).not.toHaveProperty('partner_trx_id');
	});

	it("e-wallet payment in the table's form (with partner_trx_id), delayed settlement: two callbacks, two dedup keys, one transaction, confirmed", async () => {
		await sandboxControl('PUT', '/callbacks/forms', { 'e-wallet-payment': 'table' });
		await api('POST', '/api/e-wallet-aggregator/create-transaction', {
			...docExamples('e-wallet')['create-transaction'].request,
			ewallet_code: 'dana_ewallet',
			partner_trx_id: 'TRG-EW1',
		});
		await sandboxControl('POST', '/e-wallet/transactions/TRG-EW1/complete', {});
		const first = await emitted(
			byKind(
				'eWalletPayment',
				(i) => i.partnerTrxId === 'TRG-EW1' && i.settlementStatus === 'WAITING',
			),
			'the first e-wallet item',
		);
		await sandboxControl('POST', '/clock/advance', { days: 2 });
		const second = await emitted(
			byKind(
				'eWalletPayment',
				(i) => i.partnerTrxId === 'TRG-EW1' && i.settlementStatus === 'SUCCESS',
			),
			'the settlement item',
		);
		await sandboxControl('PUT', '/callbacks/forms', { 'e-wallet-payment': 'example' });
		for (const item of [first, second]) {
			expect(item).toMatchObject({
				status: 'COMPLETE',
				outcome: 'success',
				amount: 75000,
				partnerTrxId: 'TRG-EW1',
				transactionKey: `eWalletPayment:${String(first.oyTrxId)}`,
				confirmation: { state: 'confirmed', notCovered: ['settlement_status'] },
			});
		}
		expect(first.dedupKey).not.toBe(second.dedupKey);
		expect(second.latePending).toBe(false);
	});

	it('e-wallet refund: the issuer refunded, confirmed with Get Refund', async () => {
		const refund = await api('POST', '/api/e-wallet-aggregator/refund', {
			partner_trx_id: 'TRG-EW1',
			refund_amount: 10_000,
		});
		expect(refund.body.status.code).toBe('000');
		const item = await emitted(byKind('eWalletRefund'), 'the refund item');
		expect(item).toMatchObject({
			status: 'REFUNDED',
			outcome: 'success',
			amount: 10000,
			oyTrxId: refund.body.refund_id,
			confirmation: { state: 'confirmed', operations: ['eWallet.getRefund'] },
		});
	});

	it('payment routing: the payer paid, the payouts are listed, confirmed with Check Status', async () => {
		const created = await api('POST', '/api/payment-routing/create-transaction', {
			...docExamples('payment-routing').create.request,
			partner_trx_id: 'TRG-PR1',
		});
		expect(created.body.status.code).toBe('000');
		await sandboxControl('POST', '/payment-routing/transactions/TRG-PR1/pay', {});
		const item = await emitted(
			byKind('paymentRouting', (i) => i.isFinal === true),
			'the routing item',
		);
		expect(item).toMatchObject({
			partnerTrxId: 'TRG-PR1',
			amount: 14000,
			confirmation: { state: 'confirmed' },
		});
		expect((item.details as IDataObject).payouts).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					recipientAccount: expect.any(String),
					status: expect.any(String),
				}),
			]),
		);
	});

	it('API offline: a completed cash-in, confirmed with Transaction Info', async () => {
		await api('POST', '/api/offline-create', {
			...docExamples('offline').initiate.request,
			partner_trx_id: 'TRG-OF1',
		});
		await sandboxControl('POST', '/offline/transactions/TRG-OF1/start', {});
		await sandboxControl('POST', '/offline/transactions/TRG-OF1/complete', {});
		const item = await emitted(byKind('apiOffline'), 'the offline item');
		expect(item).toMatchObject({
			status: '000',
			outcome: 'success',
			amount: 50000,
			partnerTrxId: 'TRG-OF1',
			confirmation: { state: 'confirmed' },
			details: { transactionType: 'CASH_IN', offlineChannel: 'INDOMARET' },
		});
		expect(item.occurredAt).toMatch(ISO);
	});

	it('account statement ready: read liberally, confirmed with Check Account Statement Status', async () => {
		const registered = await api('POST', '/api/transaction-data/account/register', {
			partner_user_id: 'trg-td-1',
		});
		const linking = await sandboxControl(
			'POST',
			`/transaction-data/registrations/${registered.body.token}/complete`,
			{
				bank_code: '014',
				account_numbers: ['8691502376'],
			},
		);
		const today = new Date(Date.parse((await sandboxControl('GET', '/clock')).now) + 7 * 3_600_000)
			.toISOString()
			.slice(0, 10);
		const init = await api('POST', '/api/transaction-data/account-statement/init', {
			...docExamples('transaction-data')['init-statement'].request,
			permanent_token: linking.permanent_token,
			start_date: today,
			end_date: today,
		});
		const item = await emitted(byKind('accountStatement'), 'the statement item');
		expect(item).toMatchObject({
			oyTrxId: init.body.account_statement_id,
			outcome: 'success',
			amount: null,
			confirmation: { state: 'confirmed', operations: ['transactionData.getStatementStatus'] },
		});
	});

	it('bill payment: paid, confirmed with Get Bill Status', async () => {
		await api('POST', '/api/v2/bill', {
			customer_id: '12345678910',
			product_id: 'plnpost',
			partner_tx_id: 'TRG-BL1',
		});
		await api('POST', '/api/v2/bill/payment', { partner_tx_id: 'TRG-BL1' });
		const item = await emitted(byKind('billPayment'), 'the bill item');
		expect(item).toMatchObject({
			status: 'SUCCESS',
			outcome: 'success',
			partnerTrxId: 'TRG-BL1',
			confirmation: { state: 'confirmed', claimedStatus: '000' },
		});
		expect(item.amount).toEqual(expect.any(Number));
	});

	it('WhatsApp: sent, delivered, read; no status API exists, so none is confirmed', async () => {
		const sent = await api('POST', '/api/whatsapp/send-link', {
			partner_tx_id: 'TRGLINK1',
			whatsapp_number: '621234567890',
		});
		const messageId = sent.body.data.message_id as string;
		const read = await emitted(
			byKind('whatsappStatus', (i) => i.status === 'read'),
			'the read item',
		);
		const statuses = scenario.trigger.executions
			.flatMap((execution) => execution.items)
			.filter((item) => item.oyTrxId === messageId)
			.map((item) => item.status);
		expect(statuses).toEqual(['sent', 'delivered', 'read']);
		// Nobody confirmed it: never success, never final; the claim is kept in confirmation.
		expect(read).toMatchObject({
			outcome: 'unconfirmed',
			isFinal: false,
			confirmation: { state: 'notAvailable', claimedOutcome: 'success' },
		});
	});

	it('e-wallet account linking: confirmed by reading the linked balance', async () => {
		const linking = await api('POST', '/api/account/linking', {
			...docExamples('account-linking').linking.request,
			partner_user_id: 'TRG-AL1',
		});
		const url = linking.body.data.linking_url as string;
		await sandboxControl(
			'POST',
			`/account-linking/linkings/${url.slice(url.lastIndexOf('/') + 1)}/complete`,
			{},
		);
		const item = await emitted(byKind('accountLinking'), 'the linking item');
		expect(item).toMatchObject({
			status: 'LINKED',
			outcome: 'success',
			transactionId: 'TRG-AL1/dana_ewallet',
			confirmation: { state: 'confirmed', operations: ['eWallet.getAccountBalance'] },
		});
	});
});

describe('duplicates and late states', () => {
	it('a re-sent callback has the same dedup key and is marked as a duplicate', async () => {
		const before = scenario.trigger.executions.length;
		await api('POST', '/api/remit-status', { partner_trx_id: 'TRG-D1', send_callback: true });
		const resent = await until(
			() => scenario.trigger.executions.slice(before).flatMap((e) => e.items)[0],
			'the re-sent item',
		);
		expect(resent).toMatchObject({
			dedupKey: 'disbursement:TRG-D1:000',
			isDuplicate: true,
			latePending: false,
		});
	});

	it('a callback delivered again five times at the same moment: all five marked duplicates', async () => {
		const before = scenario.trigger.executions.length;
		await sandboxControl('PUT', '/disbursement/payouts/TRG-D5/outcome', { code: '000' });
		await api('POST', '/api/remit', {
			recipient_bank: '014',
			recipient_account: '1234567890',
			amount: 30000,
			partner_trx_id: 'TRG-D5',
		});
		const genuine = await emitted(
			byKind('disbursement', (i) => i.partnerTrxId === 'TRG-D5'),
			'the TRG-D5 item',
		);
		const answers = await Promise.all(
			Array.from({ length: 5 }, () => post(`${scenario.trigger.url}?token=${TOKEN}`, genuine.body)),
		);
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
		await scenario.trigger.settled();
		const replays = scenario.trigger.executions
			.slice(before)
			.flatMap((e) => e.items)
			.filter((i) => i.partnerTrxId === 'TRG-D5');
		expect(replays.map((item) => item.isDuplicate)).toEqual([false, true, true, true, true, true]);
	});

	it('a pending callback that arrives after the final one is marked late, and OY! state (final) wins', async () => {
		await sandboxControl('PUT', '/disbursement/payouts/TRG-D3/outcome', { code: '301' });
		await api('POST', '/api/remit', {
			recipient_bank: '014',
			recipient_account: '1234567890',
			amount: 20000,
			partner_trx_id: 'TRG-D3',
		});
		const pending = await emitted(
			byKind('disbursement', (i) => i.partnerTrxId === 'TRG-D3'),
			'the pending item',
		);
		expect(pending).toMatchObject({ status: '301', outcome: 'pending', isFinal: false });
		await sandboxControl('POST', '/disbursement/payouts/TRG-D3/settle', { code: '000' });
		await emitted(
			byKind('disbursement', (i) => i.partnerTrxId === 'TRG-D3' && i.status === '000'),
			'the final item',
		);
		// OY! delivers the old 301 once more, late.
		const late = await post(`${scenario.trigger.url}?token=${TOKEN}`, pending.body);
		figures.record(pending.body, late.status);
		expect(late.status).toBe(200);
		await scenario.trigger.settled();
		const items = scenario.trigger.executions
			.flatMap((e) => e.items)
			.filter((i) => i.partnerTrxId === 'TRG-D3');
		expect(items.at(-1)).toMatchObject({
			status: '000',
			isFinal: true,
			latePending: true,
			isDuplicate: true,
			knownFinal: { status: '000', outcome: 'success' },
			confirmation: { claimedStatus: '301', claimedOutcome: 'pending', advanced: true },
		});
	});

	it('a late pending state that OY! cannot confirm is marked and does not replace the final one', async () => {
		const delivered = scenario.trigger.executions
			.flatMap((e) => e.items)
			.find((i) => i.kind === 'whatsappStatus' && i.status === 'delivered')!;
		const late = await post(`${scenario.trigger.url}?token=${TOKEN}`, delivered.body);
		figures.record(delivered.body, late.status);
		expect(late.status).toBe(200);
		await scenario.trigger.settled();
		const last = scenario.trigger.executions.at(-1)!.items[0];
		expect(last).toMatchObject({
			status: 'delivered',
			latePending: true,
			isDuplicate: true,
			knownFinal: { status: 'read' },
		});
	});
});
