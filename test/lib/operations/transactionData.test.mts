import { describe, expect, it } from 'vitest';
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
} from '../support.mts';

const docs = docResponses('transactionData');

/** The Dart example of Initialize Account Statement, OY API docs: API Transactions Data › Initialize Account Statement (the curl is cut off). */
const INIT_EXAMPLE = {
	account_number: '8691502376',
	bank_code: '014',
	account_type: 'INDIVIDUAL',
	start_date: '2021-02-13',
	end_date: '2021-04-13',
	permanent_token: 'e57ff5bc6e6c6aaa0a13a2418e69a5e2e0e4190b68662533688680fd2192d0a7',
	ignore_start_date: true,
};

describe('API Transactions Data: the docs’ examples', () => {
	it('builds the account requests (OY API docs: API Transactions Data › Account Linking, API Transactions Data › Check Registration Status, API Transactions Data › List of Registered Accounts, API Transactions Data › Account Deactivate (unlink))', () => {
		expect(
			wire(requestFor('transactionData.registerAccount', { partner_user_id: 'username0001' })),
		).toEqual(post('/api/transaction-data/account/register', { partner_user_id: 'username0001' }));
		const token = { registration_token: 'a3cfeaf9c84047708545cbd650b47afe' };
		expect(wire(requestFor('transactionData.getRegistrationStatus', token))).toEqual(
			post('/api/transaction-data/account/check-registration-status', token),
		);
		expect(
			wire(requestFor('transactionData.getAccounts', { partner_user_id: 'username0001' })),
		).toEqual(
			post('/api/transaction-data/account/registered-accounts', {
				partner_user_id: 'username0001',
			}),
		);
		const unlink = {
			permanent_token: 'f2eaf327ec23dac249d82dc75734941b5e3752f9583ab5752ca9292d6d4eb1dc',
			partner_user_id: 'username0001',
		};
		expect(wire(requestFor('transactionData.unlinkAccount', unlink))).toEqual(
			post('/api/transaction-data/account/unlink', unlink),
		);
	});

	it('builds the statement requests (OY API docs: API Transactions Data › Initialize Account Statement, API Transactions Data › Get Account Statement, API Transactions Data › Check Account Statement Status / re-send callback)', () => {
		expect(wire(requestFor('transactionData.initStatement', INIT_EXAMPLE))).toEqual(
			post('/api/transaction-data/account-statement/init', INIT_EXAMPLE),
		);
		expect(
			wire(requestFor('transactionData.getStatement', { id: 'ljhahd12je8sdca93', page: 1 })),
		).toEqual(
			get('/api/transaction-data/account-statement/mutations', {
				id: 'ljhahd12je8sdca93',
				page: '1',
			}),
		);
		const status = { id: 'eb74c36d-efb3-4b98-97aa-ad23940e4cde', send_callback: false };
		expect(wire(requestFor('transactionData.getStatementStatus', status))).toEqual(
			post('/api/transaction-data/account-statement/status', status),
		);
	});

	it('reads the linking answers (OY API docs: API Transactions Data › Account Linking, API Transactions Data › Check Registration Status, API Transactions Data › List of Registered Accounts)', () => {
		expect(classify('transactionData.registerAccount', docs.registerAccount.body).outcome).toBe(
			'success',
		);
		expect(
			classify('transactionData.getRegistrationStatus', docs.registrationInProgress.body).outcome,
		).toBe('pending');
		expect(
			classify('transactionData.getRegistrationStatus', docs.registrationInvalidToken.body),
		).toMatchObject({
			outcome: 'rejected',
			code: '237',
			message: 'Temporary token is invalid',
		});
		expect(
			classify('transactionData.getRegistrationStatus', docs.registrationSuccess.body).outcome,
		).toBe('success');
		expect(classify('transactionData.getAccounts', docs.registeredAccounts.body).outcome).toBe(
			'success',
		);
		expect(classify('transactionData.unlinkAccount', docs.unlinkAccount.body).outcome).toBe(
			'success',
		);
	});

	it('reads the statement answers (OY API docs: API Transactions Data › Initialize Account Statement, API Transactions Data › Get Account Statement, API Transactions Data › Check Account Statement Status / re-send callback)', () => {
		expect(classify('transactionData.initStatement', docs.initSuccess.body)).toMatchObject({
			outcome: 'pending',
			code: '102',
		});
		// 101 comes with no statement id and "Bank account not found": nothing to follow.
		expect(classify('transactionData.initStatement', docs.initFailed.body)).toMatchObject({
			outcome: 'rejected',
			message: 'Bank account not found',
		});
		expect(classify('transactionData.getStatement', docs.statement.body)).toMatchObject({
			outcome: 'success',
			code: '103',
		});
		expect(classify('transactionData.getStatement', docs.statementFailed.body).outcome).toBe(
			'failed',
		);
		expect(classify('transactionData.getStatement', docs.statementInProgress.body).outcome).toBe(
			'pending',
		);
		expect(classify('transactionData.getStatementStatus', docs.statementStatus.body).outcome).toBe(
			'success',
		);
	});
});

