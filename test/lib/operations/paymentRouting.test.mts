import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normalizeFields } from '../../../lib/records';
import { getOperation } from '../../../lib/catalogue';
import {
	answer,
	classify,
	fixture,
	outcomesOf,
	problemLines,
	requestFor,
	scriptedClient,
	statusObject,
	timedOut,
} from '../support.mts';

const createExample = fixture('paymentRouting/create.request');
const createAnswer = fixture('paymentRouting/create.response');
const statusExample = fixture('paymentRouting/getStatus.request');
const statusAnswer = fixture('paymentRouting/getStatus.response');

const recipient = (createExample.body.payment_routing as Record<string, unknown>[])[0];

/** The docs' request with some fields changed or removed (undefined). */
const createWith = (changes: Record<string, unknown>) => ({ ...createExample.body, ...changes });

describe('paymentRouting.create', () => {
	it(`builds the docs' example request (${createExample.doc})`, () => {
		const request = requestFor('paymentRouting.create', createExample.body);
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/api/payment-routing/create-transaction');
		expect(request.query).toBeUndefined();
		expect(request.body).toEqual(createExample.body);
		expect(request.headers.Timeout).toBe('120');
	});

	it(`reads the docs' example answer as created and waiting for the payer (${createAnswer.doc})`, () => {
		const verdict = classify('paymentRouting.create', createAnswer.body);
		expect(verdict).toMatchObject({ outcome: 'pending', code: '000' });
	});

	it('reads refusals from the code table as rejected (OY API docs: Payment Routing response codes, status.code)', () => {
		const amount = statusObject('400', {});
		amount.status.message = 'Request is rejected (Amount is not valid)';
		expect(classify('paymentRouting.create', amount)).toMatchObject({
			outcome: 'rejected',
			message: 'Request is rejected (Amount is not valid)',
		});
		expect(classify('paymentRouting.create', statusObject('203')).outcome).toBe('rejected');
	});

	it('classifies every code of its table (OY API docs: Payment Routing response codes, status.code)', () => {
		expect(outcomesOf('paymentRouting.create', (code) => statusObject(code))).toEqual({
			'000': 'pending',
			'400': 'rejected',
			'901': 'unknown',
			'203': 'rejected',
			'247': 'rejected',
		});
	});

	it('reads the expiry as WIB and the amounts as rupiah', () => {
		const record = normalizeFields(
			{ ...createAnswer.body, receive_amount: '14000.0000' },
			getOperation('paymentRouting.create').fields,
		);
		expect(record).toMatchObject({
			trx_expiration_time: '2021-12-02T11:59:31.000Z',
			receive_amount: 14000,
		});
	});
});

