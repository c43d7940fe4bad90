import { describe, expect, it } from 'vitest';
import { buildsDocsExample, classify, fixture, problemLines, statusObject } from '../support.mts';

const sendExample = fixture('whatsapp/sendLink.request');
const sendAnswer = fixture('whatsapp/sendLink.response');

describe('whatsapp.sendLink', () => {
	buildsDocsExample('whatsapp.sendLink', sendExample, 'POST', '/api/whatsapp/send-link');

	it(`reads the docs' example answer as queued (${sendAnswer.doc})`, () => {
		expect(classify('whatsapp.sendLink', sendAnswer.body)).toMatchObject({
			outcome: 'success',
			source: 'state',
		});
	});

	it('never reads a message OY! did not queue as sent (OY API docs: API Send WhatsApp › Send Link › response parameters)', () => {
		const notQueued = statusObject('000', {
			data: {
				partner_tx_id: 'partnerTxId',
				whatsapp_number: '621234567890',
				success_queued: false,
				message_id: null,
			},
		});
		expect(classify('whatsapp.sendLink', notQueued).outcome).not.toBe('success');
		const emptyId = statusObject('000', { data: { success_queued: false, message_id: '' } });
		expect(classify('whatsapp.sendLink', emptyId).outcome).toBe('failed');
	});

	it('reads refused requests as rejected', () => {
		expect(classify('whatsapp.sendLink', statusObject('208')).outcome).toBe('rejected');
		expect(classify('whatsapp.sendLink', statusObject('202')).outcome).toBe('rejected');
	});

	it.each([
		['a number with +', '+6281234567890'],
		['a local number', '081234567890'],
		['a number with a 0 after 62', '62081234567'],
		['a number too short', '6281234'],
	])('refuses %s', (_rule, whatsapp_number) => {
		expect(problemLines('whatsapp.sendLink', { partner_tx_id: 'x', whatsapp_number })).toEqual([
			expect.stringMatching(
				/^whatsapp_number: whatsapp_number must (contain digits only|start with the country code 62)/,
			),
		]);
	});

	it('accepts the 628… form of the table', () => {
		expect(
			problemLines('whatsapp.sendLink', { partner_tx_id: 'x', whatsapp_number: '6281234567890' }),
		).toEqual([]);
	});

	it('refuses a missing partner_tx_id', () => {
		expect(problemLines('whatsapp.sendLink', { whatsapp_number: '6281234567890' })).toEqual([
			'partner_tx_id: partner_tx_id is required',
		]);
	});
});
