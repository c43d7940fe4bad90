import { describe, expect, it } from 'vitest';
import { getOperation } from '../../../lib/catalogue';
import {
	answer,
	classify,
	docResponses,
	expectCodeOutcomes,
	expectRefused,
	get,
	post,
	problemsOf,
	requestFor,
	scriptedClient,
	timedOut,
	wire,
	withCode,
} from '../support.mts';

const docs = docResponses('eWallet');

/** The Dart example of Create E-Wallet Transaction, OY API docs: API E-Wallet Aggregator › Create E-Wallet Transaction › request parameters. */
const CREATE_EXAMPLE = {
	customer_id: 'my_user_id',
	partner_trx_id: 'ABC123456527',
	sub_merchant_id: 'zx88989F',
	amount: 75000,
	email: 'johndoe@gmail.com',
	ewallet_code: 'shopeepay_ewallet',
	mobile_number: '6282114845847',
	success_redirect_url: 'https://myweb.com/usertx/123456',
	expiration_time: 15,
};

/** The curl example, OY API docs: API E-Wallet Aggregator › Create E-Wallet Transaction › request parameters: DANA with 120 minutes, above DANA's 60 (OY API docs: E-Wallet details). */
const CURL_CREATE_EXAMPLE = {
	customer_id: 'your_customer_user_id',
	partner_trx_id: 'YAYBC123456527',
	sub_merchant_id: 'sprx88989F',
	amount: 125000,
	email: 'mirajane@yahoo.com',
	ewallet_code: 'dana_ewallet',
	mobile_number: '628091486790',
	success_redirect_url: 'https://yourweb.com/usertx/123456',
	expiration_time: 120,
};

const REJECTIONS = '202 203 204 206 207 208 250 251 253 254 255 990';
const NON_FINAL = '248 252 999';

describe('E-Wallet Aggregator: the docs’ examples', () => {
	it('builds Create with OY’s 60-second Timeout header (OY API docs: API E-Wallet Aggregator › Create E-Wallet Transaction › request parameters, Client timeout durations and the Timeout request header)', () => {
		const request = requestFor('eWallet.create', CREATE_EXAMPLE);
		expect(wire(request)).toEqual(
			post('/api/e-wallet-aggregator/create-transaction', CREATE_EXAMPLE),
		);
		expect(request.headers.Timeout).toBe('60');
	});

	it('builds the status and refund requests (OY API docs: API E-Wallet Aggregator › Check E-Wallet Transaction Status › request parameters, API E-Wallet Aggregator › Refund E-Wallet Transaction › request parameters, API E-Wallet Aggregator › Get E-Wallet Refund Status › query parameters, API E-Wallet Aggregator › Get List of E-Wallet Refund › query parameters)', () => {
		expect(wire(requestFor('eWallet.getStatus', { partner_trx_id: 'ABC123456527' }))).toEqual(
			post('/api/e-wallet-aggregator/check-status', { partner_trx_id: 'ABC123456527' }),
		);
		expect(
			wire(requestFor('eWallet.refund', { partner_trx_id: 'ABC123456527', refund_amount: 10000 })),
		).toEqual(
			post('/api/e-wallet-aggregator/refund', {
				partner_trx_id: 'ABC123456527',
				refund_amount: 10000,
			}),
		);
		expect(wire(requestFor('eWallet.getRefund', { refund_id: 'REFUND123' }))).toEqual(
			get('/api/e-wallet-aggregator/get-refund', { refund_id: 'REFUND123' }),
		);
		expect(wire(requestFor('eWallet.getManyRefunds', { partner_trx_id: 'ABC123456527' }))).toEqual(
			get('/api/e-wallet-aggregator/list-refund', { partner_trx_id: 'ABC123456527' }),
		);
	});

	it('refuses the curl example’s 120 minutes for DANA, and accepts it with 60', () => {
		expectRefused(
			'eWallet.create',
			CURL_CREATE_EXAMPLE,
			'expiration_time',
			/between 1 and 60 minutes for dana_ewallet/,
		);
		expect(problemsOf('eWallet.create', { ...CURL_CREATE_EXAMPLE, expiration_time: 60 })).toEqual(
			[],
		);
	});

	it('reads the example answers by the transaction’s or refund’s own state (OY API docs: API E-Wallet Aggregator)', () => {
		expect(classify('eWallet.create', docs.create.body)).toMatchObject({
			outcome: 'pending',
			code: '000',
			state: 'WAITING_PAYMENT',
		});
		expect(classify('eWallet.getStatus', docs.getStatus.body)).toMatchObject({
			outcome: 'pending',
			state: 'WAITING_PAYMENT',
		});
		expect(classify('eWallet.refund', docs.refund.body)).toMatchObject({
			outcome: 'pending',
			state: 'REFUND_ONPROCESS',
		});
		expect(classify('eWallet.getRefund', docs.getRefund.body)).toMatchObject({
			outcome: 'success',
			state: 'REFUNDED',
		});
		expect(classify('eWallet.getManyRefunds', docs.getManyRefunds.body).outcome).toBe('success');
	});

	it('reads rejections as the code tables say (OY API docs: E-Wallet response codes)', () => {
		// A failed request carries only its status (OY API docs: API E-Wallet Aggregator › Check E-Wallet Transaction Status › response parameters).
		expect(
			classify('eWallet.getStatus', {
				status: { code: '204', message: 'Partner Trx ID not found' },
			}).outcome,
		).toBe('rejected');
		expect(
			classify('eWallet.create', { status: { code: '254', message: 'User credential not found' } }),
		).toMatchObject({
			outcome: 'rejected',
			hint: expect.stringContaining('mobile number'),
		});
		expect(classify('eWallet.create', 'Forbidden', 403).outcome).toBe('rejected');
		expect(classify('eWallet.create', 'Too Many Requests', 429)).toMatchObject({
			outcome: 'rejected',
			transient: true,
		});
		for (const status of [500, 503, 504]) {
			expect(classify('eWallet.create', 'error', status).outcome).toBe('unknown');
		}
	});
});

