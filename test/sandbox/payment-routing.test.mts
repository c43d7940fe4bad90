import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import {
	CallbackReceiver,
	control,
	expectSameShape,
	oy,
	startTestSandbox,
	type ReceivedCallback,
} from './helpers.mjs';

const examples = docExamples('payment-routing');
const PROCESSING_MS = 60_000;
const START_BALANCE = 1_000_000_000;
const WIB_DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
/**
 * Where the docs contradict themselves the sandbox follows the parameter tables: `payment_info`
 * holds account_number/account_name/bank_code (not va_number/va_display_name), cards use
 * `cards_url` (not card_url), payouts carry `disbursement_trx_status` and `email_status` (not
 * trx_status), and `use_linked_account` is in every callback.
 */
const TABLE_NAMES_OVER_EXAMPLES = [
	'payment_info.va_number',
	'payment_info.va_display_name',
	'payment_info.account_number',
	'payment_info.account_name',
	'payment_info.bank_code',
	'payment_info.card_url',
	'payment_info.cards_url',
	'payment_routing[].trx_status',
	'payment_routing[].disbursement_trx_status',
	'payment_routing[].email_status',
	'payment_routing[].recipient_email',
	'use_linked_account',
];

let sandbox: RunningSandbox;
let receiver: CallbackReceiver;
let counter = 0;

const createBody = (overrides: Record<string, unknown> = {}) => ({
	...examples['create'].request,
	partner_trx_id: `ROUTE-${++counter}`,
	...overrides,
});
const create = (overrides: Record<string, unknown> = {}) =>
	oy(sandbox, 'POST', '/api/payment-routing/create-transaction', createBody(overrides));
const checkStatus = (partnerTrxId: string, sendCallback = false) =>
	oy(sandbox, 'POST', '/api/payment-routing/check-status', {
		partner_trx_id: partnerTrxId,
		send_callback: sendCallback,
	});
const pay = (id: string, body: Record<string, unknown> = {}) =>
	control(sandbox, 'POST', `/payment-routing/transactions/${id}/pay`, body);
const balance = async () => (await oy(sandbox, 'GET', '/api/balance')).body.balance;
const callbackFor = (partnerTrxId: string, test: (c: ReceivedCallback) => boolean = () => true) =>
	receiver.next((c) => c.body.partner_trx_id === partnerTrxId && test(c));
const epochOf = (wibDateTime: string) => Date.parse(`${wibDateTime.replace(' ', 'T')}+07:00`);
const afterProcessing = () => control(sandbox, 'POST', '/clock/advance', { ms: PROCESSING_MS });

