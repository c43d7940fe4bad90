import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getOperation } from '../../lib/catalogue.js';
import { confirmCallback } from '../../lib/callbacks/confirm.js';
import { paymentLinkCallback } from '../../lib/callbacks/kinds/paymentLink.js';
import { OyClient } from '../../lib/client.js';
import { classifyResponse } from '../../lib/outcomes.js';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { control, oy, startTestSandbox } from '../sandbox/helpers.mjs';
import { httpSend } from '../support/httpSend.mjs';

/**
 * Issue 11 item 12: GET /api/payment-checkout/status is a bare record in OY's docs (OY API docs: Payment Checkout › Get Payment Status)
 * and `{success, error, data, reason, status_code}` in two OY! clients (nadhirfr/oy-go checkout.go
 * `CheckoutGet`; AMETORY/ametory-erp-modules thirdparty/payment/oy/objects.go `OyPaymentResponse`).
 * The client and "confirm with OY!" read both.
 */
const STATUS = getOperation('paymentLink.getStatus');
const record = {
	partner_tx_id: 'P1',
	tx_ref_number: '123',
	amount: 15000,
	status: 'complete',
	created: '2021-01-12T16:25:33',
};

describe('classifying both shapes', () => {
	it('reads the record inside a successful envelope as it reads the bare record', () => {
		const bare = classifyResponse(STATUS, { statusCode: 200, body: record });
		const wrapped = classifyResponse(STATUS, {
			statusCode: 200,
			body: { success: true, error: null, data: record, reason: null, status_code: 200 },
		});
		expect(bare).toMatchObject({ outcome: 'success', state: 'complete' });
		expect(wrapped).toMatchObject({ outcome: 'success', state: 'complete' });
	});

	it('reads a failed envelope: "cannot be found" is no such link, "Invalid API Key" says nothing about it', () => {
		const failed = (reason: string, statusCode: number, httpStatus = 200) =>
			classifyResponse(STATUS, {
				statusCode: httpStatus,
				body: { success: false, error: reason, data: null, reason, status_code: statusCode },
			});
		expect(
			failed('The payment_link_id or partner_trx_id cannot be found in our system', 404).outcome,
		).toBe('rejected');
		expect(
			failed('The payment_link_id or partner_trx_id cannot be found in our system', 404, 404)
				.outcome,
		).toBe('rejected');
		expect(failed('Invalid API Key', 401)).toMatchObject({ outcome: 'unknown', httpStatus: 401 });
		expect(failed('Invalid API Key', 403, 403).outcome).toBe('unknown');
		expect(failed('Internal Server Error', 500).outcome).toBe('unknown');
	});
});

describe.each([false, true])('against the sandbox, status_envelope %s', (envelope) => {
	let sandbox: RunningSandbox;
	let client: OyClient;
	beforeAll(async () => {
		sandbox = await startTestSandbox();
		client = new OyClient({
			send: httpSend(sandbox.url, { username: sandbox.username, apiKey: sandbox.apiKey }),
			sleep: () => Promise.resolve(),
			maxAttempts: 1,
		});
	});
	afterAll(async () => sandbox.close());
	beforeEach(async () => {
		await control(sandbox, 'POST', '/reset');
		await control(sandbox, 'PUT', '/payment-checkout/settings', { status_envelope: envelope });
	});

	async function paidLink(partnerTxId: string) {
		const created = await oy(sandbox, 'POST', '/api/payment-checkout/create-v2', {
			partner_tx_id: partnerTxId,
			sender_name: 'Budi',
			amount: 15000,
			is_open: false,
			include_admin_fee: false,
		});
		expect(created.body.status).toBe(true);
		return control(sandbox, 'POST', `/payment-checkout/links/${partnerTxId}/pay`, {
			payment_method: 'VA',
			sender_bank: '008',
		});
	}

	it('Get Status reads the paid link as success, with the record as output', async () => {
		await paidLink('SHAPEPAID');
		const raw = await oy(sandbox, 'GET', '/api/payment-checkout/status?partner_tx_id=SHAPEPAID');
		expect('success' in raw.body).toBe(envelope);
		const result = await client.call('paymentLink.getStatus', { partner_tx_id: 'SHAPEPAID' });
		expect(result).toMatchObject({
			outcome: 'success',
			state: 'complete',
			body: { partner_tx_id: 'SHAPEPAID', amount: 15000 },
		});
		const missing = await client.call('paymentLink.getStatus', { partner_tx_id: 'NOSUCHLINK' });
		expect(missing.outcome).toBe('rejected');
	});

	it("confirm with OY! confirms the paid link's callback and refuses one for a link OY! does not have", async () => {
		const callback = await paidLink('SHAPECONF');
		const context = { reader: client };
		const confirmed = await confirmCallback(
			paymentLinkCallback,
			paymentLinkCallback.read(callback),
			callback,
			context,
		);
		expect(confirmed).toMatchObject({
			verdict: 'confirmed',
			confirmed: { found: true, amount: 15000 },
		});
		const forged = { ...callback, partner_tx_id: 'FORGED1' };
		const refused = await confirmCallback(
			paymentLinkCallback,
			paymentLinkCallback.read(forged),
			forged,
			context,
		);
		expect(refused).toMatchObject({ verdict: 'mismatch', reason: 'OY! has no such transaction' });
	});

	it('a wrong API key leaves the callback unconfirmed for now, never a forgery', async () => {
		const callback = await paidLink('SHAPEKEY');
		const wrongKey = new OyClient({
			send: httpSend(sandbox.url, { username: sandbox.username, apiKey: 'wrong' }),
			sleep: () => Promise.resolve(),
			maxAttempts: 1,
		});
		const answer = await confirmCallback(
			paymentLinkCallback,
			paymentLinkCallback.read(callback),
			callback,
			{ reader: wrongKey },
		);
		expect(answer.verdict).toBe('unavailable');
	});
});
