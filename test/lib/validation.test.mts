import { describe, expect, it } from 'vitest';
import { getOperation } from '../../lib/catalogue.js';
import { buildRequest } from '../../lib/request.js';
import { validateInput } from '../../lib/validation.js';

const problemsOf = (operationId: string, input: Record<string, unknown>) =>
	validateInput(getOperation(operationId), input).problems.map((problem) => problem.message);

const payout = {
	partner_trx_id: 'TRX-1',
	recipient_bank: '014',
	recipient_account: '12341234',
	amount: 10000,
};
const va = { partner_user_id: 'user-1', bank_code: '002', amount: 50000, is_open: false };

describe('input checks before any request', () => {
	it('names each missing required parameter', () => {
		expect(problemsOf('disbursement.create', {})).toEqual([
			'partner_trx_id is required',
			'recipient_bank is required',
			'recipient_account is required',
			'amount is required',
		]);
	});

	// n8n passes an expression's text to the node as it is: "1.000" (a thousand, in Indonesian) must
	// not become 1 on its way to OY!.
	it('reads a whole number written as text only when it is plain digits', () => {
		expect(problemsOf('virtualAccount.create', { ...va, expiration_time: '1.440' })).toEqual([
			'expiration_time must be a whole number written with digits only ("1.440" may mean 1440)',
		]);
		expect(problemsOf('virtualAccount.create', { ...va, expiration_time: '1.5' })).toEqual([
			'expiration_time must be a whole number',
		]);
		expect(problemsOf('virtualAccount.create', { ...va, expiration_time: '1,440' })).toEqual([
			'expiration_time must be a number written with digits only (no thousands separators)',
		]);
		expect(
			validateInput(getOperation('virtualAccount.create'), { ...va, expiration_time: '1440' })
				.input,
		).toMatchObject({
			expiration_time: 1440,
		});
	});

	it('checks types, digits, lengths and lists', () => {
		expect(
			problemsOf('disbursement.create', { ...payout, recipient_account: '1234 5678' }),
		).toEqual(['recipient_account must contain digits only']);
		expect(
			problemsOf('disbursement.create', { ...payout, partner_trx_id: 'x'.repeat(256) }),
		).toEqual(['partner_trx_id must be at most 255 characters long (got 256)']);
		expect(problemsOf('disbursement.create', { ...payout, email: 'a@b.co not-an-email' })).toEqual([
			'email has addresses that are not valid: not-an-email',
		]);
		expect(problemsOf('disbursement.create', { ...payout, note: 'pay <script>' })).toEqual([
			'note may contain letters, digits, spaces and common symbols only',
		]);
		expect(
			problemsOf('disbursement.getStatus', { partner_trx_id: 'TRX-1', send_callback: 'yes' }),
		).toEqual(['send_callback must be true or false']);
		expect(problemsOf('accountInquiry.getInvoices', { status: 'LATE' })).toEqual([
			'status must be one of INITIATED, UNPAID, PAID (got LATE)',
		]);
		expect(problemsOf('virtualAccount.getMany', { offset: -1, limit: 1.5 })).toEqual([
			'offset must be at least 0 (got -1)',
			'limit must be a whole number',
		]);
	});

	it('refuses parameters OY! does not take, so a typo never goes unnoticed', () => {
		expect(problemsOf('disbursement.create', { ...payout, recipient_acount: '1' })).toEqual([
			'recipient_acount is not a parameter OY! accepts here',
		]);
	});

	it('coerces what n8n expressions and spreadsheets produce', () => {
		const { input, problems } = validateInput(getOperation('disbursement.create'), {
			...payout,
			amount: '150000',
			recipient_account: 12341234,
			email: 'a@b.co, c@d.co;e@f.co',
			note: '',
		});
		expect(problems).toEqual([]);
		expect(input).toEqual({
			...payout,
			amount: 150000,
			recipient_account: '12341234',
			email: 'a@b.co c@d.co e@f.co',
		});
		const status = validateInput(getOperation('disbursement.getStatus'), {
			partner_trx_id: 'TRX-1',
			send_callback: 'true',
		});
		expect(status.input.send_callback).toBe(true);
	});

	it('builds nested objects from dotted parameters', () => {
		const { input } = validateInput(getOperation('disbursement.create'), {
			...payout,
			additional_data: { partner_merchant_id: 'M-7' },
		});
		expect(buildRequest(getOperation('disbursement.create'), input).body).toEqual({
			...payout,
			additional_data: { partner_merchant_id: 'M-7' },
		});
	});

	it('applies the virtual account bank rules (OY API docs: VA aggregator bank codes, code 245)', () => {
		expect(
			problemsOf('virtualAccount.create', { ...va, is_open: false, amount: undefined }),
		).toEqual(['amount is required when is_open is false (a closed-amount VA)']);
		expect(problemsOf('virtualAccount.create', { ...va, bank_code: '009', is_open: true })).toEqual(
			['is_open must be false: BNI (009) takes closed amounts only'],
		);
		expect(problemsOf('virtualAccount.create', { ...va, bank_code: '008' })).toEqual([
			'email and full_name are required for Bank Mandiri (008)',
		]);
		expect(
			problemsOf('virtualAccount.create', {
				...va,
				bank_code: '022',
				email: 'a@b.co',
				full_name: 'Budi',
				expiration_time: 5,
			}),
		).toEqual(['expiration_time must be at least 10 minutes for CIMB Niaga / CIMB Niaga Syariah']);
		expect(
			problemsOf('virtualAccount.create', { ...va, bank_code: '451', expiration_time: 100000 }),
		).toEqual(['expiration_time must be at most 99999 minutes for BSI (Bank Syariah Indonesia)']);
		expect(
			problemsOf('virtualAccount.create', { ...va, bank_code: '451', is_lifetime: true }),
		).toEqual(['is_lifetime is not supported by BSI (Bank Syariah Indonesia) (451)']);
		expect(
			problemsOf('virtualAccount.create', { ...va, expiration_time: 60, trx_expiration_time: 120 }),
		).toEqual(['trx_expiration_time must not be later than expiration_time']);
		expect(problemsOf('virtualAccount.create', { ...va, bank_code: '999' })).toEqual([
			'bank_code must be one of 002, 008, 009, 013, 014, 022, 213, 451 (got 999)',
		]);
		expect(
			problemsOf('virtualAccount.createCustomized', { ...va, bank_code: '002', va_suffix: '123' }),
		).toEqual(['va_suffix must be at least 10 characters long']);
	});

	it('always sends a fixed parameter, whatever the input says', () => {
		const deactivate = getOperation('virtualAccount.deactivate');
		const { input, problems } = validateInput(deactivate, { id: 'va-1' });
		expect(problems).toEqual([]);
		expect(buildRequest(deactivate, input)).toMatchObject({
			method: 'PUT',
			path: '/api/static-virtual-account/va-1',
			body: { expiration_time: 0 },
		});
	});
});