beforeAll(async () => {
	receiver = await new CallbackReceiver().start();
	sandbox = await startTestSandbox({
		processingDelays: { 'payment-routing': PROCESSING_MS },
		callbackUrls: { 'payment-routing': `${receiver.url}/routing` },
	});
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(async () => {
	await control(sandbox, 'POST', '/reset');
	// These tests read the table's names (disbursement_trx_status, email_status, use_linked_account);
	// callback-forms.test.mts checks the examples' form, which the sandbox sends by default.
	await control(sandbox, 'PUT', '/callbacks/forms', { 'payment-routing': 'table' });
});

describe('Create Payment Routing', () => {
	it('creates the docs example: a BRI VA in the documented shape, expiring in 24 hours (UTC+7)', async () => {
		const example = examples['create'];
		const answer = await oy(
			sandbox,
			'POST',
			'/api/payment-routing/create-transaction',
			example.request,
		);
		expect(answer.status).toBe(200);
		expectSameShape(answer.body, example.response, TABLE_NAMES_OVER_EXAMPLES);
		expect(answer.body).toMatchObject({
			status: { code: '000', message: 'Success' },
			partner_user_id: 'USR-20211117-1029',
			partner_trx_id: 'TRX-20211117-1030',
			receive_amount: 14000,
			payment_method: 'VA',
			sender_bank: '002',
			payment_info: { account_name: 'partner_brand', bank_code: '002' },
		});
		expect(answer.body.payment_info.account_number).toMatch(/^002\d{15}$/);
		expect(answer.body.trx_expiration_time).toMatch(WIB_DATE_TIME);
		const expiresAt = epochOf(answer.body.trx_expiration_time);
		expect(Math.abs(expiresAt - sandbox.control.clock.now() - 86_400_000)).toBeLessThan(2_000);
	});

	it('gives a reusable VA the same number for the same partner_user_id', async () => {
		const first = (await create({ partner_user_id: 'USER-1' })).body.payment_info.account_number;
		const second = (await create({ partner_user_id: 'USER-1' })).body.payment_info.account_number;
		const other = (await create({ partner_user_id: 'USER-2' })).body.payment_info.account_number;
		expect(second).toBe(first);
		expect(other).not.toBe(first);
	});

	it('answers 203 for a partner_trx_id already used', async () => {
		await create({ partner_trx_id: 'DUP-1' });
		expect((await create({ partner_trx_id: 'DUP-1' })).body.status).toEqual({
			code: '203',
			message: 'Request is rejected (Duplicate Partner Tx Id)',
		});
	});

	it('checks the method and SOF combinations of both modes', async () => {
		const message = async (overrides: Record<string, unknown>) =>
			(await create(overrides)).body.status.message;
		const methods = 'Request is rejected (Invalid list payment method)';
		const sofs = 'Request is rejected (Invalid list source of fund)';
		expect(
			await message({ list_enable_payment_method: 'BANK_TRANSFER,QRIS', list_enable_sof: '002' }),
		).toBe(methods);
		expect(await message({ list_enable_payment_method: 'VA' })).toBe(methods);
		expect(
			await message({ list_enable_payment_method: 'BANK_TRANSFER', list_enable_sof: '002,009' }),
		).toBe(sofs);
		expect(
			await message({ list_enable_payment_method: 'BANK_TRANSFER', list_enable_sof: '013' }),
		).toBe(sofs);
		expect(
			await message({
				list_enable_payment_method: 'EWALLET',
				list_enable_sof: 'ovo_ewallet',
				success_redirect_url: 'https://x.id',
			}),
		).toBe(sofs);
		expect(await message({ list_enable_payment_method: 'QRIS', list_enable_sof: '002' })).toBe(
			sofs,
		);
		// With OY!'s page: lists, every method with a SOF and every SOF of an enabled method (OY API docs: Payment Routing: documented request examples).
		const page = { need_frontend: true, partner_user_id: undefined, payment_routing: undefined };
		expect(
			(
				await create({
					...page,
					list_enable_payment_method: 'BANK_TRANSFER,QRIS',
					list_enable_sof: '008,451,QRIS,002',
				})
			).body.status.code,
		).toBe('000');
		expect(
			(
				await create({
					...page,
					list_enable_payment_method: 'EWALLET,CARDS,BANK_TRANSFER',
					list_enable_sof: 'dana_ewallet,ovo_ewallet,CC_DC,484',
				})
			).body.status.code,
		).toBe('000');
		expect(
			await message({
				...page,
				list_enable_payment_method: 'BANK_TRANSFER,QRIS',
				list_enable_sof: '008',
			}),
		).toBe(sofs);
		expect(
			await message({ ...page, list_enable_payment_method: 'QRIS', list_enable_sof: 'QRIS,002' }),
		).toBe(sofs);
	});

	it('checks amounts, redirect URLs, e-mails and the VA contact details', async () => {
		const message = async (overrides: Record<string, unknown>) =>
			(await create(overrides)).body.status.message;
		expect(await message({ receive_amount: undefined })).toBe(
			'Request is rejected (Amount is empty)',
		);
		expect(await message({ receive_amount: 9_999 })).toBe(
			'Request is rejected (Amount is not valid)',
		);
		expect(await message({ receive_amount: '14000' })).toBe(
			'Request is rejected (Amount is not valid)',
		);
		const cards = {
			list_enable_payment_method: 'CARDS',
			list_enable_sof: 'CC_DC',
			success_redirect_url: 'https://shop.id/ok',
			failed_redirect_url: 'https://shop.id/ko',
			payment_routing: [],
			receive_amount: 15_000,
		};
		expect(await message({ ...cards, receive_amount: 14_999 })).toBe(
			'Request is rejected (Amount is not valid)',
		);
		expect(await message({ ...cards, success_redirect_url: '' })).toBe(
			'Request is rejected (Success redirect url is empty)',
		);
		expect(await message({ ...cards, failed_redirect_url: undefined })).toBe(
			'Request is rejected (Failed redirect url is empty)',
		);
		expect(
			await message({ list_enable_payment_method: 'EWALLET', list_enable_sof: 'dana_ewallet' }),
		).toBe('Request is rejected (Success redirect url is empty)');
		expect((await create({ sender_email: 'not-an-email' })).body.status.code).toBe('247');
		expect(
			(await create({ list_enable_sof: '008', sender_email: undefined, full_name: 'Budi' })).body
				.status.code,
		).toBe('247');
		expect((await create({ list_enable_sof: '022', full_name: '' })).body.status.code).toBe('400');
		expect(
			(await create({ list_enable_sof: '008', full_name: 'Budi Santoso' })).body,
		).toMatchObject({ status: { code: '000' }, full_name: 'Budi Santoso' });
	});

	it('checks the recipients: at most 10, valid banks and accounts, and no more than the payer sends', async () => {
		const recipient = {
			recipient_bank: '014',
			recipient_account: '1234567890',
			recipient_amount: 1_000,
		};
		const code = async (routing: unknown[]) =>
			(await create({ payment_routing: routing })).body.status;
		expect((await code(Array(10).fill(recipient))).code).toBe('000');
		expect(await code(Array(11).fill(recipient))).toEqual({
			code: '400',
			message: 'Request is rejected (Invalid config product disburse or acceptance)',
		});
		expect((await code([{ ...recipient, recipient_bank: '999' }])).code).toBe('400');
		expect((await code([{ ...recipient, recipient_account: '12-34' }])).code).toBe('400');
		expect((await code([{ ...recipient, recipient_amount: 14_001 }])).code).toBe('400');
		expect(
			(await code([{ ...recipient, recipient_email: 'a@b.co c@d.co e@f.co g@h.co i@j.co k@l.co' }]))
				.code,
		).toBe('247');
	});

	it('keeps each method inside its documented expiration window', async () => {
		const now = sandbox.control.clock.now();
		const wib = (ms: number) =>
			new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
		const at = (minutes: number) => wib(now + minutes * 60_000);
		const status = async (overrides: Record<string, unknown>) =>
			(await create(overrides)).body.status.message as string;
		expect(await status({ trx_expiration_time: at(30) })).toMatch(/must be greater than 1 hour\)$/);
		expect(await status({ trx_expiration_time: '2030/01/01 10:00' })).toMatch(
			/must be greater than 1 hour\)$/,
		);
		expect(await status({ trx_expiration_time: at(120) })).toBe('Success');
		const qris = { list_enable_payment_method: 'QRIS', list_enable_sof: 'QRIS' };
		expect(await status({ ...qris, trx_expiration_time: at(61) })).toMatch(
			/must be between 1 minute and 1 hour\)$/,
		);
		const qrisExpiry = epochOf((await create({ ...qris })).body.trx_expiration_time) - now;
		expect(qrisExpiry).toBeGreaterThan(29 * 60_000);
		expect(qrisExpiry).toBeLessThanOrEqual(31 * 60_000);
		const dana = {
			list_enable_payment_method: 'EWALLET',
			list_enable_sof: 'dana_ewallet',
			success_redirect_url: 'https://shop.id/ok',
		};
		expect(await status({ ...dana, trx_expiration_time: at(90) })).toMatch(
			/within valid interval for each e-wallet type\)$/,
		);
		// LinkAja is always 5 minutes, whatever is asked.
		const linkAja =
			epochOf(
				(await create({ ...dana, list_enable_sof: 'linkaja_ewallet', trx_expiration_time: at(90) }))
					.body.trx_expiration_time,
			) - now;
		expect(linkAja).toBeGreaterThan(4 * 60_000);
		expect(linkAja).toBeLessThanOrEqual(6 * 60_000);
	});

	it('routes BCA to a unique-code transfer when OY! set it up so (3 hours, never after 20:30 UTC+7)', async () => {
		await control(sandbox, 'PUT', '/payment-routing/settings', { bca_unique_code: true });
		const answer = (await create({ list_enable_sof: '014', partner_user_id: undefined })).body;
		expect(answer.payment_method).toBe('BANK_TRANSFER');
		expect(answer.payment_info).toMatchObject({
			bank_code: '014',
			unique_code_detail: { unique_amount: 14000 },
		});
		expect(answer.payment_info.unique_code_detail.amount).toBe(
			14000 + answer.payment_info.unique_code_detail.unique_code,
		);
		const now = sandbox.control.clock.now();
		const expiresAt = epochOf(answer.trx_expiration_time);
		const wibDayStart = Math.floor((now + 7 * 3_600_000) / 86_400_000) * 86_400_000 - 7 * 3_600_000;
		const next2030 =
			wibDayStart + 20.5 * 3_600_000 >= now - 2_000
				? wibDayStart + 20.5 * 3_600_000
				: wibDayStart + 44.5 * 3_600_000;
		expect(expiresAt - now).toBeLessThanOrEqual(3 * 3_600_000);
		expect(expiresAt).toBeLessThanOrEqual(next2030);
		const tooLate = new Date(now + 7 * 3_600_000 + 200 * 60_000)
			.toISOString()
			.slice(0, 19)
			.replace('T', ' ');
		expect(
			(
				await create({
					list_enable_sof: '014',
					partner_user_id: undefined,
					trx_expiration_time: tooLate,
				})
			).body.status.message,
		).toBe(
			'Request is rejected (Format expiration is yyyy-MM-dd HH:mm:ss, must be between 1 minute and 3 hours and not exceed 20:30:00)',
		);
		expect(
			(await create({ list_enable_sof: '014', receive_amount: 10_500, partner_user_id: undefined }))
				.body.status.code,
		).toBe('400');
		expect((await create({ list_enable_sof: '014' })).body.status.message).toBe(
			'Request is rejected (Reusable VA is not supported for the requested SOF)',
		);
	});

	it('refuses unknown credentials with 254', async () => {
		const answer = await oy(
			sandbox,
			'POST',
			'/api/payment-routing/create-transaction',
			createBody(),
			{ 'x-api-key': 'wrong' },
		);
		expect(answer.body.status.code).toBe('254');
		const deactivation = await oy(sandbox, 'DELETE', '/api/payment-routing/X', undefined, {
			'x-oy-username': 'nobody',
		});
		expect(deactivation.body.status).toEqual({
			code: '254',
			message:
				'Request is Rejected (User credential not found, blocked, or invalid on deactivation request)',
		});
	});
});

