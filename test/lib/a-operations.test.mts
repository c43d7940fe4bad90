import { describe, expect, it } from 'vitest';
import { getOperation } from '../../lib/catalogue.js';
import { classifyResponse } from '../../lib/outcomes.js';
import { normalizeFields, recordsOf } from '../../lib/records.js';
import { requestFor } from './support.mts';

const ok = { code: '000', message: 'Success' };

describe('Part A examples from the docs', () => {
	it('account inquiry (003 L94-L291)', () => {
		expect(requestFor('accountInquiry.inquire', { bank_code: '014', account_number: '1239812390' })).toMatchObject({
			method: 'POST',
			path: '/api/account-inquiry',
			body: { bank_code: '014', account_number: '1239812390' },
		});
		const body = {
			status: ok,
			bank_code: '014',
			account_number: '1239812390',
			account_name: 'John Doe',
			timestamp: '2020-11-19T17:01:17',
			id: '59e11245',
			invoice_id: 'c0503fa6',
		};
		const operation = getOperation('accountInquiry.inquire');
		expect(classifyResponse(operation, { statusCode: 200, body }).outcome).toBe('success');
		expect(normalizeFields(body, operation.fields)).toMatchObject({ timestamp: '2020-11-19T17:01:17.000Z' });
		// Blocked for unpaid invoices: a refusal of the request, which says nothing about the account.
		expect(classifyResponse(operation, { statusCode: 200, body: { status: { code: '232', message: 'unpaid' } } }).outcome).toBe(
			'unknown',
		);
		expect(classifyResponse(operation, { statusCode: 200, body: { status: { code: '209', message: 'not found' } } }).outcome).toBe(
			'rejected',
		);
	});

	it('account inquiry invoices: list, get and pay (003 L293-L470)', () => {
		expect(requestFor('accountInquiry.getInvoices', { offset: 0, limit: 10, status: 'UNPAID' })).toMatchObject({
			method: 'GET',
			path: '/api/account-inquiry/invoices',
			query: { offset: '0', limit: '10', status: 'UNPAID' },
		});
		expect(requestFor('accountInquiry.getInvoices', {}).body).toBeUndefined();
		const list = {
			total: 3,
			status: ok,
			timestamp: '2020-12-03T17:01:17',
			data: [
				{ invoice_id: 'e972bfcb', tx_date: '2020-12-03', amount: 2000.0, total_inquiry: 2, paid_at: null, invoice_status: 'INITIATED', due_at: '2020-12-04T16:59:59' },
			],
		};
		const listOperation = getOperation('accountInquiry.getInvoices');
		const [record] = recordsOf(listOperation, list);
		expect(normalizeFields(record, listOperation.fields)).toEqual({
			invoice_id: 'e972bfcb',
			tx_date: '2020-12-03',
			amount: 2000,
			total_inquiry: 2,
			paid_at: null,
			invoice_status: 'INITIATED',
			due_at: '2020-12-04T16:59:59.000Z',
		});
		expect(requestFor('accountInquiry.getInvoice', { id: 'e972bfcb' }).path).toBe('/api/account-inquiry/invoices/e972bfcb');
		const paid = {
			status: ok,
			invoice_id: '53f48b8a',
			tx_date: '2020-12-02',
			amount: 10000.0,
			total_inquiry: 10,
			paid_at: '2020-12-03T01:01:18',
			invoice_status: 'PAID',
			due_at: '2020-12-03T17:01:00',
			timestamp: '2020-12-03T01:01:17',
		};
		expect(requestFor('accountInquiry.payInvoice', { invoice_id: '53f48b8a' })).toMatchObject({
			method: 'POST',
			path: '/api/account-inquiry/invoices/pay',
			body: { invoice_id: '53f48b8a' },
		});
		expect(classifyResponse(getOperation('accountInquiry.payInvoice'), { statusCode: 200, body: paid }).outcome).toBe('success');
		const pay = getOperation('accountInquiry.payInvoice');
		expect(classifyResponse(pay, { statusCode: 200, body: { status: { code: '206', message: 'x' } } }).outcome).toBe('failed');
		expect(classifyResponse(pay, { statusCode: 200, body: { status: { code: '300', message: 'x' } } }).outcome).toBe('rejected');
	});

	it('disbursement create, status and balance (003 L492-L1341)', () => {
		const mock = {
			recipient_bank: '014',
			recipient_account: '2100000',
			amount: 10000,
			note: 'Test Expose Route',
			partner_trx_id: 'TRX-20231211-007',
			email: 'yono@oyindonesia.com',
		};
		expect(requestFor('disbursement.create', mock)).toMatchObject({ method: 'POST', path: '/api/remit', body: mock });
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
		expect(normalizeFields(accepted, create.fields)).toMatchObject({ timestamp: '2023-12-11T05:06:16.000Z', amount: 10000 });
		const rejected = { ...accepted, status: { code: '264', message: 'The suggested routing from the client is not valid' }, trx_id: '' };
		expect(classifyResponse(create, { statusCode: 200, body: rejected }).outcome).toBe('rejected');

		expect(requestFor('disbursement.getStatus', { partner_trx_id: 'TRX-20231211-007', send_callback: true })).toMatchObject({
			method: 'POST',
			path: '/api/remit-status',
			body: { partner_trx_id: 'TRX-20231211-007', send_callback: true },
		});
		const failedCallback = {
			status: { code: '300', message: 'Failed' },
			tx_status_description: 'Your transaction amount exceeds maximum routing limit. Please adjust the routing and try again',
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
		expect(classifyResponse(getOperation('disbursement.getStatus'), { statusCode: 200, body: failedCallback }).outcome).toBe('failed');

		expect(requestFor('balance.get', {})).toEqual({
			method: 'GET',
			path: '/api/balance',
			headers: { Accept: 'application/json' },
			timeoutMs: 30000,
		});
		const balance = getOperation('balance.get');
		const balanceBody = {
			status: ok,
			balance: 100000000.0,
			overdraftBalance: 500000.0,
			overbookingBalance: 200000.0,
			pendingBalance: 2000000.0,
			availableBalance: 98500000.0,
			timestamp: '10-12-2019 12:15:37',
		};
		expect(classifyResponse(balance, { statusCode: 200, body: balanceBody }).outcome).toBe('success');
		expect(classifyResponse(balance, { statusCode: 200, body: { status: { code: '900', message: 'Invalid Format' } } }).outcome).toBe(
			'unknown',
		);
	});

	it('virtual accounts (003 L1486-L3459)', () => {
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
		expect(create).toMatchObject({ method: 'POST', path: '/api/generate-static-va', headers: { Timeout: '60' } });
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
		expect(classifyResponse(vaOperation, { statusCode: 200, body: created }).outcome).toBe('success');
		expect(normalizeFields(created, vaOperation.fields)).toMatchObject({
			expiration_time: '2020-02-27T06:07:48.175Z',
			trx_expiration_time: null,
		});
		expect(classifyResponse(vaOperation, { statusCode: 200, body: { status: { code: '217', message: 'x' } } }).outcome).toBe('rejected');
		expect(classifyResponse(vaOperation, { statusCode: 403, body: 'Forbidden' }).outcome).toBe('rejected');

		expect(requestFor('virtualAccount.update', { id: 'abc', amount: 50000, expiration_time: 30 })).toMatchObject({
			method: 'PUT',
			path: '/api/static-virtual-account/abc',
			body: { amount: 50000, expiration_time: 30 },
		});
		expect(requestFor('virtualAccount.getTransactions', { id: 'abc', offset: 0, limit: 5 })).toMatchObject({
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
		expect(requestFor('virtualAccount.deactivateCustomized', { id: 'id with/slash' })).toMatchObject({
			method: 'DELETE',
			path: '/api/custom-va/id%20with%2Fslash',
		});
		expect(requestFor('virtualAccount.deactivateCustomized', { id: 'x' }).body).toBeUndefined();
	});
});