describe('E-Wallet Aggregator: code tables and states', () => {
	it('every endpoint reads the product’s one code list; 248, 252 and 999 stay unknown', () => {
		expectCodeOutcomes('eWallet.create', docs.create.body, {
			pending: '000',
			rejected: REJECTIONS,
			unknown: NON_FINAL,
		});
		// Reads: only "no such transaction / refund" is rejected; other refusals leave it unknown.
		expectCodeOutcomes('eWallet.getStatus', docs.getStatus.body, {
			pending: '000',
			rejected: '204',
			unknown: `${NON_FINAL} ${REJECTIONS.replace('204 ', '')}`,
		});
		expectCodeOutcomes('eWallet.refund', docs.refund.body, {
			pending: '000',
			rejected: REJECTIONS,
			unknown: NON_FINAL,
		});
		expectCodeOutcomes('eWallet.getRefund', docs.getRefund.body, {
			success: '000',
			rejected: '255',
			unknown: `${NON_FINAL} ${REJECTIONS.replace(' 255', '')}`,
		});
		expectCodeOutcomes('eWallet.getManyRefunds', docs.getManyRefunds.body, {
			success: '000',
			rejected: '204',
			unknown: `${NON_FINAL} ${REJECTIONS.replace('204 ', '')}`,
		});
	});

	it('reads ewallet_trx_status, OY API docs: E-Wallet transaction status', () => {
		const states = {
			WAITING_PAYMENT: 'pending',
			COMPLETE: 'success',
			REFUNDED: 'success',
			FAILED: 'failed',
			EXPIRED: 'failed',
		};
		for (const [state, outcome] of Object.entries(states)) {
			const body = { ...docs.getStatus.body, ewallet_trx_status: state };
			expect({ state, outcome: classify('eWallet.getStatus', body).outcome }).toEqual({
				state,
				outcome,
			});
		}
		const { ewallet_trx_status: _dropped, ...withoutState } = docs.getStatus.body;
		expect(classify('eWallet.getStatus', withoutState).outcome).toBe('unknown');
		expect(
			classify('eWallet.getStatus', { ...docs.getStatus.body, ewallet_trx_status: 'SETTLED' })
				.outcome,
		).toBe('unknown');
	});

	it('reads refund_status, OY API docs: E-Wallet refund status', () => {
		const states = {
			REFUNDED: 'success',
			REFUND_ONPROCESS: 'pending',
			SUSPECTED: 'pending',
			REFUND_FAILED: 'failed',
		};
		for (const [state, outcome] of Object.entries(states)) {
			const body = { ...docs.getRefund.body, refund_status: state };
			expect({ state, outcome: classify('eWallet.getRefund', body).outcome }).toEqual({
				state,
				outcome,
			});
			expect(
				classify('eWallet.refund', { ...docs.refund.body, refund_status: state }).outcome,
			).toBe(outcome);
		}
	});

	it('tells that a failed status read says nothing about the transaction', () => {
		expect(classify('eWallet.getStatus', withCode(docs.getStatus.body, '252')).meaning).toContain(
			'says nothing about the transaction',
		);
	});
});

