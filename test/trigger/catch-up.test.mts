import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IDataObject } from 'n8n-workflow';
import { OyClient } from '../../lib/client.js';
import { catchUp, catchUpState, VA_HISTORY_DAYS } from '../../lib/catchUp/index.js';
import { docExamples } from '../sandbox/fixtures.mjs';
import { control, oy } from '../sandbox/helpers.mjs';
import { httpSend } from '../support/httpSend.mjs';
import { startPoller } from './support/poller.mjs';
import { startScenario, until } from './support/scenario.mjs';
import type { Scenario } from './support/scenario.mjs';

/**
 * The OY! Catch-Up Trigger against the sandbox over HTTP, beside the OY! Trigger that receives the
 * same sandbox's callbacks: what the poll finds must carry the webhook's dedup key, once.
 */
let scenario: Scenario;
const api = (method: string, path: string, body?: unknown) =>
	oy(scenario.sandbox, method, path, body);
const sandboxControl = (method: string, path: string, body?: unknown) =>
	control(scenario.sandbox, method, path, body);
const credentials = () => ({
	environment: 'custom',
	baseUrl: scenario.sandbox.url,
	username: scenario.sandbox.username,
	apiKey: scenario.sandbox.apiKey,
});
const libClient = () =>
	new OyClient({
		send: httpSend(scenario.sandbox.url, {
			username: scenario.sandbox.username,
			apiKey: scenario.sandbox.apiKey,
		}),
		sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
		baseDelayMs: 5,
		maxDelayMs: 50,
	});

/** The webhook trigger's item for the callback that matches. */
function webhookItem(test: (item: IDataObject) => boolean, what: string): Promise<IDataObject> {
	return until(
		() => scenario.trigger.executions.flatMap((execution) => execution.items).find(test),
		what,
	);
}

let vaCount = 0;
async function staticVa(): Promise<{ id: string; va_number: string }> {
	const va = await api('POST', '/api/generate-static-va', {
		partner_user_id: `cu-user-${++vaCount}`,
		bank_code: '002',
		is_open: true,
		is_lifetime: true,
		partner_trx_id: `CU-VA-${vaCount}`,
	});
	expect(va.body.status.code).toBe('000');
	return va.body;
}

async function payVa(vaNumber: string, amount: number): Promise<string> {
	const paid = await sandboxControl('POST', '/virtual-account/payments', {
		va_number: vaNumber,
		amount,
	});
	return paid.payment.id as string;
}

beforeAll(async () => {
	scenario = await startScenario({
		parameters: { confirmWithOy: 'all' },
		processingDelays: { disbursement: 0 },
	});
});

afterAll(async () => {
	await scenario.close();
});

