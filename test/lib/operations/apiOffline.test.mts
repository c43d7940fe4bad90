import { describe, expect, it } from 'vitest';
import { getOperation } from '../../../lib/catalogue';
import {
	answer,
	classify,
	docResponses,
	expectCodeOutcomes,
	expectRefused,
	post,
	problemsOf,
	requestFor,
	scriptedClient,
	timedOut,
	wire,
	withCode,
} from '../support.mts';

const docs = docResponses('apiOffline');

/** The curl example of Initiate Transaction, OY API docs: API Offline › Initiate Transaction. */
const CREATE_EXAMPLE = {
	partner_trx_id: 'withdraw_request_123',
	receiver_phone_number: '081234567890',
	customer_id: 'customer01',
	amount: 50000,
	notes: 'tagihan21',
	transaction_type: 'CASH_IN',
	offline_channel: 'INDOMARET',
};

const REJECTIONS = '201 202 203 204 206 207 208 215 220 221 224 225 296 298 429 990';

describe('API Offline: the docs’ examples', () => {
	it('builds Initiate Transaction from the curl example (OY API docs: API Offline › Initiate Transaction)', () => {
		expect(wire(requestFor('apiOffline.create', CREATE_EXAMPLE))).toEqual(
			post('/api/offline-create', CREATE_EXAMPLE),
		);
	});

	it('builds Cancel, Transaction Info and Refresh Code on the request blocks’ paths', () => {
		// OY API docs: API Offline › Cancel Transaction, API Offline › Transaction Info, API Offline › Refresh Code
		expect(
			wire(requestFor('apiOffline.cancel', { partner_trx_id: 'withdraw_request_123' })),
		).toEqual(post('/api/offline-cancel', { partner_trx_id: 'withdraw_request_123' }));
		// The curl sends "true" as a string; the table says Boolean, so a JSON boolean goes out.
		expect(
			wire(requestFor('apiOffline.get', { partner_trx_id: 'oyonoy-00002', send_callback: 'true' })),
		).toEqual(post('/api/offline-info', { partner_trx_id: 'oyonoy-00002', send_callback: true }));
		expect(
			wire(requestFor('apiOffline.refreshCode', { partner_trx_id: 'withdraw_request_123' })),
		).toEqual(post('/api/offline-refresh-code', { partner_trx_id: 'withdraw_request_123' }));
	});

	it('reads the example answers (OY API docs: API Offline › Initiate Transaction, API Offline › Cancel Transaction, API Offline › Transaction Info, API Offline › Refresh Code)', () => {
		const create = classify('apiOffline.create', docs.create.body);
		expect(create).toMatchObject({ outcome: 'pending', code: '100', message: 'In Progress' });
		expect(classify('apiOffline.cancel', docs.cancel.body)).toMatchObject({
			outcome: 'success',
			code: '299',
		});
		expect(classify('apiOffline.get', docs.info.body)).toMatchObject({
			outcome: 'success',
			code: '000',
		});
		expect(classify('apiOffline.refreshCode', docs.refreshCode.body)).toMatchObject({
			outcome: 'success',
			code: '000',
		});
	});

	it('reads rejections as the code table says (OY API docs: API Offline rejected-request codes)', () => {
		const duplicate = classify('apiOffline.create', {
			status: { code: '203', message: 'Duplicate Partner Tx ID' },
		});
		expect(duplicate).toMatchObject({
			outcome: 'rejected',
			code: '203',
			message: 'Duplicate Partner Tx ID',
		});
		expect(
			classify('apiOffline.get', { status: { code: '204', message: 'Partner Tx ID is Not Found' } })
				.outcome,
		).toBe('rejected');
		expect(
			classify('apiOffline.cancel', {
				status: { code: '298', message: 'Transaction cannot be cancelled' },
			}),
		).toMatchObject({
			outcome: 'rejected',
			hint: expect.stringContaining('Get'),
		});
	});
});