describe('Check Status, payment, payouts and callbacks', () => {
	it('answers the docs example in the documented shape and re-sends the callback on send_callback', async () => {
		await oy(
			sandbox,
			'POST',
			'/api/payment-routing/create-transaction',
			examples['create'].request,
		);
		const example = examples['check-status'];
		const answer = await oy(sandbox, 'POST', '/api/payment-routing/check-status', example.request);
		expectSameShape(answer.body, example.response, TABLE_NAMES_OVER_EXAMPLES);
		expect(answer.body).toMatchObject({
			payment_status: 'WAITING_PAYMENT',
			request_amount: 14000,
			received_amount: 0,
			need_frontend: false,
		});
		expect(answer.body.payment_routing[0]).toMatchObject({
			recipient_account: '1234567890',
			recipient_email: 'recipient_bca@gmail.com',
			disbursement_trx_status: 'WAITING',
			email_status: 'UNSENT',
		});
		const callback = await callbackFor('TRX-20211117-1030');
		expect(callback.path).toBe('/routing');
		expectSameShape(callback.body, examples['callback-va'].response, TABLE_NAMES_OVER_EXAMPLES);
		expect(callback.body.payment_status).toBe('WAITING_PAYMENT');
		expect(callback.body.status).toBeUndefined();
	});

	it('answers 204 for an unknown id and 400 without one', async () => {
		expect((await checkStatus('NOPE')).body.status.code).toBe('204');
		expect(
			(await oy(sandbox, 'POST', '/api/payment-routing/check-status', {})).body.status.code,
		).toBe('400');
	});

	it('pays a VA, disburses to the recipient, completes, calls back and credits the partner with the rest', async () => {
		const created = (await create({ partner_trx_id: 'PAID-1' })).body;
		const during = await pay('PAID-1');
		expect(during.payment_status).toBe('DISBURSE_IN_PROGRESS');
		expect(during.payment_routing[0].disbursement_trx_status).toBe('IN_PROGRESS');
		expect(await balance()).toBe(START_BALANCE + 4_000);
		await afterProcessing();
		const callback = await callbackFor('PAID-1');
		expectSameShape(callback.body, examples['callback-va'].response, [
			...TABLE_NAMES_OVER_EXAMPLES,
			'payment_received_time',
			'settlement_time',
			'settlement_status',
			'settlement_type',
		]);
		expect(callback.body).toMatchObject({
			trx_id: created.trx_id,
			payment_status: 'COMPLETE',
			settlement_status: 'SUCCESS',
			settlement_type: 'realtime',
		});
		expect(callback.body.payment_received_time).toMatch(WIB_DATE_TIME);
		expect(callback.body.payment_routing[0]).toMatchObject({
			disbursement_trx_status: 'SUCCESS',
			email_status: 'SENT',
		});
		const status = (await checkStatus('PAID-1')).body;
		expect(status).toMatchObject({ payment_status: 'COMPLETE', received_amount: 14000 });
		expect(await balance()).toBe(START_BALANCE + 4_000);
	});

	it('plays every mock recipient account: INCOMPLETE once the pending payouts are settled, failed amounts back to the partner', async () => {
		const recipients = ['1234567890', '1234567891', '1234567892', '1234567893', '1234567894'].map(
			(account) => ({
				recipient_bank: '014',
				recipient_account: account,
				recipient_amount: 2_000,
			}),
		);
		await create({ partner_trx_id: 'MOCKS', payment_routing: recipients });
		await pay('MOCKS');
		expect(await balance()).toBe(START_BALANCE + 4_000);
		await afterProcessing();
		const first = await callbackFor('MOCKS');
		expect(first.body.payment_status).toBe('DISBURSE_IN_PROGRESS');
		expect(first.body.payment_routing.map((r: any) => r.disbursement_trx_status)).toEqual([
			'SUCCESS',
			'FAILED',
			'FAILED_FORCE_CREDIT',
			'PENDING',
			'PENDING_FORCE_CREDIT',
		]);
		expect(await balance()).toBe(START_BALANCE + 8_000);

		for (const payout of first.body.payment_routing.slice(3)) {
			await control(
				sandbox,
				'POST',
				`/payment-routing/transactions/MOCKS/payouts/${payout.disbursement_trx_id}/settle`,
				{ status: 'SUCCESS' },
			);
		}
		const last = await callbackFor('MOCKS', (c) => c.body.payment_status === 'INCOMPLETE');
		expect(last.body.payment_routing.map((r: any) => r.disbursement_trx_status)).toEqual([
			'SUCCESS',
			'FAILED',
			'FAILED_FORCE_CREDIT',
			'SUCCESS',
			'SUCCESS',
		]);
		expect(await balance()).toBe(START_BALANCE + 8_000);
	});

	it('reaches INCOMPLETE with the docs combination 1234567890 + 1234567891', async () => {
		const routing = ['1234567890', '1234567891'].map((account) => ({
			recipient_bank: '014',
			recipient_account: account,
			recipient_amount: 5_000,
		}));
		await create({ partner_trx_id: 'COMBO', payment_routing: routing });
		await pay('COMBO');
		await afterProcessing();
		expect((await callbackFor('COMBO')).body.payment_status).toBe('INCOMPLETE');
		expect(await balance()).toBe(START_BALANCE + 4_000 + 5_000);
	});

	it('sends the delayed-settlement double callback: WAITING at payment, SUCCESS at settlement, and credits only then', async () => {
		await control(sandbox, 'PUT', '/payment-routing/settings', {
			settlement_type: 'non_realtime',
			admin_fee: 500,
		});
		await create({ partner_trx_id: 'LATE', payment_routing: [] });
		await pay('LATE');
		const first = await callbackFor('LATE');
		expect(first.body).toMatchObject({
			payment_status: 'COMPLETE',
			settlement_status: 'WAITING',
			settlement_type: 'non_realtime',
		});
		expect(await balance()).toBe(START_BALANCE);
		await control(sandbox, 'POST', '/clock/advance', { days: 2 });
		const second = await callbackFor('LATE', (c) => c.body.settlement_status === 'SUCCESS');
		expect(second.body.settlement_time).toBe(first.body.settlement_time);
		expect(second.body.settlement_time.slice(11)).toBe('15:00:00');
		expect(await balance()).toBe(START_BALANCE + 14_000 - 500);
	});

	it('sends each documented callback structure: payment link, unique code, QRIS, e-wallet and cards', async () => {
		const recipient = [
			{ recipient_bank: '014', recipient_account: '1234567890', recipient_amount: 10_000 },
		];
		const variants: Array<[string, Record<string, unknown>, string]> = [
			[
				'LINK',
				{
					need_frontend: true,
					list_enable_payment_method: 'BANK_TRANSFER,QRIS',
					list_enable_sof: '009,QRIS',
					partner_user_id: undefined,
				},
				'callback-payment-link',
			],
			[
				'QRIS',
				{ list_enable_payment_method: 'QRIS', list_enable_sof: 'QRIS', partner_user_id: undefined },
				'callback-qris',
			],
			[
				'EWALLET',
				{
					list_enable_payment_method: 'EWALLET',
					list_enable_sof: 'dana_ewallet',
					success_redirect_url: 'https://shop.id/ok',
					partner_user_id: undefined,
				},
				'callback-ewallet',
			],
			[
				'CARDS',
				{
					list_enable_payment_method: 'CARDS',
					list_enable_sof: 'CC_DC',
					success_redirect_url: 'https://a.id',
					failed_redirect_url: 'https://b.id',
					receive_amount: 15_000,
					partner_user_id: undefined,
				},
				'callback-cards',
			],
		];
		for (const [id, overrides, example] of variants) {
			await create({ partner_trx_id: id, payment_routing: recipient, ...overrides });
			await pay(id);
		}
		await control(sandbox, 'PUT', '/payment-routing/settings', { bca_unique_code: true });
		await create({
			partner_trx_id: 'UNIQUE',
			list_enable_sof: '014',
			partner_user_id: undefined,
			payment_routing: recipient,
		});
		await pay('UNIQUE');
		await afterProcessing();
		const settlement = [
			'payment_received_time',
			'settlement_time',
			'settlement_status',
			'settlement_type',
		];
		for (const [id, , example] of [...variants, ['UNIQUE', {}, 'callback-unique-code'] as const]) {
			const callback = await callbackFor(id);
			// The payment-link example shows need_frontend false with a method (OY API docs: Payment Routing › Partner Callback Payment Routing › payload examples); the table says neither.
			const pageOnly = id === 'LINK' ? ['payment_method', 'sender_bank'] : [];
			expectSameShape(callback.body, examples[example].response, [
				...TABLE_NAMES_OVER_EXAMPLES,
				...settlement,
				...pageOnly,
			]);
			expect(callback.body.payment_status).toBe('COMPLETE');
		}
		expect((await callbackFor('LINK')).body.need_frontend).toBe(true);
		expect((await callbackFor('CARDS')).body.payment_info.cards_url).toEqual(expect.any(String));
		const qris = (await callbackFor('QRIS')).body;
		expect(qris.payment_info.payment_reference_number).toMatch(/^\d{18}$/);
		const byReference = await oy(sandbox, 'POST', '/api/payment-routing/check-status', {
			payment_reference_number: qris.payment_info.payment_reference_number.slice(0, 12),
		});
		expect(byReference.body.partner_trx_id).toBe('QRIS');
	});

	it('lets the payer choose on OY!s page, and fail an e-wallet payment (PAYMENT_FAILED, payouts cancelled)', async () => {
		await create({
			partner_trx_id: 'PAGE',
			need_frontend: true,
			list_enable_payment_method: 'EWALLET,QRIS',
			list_enable_sof: 'ovo_ewallet,QRIS',
			partner_user_id: undefined,
		});
		expect((await checkStatus('PAGE')).body.payment_status).toBe('CREATED');
		await control(sandbox, 'POST', '/payment-routing/transactions/PAGE/select-method', {
			payment_method: 'EWALLET',
		});
		expect((await checkStatus('PAGE')).body.payment_status).toBe('WAITING_PAYMENT');
		await control(sandbox, 'POST', '/payment-routing/transactions/PAGE/fail', {
			payment_method: 'EWALLET',
		});
		const status = (await checkStatus('PAGE')).body;
		expect(status.payment_status).toBe('PAYMENT_FAILED');
		expect(status.payment_routing[0].disbursement_trx_status).toBe('CANCEL');
		await expect(pay('PAGE')).rejects.toThrow(/PAYMENT_FAILED/);
	});

	it('expires an unpaid transaction and cancels its payouts', async () => {
		await create({ partner_trx_id: 'OLD' });
		await control(sandbox, 'POST', '/clock/advance', { hours: 25 });
		const status = (await checkStatus('OLD')).body;
		expect(status.payment_status).toBe('EXPIRED');
		expect(status.payment_routing[0].disbursement_trx_status).toBe('CANCEL');
		await expect(pay('OLD')).rejects.toThrow(/EXPIRED/);
	});
});

describe('Deactivate Payment Routing', () => {
	it('deactivates an unpaid API-only QRIS transaction and only that', async () => {
		await create({
			partner_trx_id: 'QR-1',
			list_enable_payment_method: 'QRIS',
			list_enable_sof: 'QRIS',
			partner_user_id: undefined,
		});
		const answer = await oy(sandbox, 'DELETE', '/api/payment-routing/QR-1');
		expectSameShape(answer.body, examples['deactivate'].response);
		expect(answer.body.status).toEqual({ code: '000', message: 'Success' });
		expect((await checkStatus('QR-1')).body.payment_status).toBe('EXPIRED');
		expect((await oy(sandbox, 'DELETE', '/api/payment-routing/QR-1')).body.status.code).toBe('300');
		await create({ partner_trx_id: 'VA-1' });
		expect((await oy(sandbox, 'DELETE', '/api/payment-routing/VA-1')).body.status).toEqual({
			code: '300',
			message: 'Request is rejected (Deactivation request failed)',
		});
		expect((await oy(sandbox, 'DELETE', '/api/payment-routing/NOPE')).body.status.code).toBe('204');
	});
});