describe("the catch-up emits what the callbacks told, with the webhook trigger's dedup key", () => {
	it('VA payments: found once across polls, each with the key of its callback', async () => {
		const poller = startPoller({
			parameters: { sources: ['vaPayment'] },
			credentials: credentials(),
		});
		// First activation: starts from now, so the VAs' earlier payments are not flooded in.
		const before = await staticVa();
		await payVa(before.va_number, 11_000);
		// OY! writes a payment's time in whole seconds: activate in the next one.
		await new Promise((resolve) => setTimeout(resolve, 1_100));
		const activation = await poller.poll();
		expect(activation.events).toEqual([]);
		expect(activation.notices).toMatchObject([{ notice: 'started', source: 'catchUp' }]);
		const va = await staticVa();
		const first = await payVa(va.va_number, 25_000);
		const second = await payVa(before.va_number, 12_000);
		const polled = await poller.poll();
		expect(polled.events.map((event) => event.oyTrxId).sort()).toEqual([first, second].sort());
		for (const event of polled.events) {
			const received = await webhookItem(
				(item) => item.oyTrxId === event.oyTrxId,
				`the callback of ${String(event.oyTrxId)}`,
			);
			expect(event.dedupKey).toBe(received.dedupKey);
			expect(event).toMatchObject({
				source: 'catchUp',
				kind: 'vaPayment',
				status: received.status,
				outcome: 'success',
				amount: received.amount,
				partnerTrxId: received.partnerTrxId,
				transactionKey: received.transactionKey,
				settlementStatus: received.settlementStatus,
				details: {
					vaNumber: (received.details as IDataObject).vaNumber,
					partnerUserId: (received.details as IDataObject).partnerUserId,
				},
			});
		}
		// Found once: the next poll has nothing new, a new payment only.
		expect((await poller.poll()).empty).toBe(true);
		const third = await payVa(va.va_number, 30_000);
		expect((await poller.poll()).events.map((event) => event.oyTrxId)).toEqual([third]);
	});

	it('payouts: a watched id is emitted once it is final, with the key of its callback, then never asked again', async () => {
		await sandboxControl('PUT', '/processing-delays', { disbursement: 3_600_000 });
		const remit = (id: string) =>
			api('POST', '/api/remit', {
				recipient_bank: '014',
				recipient_account: '1234567890',
				amount: 15_000,
				partner_trx_id: id,
			});
		await remit('CU-D1');
		await remit('CU-D2');
		const poller = startPoller({
			parameters: { sources: ['disbursement'], payoutIds: 'CU-D1, CU-D2\nCU-UNKNOWN' },
			credentials: credentials(),
		});
		const pending = await poller.poll();
		// Still processing at OY!: nothing to tell; the unknown id is said once.
		expect(pending.events).toEqual([]);
		expect(pending.notices).toMatchObject([
			{ notice: 'started' },
			{ notice: 'notFound', source: 'disbursement', details: { id: 'CU-UNKNOWN' } },
		]);
		await sandboxControl('POST', '/clock/advance', { hours: 2 });
		const received = await webhookItem(
			(item) => item.partnerTrxId === 'CU-D1',
			'the payout callback',
		);
		const polled = await poller.poll();
		expect(polled.notices).toEqual([]);
		expect(polled.events.map((event) => event.partnerTrxId).sort()).toEqual(['CU-D1', 'CU-D2']);
		const d1 = polled.events.find((event) => event.partnerTrxId === 'CU-D1')!;
		expect(d1.dedupKey).toBe(received.dedupKey);
		expect(d1).toMatchObject({
			dedupKey: 'disbursement:CU-D1:000',
			status: '000',
			isFinal: true,
			oyTrxId: received.oyTrxId,
		});
		expect((await poller.poll()).empty).toBe(true);
		const state = poller.nodeStaticData.catchUp as IDataObject;
		expect(state.settled).toEqual({
			'disbursement:CU-D1': 'emitted',
			'disbursement:CU-D2': 'emitted',
		});
		// An id unknown at first is still watched: a payout made with it later is caught up.
		await remit('CU-UNKNOWN');
		await sandboxControl('POST', '/clock/advance', { hours: 2 });
		expect((await poller.poll()).events.map((event) => event.dedupKey)).toEqual([
			'disbursement:CU-UNKNOWN:000',
		]);
		await sandboxControl('PUT', '/processing-delays', { disbursement: 0 });
	});

	it('payment links: a paid watched link carries the key of its callback', async () => {
		await api('POST', '/api/payment-checkout/create-v2', {
			...docExamples('payment-checkout')['create-payment-link'].request,
			partner_tx_id: 'CULINK1',
			child_balance: undefined,
			expiration: undefined,
		});
		const poller = startPoller({
			parameters: { sources: ['paymentLink'], linkIds: 'CULINK1' },
			credentials: credentials(),
		});
		expect((await poller.poll()).events).toEqual([]);
		expect((await poller.poll()).empty).toBe(true);
		await sandboxControl('POST', '/payment-checkout/links/CULINK1/pay', {});
		const received = await webhookItem(
			(item) => item.partnerTrxId === 'CULINK1',
			'the link callback',
		);
		const polled = await poller.poll();
		expect(polled.events).toHaveLength(1);
		expect(polled.events[0].dedupKey).toBe(received.dedupKey);
		expect(polled.events[0]).toMatchObject({
			kind: 'paymentLink',
			status: 'COMPLETE',
			amount: received.amount,
		});
	});
});

