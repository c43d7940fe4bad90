import { describe, expect, it } from 'vitest';
import {
	classify,
	fixture,
	readRecord,
	refusesEach,
	requestFor,
	statusObject,
} from '../support.mts';

const detailAnswer = fixture('transaction/getDetail.response');

describe('transaction.getDetail', () => {
	// The docs' request has placeholders only (OY API docs: Transaction Detail › Get Transaction Detail › code samples): `?partner_tx_id=<partner_tx_id>&product_type=<product_type>`.
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
