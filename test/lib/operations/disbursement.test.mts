import { describe, expect, it } from 'vitest';
import { getOperation } from '../../../lib/catalogue.js';
import { classifyResponse } from '../../../lib/outcomes.js';
import { normalizeFields } from '../../../lib/records.js';
import { requestFor } from '../support.mts';

describe('Part A examples from the docs', () => {
	it('disbursement create and status (OY API docs: Fund Disbursement)', () => {
		const mock = {
			recipient_bank: '014',
			recipient_account: '2100000',
			amount: 10000,
			note: 'Test Expose Route',
			partner_trx_id: 'TRX-20231211-007',
			email: 'yono@oyindonesia.com',
		};
		expect(requestFor('disbursement.create', mock)).toMatchObject({
			method: 'POST',
			path: '/api/remit',
			body: mock,
		});
		const create = getOperation('disbursement.create');
		const accepted = {
			status: { code: '101', message: 'Request is Processed' },
			amount: 10000,
			recipient_bank: '014',
			recipient_account: '12341234',
			trx_id: 'd23ed68a-2a31-43a8-ac6f-15c0b45565c9',
			partner_trx_id: 'TRX-20231211-007',
			timestamp: '11-12-2023 05:06:16',
		};
		expect(classifyResponse(create, { statusCode: 200, body: accepted }).outcome).toBe('pending');
		expect(normalizeFields(accepted, create.fields)).toMatchObject({
			timestamp: '2023-12-11T05:06:16.000Z',
			amount: 10000,
		});
		const rejected = {
			...accepted,
			status: { code: '264', message: 'The suggested routing from the client is not valid' },
			trx_id: '',
		};
		expect(classifyResponse(create, { statusCode: 200, body: rejected }).outcome).toBe('rejected');

		expect(
			requestFor('disbursement.getStatus', {
				partner_trx_id: 'TRX-20231211-007',
				send_callback: true,
			}),
		).toMatchObject({
			method: 'POST',
			path: '/api/remit-status',
			body: { partner_trx_id: 'TRX-20231211-007', send_callback: true },
		});
		const failedCallback = {
			status: { code: '300', message: 'Failed' },
			tx_status_description:
				'Your transaction amount exceeds maximum routing limit. Please adjust the routing and try again',
			amount: 10000,
			recipient_name: 'John Doe',
			recipient_bank: '014',
			recipient_account: '12341234',
			trx_id: 'd23ed68a',
			partner_trx_id: 'TRX-20231211-007',
			timestamp: '11-12-2023 05:07:20',
			created_date: '11-12-2023 05:06:20',
			last_updated_date: '11-12-2023 05:07:00',
		};
		expect(
			classifyResponse(getOperation('disbursement.getStatus'), {
				statusCode: 200,
				body: failedCallback,
			}).outcome,
		).toBe('failed');
	});
});
