import { describe, expect, it } from 'vitest';
import { getOperation } from '../../../lib/catalogue';
import { normalizeFields, recordsOf } from '../../../lib/records';
import { BILLER_PRODUCTS } from '../../../lib/tables/billerProducts';
import {
	answer,
	buildsDocsExample,
	classify,
	fixture,
	outcomesOf,
	problemLines,
	refusesEach,
	requestFor,
	scriptedClient,
	statusObject,
	timedOut,
} from '../support.mts';

const inquiryExample = fixture('biller/inquireBill.request');
const inquiryAnswer = fixture('biller/inquireBill.response');
const payExample = fixture('biller/payBill.request');
const payAnswer = fixture('biller/payBill.response');
const callback = fixture('biller/callback');
const statusAnswer = fixture('biller/getStatus.response');
const productsAnswer = fixture('biller/getManyProducts.response');

const inquiry = (changes: Record<string, unknown>) => ({ ...inquiryExample.body, ...changes });
const withState = (status: string) => ({
	...statusAnswer.body,
	data: { ...(statusAnswer.body.data as object), status },
});

describe('biller code table (OY API docs: API Biller response codes, transaction outcome), shared by every Biller operation', () => {
	it.each(['biller.inquireBill', 'biller.payBill', 'biller.getStatus', 'biller.getManyProducts'])(
		'%s',
		(id) => {
			// Reads: only 204 (no such bill, Get Status) is rejected; other refusals leave it unknown.
			const refused = (code: string) =>
				id === 'biller.getManyProducts' || (id === 'biller.getStatus' && code !== '204')
					? 'unknown'
					: 'rejected';
			expect(outcomesOf(id, (code) => statusObject(code, { data: { status: 'SUCCESS' } }))).toEqual(
				{
					'000': 'success',
					'101': 'pending',
					'102': 'pending',
					'301': 'pending',
					'400': 'pending',
					'300': 'failed',
					'302': 'failed',
					'303': 'failed',
					'304': 'failed',
					'305': 'failed',
					'306': 'failed',
					'307': 'failed',
					'203': refused('203'),
					'204': refused('204'),
					'205': refused('205'),
					'206': refused('206'),
					'210': refused('210'),
					'223': refused('223'),
					'290': refused('290'),
				},
			);
		},
	);

	it('reads 999 (internal error) as unknown although the table calls it final', () => {
		expect(classify('biller.payBill', statusObject('999')).outcome).toBe('unknown');
	});
});

