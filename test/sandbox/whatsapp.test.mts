import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import { CallbackReceiver, control, expectSameShape, oy, startTestSandbox } from './helpers.mjs';

const examples = docExamples('whatsapp');
const STEP_MS = 10_000;
let sandbox: RunningSandbox;
let receiver: CallbackReceiver;

const send = (number: string, partnerTxId = 'LINK-1') =>
	oy(sandbox, 'POST', '/api/whatsapp/send-link', {
		partner_tx_id: partnerTxId,
		whatsapp_number: number,
	});
const statusesOf = (messageId: string) =>
	receiver.received.filter((c) => c.body.message_id === messageId).map((c) => c.body.status);
const nextStep = () => control(sandbox, 'POST', '/clock/advance', { ms: STEP_MS });

beforeAll(async () => {
	receiver = await new CallbackReceiver().start();
	sandbox = await startTestSandbox({
		processingDelays: { whatsapp: STEP_MS },
		callbackUrls: { whatsapp: `${receiver.url}/wa` },
	});
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(async () => {
	await control(sandbox, 'POST', '/reset');
});

describe('Send Link by WhatsApp', () => {
	it('queues the docs example and calls back sent, delivered, read in the documented shape', async () => {
		const example = examples['send-link'];
		const answer = await oy(sandbox, 'POST', '/api/whatsapp/send-link', example.request);
		expectSameShape(answer.body, example.response);
		expect(answer.body).toMatchObject({
			status: { code: '000', message: 'Success' },
			data: { partner_tx_id: 'partnerTxId', whatsapp_number: '621234567890', success_queued: true },
		});
		const messageId = answer.body.data.message_id;
		const arrival = (status: string) =>
			receiver.next((c) => c.body.message_id === messageId && c.body.status === status);
		for (const status of ['sent', 'delivered']) {
			await nextStep();
			await arrival(status);
		}
		await nextStep();
		const read = await arrival('read');
		expectSameShape(read.body, examples['callback'].response);
		expect(read.body).toEqual({
			partner_tx_id: 'partnerTxId',
			whatsapp_number: '621234567890',
			message_id: messageId,
			status: 'read',
		});
		expect(statusesOf(messageId)).toEqual(['sent', 'delivered', 'read']);
	});

	it('lets a number stay sent (blocked), be undelivered or fail, or not be queued at all', async () => {
		await control(sandbox, 'PUT', '/whatsapp/numbers/6281100000001', { fate: 'sent' });
		await control(sandbox, 'PUT', '/whatsapp/numbers/6281100000002', { fate: 'undelivered' });
		await control(sandbox, 'PUT', '/whatsapp/numbers/6281100000003', { fate: 'not-queued' });
		const blocked = (await send('6281100000001')).body.data.message_id;
		const undelivered = (await send('6281100000002')).body.data.message_id;
		expect((await send('6281100000003')).body.data).toEqual({
			partner_tx_id: 'LINK-1',
			whatsapp_number: '6281100000003',
			success_queued: false,
			message_id: null,
		});
		for (let step = 0; step < 3; step++) await nextStep();
		await receiver.next((c) => c.body.message_id === undelivered);
		await receiver.next((c) => c.body.message_id === blocked);
		expect(statusesOf(blocked)).toEqual(['sent']);
		expect(statusesOf(undelivered)).toEqual(['undelivered']);
	});

	it('takes a status pushed by hand, and none after a final one', async () => {
		const messageId = (await send('6281200000000')).body.data.message_id;
		await control(sandbox, 'POST', `/whatsapp/messages/${messageId}/status`, { status: 'failed' });
		await receiver.next((c) => c.body.message_id === messageId && c.body.status === 'failed');
		await expect(
			control(sandbox, 'POST', `/whatsapp/messages/${messageId}/status`, { status: 'read' }),
		).rejects.toThrow(/final/);
		for (let step = 0; step < 3; step++) await nextStep();
		expect(statusesOf(messageId)).toEqual(['failed']);
	});

	it('answers 290 for a number outside 62… or a missing partner_tx_id, and refuses bad credentials', async () => {
		const invalid = {
			status: { code: '290', message: 'Request is Rejected (Parameter / object is not valid)' },
			data: null,
		};
		expect((await send('081234567890')).body).toEqual(invalid);
		expect((await send('+6281234567890')).body).toEqual(invalid);
		expect((await send('6281234567890', '')).body).toEqual(invalid);
		expect(
			(
				await oy(sandbox, 'POST', '/api/whatsapp/send-link', examples['send-link'].request, {
					'x-oy-username': 'x',
				})
			).body.status.code,
		).toBe('201');
	});
});
