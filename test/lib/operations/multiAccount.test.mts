import { describe, expect, it } from 'vitest';
import { getOperation } from '../../../lib/catalogue';
import { normalizeFields, recordsOf } from '../../../lib/records';
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

const disburseExample = fixture('multiAccount/disburseWithChildBalance.request');
const disburseAnswer = fixture('multiAccount/disburseWithChildBalance.response');
const balanceAnswer = fixture('multiAccount/getChildBalance.response');

const disburseWith = (changes: Record<string, unknown>) => ({
	...disburseExample.body,
	...changes,
});

describe('multiAccount.disburseWithChildBalance', () => {
	it(`builds the docs' example request (${disburseExample.doc})`, () => {
		const request = requestFor('multiAccount.disburseWithChildBalance', disburseExample.body);
		expect(request).toMatchObject({
			method: 'POST',
			path: '/api/remit',
			body: disburseExample.body,
		});
		expect(request.query).toBeUndefined();
	});

	it(`reads the docs' example answer as in progress (${disburseAnswer.doc})`, () => {
		expect(classify('multiAccount.disburseWithChildBalance', disburseAnswer.body)).toMatchObject({
			outcome: 'pending',
			code: '101',
		});
	});

	it('reads the timestamp as UTC, as Create Disbursement documents it (OY API docs: Fund Disbursement › Create Disbursement › response parameters)', () => {
		const record = normalizeFields(
			disburseAnswer.body,
			getOperation('multiAccount.disburseWithChildBalance').fields,
		);
		expect(record).toMatchObject({ timestamp: '2019-10-16T10:23:42.000Z', amount: 125_000 });
	});

	it('reads the staging mock refusal as rejected (OY API docs: API Multi Account Management › Disburse with Child Balance › staging mock)', () => {
		const body = { status: { code: '210', message: 'Request is Rejected (Amount is not valid)' } };
		expect(classify('multiAccount.disburseWithChildBalance', body).outcome).toBe('rejected');
	});

	it('classifies every Create Disbursement code (OY API docs: Fund Disbursement › Create Disbursement › response codes), the table this section points to', () => {
		expect(
			outcomesOf('multiAccount.disburseWithChildBalance', (code) => statusObject(code)),
		).toEqual({
			'000': 'success',
			'101': 'pending',
			'102': 'pending',
			'201': 'rejected',
			'202': 'rejected',
			'203': 'rejected',
			'205': 'rejected',
			'206': 'failed',
			'207': 'rejected',
			'208': 'rejected',
			'209': 'rejected',
			'210': 'rejected',
			'225': 'failed',
			'257': 'rejected',
			'264': 'rejected',
			'300': 'failed',
			'301': 'pending',
			'429': 'rejected',
			'504': 'unknown',
			'990': 'rejected',
			'999': 'unknown',
		});
	});

	it.each([
		['no child account', { child_balance: undefined }, 'child_balance: child_balance is required'],
		['no partner_trx_id', { partner_trx_id: '' }, 'partner_trx_id: partner_trx_id is required'],
		[
			'a bank payout under Rp10.000',
			{ amount: 9_999 },
			'amount: amount must be at least 10000 rupiah for a bank recipient',
		],
		[
			'an account with letters',
			{ recipient_account: '12398A' },
			'recipient_account: recipient_account must contain digits only',
		],
		[
			'six e-mail addresses',
			{ email: 'a@x.id b@x.id c@x.id d@x.id e@x.id f@x.id' },
			'email: email may hold at most 5 addresses (got 6)',
		],
		[
			'a child username over 255 characters',
			{ child_balance: 'c'.repeat(256) },
			'child_balance: child_balance must be at most 255',
		],
	])('refuses %s', (_rule, changes, expected) => {
		const problems = problemLines('multiAccount.disburseWithChildBalance', disburseWith(changes));
		expect(problems.some((line) => line.startsWith(expected))).toBe(true);
	});

	it('accepts an e-wallet payout from Rp100, as Create Disbursement does (OY API docs: Fund Disbursement › Create Disbursement › request parameters)', () => {
		expect(
			problemLines(
				'multiAccount.disburseWithChildBalance',
				disburseWith({ recipient_bank: 'ovo', amount: 100 }),
			),
		).toEqual([]);
	});
});

describe('multiAccount.disburseWithChildBalance when its answer is lost or ambiguous', () => {
	const found = (changes: Record<string, unknown> = {}) =>
		answer(
			statusObject('000', {
				amount: 125_000,
				recipient_bank: '014',
				recipient_account: '1239812390',
				partner_trx_id: '1234-asdf',
				...changes,
			}),
		);

	it('reads the disbursement status under the same partner_trx_id', async () => {
		const { client, sent } = scriptedClient([timedOut(), found()], { statusChecks: 2 });
		const result = await client.call('multiAccount.disburseWithChildBalance', disburseExample.body);
		expect(result).toMatchObject({ outcome: 'success', resolvedBy: 'statusCheck' });
		expect(sent.map((request) => request.path)).toEqual(['/api/remit', '/api/remit-status']);
		expect(sent[1].body).toEqual({ partner_trx_id: '1234-asdf' });
	});

	it('reports an id already used for another amount as rejected', async () => {
		const { client } = scriptedClient([answer(statusObject('203')), found({ amount: 99_000 })], {
			statusChecks: 2,
		});
		const result = await client.call('multiAccount.disburseWithChildBalance', disburseExample.body);
		expect(result).toMatchObject({ outcome: 'rejected', duplicate: true });
		expect(result.meaning).toContain('amount 99000 instead of 125000');
	});
});

describe('multiAccount.getChildBalance', () => {
	it('builds the GET of the docs (OY API docs: API Multi Account Management › Get Child Balance › code samples), with no query when no child is named', () => {
		const request = requestFor('multiAccount.getChildBalance', {});
		expect(request).toMatchObject({ method: 'GET', path: '/api/v1/multi-account/child/balance' });
		expect(request.query).toBeUndefined();
		expect(request.body).toBeUndefined();
	});

	it('names one child in the query (OY API docs: API Multi Account Management › Get Child Balance)', () => {
		expect(requestFor('multiAccount.getChildBalance', { child_username: 'JohnDoe' }).query).toEqual(
			{
				child_username: 'JohnDoe',
			},
		);
	});

	it(`reads the docs' example answer: one record per child, amounts in rupiah (${balanceAnswer.doc})`, () => {
		const operation = getOperation('multiAccount.getChildBalance');
		expect(classify('multiAccount.getChildBalance', balanceAnswer.body).outcome).toBe('success');
		const records = recordsOf(operation, balanceAnswer.body).map((record) =>
			normalizeFields(record, operation.fields),
		);
		expect(records).toEqual([
			{
				username: 'JohnDoe',
				balance: 100_000_000,
				pendingBalance: 2_000_000,
				availableBalance: 98_500_000,
			},
		]);
	});

	it('reads a refused request and an undocumented code as unknown', () => {
		expect(classify('multiAccount.getChildBalance', statusObject('208')).outcome).toBe('unknown');
		expect(classify('multiAccount.getChildBalance', statusObject('290')).outcome).toBe('unknown');
	});

	it('refuses a username over 255 characters', () => {
		expect(
			problemLines('multiAccount.getChildBalance', { child_username: 'c'.repeat(256) }),
		).toEqual(['child_username: child_username must be at most 255 characters long (got 256)']);
	});
});
