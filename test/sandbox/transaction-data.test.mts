import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import {
	advanceToWibHour,
	CallbackReceiver,
	control,
	expectSameShape,
	oy,
	startTestSandbox,
} from './helpers.mjs';

const examples = docExamples('transaction-data');
const PREPARATION_MS = 60_000;
const DAY_MS = 86_400_000;
const ACCOUNT = { bank_code: '014', account_numbers: ['8691502376'] };
let sandbox: RunningSandbox;
let receiver: CallbackReceiver;
let counter = 0;

const api = (path: string, body?: unknown) =>
	oy(sandbox, 'POST', `/api/transaction-data/${path}`, body);
const register = async (partnerUserId: string) =>
	(await api('account/register', { partner_user_id: partnerUserId })).body;
const mutations = (id: string, page: unknown = 1) =>
	oy(sandbox, 'GET', `/api/transaction-data/account-statement/mutations?id=${id}&page=${page}`);
const statementStatus = (id: string, sendCallback = false) =>
	api('account-statement/status', { id, send_callback: sendCallback });

/** A user who went through the registration page and linked `account`. */
async function linkedUser(account: Record<string, unknown> = ACCOUNT) {
	const user = `USER-${++counter}`;
	const { token } = await register(user);
	const linking = await control(
		sandbox,
		'POST',
		`/transaction-data/registrations/${token}/complete`,
		account,
	);
	return { user, token, permanentToken: linking.permanent_token as string };
}

/** yyyy-MM-dd of the sandbox's day in Jakarta, `days` days back. */
async function wibDay(daysBack = 0): Promise<string> {
	const now = Date.parse((await control(sandbox, 'GET', '/clock')).now);
	return new Date(now + 7 * 3_600_000 - daysBack * DAY_MS).toISOString().slice(0, 10);
}

/** Initialises a statement of the docs' example account over the last `days` days. */
async function initStatement(
	permanentToken: string,
	days: number,
	overrides: Record<string, unknown> = {},
) {
	return api('account-statement/init', {
		...examples['init-statement'].request,
		permanent_token: permanentToken,
		start_date: await wibDay(days - 1),
		end_date: await wibDay(0),
		...overrides,
	});
}

