import { describe, expect, it } from 'vitest';
import { getOperation } from '../../../lib/catalogue.js';
import { classifyResponse } from '../../../lib/outcomes.js';
import { normalizeFields, recordsOf } from '../../../lib/records.js';
import { requestFor } from '../support.mts';

const ok = { code: '000', message: 'Success' };

describe('Part A examples from the docs', () => {
	it('account inquiry (OY API docs: Account Inquiry › Account Inquiry)', () => {
		expect(
			requestFor('accountInquiry.inquire', { bank_code: '014', account_number: '1239812390' }),
		).toMatchObject({
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
		expect(normalizeFields(body, operation.fields)).toMatchObject({
			timestamp: '2020-11-19T17:01:17.000Z',
		});
		// Blocked for unpaid invoices: a refusal of the request, which says nothing about the account.
		expect(
			classifyResponse(operation, {
				statusCode: 200,
				body: { status: { code: '232', message: 'unpaid' } },
			}).outcome,
		).toBe('unknown');
		expect(
			classifyResponse(operation, {
				statusCode: 200,
				body: { status: { code: '209', message: 'not found' } },
			}).outcome,
		).toBe('rejected');
	});

	it('account inquiry invoices: list, get and pay (OY API docs: Account Inquiry)', () => {
		expect(
			requestFor('accountInquiry.getInvoices', { offset: 0, limit: 10, status: 'UNPAID' }),
		).toMatchObject({
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
				{
					invoice_id: 'e972bfcb',
					tx_date: '2020-12-03',
					amount: 2000.0,
					total_inquiry: 2,
					paid_at: null,
					invoice_status: 'INITIATED',
					due_at: '2020-12-04T16:59:59',
				},
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
		expect(requestFor('accountInquiry.getInvoice', { id: 'e972bfcb' }).path).toBe(
			'/api/account-inquiry/invoices/e972bfcb',
		);
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
		expect(
			classifyResponse(getOperation('accountInquiry.payInvoice'), { statusCode: 200, body: paid })
				.outcome,
		).toBe('success');
		const pay = getOperation('accountInquiry.payInvoice');
		expect(
			classifyResponse(pay, { statusCode: 200, body: { status: { code: '206', message: 'x' } } })
				.outcome,
		).toBe('failed');
		expect(
			classifyResponse(pay, { statusCode: 200, body: { status: { code: '300', message: 'x' } } })
				.outcome,
		).toBe('rejected');
	});
});