describe('biller.inquireBill', () => {
	it(`builds the docs' example request, leaving out its nulls (${inquiryExample.doc})`, () => {
		const request = requestFor('biller.inquireBill', inquiryExample.body);
		expect(request).toMatchObject({ method: 'POST', path: '/api/v2/bill' });
		expect(request.body).toEqual({
			customer_id: '12345678910',
			product_id: 'plnpre',
			partner_tx_id: 'DEV123456789',
		});
	});

	it(`reads the docs' example answer (${inquiryAnswer.doc})`, () => {
		const operation = getOperation('biller.inquireBill');
		expect(classify('biller.inquireBill', inquiryAnswer.body).outcome).toBe('success');
		const record = normalizeFields(recordsOf(operation, inquiryAnswer.body)[0], operation.fields);
		expect(record).toMatchObject({ amount: 832_500, admin_fee: 2_500, customer_name: 'FIRDAUS' });
	});

	it('reads a customer the biller does not know as failed (OY API docs: API Biller response codes, transaction outcome, staging mock API Biller staging mock values)', () => {
		const body = { status: { code: '302', message: 'Customer ID Not Found' }, data: null };
		expect(classify('biller.inquireBill', body).outcome).toBe('failed');
	});

	refusesEach('biller.inquireBill', inquiryExample.body, [
		[
			'a denomination for another product',
			{ product_id: 'bpjsks', amount: 50_000, additional_data: '3' },
			'amount: amount is only for PLN Prepaid (plnpre), not bpjsks',
		],
		[
			'a PLN denomination OY! does not sell',
			{ amount: 30_000 },
			'amount: amount must be one of 20000, 50000, 100000, 200000, 500000, 1000000 (got 30000)',
		],
		[
			'BPJS without months',
			{ product_id: 'bpjsks' },
			'additional_data: additional_data is required for bpjsks: the number of months (BPJS) or the tax year (PBB)',
		],
		[
			'BPJS months in words',
			{ product_id: 'bpjs-ketenagakerjaan', additional_data: 'three' },
			'additional_data: additional_data must be a number of months for bpjs-ketenagakerjaan, e.g. 3',
		],
		[
			'PBB without a tax year',
			{ product_id: 'pbbkot.bogor' },
			'additional_data: additional_data is required for pbbkot.bogor: the number of months (BPJS) or the tax year (PBB)',
		],
		[
			'PBB with a short year',
			{ product_id: 'pbbkot.bogor', additional_data: '23' },
			'additional_data: additional_data must be a tax year for pbbkot.bogor, e.g. 2023',
		],
		['no product', { product_id: undefined }, 'product_id: product_id is required'],
		['no customer', { customer_id: ' ' }, 'customer_id: customer_id is required'],
		['no partner_tx_id', { partner_tx_id: undefined }, 'partner_tx_id: partner_tx_id is required'],
	]);

	it.each([
		['a PLN Prepaid denomination', { amount: 50_000 }],
		['BPJS for 3 months', { product_id: 'bpjsks', additional_data: '3' }],
		['PBB for 2023', { product_id: 'pbbkab.bogorcibinong', additional_data: '2023' }],
		[
			'a product missing from the static list (the live list is the source)',
			{ product_id: 'newbiller' },
		],
	])('accepts %s', (_case, changes) => {
		expect(problemLines('biller.inquireBill', inquiry(changes))).toEqual([]);
	});
});

describe('biller.payBill', () => {
	buildsDocsExample('biller.payBill', payExample, 'POST', '/api/v2/bill/payment');

	it(`reads the docs' example answer 101 as in progress (${payAnswer.doc})`, () => {
		expect(classify('biller.payBill', payAnswer.body)).toMatchObject({
			outcome: 'pending',
			code: '101',
		});
	});

	it(`reads the callback, shaped like the answer, as paid (${callback.doc})`, () => {
		expect(classify('biller.payBill', callback.body).outcome).toBe('success');
	});

	it('reads a balance too low and a second payment as rejected (OY API docs: API Biller response codes, rejected requests)', () => {
		expect(classify('biller.payBill', statusObject('206')).outcome).toBe('rejected');
		expect(classify('biller.payBill', statusObject('223')).outcome).toBe('rejected');
	});

	it('refuses a note over 255 characters', () => {
		expect(problemLines('biller.payBill', { ...payExample.body, note: 'n'.repeat(256) })).toEqual([
			'note: note must be at most 255 characters long (got 256)',
		]);
	});
});

describe('biller.payBill when its answer is lost or ambiguous', () => {
	it('reads the bill under the same partner_tx_id: paid means done', async () => {
		const { client, sent } = scriptedClient([timedOut(), answer(statusAnswer.body)], {
			statusChecks: 2,
		});
		const result = await client.call('biller.payBill', payExample.body);
		expect(result).toMatchObject({
			outcome: 'success',
			state: 'SUCCESS',
			resolvedBy: 'statusCheck',
		});
		expect(sent[1]).toMatchObject({
			method: 'GET',
			path: '/api/v2/bill/status',
			query: { partner_tx_id: 'DEV123456789' },
		});
	});

	it('pays again under the same id only when the bill is still just inquired at every status check', async () => {
		const { client, sent } = scriptedClient(
			[
				timedOut(),
				...Array.from({ length: 2 }, () => answer(withState('INQUIRY'))),
				answer(payAnswer.body),
			],
			{ statusChecks: 2 },
		);
		const result = await client.call('biller.payBill', payExample.body);
		expect(result.outcome).toBe('pending');
		expect(sent.map((request) => request.path)).toEqual([
			'/api/v2/bill/payment',
			...Array(2).fill('/api/v2/bill/status'),
			'/api/v2/bill/payment',
		]);
		expect(sent[3].body).toEqual(sent[0].body);
	});

	it('follows a duplicate payment request (223) to the existing payment', async () => {
		const { client, sent } = scriptedClient(
			[answer(statusObject('223')), answer(withState('IN_PROGRESS'))],
			{ statusChecks: 2 },
		);
		const result = await client.call('biller.payBill', payExample.body);
		expect(result).toMatchObject({ outcome: 'pending', duplicate: true, state: 'IN_PROGRESS' });
		expect(sent).toHaveLength(2);
	});
});