describe('e-wallet payments: OY! tells no settlement in its status answer, so the account says it', () => {
	const createWallet = (id: string) =>
		api('POST', '/api/e-wallet-aggregator/create-transaction', {
			...docExamples('e-wallet')['create-transaction'].request,
			ewallet_code: 'dana_ewallet',
			partner_trx_id: id,
		});
	const walletItem = (id: string, settlement: string) =>
		webhookItem(
			(item) =>
				item.kind === 'eWalletPayment' &&
				item.settlementStatus === settlement &&
				(item.partnerTrxId === id || (item.body as IDataObject)?.partner_trx_id === id),
			`the e-wallet callback of ${id} (${settlement})`,
		);

	it("delayed settlement: a paid watched transaction carries its first callback's key (WAITING); the settlement callback stays the webhook's", async () => {
		// The table's form carries partner_trx_id, so the webhook item can be matched to the id.
		await sandboxControl('PUT', '/callbacks/forms', { 'e-wallet-payment': 'table' });
		await createWallet('CU-EW1');
		await createWallet('CU-EW2');
		const poller = startPoller({
			parameters: { sources: ['eWalletPayment'], eWalletIds: 'CU-EW1, CU-EW2' },
			credentials: credentials(),
		});
		expect((await poller.poll()).events).toEqual([]);
		await sandboxControl('POST', '/e-wallet/transactions/CU-EW1/complete', {});
		await sandboxControl('POST', '/e-wallet/transactions/CU-EW2/expire', {});
		const first = await walletItem('CU-EW1', 'WAITING');
		const polled = await poller.poll();
		expect(polled.notices).toEqual([]);
		const paid = polled.events.find((event) => event.partnerTrxId === 'CU-EW1')!;
		expect(paid.dedupKey).toBe(first.dedupKey);
		expect(paid).toMatchObject({
			kind: 'eWalletPayment',
			status: 'COMPLETE',
			outcome: 'success',
			settlementStatus: 'WAITING',
			amount: first.amount,
			oyTrxId: first.oyTrxId,
			transactionKey: first.transactionKey,
		});
		// No callback tells an expired e-wallet transaction; the catch-up still says it ended.
		expect(polled.events.find((event) => event.partnerTrxId === 'CU-EW2')).toMatchObject({
			status: 'EXPIRED',
			isFinal: true,
		});
		expect(polled.events).toHaveLength(2);
		// Settled later: the webhook tells it (a new key); the catch-up asks no more about either id.
		await sandboxControl('POST', '/clock/advance', { days: 2 });
		const settled = await walletItem('CU-EW1', 'SUCCESS');
		expect(settled.dedupKey).not.toBe(paid.dedupKey);
		expect((await poller.poll()).empty).toBe(true);
		await sandboxControl('PUT', '/callbacks/forms', { 'e-wallet-payment': 'example' });
	});

	it("real-time settlement: the one callback's key (SUCCESS), in OY's example form too (no partner_trx_id)", async () => {
		await sandboxControl('PUT', '/e-wallet/settings', { settlement_days: 0 });
		const created = await createWallet('CU-EW3');
		const poller = startPoller({
			parameters: {
				sources: ['eWalletPayment'],
				eWalletIds: 'CU-EW3',
				eWalletSettlement: 'realTime',
			},
			credentials: credentials(),
		});
		await poller.poll();
		await sandboxControl('POST', '/e-wallet/transactions/CU-EW3/complete', {});
		const received = await webhookItem(
			(item) => item.kind === 'eWalletPayment' && item.oyTrxId === created.body.trx_id,
			'the real-time e-wallet callback',
		);
		expect(received.settlementStatus).toBe('SUCCESS');
		const polled = await poller.poll();
		expect(polled.events.map((event) => event.dedupKey)).toEqual([received.dedupKey]);
		// The same transaction caught up as if settlement were delayed would not match: the setting matters.
		const wrong = startPoller({
			parameters: { sources: ['eWalletPayment'], eWalletIds: 'CU-EW3' },
			credentials: credentials(),
		});
		expect((await wrong.poll()).events[0].dedupKey).not.toBe(received.dedupKey);
		await sandboxControl('PUT', '/e-wallet/settings', { settlement_days: 1 });
	});
});

