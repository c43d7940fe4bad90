import { describe, expect, it } from 'vitest';
import { getOperation } from '../../lib/catalogue';
import { normalizeFields, recordsOf } from '../../lib/records';
import {
	classify,
	fixture,
	outcomesOf,
	refusesEach,
	requestFor,
	statusObject,
} from './support.mts';

const summaryExample = fixture('transaction/getSummary.request');
const summaryAnswer = fixture('transaction/getSummary.response');
const detailAnswer = fixture('transaction/getDetail.response');

const readRecord = (operationId: string, body: unknown) => {
	const operation = getOperation(operationId);
	return normalizeFields(recordsOf(operation, body)[0], operation.fields);
};

describe('transaction.getSummary', () => {
	it(`builds the docs' GET with a JSON body (${summaryExample.doc})`, () => {
		const request = requestFor('transaction.getSummary', summaryExample.body);
		expect(request).toMatchObject({
			method: 'GET',
			path: '/api/transaction-summary',
			body: summaryExample.body,
		});
		expect(request.headers['Content-Type']).toBe('application/json');
		expect(request.query).toBeUndefined();
	});

	it(`reads the docs' example answer (${summaryAnswer.doc})`, () => {
		expect(classify('transaction.getSummary', summaryAnswer.body).outcome).toBe('success');
		expect(
			readRecord('transaction.getSummary', {
				...summaryAnswer.body,
				data: { ...(summaryAnswer.body.data as object), amount: '8000000.0000' },
			}),
		).toMatchObject({
			amount: 8_000_000,
			settlement_balance: 7_112_000,
			count: 800,
		});
	});

	it('classifies every code of its table (003 L12012-L12024)', () => {
		expect(
			outcomesOf('transaction.getSummary', (code) => statusObject(code, { data: null })),
		).toEqual({
			'000': 'success',
			'102': 'pending',
			'202': 'unknown',
			'229': 'unknown',
			'290': 'unknown',
		});
		expect(classify('transaction.getSummary', statusObject('229')).transient).toBe(true);
		expect(classify('transaction.getSummary', statusObject('201')).outcome).toBe('unknown');
	});

	refusesEach('transaction.getSummary', summaryExample.body, [
		[
			'an unknown group',
			{ product_group: 'SPENT' },
			'product_group: product_group must be one of PENDING_SETTLEMENT (got SPENT)',
		],
		[
			'the prose spelling TOMMOROW (003 L12010)',
			{ time_period: 'TOMMOROW' },
			'time_period: time_period must be one of TODAY, TOMORROW, ALL_TIME (got TOMMOROW)',
		],
		['no period', { time_period: undefined }, 'time_period: time_period is required'],
	]);
});

describe('transaction.getDetail', () => {
	// The docs' request has placeholders only (003 L14062): `?partner_tx_id=<partner_tx_id>&product_type=<product_type>`.
	it('builds the GET with both values in the query', () => {
		const request = requestFor('transaction.getDetail', {
			partner_tx_id: '1234-asdf',
			product_type: 'API_DISBURSE',
		});
		expect(request).toMatchObject({
			method: 'GET',
			path: '/api/v1/transaction',
			query: { partner_tx_id: '1234-asdf', product_type: 'API_DISBURSE' },
		});
		expect(request.body).toBeUndefined();
	});

	it(`reads the docs' example answer (${detailAnswer.doc})`, () => {
		expect(classify('transaction.getDetail', detailAnswer.body).outcome).toBe('success');
		expect(
			readRecord('transaction.getDetail', {
				...detailAnswer.body,
				data: {
					transfer_amount: '10000.0000',
					settlement_amount: 10_150,
					admin_fee: { total_fee: '150.0000' },
				},
			}),
		).toEqual({
			transfer_amount: 10_000,
			settlement_amount: 10_150,
			admin_fee: { total_fee: 150 },
		});
	});

	it('reads a refused request as unknown: it says nothing about the transaction', () => {
		expect(classify('transaction.getDetail', statusObject('208', { data: null })).outcome).toBe(
			'unknown',
		);
	});

	refusesEach('transaction.getDetail', { partner_tx_id: 'x', product_type: 'API_BILLER' }, [
		[
			'an unknown product type',
			{ product_type: 'API_OFFLINE' },
			'product_type: product_type must be one of API_DISBURSE, API_BILLER, PAYMENT_LINK, PAYMENT_ROUTING, VA_AGGREGATOR, EWALLET_AGGREGATOR (got API_OFFLINE)',
		],
		['no id', { partner_tx_id: undefined }, 'partner_tx_id: partner_tx_id is required'],
	]);
});
