import { describe, expect, it } from 'vitest';
import { getOperation } from '../../../lib/catalogue.js';
import { classifyResponse } from '../../../lib/outcomes.js';
import { normalizeFields } from '../../../lib/records.js';
import { requestFor } from '../support.mts';

const ok = { code: '000', message: 'Success' };

describe('Part A examples from the docs', () => {
	it('virtual accounts (OY API docs: VA Aggregator)', () => {
		const create = requestFor('virtualAccount.create', {
			partner_user_id: '51200021',
			bank_code: '002',
			amount: 0,
			is_open: true,
			is_single_use: false,
			expiration_time: 30,
			username_display: 'va name',
			trx_expiration_time: 30,
			partner_trx_id: 'TRX0001',
			trx_counter: 1,
		});
		expect(create).toMatchObject({
			method: 'POST',
			path: '/api/generate-static-va',
			headers: { Timeout: '60' },
		});
		expect(create.timeoutMs).toBe(65_000);
		const vaOperation = getOperation('virtualAccount.create');
		const created = {
			id: '12345b1',
			status: ok,
			amount: 0,
			va_number: '123456789182827272',
			bank_code: '002',
			is_open: true,
			is_single_use: false,
			expiration_time: 1582783668175,
			va_status: 'WAITING_PAYMENT',
			username_display: 'va name',
			partner_user_id: '51200021',
			counter_incoming_payment: 0,
			partner_trx_id: 'TRX0001',
			trx_expiration_time: -1,
			trx_counter: 1,
		};
		expect(classifyResponse(vaOperation, { statusCode: 200, body: created }).outcome).toBe(
			'success',
		);
		expect(normalizeFields(created, vaOperation.fields)).toMatchObject({
			expiration_time: '2020-02-27T06:07:48.175Z',
			trx_expiration_time: null,
		});
		expect(
			classifyResponse(vaOperation, {
				statusCode: 200,
				body: { status: { code: '217', message: 'x' } },
			}).outcome,
		).toBe('rejected');
		expect(classifyResponse(vaOperation, { statusCode: 403, body: 'Forbidden' }).outcome).toBe(
			'rejected',
		);

		expect(
			requestFor('virtualAccount.update', { id: 'abc', amount: 50000, expiration_time: 30 }),
		).toMatchObject({
			method: 'PUT',
			path: '/api/static-virtual-account/abc',
			body: { amount: 50000, expiration_time: 30 },
		});
		expect(
			requestFor('virtualAccount.getTransactions', { id: 'abc', offset: 0, limit: 5 }),
		).toMatchObject({
			method: 'GET',
			path: '/api/va-tx-history/abc',
			query: { offset: '0', limit: '5' },
		});
		expect(
			requestFor('virtualAccount.createCustomized', {
				partner_user_id: '51200021',
				bank_code: '002',
				amount: 10000,
				is_open: false,
				va_suffix: '081234567890',
			}),
		).toMatchObject({ path: '/api/custom-va', body: { va_suffix: '081234567890' } });
		expect(
			requestFor('virtualAccount.deactivateCustomized', { id: 'id with/slash' }),
		).toMatchObject({
			method: 'DELETE',
			path: '/api/custom-va/id%20with%2Fslash',
		});
		expect(requestFor('virtualAccount.deactivateCustomized', { id: 'x' }).body).toBeUndefined();
	});
});
