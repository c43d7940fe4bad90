import { describe, expect, it } from 'vitest';
import { Oy } from '../../nodes/Oy/Oy.node.js';
import { byId, outputOf, useOyHarness, theRequest, refusedBeforeSending } from './harness.mjs';

/** Static and customized virtual accounts through the node, against the sandbox. */
const oy = useOyHarness();

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function createVa(partnerUserId = 'cust-1'): Promise<Record<string, unknown>> {
	const run = await oy.run({
		resource: 'virtualAccount',
		operation: 'create',
		partnerUserId,
		bankCode: '002',
		additionalFields: {
			amount: '50000',
			isOpen: false,
			expirationTime: 60,
			usernameDisplay: 'Budi',
		},
	});
	return outputOf(run)[0];
}

describe('Virtual Account (static)', () => {
	it('Create: sends every field given and reads the expiry as ISO-8601 UTC', async () => {
		const run = await oy.run({
			resource: 'virtualAccount',
			operation: 'create',
			partnerUserId: 'cust-1',
			bankCode: '002',
			additionalFields: {
				amount: '50000',
				isOpen: false,
				isSingleUse: false,
				isLifetime: false,
				expirationTime: 60,
				usernameDisplay: 'Budi',
				email: 'budi@example.com',
				fullName: 'Budi Santoso',
				trxExpirationTime: 30,
				partnerTrxId: 'VA-TRX-1',
				trxCounter: -1,
			},
		});
		expect(theRequest(run)).toEqual({
			method: 'POST',
			path: '/api/generate-static-va',
			query: {},
			body: {
				partner_user_id: 'cust-1',
				bank_code: '002',
				amount: 50000,
				is_open: false,
				is_single_use: false,
				is_lifetime: false,
				expiration_time: 60,
				username_display: 'Budi',
				email: 'budi@example.com',
				full_name: 'Budi Santoso',
				trx_expiration_time: 30,
				partner_trx_id: 'VA-TRX-1',
				trx_counter: -1,
			},
		});
		const [item] = outputOf(run);
		expect(item).toMatchObject({
			outcome: 'success',
			bank_code: '002',
			amount: 50000,
			va_status: 'WAITING_PAYMENT',
			partner_user_id: 'cust-1',
			oy: { code: '000', message: 'Success' },
		});
		expect(item.va_number).toMatch(/^\d+$/);
		expect(item.expiration_time).toMatch(ISO);
		expect(Date.parse(item.expiration_time as string) - Date.now()).toBeGreaterThan(55 * 60_000);
	});

	it('Get: reads one VA picked by ID', async () => {
		const va = await createVa();
		const run = await oy.run({
			resource: 'virtualAccount',
			operation: 'get',
			id: byId(va.id as string),
		});
		expect(theRequest(run)).toEqual({
			method: 'GET',
			path: `/api/static-virtual-account/${va.id}`,
			query: {},
			body: undefined,
		});
		expect(outputOf(run)[0]).toMatchObject({
			outcome: 'success',
			id: va.id,
			va_number: va.va_number,
			amount: 50000,
		});
	});

	it('Update: replaces the settings of the VA', async () => {
		const va = await createVa();
		const run = await oy.run({
			resource: 'virtualAccount',
			operation: 'update',
			id: byId(va.id as string),
			additionalFields: { amount: '75000', expirationTime: 120, usernameDisplay: 'Budi S' },
		});
		expect(theRequest(run)).toEqual({
			method: 'PUT',
			path: `/api/static-virtual-account/${va.id}`,
			query: {},
			body: { amount: 75000, expiration_time: 120, username_display: 'Budi S' },
		});
		expect(outputOf(run)[0]).toMatchObject({ outcome: 'success', amount: 75000 });
	});

	it('Deactivate: sets the expiry to now; OY! "never" (0) reads as null', async () => {
		const va = await createVa();
		const run = await oy.run({
			resource: 'virtualAccount',
			operation: 'deactivate',
			id: byId(va.id as string),
		});
		expect(theRequest(run)).toEqual({
			method: 'PUT',
			path: `/api/static-virtual-account/${va.id}`,
			query: {},
			body: { expiration_time: 0 },
		});
		expect(outputOf(run)[0]).toMatchObject({
			outcome: 'success',
			va_status: 'EXPIRED',
			expiration_time: null,
		});
	});

	it('Get Many: pages with offset and limit until the limit, or through all with Return All', async () => {
		await oy.control('POST', '/generate', { 'virtual-account': { accounts: 230 } });
		const some = await oy.run({
			resource: 'virtualAccount',
			operation: 'getMany',
			returnAll: false,
			limit: 5,
		});
		expect(theRequest(some)).toEqual({
			method: 'GET',
			path: '/api/static-virtual-account',
			query: { offset: '0', limit: '5' },
			body: undefined,
		});
		expect(outputOf(some, () => 0)).toHaveLength(5);
		const all = await oy.run({ resource: 'virtualAccount', operation: 'getMany', returnAll: true });
		expect(all.requests.map((request) => request.query.offset)).toEqual(['0', '100', '200']);
		const accounts = outputOf(all, () => 0);
		expect(accounts).toHaveLength(230);
		expect(new Set(accounts.map((account) => account.id)).size).toBe(230);
	});

	it('Get Many: Simplify off gives every field OY! sends', async () => {
		await createVa();
		const run = await oy.run({
			resource: 'virtualAccount',
			operation: 'getMany',
			returnAll: true,
			simplify: false,
		});
		const [account] = outputOf(run, () => 0);
		expect(account).toMatchObject({
			bank_name: expect.any(String),
			amount_detected: 0,
			is_single_use: false,
		});
		expect(account.created).toMatch(ISO);
	});

	it('Get Transactions: lists the payments into a VA', async () => {
		const va = await createVa();
		await oy.control('POST', '/virtual-account/payments', { va_number: va.va_number });
		const run = await oy.run({
			resource: 'virtualAccount',
			operation: 'getTransactions',
			id: byId(va.id as string),
			returnAll: true,
		});
		expect(theRequest(run)).toEqual({
			method: 'GET',
			path: `/api/va-tx-history/${va.id}`,
			query: { offset: '0', limit: '100' },
			body: undefined,
		});
		expect(outputOf(run, () => 0)).toEqual([
			expect.objectContaining({ amount: 50000, va_number: va.va_number, bank_code: '002' }),
		]);
	});

	it('finds VAs for the ID picker, page by page, filtered by what the user types', async () => {
		await createVa('alpha-customer');
		await createVa('beta-customer');
		const search = new Oy().methods.listSearch.searchVirtualAccounts;
		const context = oy.loadContext({ resource: 'virtualAccount', operation: 'get' });
		const all = await search.call(context);
		expect(all.results).toHaveLength(2);
		expect(all.paginationToken).toBeUndefined();
		const beta = await search.call(context, 'beta');
		expect(beta.results).toEqual([
			{ name: expect.stringContaining('beta-customer'), value: expect.any(String) },
		]);
		await oy.control('POST', '/faults', {
			kind: 'http-error',
			path: '/api/static-virtual-account',
			http_status: 500,
		});
		await expect(search.call(context)).rejects.toThrow(/HTTP 500/);
	});

	it('rejects bad input before any request, naming the parameter and the item', async () => {
		const run = await oy.run({
			resource: 'virtualAccount',
			operation: 'create',
			partnerUserId: 'cust-1',
			bankCode: '002',
			additionalFields: { amount: '50.000', email: 'budi at example' },
		});
		expect(run.error?.message).toBe(
			'\'Amount\' is ambiguous ("50.000" may mean 50000); write digits only [item 0]',
		);
		expect(run.error?.description).toBe(
			"Also: 'Email' must be an e-mail address. Nothing was sent to OY!.",
		);
		expect(run.requests).toHaveLength(0);
	});

	it('refuses "1.440" in a number field: n8n hands the node the expression text as it is, not 1.44', async () => {
		const run = await refusedBeforeSending(
			oy,
			{
				resource: 'virtualAccount',
				operation: 'create',
				partnerUserId: 'cust-1',
				bankCode: '002',
				additionalFields: { amount: '50000', expirationTime: '={{ $json.minutes }}' },
			},
			'\'Expiration Time\' must be a whole number written with digits only ("1.440" may mean 1440) [item 0]',
			{ input: [{ minutes: '1.440' }] },
		);
	});
});