describe('E-Wallet Aggregator: input rules', () => {
	const create = (change: Record<string, unknown>) => ({ ...CREATE_EXAMPLE, ...change });

	it('requires the customer, the id, the amount and the e-wallet', () => {
		for (const field of ['customer_id', 'partner_trx_id', 'amount', 'ewallet_code']) {
			expectRefused('eWallet.create', create({ [field]: undefined }), field, /is required/);
		}
		expectRefused('eWallet.getStatus', {}, 'partner_trx_id', /is required/);
		expectRefused('eWallet.refund', { refund_amount: 1000 }, 'partner_trx_id', /is required/);
		expectRefused('eWallet.refund', { partner_trx_id: 'a' }, 'refund_amount', /is required/);
		expectRefused('eWallet.getRefund', {}, 'refund_id', /is required/);
		expectRefused('eWallet.getManyRefunds', {}, 'partner_trx_id', /is required/);
	});

	it('keeps the amount between Rp100 and Rp10.000.000 in whole rupiah', () => {
		expectRefused('eWallet.create', create({ amount: 99 }), 'amount', /at least 100/);
		expectRefused('eWallet.create', create({ amount: 10_000_001 }), 'amount', /at most 10000000/);
		expectRefused('eWallet.create', create({ amount: 75000.5 }), 'amount', /no fractions/);
		expectRefused(
			'eWallet.refund',
			{ partner_trx_id: 'a', refund_amount: 0 },
			'refund_amount',
			/at least 1/,
		);
		expectRefused(
			'eWallet.refund',
			{ partner_trx_id: 'a', refund_amount: 10_000_001 },
			'refund_amount',
			/at most 10000000/,
		);
	});

	it('refuses values outside the documented formats and lengths', () => {
		expectRefused(
			'eWallet.create',
			create({ customer_id: 'c'.repeat(256) }),
			'customer_id',
			/at most 255/,
		);
		expectRefused(
			'eWallet.create',
			create({ sub_merchant_id: 's'.repeat(256) }),
			'sub_merchant_id',
			/at most 255/,
		);
		expectRefused('eWallet.create', create({ email: 'johndoe' }), 'email', /e-mail address/);
		expectRefused(
			'eWallet.create',
			create({ ewallet_code: 'gopay_ewallet' }),
			'ewallet_code',
			/ovo_ewallet, shopeepay_ewallet/,
		);
		expectRefused(
			'eWallet.create',
			create({ mobile_number: '+6282114845847' }),
			'mobile_number',
			/digits only/,
		);
		expectRefused(
			'eWallet.create',
			create({ mobile_number: '082114845847' }),
			'mobile_number',
			/start with 628/,
		);
		expectRefused(
			'eWallet.create',
			create({ success_redirect_url: 'my web' }),
			'success_redirect_url',
			/app URL scheme/,
		);
		expectRefused(
			'eWallet.create',
			create({ expiration_time: 0 }),
			'expiration_time',
			/at least 1/,
		);
		expectRefused('eWallet.getRefund', { refund_id: 'r'.repeat(256) }, 'refund_id', /at most 255/);
		expect(
			problemsOf('eWallet.create', create({ success_redirect_url: 'myshop://paid/123' })),
		).toEqual([]);
	});

	it('applies each issuer’s rules (OY API docs: API E-Wallet Aggregator › Create E-Wallet Transaction › request parameters, E-Wallet details)', () => {
		const ovo = create({ ewallet_code: 'ovo_ewallet', success_redirect_url: undefined });
		expectRefused(
			'eWallet.create',
			{ ...ovo, mobile_number: undefined },
			'mobile_number',
			/required for ovo_ewallet/,
		);
		// OVO fixes its own 55 seconds and needs no redirect.
		expect(problemsOf('eWallet.create', { ...ovo, expiration_time: 120 })).toEqual([]);
		for (const code of ['dana_ewallet', 'linkaja_ewallet', 'shopeepay_ewallet']) {
			expectRefused(
				'eWallet.create',
				create({ ewallet_code: code, mobile_number: undefined, success_redirect_url: undefined }),
				'success_redirect_url',
				new RegExp(`required for ${code}`),
			);
		}
		expectRefused(
			'eWallet.create',
			create({ expiration_time: 61 }),
			'expiration_time',
			/shopeepay_ewallet \(got 61\)/,
		);
		expect(
			problemsOf(
				'eWallet.create',
				create({ ewallet_code: 'linkaja_ewallet', expiration_time: 90 }),
			),
		).toEqual([]);
	});
});