describe('API Transactions Data: code tables, per endpoint', () => {
	const access = '201 202 207 208';

	it('Register Account, OY API docs: API Transactions Data › Account Linking › list of response codes', () => {
		expectCodeOutcomes('transactionData.registerAccount', docs.registerAccount.body, {
			success: '000',
			rejected: access,
			unknown: '900',
		});
	});

	it('Check Registration Status, OY API docs: API Transactions Data › Check Registration Status › list of response codes', () => {
		expectCodeOutcomes('transactionData.getRegistrationStatus', docs.registrationSuccess.body, {
			success: '000',
			pending: '102',
			// A read: only "no such registration" is rejected; a refused request leaves it unknown.
			rejected: '237',
			failed: '300',
			unknown: `${access} 900`,
		});
	});

	it('List of Registered Accounts, OY API docs: API Transactions Data › List of Registered Accounts › list of response codes', () => {
		expectCodeOutcomes('transactionData.getAccounts', docs.registeredAccounts.body, {
			success: '000',
			unknown: `${access} 244 900`,
		});
	});

	it('Initialize Account Statement, OY API docs: API Transactions Data › Initialize Account Statement › list of response codes (and 102 of the example)', () => {
		expectCodeOutcomes('transactionData.initStatement', docs.initSuccess.body, {
			success: '000',
			pending: '102',
			rejected: `101 ${access} 211 238 242 990`,
			failed: '300',
			unknown: '900',
		});
	});

	it('Get Account Statement and its status, OY API docs: API Transactions Data › Get Account Statement › list of response codes and API Transactions Data › Check Account Statement Status / re-send callback › list of response codes (and 102/103 of the examples)', () => {
		const expected = {
			success: '000 103',
			pending: '101 102',
			failed: '209 211 238 240 242 300',
			unknown: `${access} 239 900 990`,
		};
		expectCodeOutcomes('transactionData.getStatement', docs.statement.body, expected);
		expectCodeOutcomes('transactionData.getStatementStatus', docs.statementStatus.body, expected);
	});

	it('Account Deactivate, OY API docs: API Transactions Data › Account Deactivate (unlink) › list of response codes', () => {
		expectCodeOutcomes('transactionData.unlinkAccount', docs.unlinkAccount.body, {
			success: '000',
			rejected: `${access} 238`,
			unknown: '900',
		});
	});
});

