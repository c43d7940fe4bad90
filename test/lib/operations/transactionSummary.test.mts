import { describe, expect, it } from 'vitest';
import {
	classify,
	fixture,
	outcomesOf,
	readRecord,
	refusesEach,
	requestFor,
	statusObject,
} from '../support.mts';

const summaryExample = fixture('transaction/getSummary.request');
const summaryAnswer = fixture('transaction/getSummary.response');

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

	it('classifies every code of its table (OY API docs: API GET Transaction Summary › Get Transaction Summary › response codes)', () => {
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
			'the prose spelling TOMMOROW (OY API docs: API GET Transaction Summary › Get Transaction Summary › response parameters)',
			{ time_period: 'TOMMOROW' },
			'time_period: time_period must be one of TODAY, TOMORROW, ALL_TIME (got TOMMOROW)',
		],
		['no period', { time_period: undefined }, 'time_period: time_period is required'],
	]);
});
