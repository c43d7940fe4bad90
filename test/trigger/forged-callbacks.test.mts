import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { docExamples } from '../sandbox/fixtures.mjs';
import { control, oy } from '../sandbox/helpers.mjs';
import { Figures } from './support/figures.mjs';
import { startScenario, TOKEN } from './support/scenario.mjs';
import type { Scenario } from './support/scenario.mjs';
import { post, startTriggerServer } from './support/triggerServer.mjs';
import type { TriggerServer } from './support/triggerServer.mjs';

/**
 * Forged and broken calls to the trigger. The sandbox knows the truth of every transaction; a
 * refused call must get 401/403 (or 400/413/422/503) and start no execution.
 */
// The node logs through n8n-core's logger, from n8n-core's own copies of these packages.
const fromCore = createRequire(createRequire(import.meta.url).resolve('n8n-core'));
const { Container } = fromCore('@n8n/di');
const { Logger } = fromCore('@n8n/backend-common');

let scenario: Scenario;
const figures = new Figures();
const extraTriggers: TriggerServer[] = [];
const api = (method: string, path: string, body?: unknown) =>
	oy(scenario.sandbox, method, path, body);
const sandboxControl = (method: string, path: string, body?: unknown) =>
	control(scenario.sandbox, method, path, body);

const WHATSAPP = {
	partner_tx_id: 'TRGLINK9',
	whatsapp_number: '621234567890',
	message_id: 'msg-forged-1',
	status: 'read',
};

/**
 * POSTs to a trigger and counts the answer; returns the answer and how many executions it started
 * (the sandbox's own callbacks, which arrive meanwhile, are not counted).
 */
async function call(
	trigger: TriggerServer,
	body: unknown,
	options: { token?: string | null; headers?: Record<string, string> } = {},
) {
	const before = trigger.executions.length;
	const token = options.token === undefined ? TOKEN : options.token;
	const answer = await post(
		token === null ? trigger.url : `${trigger.url}?token=${encodeURIComponent(token)}`,
		body,
		options.headers,
	);
	await trigger.settled();
	figures.record(typeof body === 'string' ? null : body, answer.status);
	const sent = typeof body === 'string' ? body : JSON.stringify(body);
	const started = trigger.executions
		.slice(before)
		.filter((execution) => JSON.stringify(execution.items[0]?.body) === sent);
	return { ...answer, started: started.length };
}

async function otherTrigger(
	parameters: Record<string, unknown>,
	host?: string,
): Promise<TriggerServer> {
	const trigger = await startTriggerServer({
		host,
		callbackToken: TOKEN,
		parameters: { confirmWithOy: 'money', ...parameters },
	});
	extraTriggers.push(trigger);
	return trigger;
}

// trx_id is part of the documented shape (OY API docs: Fund Disbursement › Disbursement Callback): a body without it is no disbursement callback.
const disbursementClaim = (
	partnerTrxId: string,
	code: string,
	amount: number,
	trxId = 'trx-the-forger-made-up',
) => ({
	status: { code, message: code === '000' ? 'Success' : 'Failed' },
	amount,
	recipient_name: 'John Doe',
	recipient_bank: '014',
	recipient_account: '1234567890',
	trx_id: trxId,
	partner_trx_id: partnerTrxId,
	timestamp: '11-12-2023 05:07:20',
	created_date: '11-12-2023 05:06:20',
	last_updated_date: '11-12-2023 05:07:00',
});

beforeAll(async () => {
	// Payouts stay in process for a minute of sandbox time unless a test settles them.
	scenario = await startScenario({
		processingDelays: { disbursement: 60_000, 'e-wallet': 60_000 },
	});
});

afterAll(async () => {
	figures.print('OY! Trigger, forged and broken calls:');
	await Promise.all(extraTriggers.map((trigger) => trigger.close()));
	await scenario.close();
});

