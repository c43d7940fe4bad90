import { describe, expect, it } from 'vitest';
import {
	expectCredentialHeaders,
	outputOf,
	useOyHarness,
	theRequest,
	refusedBeforeSending,
} from './harness.mjs';

/** API Offline (cash at retail outlets) and API Transactions Data through the node, against the sandbox. */
const oy = useOyHarness();

const cashOut = {
	resource: 'apiOffline',
	operation: 'create',
	partnerTrxId: 'OFF-1',
	customerId: 'cust-9',
	amount: '100000',
	transactionType: 'CASH_OUT',
	offlineChannel: 'CRM',
};

describe('API Offline', () => {
	it('Create: waits for the customer at the channel, with the code to give them', async () => {
		const run = await oy.run({
			...cashOut,
			additionalFields: { receiverPhoneNumber: '081234567890', notes: 'Withdrawal' },
		});
		expect(theRequest(run)).toEqual({
			method: 'POST',
			path: '/api/offline-create',
			query: {},
			body: {
				partner_trx_id: 'OFF-1',
				receiver_phone_number: '081234567890',
				customer_id: 'cust-9',
				amount: 100000,
				notes: 'Withdrawal',
				transaction_type: 'CASH_OUT',
				offline_channel: 'CRM',
			},
		});
		const [item] = outputOf(run);
		expect(item).toMatchObject({
			outcome: 'pending',
			code: expect.stringMatching(/^\d{6}$/),
			total_amount: 105000,
			oy: { code: '102' },
		});
	});

	it('Get, Refresh Code and Cancel', async () => {
		await oy.run(cashOut);
		const info = await oy.run({
			resource: 'apiOffline',
			operation: 'get',
			partnerTrxId: 'OFF-1',
			additionalFields: { sendCallback: false },
		});
		expect(theRequest(info)).toEqual({
			method: 'POST',
			path: '/api/offline-info',
			query: {},
			body: { partner_trx_id: 'OFF-1', send_callback: false },
		});
		const [before] = outputOf(info);
		expect(before).toMatchObject({ outcome: 'pending', offline_channel: 'CRM' });

		const refresh = await oy.run({
			resource: 'apiOffline',
			operation: 'refreshCode',
			partnerTrxId: 'OFF-1',
		});
		expect(theRequest(refresh)).toEqual({
			method: 'POST',
			path: '/api/offline-refresh-code',
			query: {},
			body: { partner_trx_id: 'OFF-1' },
		});
		const [refreshed] = outputOf(refresh);
		expect(refreshed).toMatchObject({ outcome: 'success', oy: { code: '000' } });
		expect(refreshed.code).not.toBe(before.code);

		const cancel = await oy.run({
			resource: 'apiOffline',
			operation: 'cancel',
			partnerTrxId: 'OFF-1',
		});
		expect(theRequest(cancel)).toEqual({
			method: 'POST',
			path: '/api/offline-cancel',
			query: {},
			body: { partner_trx_id: 'OFF-1' },
		});
		expect(outputOf(cancel)[0]).toMatchObject({
			outcome: 'success',
			oy: { code: '299', message: 'Transaction Canceled' },
		});
	});

	it('rejects bad input before any request, naming the parameter and the item', async () => {
		const run = await refusedBeforeSending(
			oy,
			{ ...cashOut, transactionType: '={{ "CASH_BACK" }}' },
			"'Transaction Type' must be one of CASH_IN, CASH_OUT (got CASH_BACK) [item 0]",
		);
	});
});

