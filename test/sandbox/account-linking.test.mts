import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import { CallbackReceiver, control, expectSameShape, oy, startTestSandbox } from './helpers.mjs';

const examples = docExamples('account-linking');
let sandbox: RunningSandbox;
let receiver: CallbackReceiver;

const linkingBody = (overrides: Record<string, unknown> = {}) => ({
	...examples['linking'].request,
	...overrides,
});
const requestLinking = (overrides: Record<string, unknown> = {}) =>
	oy(sandbox, 'POST', '/api/account/linking', linkingBody(overrides));
const linkingIdOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
/** Gets a linking URL and plays the user finishing on the page. */
async function link(
	overrides: Record<string, unknown> = {},
	completion: Record<string, unknown> = {},
) {
	const answer = await requestLinking(overrides);
	expect(answer.body.success).toBe(true);
	return control(
		sandbox,
		'POST',
		`/account-linking/linkings/${linkingIdOf(answer.body.data.linking_url)}/complete`,
		completion,
	);
}
const eWalletBalance = (body: Record<string, unknown>) =>
	oy(sandbox, 'POST', '/api/account/balance', body);

beforeAll(async () => {
	receiver = await new CallbackReceiver().start();
	sandbox = await startTestSandbox({
		callbackUrls: {
			'account-linking': `${receiver.url}/linking`,
			'payment-routing': `${receiver.url}/routing`,
		},
		processingDelays: { 'payment-routing': 0 },
	});
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(async () => {
	await control(sandbox, 'POST', '/reset');
});

describe('Get Linking URL and the linking callback', () => {
	it('answers the docs example in the documented shape, then calls back LINKED and redirects with SUCCESS', async () => {
		await control(sandbox, 'PUT', '/account-linking/settings', {
			redirect_url: 'https://shop.id/redirect',
		});
		const example = examples['linking'];
		const answer = await oy(sandbox, 'POST', '/api/account/linking', example.request);
		expectSameShape(answer.body, example.response);
		expect(answer.body).toMatchObject({
			success: true,
			error: null,
			reason: null,
			status_code: 200,
			data: {
				partner_user_id: 'USR-20230112-001',
				payment_method: 'EWALLET',
				channel_code: 'dana_ewallet',
			},
		});
		const page = await control(
			sandbox,
			'GET',
			`/account-linking/linkings/${linkingIdOf(answer.body.data.linking_url)}`,
		);
		expect(page.state).toBe('PENDING');

		const done = await control(
			sandbox,
			'POST',
			`/account-linking/linkings/${linkingIdOf(answer.body.data.linking_url)}/complete`,
			{},
		);
		expect(done.redirect_to).toBe(
			'https://shop.id/redirect?result=SUCCESS&partnerUserId=USR-20230112-001&channelCode=dana_ewallet&paymentMethod=EWALLET',
		);
		const callback = await receiver.next((c) => c.path === '/linking');
		expectSameShape(callback.body, examples['callback'].response);
		expect(callback.body).toMatchObject({
			username: sandbox.username,
			partner_user_id: 'USR-20230112-001',
			phone_number: '082114845847',
			status: 'LINKED',
		});
		expect(callback.body.expiration_time).toMatch(
			/^\d{2}\/\d{2}\/\d{4}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/,
		);
	});

	it('reports a failed linking only through the redirect, and the account stays unlinked', async () => {
		await control(sandbox, 'PUT', '/account-linking/settings', {
			redirect_url: 'https://shop.id/redirect',
		});
		const done = await link({ partner_user_id: 'FAILS' }, { result: 'FAILED' });
		expect(done.redirect_to).toContain('result=FAILED&partnerUserId=FAILS');
		expect(
			(await eWalletBalance({ partner_user_id: 'FAILS', channel_code: 'dana_ewallet' })).body
				.status,
		).toEqual({
			code: '400',
			message: 'User account is not linked',
		});
		// A later success is called back; the failure before it never was.
		await link({ partner_user_id: 'OK' });
		await receiver.next((c) => c.body.partner_user_id === 'OK');
		expect(receiver.received.filter((c) => c.body.partner_user_id === 'FAILS')).toEqual([]);
	});

	it('refuses a phone number already linked, an e-wallet it cannot tokenize and a malformed request', async () => {
		await link();
		const again = await requestLinking({ partner_user_id: 'ANOTHER-USER' });
		expect(again.body).toEqual({
			success: false,
			error: { code: '400', message: 'Phone number is linked' },
			data: null,
			reason: 'Phone number is linked',
			status_code: 400,
		});
		expect(
			(await requestLinking({ partner_user_id: 'ANOTHER-USER', channel_code: 'shopeepay_ewallet' }))
				.body.success,
		).toBe(true);
		expect((await requestLinking({ channel_code: 'ovo_ewallet' })).body.error).toEqual({
			code: '400',
			message: 'Unsupported e-wallet type for tokenization',
		});
		expect((await requestLinking({ phone_number: '6282114845847' })).body.status_code).toBe(290);
		expect((await requestLinking({ payment_method: 'CARDS' })).body.status_code).toBe(290);
	});

	it('refuses bad credentials in each endpoint own envelope', async () => {
		const linking = await oy(sandbox, 'POST', '/api/account/linking', linkingBody(), {
			'x-oy-username': 'nobody',
		});
		expect(linking.body).toMatchObject({
			success: false,
			error: { code: '201', message: 'User not found' },
			status_code: 201,
		});
		const balance = await oy(sandbox, 'POST', '/api/account/balance', examples['balance'].request, {
			'x-api-key': 'wrong',
		});
		// Credentials are checked before the body is read, so nothing is echoed.
		expect(balance.body).toEqual({
			status: { code: '208', message: 'API Key is not valid' },
			partner_user_id: null,
			channel_code: null,
			amount: null,
		});
	});
});

describe('E-wallet balance and unlinking', () => {
	it('reads a linked e-wallet balance in the documented shape', async () => {
		await link();
		const answer = await oy(sandbox, 'POST', '/api/account/balance', examples['balance'].request);
		expectSameShape(answer.body, examples['balance'].response);
		expect(answer.body).toEqual({
			status: { code: '000', message: 'Success' },
			partner_user_id: 'USR-20230112-001',
			channel_code: 'dana_ewallet',
			amount: 150_000,
		});
		await control(sandbox, 'PUT', '/account-linking/accounts/USR-20230112-001/dana_ewallet', {
			balance: 75_000,
		});
		expect((await eWalletBalance(examples['balance'].request!)).body.amount).toBe(75_000);
	});

	it('seeds accounts already linked', async () => {
		const seeded = await control(sandbox, 'POST', '/seed', {
			'account-linking': [
				{
					partner_user_id: 'SEEDED',
					channel_code: 'shopeepay_ewallet',
					phone_number: '081300000000',
					balance: 9_000,
				},
			],
		});
		expect(seeded.added).toEqual({ 'account-linking': 1 });
		expect(
			(await eWalletBalance({ partner_user_id: 'SEEDED', channel_code: 'shopeepay_ewallet' })).body
				.amount,
		).toBe(9_000);
		expect(
			(await requestLinking({ phone_number: '081300000000', channel_code: 'shopeepay_ewallet' }))
				.body.reason,
		).toBe('Phone number is linked');
	});

	it('unlinks a ShopeePay account (the docs example); DANA cannot be unlinked', async () => {
		await link({ channel_code: 'shopeepay_ewallet' });
		const answer = await oy(sandbox, 'POST', '/api/account/unlink', examples['unlink'].request);
		expectSameShape(answer.body, examples['unlink'].response);
		expect(answer.body.data).toEqual({
			partner_user_id: 'USR-20230112-001',
			payment_method: 'EWALLET',
			channel_code: 'shopeepay_ewallet',
			status: 'UNLINKED',
		});
		expect(
			(
				await eWalletBalance({
					partner_user_id: 'USR-20230112-001',
					channel_code: 'shopeepay_ewallet',
				})
			).body.status.code,
		).toBe('400');
		expect(
			(await oy(sandbox, 'POST', '/api/account/unlink', examples['unlink'].request)).body.error,
		).toEqual({ code: '400', message: 'User account is not linked' });
		await link({ phone_number: '081200000000' });
		const dana = await oy(sandbox, 'POST', '/api/account/unlink', {
			...examples['unlink'].request,
			channel_code: 'dana_ewallet',
		});
		expect(dana.body.error).toEqual({
			code: '400',
			message: 'Unsupported e-wallet type for tokenization',
		});
	});
});

describe('Payment Routing Direct Payment with a linked ShopeePay account', () => {
	const directPayment = (overrides: Record<string, unknown> = {}) =>
		oy(sandbox, 'POST', '/api/payment-routing/create-transaction', {
			partner_user_id: 'USR-20230112-001',
			use_linked_account: true,
			need_frontend: false,
			receive_amount: 100_000,
			list_enable_payment_method: 'EWALLET',
			list_enable_sof: 'shopeepay_ewallet',
			success_redirect_url: 'https://shop.id/done',
			...overrides,
		});

	it('needs a linked user, expires in 30 minutes whatever is asked, and spends the e-wallet balance', async () => {
		expect((await directPayment({ partner_trx_id: 'DP-0' })).body.status).toEqual({
			code: '400',
			message: 'Request is rejected (Invalid partner user id)',
		});
		await link({ channel_code: 'shopeepay_ewallet' });
		const created = (
			await directPayment({ partner_trx_id: 'DP-1', trx_expiration_time: '2099-01-01 00:00:00' })
		).body;
		expect(created).toMatchObject({
			status: { code: '000' },
			use_linked_account: true,
			partner_user_id: 'USR-20230112-001',
			payment_method: 'EWALLET',
		});
		expect(created.payment_info.ewallet_url).toEqual(expect.any(String));
		const expiresIn =
			Date.parse(`${created.trx_expiration_time.replace(' ', 'T')}+07:00`) -
			sandbox.control.clock.now();
		expect(expiresIn).toBeGreaterThan(29 * 60_000);
		expect(expiresIn).toBeLessThanOrEqual(30 * 60_000);
		await control(sandbox, 'POST', '/payment-routing/transactions/DP-1/pay', {});
		expect(
			(
				await eWalletBalance({
					partner_user_id: 'USR-20230112-001',
					channel_code: 'shopeepay_ewallet',
				})
			).body.amount,
		).toBe(50_000);
		// Not enough left for a second one: ShopeePay refuses, the transaction is PAYMENT_FAILED.
		await directPayment({ partner_trx_id: 'DP-2' });
		const failed = await control(sandbox, 'POST', '/payment-routing/transactions/DP-2/pay', {});
		expect(failed.payment_status).toBe('PAYMENT_FAILED');
	});

	it('refuses Direct Payment with any other SOF', async () => {
		await link();
		const dana = await directPayment({ list_enable_sof: 'dana_ewallet' });
		expect(dana.body.status.message).toBe(
			'Request is rejected (Transaction using linked account is not supported for the requested SOF)',
		);
	});
});