describe('API Offline: code tables', () => {
	it('Create and Get read the transaction state from status.code', () => {
		const expected = {
			success: '000',
			pending: '100 102 297',
			failed: '222 299 300',
			rejected: REJECTIONS,
			unknown: '999',
		};
		expectCodeOutcomes('apiOffline.create', docs.create.body, expected);
		// A read: only 204 (no such transaction) is rejected; a refused request leaves it unknown.
		expectCodeOutcomes('apiOffline.get', docs.info.body, {
			...expected,
			rejected: '204',
			unknown: `999 ${REJECTIONS.replace(' 204', '')}`,
		});
	});

	it('Cancel succeeds only with 299 and does not take 000 for a cancellation', () => {
		expectCodeOutcomes('apiOffline.cancel', docs.cancel.body, {
			success: '299',
			rejected: `${REJECTIONS} 222 300`,
			unknown: '000 999',
		});
	});

	it('Refresh Code refuses expired, cancelled and failed transactions', () => {
		expectCodeOutcomes('apiOffline.refreshCode', docs.refreshCode.body, {
			success: '000',
			rejected: `${REJECTIONS} 222 299 300`,
			unknown: '999',
		});
	});

	it('does not retry 296 (another active transaction of this phone) as if it were transient', () => {
		expect(classify('apiOffline.create', withCode(docs.create.body, '296'))).toMatchObject({
			outcome: 'rejected',
			transient: false,
		});
		expect(classify('apiOffline.create', withCode(docs.create.body, '429')).transient).toBe(true);
	});
});

describe('API Offline: input rules', () => {
	const create = (change: Record<string, unknown>) => ({ ...CREATE_EXAMPLE, ...change });

	it('requires the id, the customer, the amount, the type and the channel', () => {
		for (const field of [
			'partner_trx_id',
			'customer_id',
			'amount',
			'transaction_type',
			'offline_channel',
		]) {
			expectRefused('apiOffline.create', create({ [field]: undefined }), field, /is required/);
		}
		for (const id of ['apiOffline.cancel', 'apiOffline.get', 'apiOffline.refreshCode']) {
			expectRefused(id, {}, 'partner_trx_id', /is required/);
		}
	});

	it('refuses values outside the documented formats and lengths', () => {
		expectRefused(
			'apiOffline.create',
			create({ partner_trx_id: 'x'.repeat(256) }),
			'partner_trx_id',
			/at most 255/,
		);
		expectRefused('apiOffline.create', create({ notes: 'n'.repeat(41) }), 'notes', /at most 40/);
		expectRefused(
			'apiOffline.create',
			create({ receiver_phone_number: '0812-3456' }),
			'receiver_phone_number',
			/phone number/,
		);
		expectRefused('apiOffline.create', create({ amount: 'Rp50.000' }), 'amount', /digits only/);
		expectRefused('apiOffline.create', create({ amount: 0 }), 'amount', /at least 1/);
		expectRefused(
			'apiOffline.create',
			create({ transaction_type: 'WITHDRAW' }),
			'transaction_type',
			/CASH_IN, CASH_OUT/,
		);
		expectRefused(
			'apiOffline.create',
			create({ offline_channel: 'ALFAMIDI' }),
			'offline_channel',
			/CRM, ALFAMART, INDOMARET/,
		);
		expectRefused(
			'apiOffline.get',
			{ partner_trx_id: 'a', send_callback: 'yes' },
			'send_callback',
			/true or false/,
		);
	});

	it('keeps INDOMARET to cash-in and cash-out to multiples of Rp50.000', () => {
		expectRefused(
			'apiOffline.create',
			create({ transaction_type: 'CASH_OUT', amount: 100000 }),
			'offline_channel',
			/INDOMARET does not take CASH_OUT/,
		);
		const cashOut = create({ transaction_type: 'CASH_OUT', offline_channel: 'CRM' });
		expectRefused(
			'apiOffline.create',
			{ ...cashOut, amount: 75000 },
			'amount',
			/multiple of 50000/,
		);
		expect(problemsOf('apiOffline.create', { ...cashOut, amount: 150000 })).toEqual([]);
	});

	it('applies each channel’s maximum, and leaves the fee-inclusive cash-in minimum to OY!', () => {
		const alfamartOut = create({ transaction_type: 'CASH_OUT', offline_channel: 'ALFAMART' });
		expect(problemsOf('apiOffline.create', { ...alfamartOut, amount: 2_500_000 })).toEqual([]);
		expectRefused(
			'apiOffline.create',
			{ ...alfamartOut, amount: 2_550_000 },
			'amount',
			/at most 2500000 for CASH_OUT at ALFAMART/,
		);
		expectRefused(
			'apiOffline.create',
			create({ amount: 5_000_001 }),
			'amount',
			/at most 5000000 .*including the admin fee/,
		);
		expect(problemsOf('apiOffline.create', create({ amount: 9_500 }))).toEqual([]);
	});
});