beforeAll(async () => {
	receiver = await new CallbackReceiver().start();
	sandbox = await startTestSandbox({
		callbackUrls: { 'transaction-data': `${receiver.url}/statements` },
		processingDelays: { 'transaction-data': PREPARATION_MS },
	});
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(async () => {
	await control(sandbox, 'POST', '/reset');
	// Midday in Jakarta, so that no test sees the date change between two of its requests.
	await advanceToWibHour(sandbox, 12);
});

describe('account linking', () => {
	it('answers Account Linking for the docs example in the documented shape, with a registration page', async () => {
		const answer = await api('account/register', examples.register.request);
		expectSameShape(answer.body, examples.register.response);
		expect(answer.body.status).toEqual({ code: '000', message: 'Success' });
		expect(answer.body.token).toMatch(/^[0-9a-f]{32}$/);
		expect(answer.body.registration_link.endsWith(`/${answer.body.token}`)).toBe(true);
		const page = (await (await fetch(answer.body.registration_link)).json()) as {
			partner_user_id: string;
			state: string;
		};
		expect(page).toMatchObject({ partner_user_id: 'username0001', state: 'pending' });
		expect((await api('account/register', {})).body.status).toEqual({
			code: '244',
			message: 'Invalid partner user id',
		});
	});

	it('checks registration status in each documented shape: invalid token, in progress, success, failed', async () => {
		const invalid = await api(
			'account/check-registration-status',
			examples['check-registration-in-progress'].request,
		);
		expectSameShape(invalid.body, examples['check-registration-invalid'].response);
		expect(invalid.body).toEqual(examples['check-registration-invalid'].response);

		const { token } = await register('username0001');
		const pending = await api('account/check-registration-status', { registration_token: token });
		expect(pending.body).toEqual(examples['check-registration-in-progress'].response);
		await control(sandbox, 'POST', `/transaction-data/registrations/${token}/complete`, ACCOUNT);
		const linked = await api('account/check-registration-status', { registration_token: token });
		expectSameShape(linked.body, examples['check-registration-success'].response);
		expect(linked.body.permanent_token).toMatch(/^[0-9a-f]{64}$/);

		const failed = (await register('username0002')).token;
		await control(sandbox, 'POST', `/transaction-data/registrations/${failed}/fail`, {});
		expect(
			(await api('account/check-registration-status', { registration_token: failed })).body,
		).toEqual({
			permanent_token: null,
			status: { code: '300', message: 'Failed' },
		});
		await expect(
			control(sandbox, 'POST', `/transaction-data/registrations/${failed}/complete`, {}),
		).rejects.toThrow(/already failed/);
	});

	it("lists a user's linked accounts newest first, one entry per linking, in the documented shape", async () => {
		expect(
			(await api('account/registered-accounts', examples['registered-accounts'].request)).body
				.status.code,
		).toBe('244');
		for (let i = 0; i < 2; i++) {
			const { token } = await register('username0001');
			await control(sandbox, 'POST', `/transaction-data/registrations/${token}/complete`, {
				bank_code: '014',
				account_numbers: ['0952736319'],
			});
			await control(sandbox, 'POST', '/clock/advance', { hours: 1 });
		}
		const answer = await api(
			'account/registered-accounts',
			examples['registered-accounts'].request,
		);
		expectSameShape(answer.body, examples['registered-accounts'].response);
		const [newer, older] = answer.body.data;
		expect(newer.permanent_token).not.toBe(older.permanent_token);
		expect(newer.linking_date > older.linking_date).toBe(true);
		expect(newer.linking_date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		expect(newer).toMatchObject({
			account_numbers: ['0952736319'],
			account_status: 'ACTIVE',
			account_type: 'INDIVIDUAL',
		});
	});

	it('unlinks with the documented answer, after which the token opens nothing', async () => {
		const { user, permanentToken } = await linkedUser();
		const statementId = (await initStatement(permanentToken, 30)).body.account_statement_id;
		expect(
			(
				await api('account/unlink', {
					...examples.unlink.request,
					partner_user_id: 'someone-else',
					permanent_token: permanentToken,
				})
			).body.status.code,
		).toBe('238');
		const unlinked = await api('account/unlink', {
			...examples.unlink.request,
			partner_user_id: user,
			permanent_token: permanentToken,
		});
		expectSameShape(unlinked.body, examples.unlink.response);
		expect(unlinked.body.status).toEqual({ code: '000', message: 'Success' });
		expect((await api('account/registered-accounts', { partner_user_id: user })).body.data).toEqual(
			[],
		);
		expect((await initStatement(permanentToken, 30)).body.status).toEqual({
			code: '238',
			message: 'Invalid permanent token',
		});
		expect((await mutations(statementId)).body.status.code).toBe('238');
		expect(
			(await api('account/unlink', { partner_user_id: user, permanent_token: permanentToken })).body
				.status.code,
		).toBe('238');
		expect(
			(await api('account/unlink', { permanent_token: permanentToken })).body.status.code,
		).toBe('244');
	});

	it('answers 201 / 208 / 990 for bad credentials and malformed JSON', async () => {
		expect(
			(
				await oy(
					sandbox,
					'POST',
					'/api/transaction-data/account/register',
					{},
					{ 'x-oy-username': 'x' },
				)
			).body.status,
		).toEqual({
			code: '201',
			message: 'User is not found',
		});
		const wrongKey = await oy(
			sandbox,
			'GET',
			'/api/transaction-data/account-statement/mutations?id=x&page=1',
			undefined,
			{ 'x-api-key': 'x' },
		);
		expect(wrongKey.body.status).toEqual({ code: '208', message: 'API Key is not valid' });
		expect((await api('account-statement/init', '{oops')).body.status.code).toBe('990');
	});
});

describe('account statements', () => {
	it('initialises the docs example, prepares it (102), calls back when ready (103) and serves it in the documented shapes', async () => {
		const { permanentToken } = await linkedUser();
		const initialised = await initStatement(permanentToken, 30);
		expectSameShape(initialised.body, examples['init-statement'].response);
		expect(initialised.body.status).toEqual({ code: '102', message: 'Preparing data' });
		const id = initialised.body.account_statement_id;
		const preparing = await mutations(id);
		expect(preparing.body).toEqual(examples['mutations-in-progress'].response);
		expect((await statementStatus(id)).body).toMatchObject({
			total_transactions: 0,
			total_pages: 0,
			status: { code: '102' },
		});

		await control(sandbox, 'POST', '/clock/advance', { ms: PREPARATION_MS });
		const callback = await receiver.next((c) => c.body.account_statement_id === id);
		expect(callback.path).toBe('/statements');
		// No payload is documented for this callback; the sandbox sends the status answer plus the id.
		expect(callback.body).toEqual({
			account_statement_id: id,
			total_transactions: 90,
			total_pages: 1,
			status: { code: '103', message: 'Data ready for retrieval' },
		});

		const status = await api('account-statement/status', {
			...examples['statement-status'].request,
			id,
		});
		expectSameShape(status.body, examples['statement-status'].response);
		expect(status.body).toMatchObject({ total_transactions: 90, total_pages: 1 });
		const page = await oy(
			sandbox,
			'GET',
			examples.mutations.path!.replace('ljhahd12je8sdca93', id),
		);
		// Rows carry the `id` of the response table (OY API docs: API Transactions Data › Get Account Statement › response parameters), which the example leaves out.
		expectSameShape(page.body, examples.mutations.response, ['data[].id']);
		expect(page.body.data).toHaveLength(90);
		expect(page.body.data[0]).toMatchObject({
			date: await wibDay(29),
			type: expect.stringMatching(/^(CR|DB)$/),
		});
		expect(page.body.data[89].date).toBe(await wibDay(0));
	});

	it('re-sends the callback on send_callback and requires the flag', async () => {
		const { permanentToken } = await linkedUser();
		const id = (await initStatement(permanentToken, 5)).body.account_statement_id;
		await control(sandbox, 'POST', `/transaction-data/statements/${id}/ready`, {});
		await receiver.next((c) => c.body.account_statement_id === id);
		await statementStatus(id, true);
		await receiver.next(
			(c) =>
				c.body.account_statement_id === id &&
				receiver.received.filter((r) => r.body.account_statement_id === id).length === 2,
		);
		expect((await api('account-statement/status', { id })).body.status).toEqual({
			code: '990',
			message: 'Invalid object or parameter',
		});
		expect(
			(await api('account-statement/status', examples['statement-status'].request)).body.status,
		).toEqual({ code: '239', message: 'Account statement is not found' });
	});

	it('pages by 1000 rows', async () => {
		await control(sandbox, 'PUT', '/transaction-data/settings', { rows_per_day: 20 });
		const { permanentToken } = await linkedUser();
		const id = (await initStatement(permanentToken, 61)).body.account_statement_id;
		await control(sandbox, 'POST', '/clock/advance', { ms: PREPARATION_MS });
		expect((await statementStatus(id)).body).toMatchObject({
			total_transactions: 1220,
			total_pages: 2,
		});
		expect((await mutations(id, 1)).body.data).toHaveLength(1000);
		const second = (await mutations(id, 2)).body.data;
		expect(second).toHaveLength(220);
		expect(second[0].id).toBe('1001');
		expect((await mutations(id, 3)).body).toMatchObject({ data: [], status: { code: '103' } });
		expect((await mutations(id, 0)).body.status.code).toBe('990');
		expect((await mutations('nothing')).body).toEqual({
			data: [],
			status: { code: '239', message: 'Account statement is not found' },
		});
	});

	it("serves an account's own rows within the statement's range", async () => {
		const { permanentToken } = await linkedUser();
		await control(sandbox, 'PUT', '/transaction-data/accounts/8691502376/mutations', {
			mutations: [
				{ date: await wibDay(1), description: 'Salary', type: 'CR', amount: 9_000_000 },
				{ date: await wibDay(40), description: 'Too old', type: 'DB', amount: 1 },
				{ date: await wibDay(3), description: 'Rent', type: 'DB', amount: 2_500_000 },
			],
		});
		const id = (await initStatement(permanentToken, 10)).body.account_statement_id;
		await control(sandbox, 'POST', '/clock/advance', { ms: PREPARATION_MS });
		expect((await mutations(id)).body.data).toEqual([
			{ id: '1', date: await wibDay(3), description: 'Rent', type: 'DB', amount: 2_500_000 },
			{ id: '2', date: await wibDay(1), description: 'Salary', type: 'CR', amount: 9_000_000 },
		]);
	});

	it('fails at the bank (240 login failed): called back, and answered by status and mutations', async () => {
		const { permanentToken } = await linkedUser();
		const id = (await initStatement(permanentToken, 5)).body.account_statement_id;
		await control(sandbox, 'POST', `/transaction-data/statements/${id}/fail`, { code: '240' });
		const callback = await receiver.next((c) => c.body.account_statement_id === id);
		expect(callback.body.status).toEqual({
			code: '240',
			message: 'Failed when trying to login to internet banking',
		});
		const failed = await mutations(id);
		expectSameShape(failed.body, examples['mutations-failed'].response);
		expect(failed.body.status.code).toBe('240');
		expect((await statementStatus(id)).body.status.code).toBe('240');
		await expect(
			control(sandbox, 'POST', `/transaction-data/statements/${id}/ready`, {}),
		).rejects.toThrow(/already failed/);
	});

	it('applies the documented input checks and history windows', async () => {
		const { permanentToken } = await linkedUser();
		const code = async (overrides: Record<string, unknown>, days = 30) =>
			(await initStatement(permanentToken, days, overrides)).body.status.code;
		const notFound = await initStatement(permanentToken, 30, { account_number: '1111111111' });
		expect(notFound.body).toEqual(examples['init-statement-failed'].response);
		expect(await code({ bank_code: '008' })).toBe('101');
		expect(await code({ bank_code: '002' })).toBe('211');
		expect(await code({ permanent_token: 'unknown' })).toBe('238');
		expect(await code({ account_type: 'CORPORATE' })).toBe('990');
		expect(await code({ account_type: 'Individual' })).toBe('102');
		expect(await code({ start_date: '13-02-2021' })).toBe('990');
		expect(await code({ start_date: await wibDay(0), end_date: await wibDay(1) })).toBe('990');
		expect(await code({ end_date: await wibDay(-1) })).toBe('990');
		// The docs' own dates lie outside BCA's 3 months, even with ignore_start_date.
		expect(
			(
				await api('account-statement/init', {
					...examples['init-statement'].request,
					permanent_token: permanentToken,
				})
			).body.status,
		).toEqual({
			code: '242',
			message: 'Start date tx data unavailable',
		});
		// A start before the window: 242, unless ignore_start_date moves it to the oldest day the bank keeps.
		expect(await code({ ignore_start_date: false }, 120)).toBe('242');
		const clamped = (await initStatement(permanentToken, 120)).body.account_statement_id;
		const detail = await control(sandbox, 'GET', '/state?product=transaction-data');
		const statement = detail.statements.find((s: { id: string }) => s.id === clamped);
		expect(Date.parse(await wibDay(0)) - Date.parse(statement.start_date)).toBeGreaterThanOrEqual(
			89 * DAY_MS,
		);
		expect(Date.parse(await wibDay(0)) - Date.parse(statement.start_date)).toBeLessThanOrEqual(
			92 * DAY_MS,
		);
		// Mandiri keeps 12 months.
		const mandiri = await linkedUser({ bank_code: '008', account_numbers: ['8691502376'] });
		expect(
			(
				await initStatement(mandiri.permanentToken, 120, {
					bank_code: '008',
					ignore_start_date: false,
				})
			).body.status.code,
		).toBe('102');
	});
});

describe('seeding', () => {
	it('seeds linked accounts that the API then lists and reads', async () => {
		await control(sandbox, 'POST', '/seed', {
			'transaction-data': [
				{
					partner_user_id: 'seeded-user',
					bank_code: '009',
					account_numbers: ['123'],
					permanent_token: 'seeded-token',
				},
			],
		});
		const listed = await api('account/registered-accounts', { partner_user_id: 'seeded-user' });
		expect(listed.body.data).toMatchObject([
			{ bank_code: '009', account_numbers: ['123'], permanent_token: 'seeded-token' },
		]);
		expect(
			(await initStatement('seeded-token', 10, { bank_code: '009', account_number: '123' })).body
				.status.code,
		).toBe('102');
		await expect(
			control(sandbox, 'POST', '/seed', {
				'transaction-data': [{ partner_user_id: 'x', bank_code: '002' }],
			}),
		).rejects.toThrow(/bank_code/);
	});
});