describe('the cursor', () => {
	it('a manual run shows what would come and moves nothing', async () => {
		const poller = startPoller({
			parameters: { sources: ['vaPayment'] },
			credentials: credentials(),
		});
		await poller.poll();
		const va = await staticVa();
		const paid = await payVa(va.va_number, 40_000);
		const manual = await poller.poll('manual');
		expect(manual.events.map((event) => event.oyTrxId)).toEqual([paid]);
		expect((await poller.poll('manual')).events.map((event) => event.oyTrxId)).toEqual([paid]);
		expect((await poller.poll()).events.map((event) => event.oyTrxId)).toEqual([paid]);
	});

	it('survives a restart: what was emitted is saved with it and not emitted again', async () => {
		const poller = startPoller({
			parameters: { sources: ['vaPayment'] },
			credentials: credentials(),
		});
		await poller.poll();
		const va = await staticVa();
		const paid = await payVa(va.va_number, 41_000);
		expect((await poller.poll()).events.map((event) => event.oyTrxId)).toEqual([paid]);
		poller.restart();
		expect((await poller.poll()).empty).toBe(true);
		const later = await payVa(va.va_number, 42_000);
		poller.restart();
		expect((await poller.poll()).events.map((event) => event.oyTrxId)).toEqual([later]);
	});

	it('a cursor that has emitted no event yet survives a restart (its first poll emits a notice, so n8n saves it)', async () => {
		const poller = startPoller({
			parameters: { sources: ['vaPayment'] },
			credentials: credentials(),
		});
		expect((await poller.poll()).notices).toMatchObject([{ notice: 'started' }]);
		await new Promise((resolve) => setTimeout(resolve, 1_100));
		// n8n is down: a payment is made and its callback is lost.
		const va = await staticVa();
		const paid = await payVa(va.va_number, 43_000);
		await new Promise((resolve) => setTimeout(resolve, 1_100));
		poller.restart();
		const after = await poller.poll();
		expect(after.notices).toEqual([]);
		expect(after.events.map((event) => event.oyTrxId)).toEqual([paid]);
	});

	it('bounded: a poll stops at its request limit, says so, and the next polls go on from there', async () => {
		const client = libClient();
		const state = catchUpState(undefined, new Date(), 0);
		// A full sweep first, so what follows is only the new payments.
		await catchUp(client, state, {
			sources: ['vaPayment'],
			payoutIds: [],
			linkIds: [],
			maxRequests: 1000,
			now: new Date(),
		});
		const vas = [await staticVa(), await staticVa(), await staticVa()];
		const paid: string[] = [];
		for (const va of vas)
			paid.push(await payVa(va.va_number, 20_000), await payVa(va.va_number, 21_000));
		const seen: string[] = [];
		let polls = 0;
		let lastNotices: unknown[] = [];
		do {
			const result = await catchUp(client, state, {
				sources: ['vaPayment'],
				payoutIds: [],
				linkIds: [],
				maxRequests: 3,
				now: new Date(),
			});
			expect(result.requests).toBeLessThanOrEqual(3);
			seen.push(...result.events.map((event) => String(event.oyTrxId)));
			lastNotices = result.notices;
			if (++polls === 1)
				expect(result.notices).toMatchObject([{ notice: 'moreRemaining', source: 'vaPayment' }]);
		} while (lastNotices.length > 0 && polls < 200);
		expect(seen.filter((id) => paid.includes(id)).sort()).toEqual([...paid].sort());
		expect(new Set(seen).size).toBe(seen.length);
	});

	it('a gap OY! cannot fill is said once, as a notice', async () => {
		const client = libClient();
		const longAgo = new Date(Date.now() - (VA_HISTORY_DAYS + 10) * 86_400_000);
		const state = catchUpState(undefined, longAgo, 0);
		const options = {
			sources: ['vaPayment' as const],
			payoutIds: [],
			linkIds: [],
			maxRequests: 1000,
		};
		const first = await catchUp(client, state, { ...options, now: new Date() });
		expect(first.notices).toMatchObject([
			{ notice: 'started' },
			{ notice: 'gap', source: 'vaPayment', details: { from: longAgo.toISOString() } },
		]);
		expect(String(first.notices[1].message)).toContain('last 3 months');
		expect(Date.parse(state.since)).toBeGreaterThan(longAgo.getTime());
		const second = await catchUp(client, state, { ...options, now: new Date() });
		expect(second.notices).toEqual([]);
	});
});