describe('Virtual Account (customized)', () => {
	async function createCustomized(): Promise<Record<string, unknown>> {
		const run = await oy.run({
			resource: 'virtualAccount',
			operation: 'createCustomized',
			partnerUserId: 'cust-2',
			bankCode: '002',
			vaSuffix: '1234567890',
			additionalFields: {
				amount: '60000',
				isOpen: false,
				usernameDisplay: 'Sari',
				email: 'sari@example.com',
				partnerTrxId: 'CVA-1',
			},
		});
		expect(theRequest(run)).toEqual({
			method: 'POST',
			path: '/api/custom-va',
			query: {},
			body: {
				partner_user_id: 'cust-2',
				bank_code: '002',
				va_suffix: '1234567890',
				amount: 60000,
				is_open: false,
				username_display: 'Sari',
				email: 'sari@example.com',
				partner_trx_id: 'CVA-1',
			},
		});
		return outputOf(run)[0];
	}

	it('Create Customized: the VA number ends with the suffix given', async () => {
		const va = await createCustomized();
		expect(va).toMatchObject({ outcome: 'success', amount: 60000, oy: { code: '000' } });
		expect(va.va_number).toMatch(/1234567890$/);
	});

	it('Update Customized: changes the amount', async () => {
		const va = await createCustomized();
		const run = await oy.run({
			resource: 'virtualAccount',
			operation: 'updateCustomized',
			id: va.id as string,
			additionalFields: { amount: '65000' },
		});
		expect(theRequest(run)).toEqual({
			method: 'PUT',
			path: `/api/custom-va/${va.id}`,
			query: {},
			body: { amount: 65000 },
		});
		expect(outputOf(run)[0]).toMatchObject({ outcome: 'success', amount: 65000 });
	});

	it('Deactivate Customized: deletes the VA', async () => {
		const va = await createCustomized();
		const run = await oy.run({
			resource: 'virtualAccount',
			operation: 'deactivateCustomized',
			id: va.id as string,
		});
		expect(theRequest(run)).toEqual({
			method: 'DELETE',
			path: `/api/custom-va/${va.id}`,
			query: {},
			body: undefined,
		});
		expect(outputOf(run)[0]).toEqual({
			outcome: 'success',
			oy: expect.objectContaining({ code: '000', message: 'Success' }),
		});
	});

	it('rejects bad input before any request, naming the parameter and the item', async () => {
		const run = await refusedBeforeSending(
			oy,
			{
				resource: 'virtualAccount',
				operation: 'createCustomized',
				partnerUserId: 'c',
				bankCode: '002',
				vaSuffix: '12345',
			},
			"'VA Suffix' must be at least 10 characters long [item 0]",
		);
	});
});