describe('paymentRouting.create input', () => {
	it.each([
		['partner_trx_id', { partner_trx_id: undefined }, 'partner_trx_id: partner_trx_id is required'],
		['need_frontend', { need_frontend: undefined }, 'need_frontend: need_frontend is required'],
		[
			'receive_amount minimum',
			{ receive_amount: 9_999 },
			'receive_amount: receive_amount must be at least 10000',
		],
		[
			'receive_amount fraction',
			{ receive_amount: '14000.5' },
			'receive_amount: receive_amount must be a whole number',
		],
		[
			'a list separated by semicolons',
			{ list_enable_payment_method: 'BANK_TRANSFER;QRIS', need_frontend: true },
			'list_enable_payment_method: list_enable_payment_method must list codes separated by commas',
		],
		[
			'a method OY! does not offer (the Dart sample sends VA)',
			{ list_enable_payment_method: 'VA' },
			'list_enable_payment_method: list_enable_payment_method must list codes separated by commas, each one of: BANK_TRANSFER, QRIS, EWALLET, CARDS (not allowed: VA)',
		],
		[
			'two methods without the hosted page',
			{ list_enable_payment_method: 'BANK_TRANSFER,QRIS', list_enable_sof: '002' },
			'list_enable_payment_method: list_enable_payment_method must hold exactly one payment method when need_frontend is false',
		],
		[
			'two sources without the hosted page',
			{ list_enable_sof: '002,009' },
			'list_enable_sof: list_enable_sof must hold exactly one source of fund when need_frontend is false',
		],
		[
			'a source of another method',
			{ list_enable_sof: 'QRIS' },
			'list_enable_sof: list_enable_sof QRIS is not a source of fund of BANK_TRANSFER',
		],
		[
			'CARDS written as a source (OY API docs: Payment Routing: documented request examples)',
			{
				need_frontend: true,
				list_enable_payment_method: 'CARDS',
				list_enable_sof: 'CARDS',
				receive_amount: 15_000,
			},
			'(not allowed: CARDS)',
		],
		[
			'OVO without the hosted page',
			{
				list_enable_payment_method: 'EWALLET',
				list_enable_sof: 'ovo_ewallet',
				success_redirect_url: 'https://a.id/ok',
			},
			'list_enable_sof: list_enable_sof ovo_ewallet is offered only on the payment link (need_frontend true)',
		],
		[
			'a linked account with DANA',
			{
				use_linked_account: true,
				list_enable_payment_method: 'EWALLET',
				list_enable_sof: 'dana_ewallet',
				success_redirect_url: 'https://a.id/ok',
			},
			'use_linked_account: use_linked_account true needs need_frontend false, payment method EWALLET and source of fund shopeepay_ewallet',
		],
		[
			'a Direct Payment without the linked user',
			{
				use_linked_account: true,
				partner_user_id: undefined,
				list_enable_payment_method: 'EWALLET',
				list_enable_sof: 'shopeepay_ewallet',
				success_redirect_url: 'https://a.id/ok',
			},
			'partner_user_id: partner_user_id is required for a Direct Payment',
		],
		[
			'an e-wallet without a success redirect',
			{ list_enable_payment_method: 'EWALLET', list_enable_sof: 'dana_ewallet' },
			'success_redirect_url: success_redirect_url is required for EWALLET when need_frontend is false',
		],
		[
			'cards without a failed redirect',
			{
				list_enable_payment_method: 'CARDS',
				list_enable_sof: 'CC_DC',
				receive_amount: 15_000,
				success_redirect_url: 'https://a.id/ok',
			},
			'failed_redirect_url: failed_redirect_url is required for CARDS when need_frontend is false',
		],
		[
			'a redirect that is no address',
			{ success_redirect_url: 'example.com/done' },
			'success_redirect_url: success_redirect_url must be a web address or an app link',
		],
		[
			'a Mandiri VA without the payer e-mail',
			{ list_enable_sof: '008', sender_email: undefined, full_name: 'Budi' },
			'sender_email: sender_email is required for a virtual account at bank 008',
		],
		[
			'a CIMB VA without the payer name',
			{ list_enable_sof: '022' },
			'full_name: full_name is required for a virtual account at bank 022',
		],
		[
			'a payer e-mail that is none',
			{ sender_email: 'sender at gmail' },
			'sender_email: sender_email must be an e-mail address',
		],
		[
			'cards under Rp15.000',
			{
				need_frontend: true,
				list_enable_payment_method: 'BANK_TRANSFER,CARDS',
				list_enable_sof: '002,CC_DC',
			},
			'receive_amount: receive_amount must be at least 15000 rupiah when CARDS is offered (got 14000)',
		],
		['a counter under -1', { trx_counter: -2 }, 'trx_counter: trx_counter must be at least -1'],
		[
			'an expiry that is no date',
			{ trx_expiration_time: 'tomorrow' },
			'trx_expiration_time: trx_expiration_time must be a date',
		],
		[
			'more than 10 recipients',
			{ payment_routing: Array.from({ length: 11 }, () => recipient) },
			'payment_routing: payment_routing may hold at most 10 entries (got 11)',
		],
		[
			'a recipient bank OY! does not know',
			{
				payment_routing: [
					{ recipient_bank: '999', recipient_account: '1234567890', recipient_amount: 10_000 },
				],
			},
			'payment_routing[0].recipient_bank: payment_routing[0].recipient_bank must be one of',
		],
		[
			'a recipient account with letters',
			{
				payment_routing: [
					{ recipient_bank: '014', recipient_account: '12345A', recipient_amount: 10_000 },
				],
			},
			'payment_routing[0].recipient_account: payment_routing[0].recipient_account must contain digits only',
		],
		[
			'a recipient without an amount',
			{ payment_routing: [{ recipient_bank: '014', recipient_account: '1234567890' }] },
			'payment_routing[0].recipient_amount: payment_routing[0].recipient_amount is required',
		],
		[
			'six notification addresses',
			{
				payment_routing: [
					{
						recipient_bank: '014',
						recipient_account: '1234567890',
						recipient_amount: 10_000,
						recipient_email: 'a@x.id b@x.id c@x.id d@x.id e@x.id f@x.id',
					},
				],
			},
			'payment_routing[0].recipient_email: payment_routing[0].recipient_email may hold at most 5 addresses (got 6)',
		],
	])('refuses %s', (_rule, changes, expected) => {
		const problems = problemLines('paymentRouting.create', createWith(changes));
		expect(problems.some((line) => line.includes(expected))).toBe(true);
	});

	it.each([
		[
			'the hosted page with several methods (OY API docs: Payment Routing: documented request examples)',
			{
				need_frontend: true,
				list_enable_payment_method: 'BANK_TRANSFER,QRIS',
				list_enable_sof: '008,451,QRIS,002',
				sender_email: undefined,
			},
		],
		[
			'OVO on the hosted page',
			{
				need_frontend: true,
				list_enable_payment_method: 'EWALLET',
				list_enable_sof: 'ovo_ewallet',
			},
		],
		[
			'QRIS only (OY API docs: Payment Routing: documented request examples)',
			{ list_enable_payment_method: 'QRIS', list_enable_sof: 'QRIS' },
		],
		[
			'a ShopeePay Direct Payment',
			{
				use_linked_account: true,
				list_enable_payment_method: 'EWALLET',
				list_enable_sof: 'shopeepay_ewallet',
				success_redirect_url: 'myapp://paid',
			},
		],
		[
			'cards only (OY API docs: Payment Routing: documented request examples)',
			{
				list_enable_payment_method: 'CARDS',
				list_enable_sof: 'CC_DC',
				receive_amount: 15_000,
				success_redirect_url: 'https://a.id/ok',
				failed_redirect_url: 'https://a.id/fail',
			},
		],
	])('accepts %s', (_case, changes) => {
		expect(problemLines('paymentRouting.create', createWith(changes))).toEqual([]);
	});

	it('writes an ISO expiry as OY! reads it: yyyy-MM-dd HH:mm:ss in WIB', () => {
		vi.useFakeTimers({ now: new Date('2021-12-01T11:59:31Z') });
		try {
			const request = requestFor(
				'paymentRouting.create',
				createWith({ trx_expiration_time: '2021-12-02T11:59:31Z' }),
			);
			expect(request.body?.trx_expiration_time).toBe('2021-12-02 18:59:31');
		} finally {
			vi.useRealTimers();
		}
	});
});