describe('Transaction Data', () => {
	async function linkedAccount(): Promise<string> {
		const register = await oy.run({
			resource: 'transactionData',
			operation: 'registerAccount',
			partnerUserId: 'pu-1',
		});
		const { token } = outputOf(register)[0] as { token: string };
		await oy.control('POST', `/transaction-data/registrations/${token}/complete`, {
			bank_code: '014',
			account_numbers: ['1234567890'],
		});
		const status = await oy.run({
			resource: 'transactionData',
			operation: 'getRegistrationStatus',
			registrationToken: token,
		});
		return outputOf(status)[0].permanent_token as string;
	}

	it('Register Account and Get Registration Status: the user links a bank account', async () => {
		const register = await oy.run({
			resource: 'transactionData',
			operation: 'registerAccount',
			partnerUserId: 'pu-1',
		});
		expect(theRequest(register)).toEqual({
			method: 'POST',
			path: '/api/transaction-data/account/register',
			query: {},
			body: { partner_user_id: 'pu-1' },
		});
		const [registered] = outputOf(register);
		expect(registered).toMatchObject({
			outcome: 'success',
			registration_link: expect.stringMatching(/^http/),
		});
		const waiting = await oy.run({
			resource: 'transactionData',
			operation: 'getRegistrationStatus',
			registrationToken: registered.token as string,
		});
		expect(theRequest(waiting)).toEqual({
			method: 'POST',
			path: '/api/transaction-data/account/check-registration-status',
			query: {},
			body: { registration_token: registered.token },
		});
		expect(outputOf(waiting)[0]).toMatchObject({ outcome: 'pending', oy: { code: '102' } });
		await oy.control('POST', `/transaction-data/registrations/${registered.token}/complete`, {});
		const done = await oy.run({
			resource: 'transactionData',
			operation: 'getRegistrationStatus',
			registrationToken: registered.token as string,
		});
		expect(outputOf(done)[0]).toEqual({
			outcome: 'success',
			permanent_token: expect.any(String),
			oy: expect.objectContaining({ code: '000' }),
		});
	});

	it('Get Accounts: lists the linked accounts of a user', async () => {
		await linkedAccount();
		const run = await oy.run({
			resource: 'transactionData',
			operation: 'getAccounts',
			partnerUserId: 'pu-1',
			returnAll: true,
		});
		expect(theRequest(run)).toEqual({
			method: 'POST',
			path: '/api/transaction-data/account/registered-accounts',
			query: {},
			body: { partner_user_id: 'pu-1' },
		});
		expect(outputOf(run, () => 0)).toEqual([
			expect.objectContaining({
				bank_code: '014',
				account_numbers: ['1234567890'],
				account_status: 'ACTIVE',
			}),
		]);
	});

	it('Init Statement, Get Statement Status, Get Statement, Unlink Account', async () => {
		const permanentToken = await linkedAccount();
		const init = await oy.run({
			resource: 'transactionData',
			operation: 'initStatement',
			bankCode: '014',
			accountType: 'INDIVIDUAL',
			accountNumber: '1234567890',
			startDate: '2026-11-01',
			endDate: '2026-11-20',
			permanentToken,
			additionalFields: { ignoreStartDate: true },
		});
		expect(theRequest(init)).toEqual({
			method: 'POST',
			path: '/api/transaction-data/account-statement/init',
			query: {},
			body: {
				bank_code: '014',
				account_type: 'INDIVIDUAL',
				account_number: '1234567890',
				start_date: '2026-11-01',
				end_date: '2026-11-20',
				permanent_token: permanentToken,
				ignore_start_date: true,
			},
		});
		const [started] = outputOf(init);
		expect(started).toMatchObject({ outcome: 'pending', oy: { code: '102' } });
		const id = started.account_statement_id as string;
		await oy.control('POST', `/transaction-data/statements/${id}/ready`, {});

		const status = await oy.run({
			resource: 'transactionData',
			operation: 'getStatementStatus',
			id,
			sendCallback: false,
		});
		expect(theRequest(status)).toEqual({
			method: 'POST',
			path: '/api/transaction-data/account-statement/status',
			query: {},
			body: { id, send_callback: false },
		});
		const [ready] = outputOf(status);
		expect(ready).toMatchObject({
			outcome: 'success',
			total_transactions: 60,
			oy: { code: '103' },
		});

		const statement = await oy.run({
			resource: 'transactionData',
			operation: 'getStatement',
			id,
			returnAll: true,
		});
		expectCredentialHeaders(statement.requests);
		// 60 lines fit in one page of up to 1000: that shorter page is the last one
		expect(statement.requests.map(({ method, path, query }) => ({ method, path, query }))).toEqual([
			{
				method: 'GET',
				path: '/api/transaction-data/account-statement/mutations',
				query: { id, page: '1' },
			},
		]);
		const rows = outputOf(statement, () => 0);
		expect(rows).toHaveLength(60);
		expect(rows[0]).toMatchObject({
			date: '2026-11-01',
			type: expect.stringMatching(/^(CR|DB)$/),
			amount: expect.any(Number),
		});

		const unlink = await oy.run({
			resource: 'transactionData',
			operation: 'unlinkAccount',
			permanentToken,
			partnerUserId: 'pu-1',
		});
		expect(theRequest(unlink)).toEqual({
			method: 'POST',
			path: '/api/transaction-data/account/unlink',
			query: {},
			body: { permanent_token: permanentToken, partner_user_id: 'pu-1' },
		});
		expect(outputOf(unlink)[0]).toEqual({
			outcome: 'success',
			oy: expect.objectContaining({ code: '000' }),
		});
	});

	it('rejects bad input before any request, naming the parameter and the item', async () => {
		const run = await refusedBeforeSending(
			oy,
			{
				resource: 'transactionData',
				operation: 'initStatement',
				bankCode: '014',
				accountType: 'INDIVIDUAL',
				accountNumber: '1234567890',
				startDate: 'first of November',
				endDate: '2026-11-20',
				permanentToken: 'token',
			},
			/^'Start Date' must be a date \(yyyy-MM-dd or ISO-8601\) \[item 0\]$/,
		);
	});
});