describe('E-Wallet Aggregator: money safety', () => {
	const status = (state: string, change: Record<string, unknown> = {}) =>
		answer({
			...docs.getStatus.body,
			ewallet_trx_status: state,
			amount: 75000,
			customer_id: 'my_user_id',
			...change,
		});

	it('resolves a non-final create answer with Check Status under the same partner_trx_id', async () => {
		const { client, sent: requests } = scriptedClient(
			[
				answer({ status: { code: '252', message: 'Creation failed' } }),
				status('EXPIRED', { ewallet_code: 'shopeepay_ewallet' }),
			],
			{ afterLast: 'repeat' },
		);
		const result = await client.call('eWallet.create', CREATE_EXAMPLE);
		expect(requests.map((request) => request.path)).toEqual([
			'/api/e-wallet-aggregator/create-transaction',
			'/api/e-wallet-aggregator/check-status',
		]);
		expect(requests[1].body).toEqual({ partner_trx_id: 'ABC123456527' });
		expect(result).toMatchObject({
			outcome: 'failed',
			state: 'EXPIRED',
			resolvedBy: 'statusCheck',
		});
	});

	it('stays unknown when the status reads are refused: a refused read says nothing', async () => {
		const { client, sent: requests } = scriptedClient(
			[timedOut(), answer({ status: { code: '208', message: 'API Key is not Valid' } })],
			{ afterLast: 'repeat' },
		);
		const result = await client.call('eWallet.create', CREATE_EXAMPLE);
		expect(result).toMatchObject({ outcome: 'unknown', final: false });
		expect(requests.filter((request) => request.path.endsWith('create-transaction'))).toHaveLength(
			1,
		);
	});

	it('reports a duplicate id that belongs to another charge as rejected, naming the difference', async () => {
		const { client } = scriptedClient(
			[
				answer({ status: { code: '203', message: 'Duplicate Partner Trx ID' } }),
				status('COMPLETE', { ewallet_code: 'dana_ewallet', amount: '500000' }),
			],
			{ afterLast: 'repeat' },
		);
		const result = await client.call('eWallet.create', CREATE_EXAMPLE);
		expect(result).toMatchObject({ outcome: 'rejected', duplicate: true });
		expect(result.meaning).toContain(
			'amount 500000 instead of 75000, ewallet_code dana_ewallet instead of shopeepay_ewallet',
		);
	});

	it('accepts a duplicate id that is this same charge, with its current state', async () => {
		const { client } = scriptedClient(
			[
				answer({ status: { code: '203', message: 'Duplicate Partner Trx ID' } }),
				status('COMPLETE', { ewallet_code: 'shopeepay_ewallet' }),
			],
			{ afterLast: 'repeat' },
		);
		expect(await client.call('eWallet.create', CREATE_EXAMPLE)).toMatchObject({
			outcome: 'success',
			duplicate: true,
			state: 'COMPLETE',
		});
	});

	it('never sends a refund twice: OY! takes no id for it', async () => {
		const { client, sent: requests } = scriptedClient(
			[answer({ status: { code: '999', message: 'Internal Server Error' } })],
			{ afterLast: 'repeat' },
		);
		const result = await client.call('eWallet.refund', {
			partner_trx_id: 'ABC123456527',
			refund_amount: 75000,
		});
		expect(requests).toHaveLength(1);
		expect(result).toMatchObject({
			outcome: 'unknown',
			hint: expect.stringContaining('Get Many Refunds'),
		});
	});

	it('defines the create’s check with inputs the status operation accepts', () => {
		const check = getOperation('eWallet.create').statusCheck;
		expect(check?.operation).toBe('eWallet.getStatus');
		expect(problemsOf('eWallet.getStatus', check!.input(CREATE_EXAMPLE))).toEqual([]);
		expect(check?.duplicateCodes).toEqual(['203']);
		expect(check?.notFoundCodes).toEqual(['204']);
	});
});