describe('callers that are not OY! are refused before anything is read', () => {
	it('a call from an address outside the allow-list gets 403', async () => {
		const trigger = await otherTrigger({ allowedIpAddresses: '10.0.0.0/8, 2001:db8::/32' });
		expect(await call(trigger, WHATSAPP)).toMatchObject({
			status: 403,
			started: 0,
			body: { received: false, error: 'Source address not allowed' },
		});
	});

	it('X-Forwarded-For is ignored unless trusted: a spoofed header does not pass the allow-list', async () => {
		const trigger = await otherTrigger({ allowedIpAddresses: '203.0.113.7/32' });
		const spoofed = await call(trigger, WHATSAPP, {
			headers: { 'x-forwarded-for': '203.0.113.7' },
		});
		expect(spoofed).toMatchObject({ status: 403, started: 0 });
	});

	it('behind trusted proxies the caller is read from the right end of X-Forwarded-For', async () => {
		const oneHop = await otherTrigger({
			allowedIpAddresses: '203.0.113.7/32',
			options: { trustForwardedFor: true, proxyHops: 1 },
		});
		expect(
			await call(oneHop, WHATSAPP, { headers: { 'x-forwarded-for': '203.0.113.7' } }),
		).toMatchObject({ status: 200, started: 1 });
		// The caller wrote 203.0.113.7 itself; the proxy appended the real address.
		const spoofed = await call(oneHop, WHATSAPP, {
			headers: { 'x-forwarded-for': '203.0.113.7, 198.51.100.9' },
		});
		expect(spoofed).toMatchObject({ status: 403, started: 0 });
		expect(await call(oneHop, WHATSAPP)).toMatchObject({ status: 403, started: 0 });
		const twoHops = await otherTrigger({
			allowedIpAddresses: '203.0.113.0/24',
			options: { trustForwardedFor: true, proxyHops: 2 },
		});
		const chain = await call(twoHops, WHATSAPP, {
			headers: { 'x-forwarded-for': '198.51.100.1, 203.0.113.7, 10.0.0.2' },
		});
		expect(chain).toMatchObject({ status: 200, started: 1 });
	});

	it('IPv6: the allow-list matches the caller over ::1', async () => {
		const allowed = await otherTrigger({ allowedIpAddresses: '::1/128' }, '::1');
		expect(await call(allowed, WHATSAPP)).toMatchObject({ status: 200, started: 1 });
		const refused = await otherTrigger({ allowedIpAddresses: '127.0.0.1/32, fe80::/10' }, '::1');
		expect(await call(refused, WHATSAPP)).toMatchObject({ status: 403, started: 0 });
	});

	it('a missing or wrong callback token gets 401', async () => {
		expect(await call(scenario.trigger, WHATSAPP, { token: null })).toMatchObject({
			status: 401,
			started: 0,
			body: { error: 'Missing or wrong callback token' },
		});
		expect(
			await call(scenario.trigger, WHATSAPP, { token: 'trigger-test-token-0123456788' }),
		).toMatchObject({ status: 401, started: 0 });
		expect(await call(scenario.trigger, WHATSAPP, { token: TOKEN.toUpperCase() })).toMatchObject({
			status: 401,
			started: 0,
		});
		expect(await call(scenario.trigger, WHATSAPP, { token: `${TOKEN}x` })).toMatchObject({
			status: 401,
			started: 0,
		});
	});
});

describe('bodies that are not OY! callbacks are refused', () => {
	it('malformed JSON: 422 from n8n for application/json, 400 from the trigger otherwise', async () => {
		expect(await call(scenario.trigger, '{"status": {"code": "000"')).toMatchObject({
			status: 422,
			started: 0,
		});
		const asText = await call(scenario.trigger, '{"status": {"code": "000"', {
			headers: { 'content-type': 'text/plain' },
		});
		expect(asText).toMatchObject({
			status: 400,
			started: 0,
			body: { error: 'Body is not valid JSON' },
		});
		expect(await call(scenario.trigger, '[1,2,3]')).toMatchObject({ status: 400, started: 0 });
		expect(await call(scenario.trigger, '{}')).toMatchObject({ status: 400, started: 0 });
	});

	it('an oversized body gets 413', async () => {
		const big = { ...WHATSAPP, padding: 'x'.repeat(70 * 1024) };
		expect(await call(scenario.trigger, big)).toMatchObject({
			status: 413,
			started: 0,
			body: { error: 'Body too large' },
		});
		const small = await otherTrigger({ allowedIpAddresses: '', options: { maxBodySizeKb: 1 } });
		expect(await call(small, { ...WHATSAPP, padding: 'x'.repeat(1100) })).toMatchObject({
			status: 413,
			started: 0,
		});
	});

	it('JSON that is no OY! callback gets 422', async () => {
		expect(await call(scenario.trigger, { hello: 'world', amount: 1_000_000 })).toMatchObject({
			status: 422,
			started: 0,
		});
	});

	it('a callback of an event the workflow did not choose is acknowledged and starts nothing', async () => {
		const trigger = await otherTrigger({ allowedIpAddresses: '', events: ['disbursement'] });
		expect(await call(trigger, WHATSAPP)).toMatchObject({
			status: 200,
			started: 0,
			body: { received: true },
		});
	});
});