describe('API Transactions Data: input rules', () => {
	it('requires every documented parameter', () => {
		expectRefused('transactionData.registerAccount', {}, 'partner_user_id', /is required/);
		expectRefused('transactionData.getRegistrationStatus', {}, 'registration_token', /is required/);
		expectRefused('transactionData.getAccounts', {}, 'partner_user_id', /is required/);
		for (const field of [
			'bank_code',
			'account_type',
			'account_number',
			'start_date',
			'end_date',
			'permanent_token',
		]) {
			expectRefused(
				'transactionData.initStatement',
				{ ...INIT_EXAMPLE, [field]: undefined },
				field,
				/is required/,
			);
		}
		expectRefused('transactionData.getStatement', { page: 1 }, 'id', /is required/);
		expectRefused('transactionData.getStatement', { id: 'a' }, 'page', /is required/);
		expectRefused(
			'transactionData.getStatementStatus',
			{ id: 'a' },
			'send_callback',
			/is required/,
		);
		expectRefused(
			'transactionData.unlinkAccount',
			{ partner_user_id: 'u' },
			'permanent_token',
			/is required/,
		);
		expectRefused(
			'transactionData.unlinkAccount',
			{ permanent_token: 't' },
			'partner_user_id',
			/is required/,
		);
	});

	it('takes only the three banks and the one account type', () => {
		expectRefused(
			'transactionData.initStatement',
			{ ...INIT_EXAMPLE, bank_code: '002' },
			'bank_code',
			/008, 014, 009/,
		);
		expectRefused(
			'transactionData.initStatement',
			{ ...INIT_EXAMPLE, account_type: 'Individual' },
			'account_type',
			/INDIVIDUAL/,
		);
		expectRefused(
			'transactionData.initStatement',
			{ ...INIT_EXAMPLE, account_number: '869-150' },
			'account_number',
			/digits only/,
		);
		expectRefused(
			'transactionData.initStatement',
			{ ...INIT_EXAMPLE, ignore_start_date: 'yes' },
			'ignore_start_date',
			/true or false/,
		);
	});

	it('writes the period as yyyy-MM-dd in Jakarta and keeps it in order', () => {
		expectRefused(
			'transactionData.initStatement',
			{ ...INIT_EXAMPLE, start_date: 'last month' },
			'start_date',
			/yyyy-MM-dd/,
		);
		expectRefused(
			'transactionData.initStatement',
			{ ...INIT_EXAMPLE, start_date: '2021-04-14' },
			'start_date',
			/not be later than end_date \(2021-04-13\)/,
		);
		// 18:00 UTC on the 12th is already the 13th in Jakarta.
		const request = requestFor('transactionData.initStatement', {
			...INIT_EXAMPLE,
			start_date: '2021-02-12T18:00:00Z',
		});
		expect(request.body?.start_date).toBe('2021-02-13');
	});

	it('asks pages from 1', () => {
		expectRefused('transactionData.getStatement', { id: 'a', page: 0 }, 'page', /at least 1/);
		expectRefused('transactionData.getStatement', { id: 'a', page: 1.5 }, 'page', /whole number/);
	});
});

describe('API Transactions Data: reading', () => {
	const line = (n: number) => ({
		date: '2021-03-01',
		description: `line ${n}`,
		type: 'CR',
		amount: n,
	});
	const lines = (from: number, count: number) =>
		Array.from({ length: count }, (_, i) => line(from + i));
	const page = (pageLines: unknown[]) =>
		answer({ data: pageLines, status: { code: '103', message: 'Data ready for retrieval' } });

	it('reads full pages of 1000 lines and stops after the first shorter page', async () => {
		const { client, sent: requests } = scriptedClient(
			[page(lines(1, 1000)), page(lines(1001, 1000)), page(lines(2001, 1))],
			{ afterLast: 'repeat' },
		);
		const read = await client.listAll('transactionData.getStatement', { id: 'ljhahd12je8sdca93' });
		expect(read).toHaveLength(2001);
		expect(read.at(-1)).toMatchObject({ description: 'line 2001' });
		expect(requests.map((request) => request.query?.page)).toEqual(['1', '2', '3']);
	});

	it('asks one page more when the last page is exactly full, and stops on the empty one', async () => {
		const { client, sent: requests } = scriptedClient([page(lines(1, 1000)), page([])], {
			afterLast: 'repeat',
		});
		const read = await client.listAll('transactionData.getStatement', { id: 'ljhahd12je8sdca93' });
		expect(read).toHaveLength(1000);
		expect(requests.map((request) => request.query?.page)).toEqual(['1', '2']);
	});

	it('does not send a statement request again when its answer is lost', async () => {
		const { client, sent: requests } = scriptedClient([timedOut()], { afterLast: 'repeat' });
		const result = await client.call('transactionData.initStatement', INIT_EXAMPLE);
		expect(result.outcome).toBe('unknown');
		expect(requests).toHaveLength(1);
	});

	it('lists linked accounts without pagination', async () => {
		const { client, sent: requests } = scriptedClient([answer(docs.registeredAccounts.body)], {
			afterLast: 'repeat',
		});
		const accounts = await client.listAll('transactionData.getAccounts', {
			partner_user_id: 'username0001',
		});
		expect(accounts).toHaveLength(2);
		expect(requests).toHaveLength(1);
		expect(problemsOf('transactionData.getAccounts', { partner_user_id: 'u', offset: 0 })).toEqual([
			{ field: 'offset', message: 'offset is not a parameter OY! accepts here' },
		]);
	});
});