describe('paymentRouting.create expiry windows (OY API docs: Payment Routing: transaction expiration rules)', () => {
	beforeEach(() => {
		// 10:00 WIB
		vi.useFakeTimers({ now: new Date('2024-05-01T03:00:00Z') });
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	const qris = { list_enable_payment_method: 'QRIS', list_enable_sof: 'QRIS' };
	const dana = {
		list_enable_payment_method: 'EWALLET',
		list_enable_sof: 'dana_ewallet',
		success_redirect_url: 'https://a.id/ok',
	};
	const linkaja = { ...dana, list_enable_sof: 'linkaja_ewallet' };
	const bca = { list_enable_sof: '014' };
	const expiryProblems = (changes: Record<string, unknown>, wib: string) =>
		problemLines(
			'paymentRouting.create',
			createWith({ ...changes, trx_expiration_time: wib }),
		).filter((line) => line.startsWith('trx_expiration_time'));

	it.each([
		['QRIS in 30 minutes', qris, '2024-05-01 10:30:00', true],
		['QRIS in 90 minutes', qris, '2024-05-01 11:30:00', false],
		['DANA in 60 minutes', dana, '2024-05-01 11:00:00', true],
		['DANA in 61 minutes', dana, '2024-05-01 11:01:00', false],
		['LinkAja, even an hour ago (OY! fixes 5 minutes)', linkaja, '2024-05-01 09:00:00', true],
		['a BNI VA in 2 hours', {}, '2024-05-01 12:00:00', true],
		['a BNI VA in 30 minutes', {}, '2024-05-01 10:30:00', false],
		['BCA in 30 minutes (unique code)', bca, '2024-05-01 10:30:00', true],
		['BCA in 2 days (VA)', bca, '2024-05-03 10:00:00', true],
		['anything in the past', {}, '2024-05-01 09:00:00', false],
		// need_frontend true: at least 1 hour (OY API docs: Payment Routing: transaction expiration rules, and the 400 "must be greater than 1 hour", Payment Routing response codes, status.code)
		['a payment link in 10 minutes', { need_frontend: true }, '2024-05-01 10:10:00', false],
		['a payment link in 59 minutes', { need_frontend: true }, '2024-05-01 10:59:00', false],
		['a payment link in 61 minutes', { need_frontend: true }, '2024-05-01 11:01:00', true],
		['a payment link in the past', { need_frontend: true }, '2024-05-01 09:59:00', false],
	])('%s', (_case, changes, wib, accepted) => {
		const problems = expiryProblems(changes, wib);
		expect(problems.length === 0).toBe(accepted);
	});

	it('tells a payment link (need_frontend true) it needs an hour', () => {
		expect(expiryProblems({ need_frontend: true }, '2024-05-01 10:10:00')).toEqual([
			'trx_expiration_time: trx_expiration_time must be at least 60 minutes after now (payment link); 2024-05-01 10:10:00 WIB is 10 minutes away',
		]);
	});

	it('names the window and the distance when it refuses', () => {
		expect(expiryProblems(qris, '2024-05-01 11:30:00')).toEqual([
			'trx_expiration_time: trx_expiration_time must be 1 to 60 minutes after now (QRIS); 2024-05-01 11:30:00 WIB is 90 minutes away',
		]);
	});

	it('refuses a BCA expiry under an hour that passes 20:30 WIB', () => {
		vi.setSystemTime(new Date('2024-05-01T13:15:00Z')); // 20:15 WIB
		expect(expiryProblems(bca, '2024-05-01 20:45:00')).toHaveLength(1);
		expect(expiryProblems(bca, '2024-05-01 20:30:00')).toEqual([]);
	});
});

describe('paymentRouting.deactivate', () => {
	it('builds the DELETE of the docs (OY API docs: Payment Routing › Deactivate Payment Routing) with the id in the path and no body', () => {
		const request = requestFor('paymentRouting.deactivate', {
			partner_trx_id: 'mypartnertrxid123',
		});
		expect(request).toMatchObject({
			method: 'DELETE',
			path: '/api/payment-routing/mypartnertrxid123',
		});
		expect(request.body).toBeUndefined();
	});

	it('encodes an id that holds a slash', () => {
		expect(requestFor('paymentRouting.deactivate', { partner_trx_id: 'a/b c' }).path).toBe(
			'/api/payment-routing/a%2Fb%20c',
		);
	});

	it(`reads the docs' example answer as done (${fixture('paymentRouting/deactivate.response').doc})`, () => {
		expect(
			classify('paymentRouting.deactivate', fixture('paymentRouting/deactivate.response').body)
				.outcome,
		).toBe('success');
	});

	it('classifies every code of its table, 300 as worth sending again', () => {
		expect(outcomesOf('paymentRouting.deactivate', (code) => statusObject(code))).toEqual({
			'000': 'success',
			'400': 'rejected',
			'901': 'unknown',
			'204': 'rejected',
			'254': 'rejected',
			'300': 'rejected',
		});
		expect(classify('paymentRouting.deactivate', statusObject('300')).transient).toBe(true);
		expect(classify('paymentRouting.deactivate', statusObject('204')).transient).toBe(false);
	});

	it('refuses an empty id', () => {
		expect(problemLines('paymentRouting.deactivate', {})).toEqual([
			'partner_trx_id: partner_trx_id is required',
		]);
	});
});

describe('paymentRouting.getStatus', () => {
	it(`builds the docs' example request (${statusExample.doc})`, () => {
		const request = requestFor('paymentRouting.getStatus', statusExample.body);
		expect(request).toMatchObject({
			method: 'POST',
			path: '/api/payment-routing/check-status',
			body: statusExample.body,
		});
	});

	it('looks a QRIS payment up by its reference', () => {
		const request = requestFor('paymentRouting.getStatus', {
			payment_reference_number: '120345030342',
		});
		expect(request.body).toEqual({ payment_reference_number: '120345030342' });
	});

	it('refuses a request with neither id', () => {
		expect(problemLines('paymentRouting.getStatus', { send_callback: true })).toEqual([
			'partner_trx_id: partner_trx_id or payment_reference_number is required',
		]);
	});

	it(`reads the docs' example answer from payment_status (${statusAnswer.doc})`, () => {
		expect(classify('paymentRouting.getStatus', statusAnswer.body)).toMatchObject({
			outcome: 'pending',
			state: 'WAITING_PAYMENT',
			source: 'state',
		});
	});

	it.each([
		['CREATED', 'pending'],
		['WAITING_PAYMENT', 'pending'],
		['PAYMENT_IN_PROGRESS', 'pending'],
		['DISBURSE_IN_PROGRESS', 'pending'],
		['COMPLETE', 'success'],
		['INCOMPLETE', 'failed'],
		['EXPIRED', 'failed'],
		['PAYMENT_FAILED', 'failed'],
	])('reads payment_status %s as %s (OY API docs: Payment Routing status)', (state, outcome) => {
		const body = { ...statusAnswer.body, payment_status: state };
		expect(classify('paymentRouting.getStatus', body).outcome).toBe(outcome);
	});

	it('does not call an answer without payment_status a success', () => {
		expect(
			classify('paymentRouting.getStatus', statusObject('000', { partner_trx_id: 'x' })).outcome,
		).toBe('unknown');
	});

	it('classifies every code of its table; a refused status request says nothing about the payment', () => {
		expect(
			outcomesOf('paymentRouting.getStatus', (code) =>
				statusObject(code, { payment_status: 'COMPLETE' }),
			),
		).toEqual({
			'000': 'success',
			'400': 'unknown',
			'901': 'unknown',
			'204': 'rejected',
		});
		expect(
			classify('paymentRouting.getStatus', statusObject('208', { payment_status: 'COMPLETE' }))
				.outcome,
		).toBe('unknown');
	});
});

describe('paymentRouting.create when its answer is lost or ambiguous', () => {
	const created = answer(createAnswer.body);

	it('reads the status under the same partner_trx_id instead of creating again', async () => {
		const { client, sent } = scriptedClient([timedOut(), answer(statusAnswer.body)], {
			statusChecks: 2,
		});
		const result = await client.call('paymentRouting.create', createExample.body);
		expect(result).toMatchObject({
			outcome: 'pending',
			state: 'WAITING_PAYMENT',
			resolvedBy: 'statusCheck',
		});
		expect(sent.map((request) => request.path)).toEqual([
			'/api/payment-routing/create-transaction',
			'/api/payment-routing/check-status',
		]);
		expect(sent[1].body).toEqual({ partner_trx_id: 'TRX-20211117-1030' });
	});

	it('sends the same create again only after OY! said at every status check it has no such transaction', async () => {
		const { client, sent } = scriptedClient(
			[timedOut(), ...Array.from({ length: 2 }, () => answer(statusObject('204'))), created],
			{ statusChecks: 2 },
		);
		const result = await client.call('paymentRouting.create', createExample.body);
		expect(result.outcome).toBe('pending');
		expect(sent.map((request) => request.path)).toEqual([
			'/api/payment-routing/create-transaction',
			...Array(2).fill('/api/payment-routing/check-status'),
			'/api/payment-routing/create-transaction',
		]);
		expect(sent[3].body).toEqual(sent[0].body);
	});

	it('reports a duplicate id that belongs to another amount as rejected, creating nothing', async () => {
		const other = { ...statusAnswer.body, request_amount: 50_000 };
		const { client, sent } = scriptedClient([answer(statusObject('203')), answer(other)], {
			statusChecks: 2,
		});
		const result = await client.call('paymentRouting.create', createExample.body);
		expect(result).toMatchObject({ outcome: 'rejected', duplicate: true });
		expect(result.meaning).toContain('amount 50000 instead of 14000');
		expect(sent).toHaveLength(2);
	});

	it('reports a duplicate id whose recipients differ as rejected', async () => {
		const routing = [
			{ ...(statusAnswer.body.payment_routing as object[])[0], recipient_account: '999' },
		];
		const { client } = scriptedClient(
			[answer(statusObject('203')), answer({ ...statusAnswer.body, payment_routing: routing })],
			{ statusChecks: 2 },
		);
		const result = await client.call('paymentRouting.create', createExample.body);
		expect(result.outcome).toBe('rejected');
		expect(result.meaning).toContain('recipients 014/999/10000 instead of 014/1234567890/10000');
	});

	it('takes a BCA unique code added to the amount as the same transaction (OY API docs: Payment Routing › Partner Callback Payment Routing › payload examples)', async () => {
		const uniqueCode = {
			...statusAnswer.body,
			request_amount: 14_123,
			payment_info: {
				unique_code_detail: { amount: 14_123, unique_code: 123, unique_amount: 14_000 },
			},
		};
		const { client } = scriptedClient([answer(statusObject('203')), answer(uniqueCode)], {
			statusChecks: 2,
		});
		const result = await client.call('paymentRouting.create', createExample.body);
		expect(result).toMatchObject({
			outcome: 'pending',
			duplicate: true,
			resolvedBy: 'statusCheck',
		});
	});
});
