import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CallbackDelivery, RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import { CallbackReceiver, control, oy, startTestSandbox } from './helpers.mjs';

const remitExample = docExamples('disbursement')['create-disbursement'].request!;
let sandbox: RunningSandbox;
let receiver: CallbackReceiver;

/** Polls the delivery log until `test` holds; the sandbox delivers asynchronously. */
async function waitForDelivery(
	test: (delivery: CallbackDelivery) => boolean,
): Promise<CallbackDelivery> {
	for (;;) {
		const { deliveries } = await control(sandbox, 'GET', '/callbacks?product=disbursement');
		const found = (deliveries as CallbackDelivery[]).find(test);
		if (found) return found;
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

beforeAll(async () => {
	receiver = await new CallbackReceiver().start();
	sandbox = await startTestSandbox({
		processingDelays: { disbursement: 0 },
		callbackRetry: { baseDelayMs: 10_000, maxAttempts: 3 },
	});
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(async () => {
	await control(sandbox, 'POST', '/reset');
	await control(sandbox, 'PUT', '/callbacks', { disbursement: `${receiver.url}/cb` });
});

describe('callback delivery', () => {
	it('retries a failed delivery with exponential backoff on the sandbox clock and logs every attempt', async () => {
		receiver.failNextDeliveries(2);
		await oy(sandbox, 'POST', '/api/remit', { ...remitExample, partner_trx_id: 'RETRY-1' });
		sandbox.control.advanceTime(0);
		await waitForDelivery((d) => d.attempts.length === 1);
		sandbox.control.advanceTime(10_000);
		await waitForDelivery((d) => d.attempts.length === 2);
		// The third attempt waits twice as long: 10 s more is not enough, 20 s is.
		sandbox.control.advanceTime(10_000);
		expect((await waitForDelivery(() => true)).attempts.length).toBe(2);
		sandbox.control.advanceTime(10_000);
		const delivered = await waitForDelivery((d) => d.state === 'delivered');
		expect(delivered.attempts.map((a) => a.http_status)).toEqual([500, 500, 200]);
		expect(delivered.url).toBe(`${receiver.url}/cb`);
		const received = await receiver.next((c) => c.body.partner_trx_id === 'RETRY-1');
		expect(received.body.status.code).toBe('000');
	});

	it('gives up after the last attempt and marks the delivery failed', async () => {
		await control(sandbox, 'PUT', '/callbacks', { disbursement: 'http://127.0.0.1:1/unreachable' });
		await oy(sandbox, 'POST', '/api/remit', { ...remitExample, partner_trx_id: 'GIVE-UP' });
		sandbox.control.advanceTime(0);
		await waitForDelivery((d) => d.attempts.length === 1);
		sandbox.control.advanceTime(10_000);
		await waitForDelivery((d) => d.attempts.length === 2);
		sandbox.control.advanceTime(20_000);
		const failed = await waitForDelivery((d) => d.state === 'failed');
		expect(failed.attempts).toHaveLength(3);
		expect(failed.attempts[0].error).toMatch(/ECONNREFUSED/);
	});

	it('logs a callback with no configured URL as no-url and sends nothing', async () => {
		await control(sandbox, 'PUT', '/callbacks', { disbursement: null });
		await oy(sandbox, 'POST', '/api/remit', { ...remitExample, partner_trx_id: 'NO-URL' });
		sandbox.control.advanceTime(0);
		const delivery = await waitForDelivery(
			(d) => (d.payload as { partner_trx_id: string }).partner_trx_id === 'NO-URL',
		);
		expect(delivery.state).toBe('no-url');
		expect(delivery.attempts).toEqual([]);
	});
});