describe('API Offline: a create is resolved under the same partner_trx_id', () => {
	const info = (code: string, change: Record<string, unknown> = {}) =>
		answer({ ...withCode(docs.info.body, code), ...change });
	const matching = {
		amount: 50000,
		customer_id: 'customer01',
		transaction_type: 'CASH_IN',
		offline_channel: 'INDOMARET',
	};

	it('asks Transaction Info after an internal error, never a second create', async () => {
		const { client, sent: requests } = scriptedClient(
			[
				answer({ status: { code: '999', message: 'Internal Server Error' } }),
				info('102', matching),
			],
			{ afterLast: 'repeat' },
		);
		const result = await client.call('apiOffline.create', CREATE_EXAMPLE);
		expect(requests.map((request) => request.path)).toEqual([
			'/api/offline-create',
			'/api/offline-info',
		]);
		expect(requests[1].body).toEqual({ partner_trx_id: 'withdraw_request_123' });
		expect(result).toMatchObject({ outcome: 'pending', code: '102', resolvedBy: 'statusCheck' });
	});

	it('sends the same create again only after OY! said at every status check it has no such transaction (204)', async () => {
		const { client, sent: requests } = scriptedClient(
			[
				timedOut(),
				...Array.from({ length: 4 }, () =>
					answer({ status: { code: '204', message: 'Partner Tx ID is Not Found' } }),
				),
				answer(docs.create.body),
			],
			{ afterLast: 'repeat' },
		);
		const result = await client.call('apiOffline.create', CREATE_EXAMPLE);
		expect(requests.map((request) => request.path)).toEqual([
			'/api/offline-create',
			...Array(4).fill('/api/offline-info'),
			'/api/offline-create',
		]);
		expect(requests[5].body).toEqual(requests[0].body);
		expect(result.outcome).toBe('pending');
	});

	it('reports a reused id whose transaction differs as rejected, naming the difference', async () => {
		const { client } = scriptedClient(
			[
				answer({ status: { code: '203', message: 'Duplicate Partner Tx ID' } }),
				info('000', { ...matching, amount: 100000.0 }),
			],
			{ afterLast: 'repeat' },
		);
		const result = await client.call('apiOffline.create', CREATE_EXAMPLE);
		expect(result).toMatchObject({ outcome: 'rejected', duplicate: true });
		expect(result.meaning).toContain('amount 100000 instead of 50000');
	});

	it('defines the check with operations and inputs the catalogue accepts', () => {
		const check = getOperation('apiOffline.create').statusCheck;
		expect(check?.operation).toBe('apiOffline.get');
		expect(problemsOf('apiOffline.get', check!.input(CREATE_EXAMPLE))).toEqual([]);
		expect(check?.conflict?.(CREATE_EXAMPLE, { ...docs.info.body, ...matching })).toBeUndefined();
		expect(
			check?.conflict?.(CREATE_EXAMPLE, { ...docs.info.body, ...matching, offline_channel: 'CRM' }),
		).toBe('offline_channel CRM instead of INDOMARET');
	});
});