describe('money callbacks that OY! does not confirm are refused (403) and start nothing', () => {
	it('disbursement: success claimed for a payout still in process, for an unknown id, and with another amount', async () => {
		const created = await api('POST', '/api/remit', {
			recipient_bank: '014',
			recipient_account: '1234567890',
			amount: 30000,
			partner_trx_id: 'TRG-F1',
		});
		const trxId = created.body.trx_id as string;
		const warnings = vi.spyOn(Container.get(Logger), 'warn');
		const early = await call(scenario.trigger, disbursementClaim('TRG-F1', '000', 30000, trxId));
		expect(early).toMatchObject({
			status: 403,
			started: 0,
			body: { received: false, error: 'Not confirmed by OY!' },
		});
		// The caller learns nothing of OY's state; n8n's log says why.
		expect(JSON.stringify(early.body)).not.toContain('101');
		expect(warnings).toHaveBeenLastCalledWith(
			'OY! Trigger refused a call with HTTP 403: Not confirmed by OY! (the callback reports 000 (success), OY! says 101 (pending))',
			expect.objectContaining({ kind: 'disbursement' }),
		);
		warnings.mockRestore();
		expect(await call(scenario.trigger, disbursementClaim('TRG-NOPE', '000', 30000))).toMatchObject(
			{ status: 403, started: 0 },
		);
		await sandboxControl('POST', '/disbursement/payouts/TRG-F1/settle', { code: '000' });
		expect(
			await call(scenario.trigger, disbursementClaim('TRG-F1', '000', 3_000_000, trxId)),
		).toMatchObject({ status: 403, started: 0 });
		expect(
			await call(scenario.trigger, disbursementClaim('TRG-F1', '300', 30000, trxId)),
		).toMatchObject({ status: 403, started: 0 });
		expect(
			await call(scenario.trigger, disbursementClaim('TRG-F1', '000', 30000, 'forged-trx')),
		).toMatchObject({ status: 403, started: 0 });
		// Without trx_id it is no disbursement callback at all (422).
		const { trx_id: _dropped, ...withoutTrxId } = disbursementClaim('TRG-F1', '000', 30000, trxId);
		expect(await call(scenario.trigger, withoutTrxId)).toMatchObject({ status: 422, started: 0 });
		// The truth is believed.
		expect(
			await call(scenario.trigger, disbursementClaim('TRG-F1', '000', 30000, trxId)),
		).toMatchObject({ status: 200, started: 1 });
	});

	it('VA payment: a payment id OY! does not list, and a VA number OY! does not know', async () => {
		const va = await api('POST', '/api/generate-static-va', {
			partner_user_id: 'trg-forge-1',
			bank_code: '002',
			is_open: true,
			is_lifetime: true,
		});
		const paid = await sandboxControl('POST', '/virtual-account/payments', {
			va_number: va.body.va_number,
			amount: 40_000,
		});
		const claim = {
			va_number: va.body.va_number,
			amount: 40000,
			partner_user_id: 'trg-forge-1',
			success: true,
			tx_date: '31/01/2020T01:01:01.000+0000',
		};
		expect(await call(scenario.trigger, { ...claim, trx_id: 'forged-payment' })).toMatchObject({
			status: 403,
			started: 0,
		});
		expect(
			await call(scenario.trigger, { ...claim, trx_id: paid.payment.id, amount: 400000 }),
		).toMatchObject({ status: 403, started: 0 });
		expect(
			await call(scenario.trigger, {
				...claim,
				va_number: '999999999999',
				trx_id: paid.payment.id,
			}),
		).toMatchObject({ status: 403, started: 0 });
		// The oldest API docs' shape has no trx_id: it cannot name the payment, so OY! cannot be asked. It is
		// not called a forgery: it passes, unconfirmed, and never as success.
		const old = {
			va_number: va.body.va_number,
			amount: 40000,
			partner_user_id: 'x',
			success: true,
		};
		expect(await call(scenario.trigger, old)).toMatchObject({ status: 200, started: 1 });
		expect(scenario.trigger.executions.at(-1)!.items[0]).toMatchObject({
			outcome: 'unconfirmed',
			confirmation: { state: 'unconfirmable' },
		});
	});

	it('payment link: complete claimed for a link nobody paid', async () => {
		await api('POST', '/api/payment-checkout/create-v2', {
			...docExamples('payment-checkout')['create-payment-link'].request,
			partner_tx_id: 'TRGFLINK1',
			child_balance: undefined,
			expiration: undefined,
		});
		const claim = {
			...docExamples('payment-checkout').callback.response,
			partner_tx_id: 'TRGFLINK1',
			amount: 50000,
		};
		expect(await call(scenario.trigger, claim)).toMatchObject({ status: 403, started: 0 });
	});

	it("e-wallet: a payment claimed while OY! still waits for it and an unknown refund; OY's example (no partner_trx_id) passes unconfirmed", async () => {
		await api('POST', '/api/e-wallet-aggregator/create-transaction', {
			...docExamples('e-wallet')['create-transaction'].request,
			ewallet_code: 'dana_ewallet',
			partner_trx_id: 'TRG-FEW1',
		});
		const paidClaim = {
			...docExamples('e-wallet')['transaction-callback'].response,
			partner_trx_id: 'TRG-FEW1',
		};
		expect(await call(scenario.trigger, paidClaim)).toMatchObject({ status: 403, started: 0 });
		expect(
			await call(scenario.trigger, docExamples('e-wallet')['transaction-callback'].response),
		).toMatchObject({ status: 200, started: 1 });
		expect(scenario.trigger.executions.at(-1)!.items[0]).toMatchObject({
			outcome: 'unconfirmed',
			confirmation: { state: 'unconfirmable' },
		});
		expect(
			await call(scenario.trigger, docExamples('e-wallet')['refund-callback'].response),
		).toMatchObject({ status: 403, started: 0 });
	});

	it('payment routing, API offline and bill payment: success claimed before anything was paid', async () => {
		await api('POST', '/api/payment-routing/create-transaction', {
			...docExamples('payment-routing').create.request,
			partner_trx_id: 'TRG-FPR1',
		});
		const routing = {
			...docExamples('payment-routing')['callback-va'].response,
			partner_trx_id: 'TRG-FPR1',
			payment_status: 'COMPLETE',
		};
		expect(await call(scenario.trigger, routing)).toMatchObject({ status: 403, started: 0 });
		await api('POST', '/api/offline-create', {
			...docExamples('offline').initiate.request,
			partner_trx_id: 'TRG-FOF1',
		});
		const offline = {
			...docExamples('offline').callback.response,
			partner_trx_id: 'TRG-FOF1',
			amount: 50000,
		};
		expect(await call(scenario.trigger, offline)).toMatchObject({ status: 403, started: 0 });
		await api('POST', '/api/v2/bill', {
			customer_id: '12345678910',
			product_id: 'plnpost',
			partner_tx_id: 'TRG-FBL1',
		});
		const bill = docExamples('biller').callback.response as {
			status: unknown;
			data: Record<string, unknown>;
		};
		const forgedBill = { status: bill.status, data: { ...bill.data, partner_tx_id: 'TRG-FBL1' } };
		expect(await call(scenario.trigger, forgedBill)).toMatchObject({ status: 403, started: 0 });
	});

	it('payment routing: a settlement claimed before OY! settled is refused; the real callback passes', async () => {
		await sandboxControl('PUT', '/payment-routing/settings', { settlement_type: 'non_realtime' });
		await api('POST', '/api/payment-routing/create-transaction', {
			...docExamples('payment-routing').create.request,
			partner_trx_id: 'TRG-FPR2',
		});
		await sandboxControl('POST', '/payment-routing/transactions/TRG-FPR2/pay', {});
		const deliveries = async () =>
			(await sandboxControl('GET', '/callbacks?product=payment-routing')).deliveries as Array<{
				payload: any;
				state: string;
			}>;
		let genuine: any;
		for (let attempt = 0; attempt < 200 && !genuine; attempt++) {
			genuine = (await deliveries()).find(
				(d) => d.payload.partner_trx_id === 'TRG-FPR2' && d.state === 'delivered',
			)?.payload;
			if (!genuine) await new Promise((resolve) => setTimeout(resolve, 20));
		}
		expect(genuine.settlement_status).toBe('WAITING');
		expect(
			await call(scenario.trigger, { ...genuine, settlement_status: 'SUCCESS' }),
		).toMatchObject({ status: 403, started: 0 });
		expect(await call(scenario.trigger, genuine)).toMatchObject({ status: 200, started: 1 });
	});

	it('when OY! cannot answer, the callback is refused for now (503) so OY! sends it again', async () => {
		const trxId = (await api('POST', '/api/remit-status', { partner_trx_id: 'TRG-F1' })).body
			.trx_id as string;
		const fault = await sandboxControl('POST', '/faults', {
			kind: 'http-error',
			path: '/api/remit-status',
			http_status: 502,
		});
		expect(
			await call(scenario.trigger, disbursementClaim('TRG-F1', '000', 30000, trxId)),
		).toMatchObject({ status: 503, started: 0 });
		await sandboxControl('DELETE', `/faults/${String(fault.id)}`);
	});
});