describe('biller.getStatus', () => {
	it('builds the GET of the docs with the id in the query (OY API docs: Biller API › Get Bill Payment Status › code samples)', () => {
		const request = requestFor('biller.getStatus', { partner_tx_id: 'partner-tx-id-001' });
		expect(request).toMatchObject({
			method: 'GET',
			path: '/api/v2/bill/status',
			query: { partner_tx_id: 'partner-tx-id-001' },
		});
		expect(request.body).toBeUndefined();
	});

	it(`reads the docs' example answer from data.status (${statusAnswer.doc})`, () => {
		expect(classify('biller.getStatus', statusAnswer.body)).toMatchObject({
			outcome: 'success',
			state: 'SUCCESS',
		});
	});

	it.each([
		['INQUIRY', 'pending'],
		['IN_PROGRESS', 'pending'],
		['PENDING', 'pending'],
		['SUCCESS', 'success'],
		['FAILED', 'failed'],
	])(
		'reads data.status %s as %s (OY API docs: API Biller transaction status, op 10 data.status)',
		(state, outcome) => {
			expect(classify('biller.getStatus', withState(state)).outcome).toBe(outcome);
		},
	);

	it('reads an unknown id as rejected and a refused request as unknown', () => {
		expect(classify('biller.getStatus', statusObject('204')).outcome).toBe('rejected');
		expect(classify('biller.getStatus', statusObject('207')).outcome).toBe('unknown');
	});

	it('refuses a missing id', () => {
		expect(problemLines('biller.getStatus', {})).toEqual([
			'partner_tx_id: partner_tx_id is required',
		]);
	});
});

describe('biller.getManyProducts', () => {
	it('builds the GET of the docs with no body (OY API docs: Biller API › Get Bill Products List › endpoint)', () => {
		const request = requestFor('biller.getManyProducts', {});
		expect(request).toMatchObject({ method: 'GET', path: '/api/v2/bill/products' });
		expect(request.body).toBeUndefined();
	});

	it(`reads the docs' example answer as a list with amounts in rupiah (${productsAnswer.doc})`, () => {
		const operation = getOperation('biller.getManyProducts');
		expect(classify('biller.getManyProducts', productsAnswer.body).outcome).toBe('success');
		const records = recordsOf(operation, {
			...productsAnswer.body,
			data: { product_list: [{ product_id: 'plnpre', amount: '50000.0000', admin_fee: 2500 }] },
		});
		expect(records.map((record) => normalizeFields(record, operation.fields))).toEqual([
			{ product_id: 'plnpre', amount: 50_000, admin_fee: 2_500 },
		]);
		expect(recordsOf(operation, productsAnswer.body)).toHaveLength(1);
	});
});

describe('biller product table (OY API docs: Biller products list)', () => {
	it('holds every documented id once, the repeated TV brands joined', () => {
		const ids = BILLER_PRODUCTS.map((product) => product.id);
		expect(ids).toHaveLength(200);
		expect(new Set(ids).size).toBe(200);
		expect(BILLER_PRODUCTS.find((product) => product.id === 'tvindvs')?.name).toBe(
			'INDOVISION / TOPTV / OKEVISION',
		);
		expect(BILLER_PRODUCTS.filter((product) => product.category === 'PBB')).toHaveLength(70);
	});
});