describe('the lifecycle of a manually registered webhook', () => {
	it('checkExists, create and delete are idempotent and fail loudly on bad settings', async () => {
		const trigger = scenario.trigger;
		expect(await trigger.lifecycle('checkExists')).toBe(false);
		expect(await trigger.lifecycle('create')).toBe(true);
		const registered = structuredClone(trigger.staticData['node:OY! Trigger']) as Record<
			string,
			unknown
		>;
		expect(registered.registeredUrl).toBe(trigger.url);
		expect(await trigger.lifecycle('checkExists')).toBe(true);
		expect(await trigger.lifecycle('create')).toBe(true);
		expect((trigger.staticData['node:OY! Trigger'] as Record<string, unknown>).registeredAt).toBe(
			registered.registeredAt,
		);
		expect(await trigger.lifecycle('delete')).toBe(true);
		expect(await trigger.lifecycle('delete')).toBe(true);
		expect(await trigger.lifecycle('checkExists')).toBe(false);
		const bad = {
			callbackToken: 'required',
			allowedIpAddresses: '10.0.0.0/33, not-an-ip',
			events: ['disbursement'],
		};
		const refusal = trigger.lifecycle('create', bad, 'short');
		await expect(refusal).rejects.toThrow(
			/Callback Token: the credential's token needs at least 16 characters/,
		);
		await expect(refusal).rejects.toThrow(/"10\.0\.0\.0\/33" has a prefix length outside 0-32/);
		await expect(refusal).rejects.toThrow(/"not-an-ip" is not an IP address/);
		await expect(trigger.lifecycle('checkExists', bad, 'short')).rejects.toThrow(
			/settings are not valid/,
		);
		await expect(
			trigger.lifecycle(
				'create',
				{ callbackToken: 'required', events: ['disbursement'] },
				'a token with spaces and ü',
			),
		).rejects.toThrow(/use only letters, digits and - \. _ ~ in the token/);
	});

	it('a trigger with bad settings answers 500 and starts nothing', async () => {
		const trigger = await otherTrigger({ allowedIpAddresses: 'not-an-ip' });
		expect(await call(trigger, WHATSAPP)).toMatchObject({ status: 500, started: 0 });
	});
});
