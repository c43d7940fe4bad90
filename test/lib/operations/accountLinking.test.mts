import { describe, expect, it } from 'vitest';
import { getOperation } from '../../../lib/catalogue';
import { normalizeFields } from '../../../lib/records';
import {
	buildsDocsExample,
	classify,
	fixture,
	outcomesOf,
	problemLines,
	refusesEach,
	requestFor,
	statusObject,
} from '../support.mts';

const linkExample = fixture('eWallet/getLinkingUrl.request');
const linkAnswer = fixture('eWallet/getLinkingUrl.response');
const unlinkExample = fixture('eWallet/unlinkAccount.request');
const unlinkAnswer = fixture('eWallet/unlinkAccount.response');
const balanceExample = fixture('eWallet/getAccountBalance.request');
const balanceAnswer = fixture('eWallet/getAccountBalance.response');

/** A refusal in the linking envelope: `success` false, the code in `error` and in `status_code`. */
const refusal = (code: string) => ({
	success: false,
	error: { code, message: `message of ${code}` },
	data: null,
	reason: `reason of ${code}`,
	status_code: Number(code),
});

/** The docs' success for `000`, a refusal for any other code. */
const linkingBody = (success: unknown) => (code: string) =>
	code === '000' ? success : refusal(code);

const LINKING_TABLE = { '000': 'success', '290': 'rejected', '400': 'rejected' };

describe('eWallet.getLinkingUrl', () => {
	it(`builds the docs' example request (${linkExample.doc})`, () => {
		expect(requestFor('eWallet.getLinkingUrl', linkExample.body)).toMatchObject({
			method: 'POST',
			path: '/api/account/linking',
			body: linkExample.body,
			headers: { Timeout: '100' },
		});
	});

	it(`reads the docs' example answer as a success (${linkAnswer.doc})`, () => {
		expect(classify('eWallet.getLinkingUrl', linkAnswer.body).outcome).toBe('success');
	});

	it('reads "Phone number is linked" as rejected and shows its message (OY API docs: API Account Linking response codes)', () => {
		const body = {
			success: false,
			error: { code: '400', message: 'Phone number is linked' },
			data: null,
			reason: 'Phone number is linked',
			status_code: 400,
		};
		expect(classify('eWallet.getLinkingUrl', body)).toMatchObject({
			outcome: 'rejected',
			code: '400',
			message: 'Phone number is linked',
		});
	});

	it('finds the code in status_code when error is empty', () => {
		const body = {
			success: false,
			error: null,
			data: null,
			reason: 'Parameter not valid',
			status_code: 290,
		};
		expect(classify('eWallet.getLinkingUrl', body)).toMatchObject({
			outcome: 'rejected',
			code: '290',
		});
	});

	it('classifies every code of its table (OY API docs: API Account Linking response codes), 999 as unknown', () => {
		expect(outcomesOf('eWallet.getLinkingUrl', linkingBody(linkAnswer.body))).toEqual(
			LINKING_TABLE,
		);
		expect(classify('eWallet.getLinkingUrl', refusal('999')).outcome).toBe('unknown');
		expect(classify('eWallet.getLinkingUrl', refusal('208')).outcome).toBe('rejected');
	});

	refusesEach('eWallet.getLinkingUrl', linkExample.body, [
		[
			'a phone number in the international form',
			{ phone_number: '6282114845847' },
			'phone_number: phone_number must be a local number starting with 08 (e.g. 082114845847)',
		],
		[
			'a phone number with a +',
			{ phone_number: '+6282114845847' },
			'phone_number: phone_number must contain digits only',
		],
		[
			'a phone number over 20 digits',
			{ phone_number: '08'.padEnd(21, '1') },
			'phone_number: phone_number must be at most 20 characters long (got 21)',
		],
		[
			'an e-wallet OY! cannot link',
			{ channel_code: 'ovo_ewallet' },
			'channel_code: channel_code must be one of dana_ewallet, shopeepay_ewallet (got ovo_ewallet)',
		],
		[
			'another kind of account',
			{ payment_method: 'CARDS' },
			'payment_method: payment_method must be one of EWALLET (got CARDS)',
		],
		['no user', { partner_user_id: undefined }, 'partner_user_id: partner_user_id is required'],
	]);
});

describe('eWallet.unlinkAccount', () => {
	buildsDocsExample('eWallet.unlinkAccount', unlinkExample, 'POST', '/api/account/unlink');

	it(`reads the docs' example answer as unlinked (${unlinkAnswer.doc})`, () => {
		expect(classify('eWallet.unlinkAccount', unlinkAnswer.body)).toMatchObject({
			outcome: 'success',
			state: 'UNLINKED',
		});
	});

	it('reads any other data.status as not unlinked (OY API docs: API Account Linking › Unlink Account)', () => {
		const stillLinked = {
			...unlinkAnswer.body,
			data: { ...(unlinkAnswer.body.data as object), status: 'LINKED' },
		};
		expect(classify('eWallet.unlinkAccount', stillLinked)).toMatchObject({
			outcome: 'rejected',
			state: 'LINKED',
		});
	});

	it('classifies every code of its table', () => {
		expect(outcomesOf('eWallet.unlinkAccount', linkingBody(unlinkAnswer.body))).toEqual(
			LINKING_TABLE,
		);
	});

	it('refuses DANA, which OY! does not unlink', () => {
		expect(
			problemLines('eWallet.unlinkAccount', {
				...unlinkExample.body,
				channel_code: 'dana_ewallet',
			}),
		).toEqual(['channel_code: channel_code must be one of shopeepay_ewallet (got dana_ewallet)']);
	});
});

describe('eWallet.getAccountBalance', () => {
	buildsDocsExample('eWallet.getAccountBalance', balanceExample, 'POST', '/api/account/balance');

	it(`reads the docs' example answer, its amount in rupiah (${balanceAnswer.doc})`, () => {
		expect(classify('eWallet.getAccountBalance', balanceAnswer.body).outcome).toBe('success');
		const record = normalizeFields(
			{ ...balanceAnswer.body, amount: '150000.0000' },
			getOperation('eWallet.getAccountBalance').fields,
		);
		expect(record).toMatchObject({ amount: 150_000 });
	});

	it('classifies every code of its table in the status envelope the docs show for it', () => {
		// A read: its refusals (400 covers "not linked" and "not supported" alike) leave the balance unknown.
		expect(
			outcomesOf('eWallet.getAccountBalance', (code) => statusObject(code, { amount: null })),
		).toEqual({ '000': 'success', '290': 'unknown', '400': 'unknown' });
		const notLinked = {
			status: { code: '400', message: 'User account is not linked' },
			amount: null,
		};
		expect(classify('eWallet.getAccountBalance', notLinked)).toMatchObject({
			outcome: 'unknown',
			message: 'User account is not linked',
		});
	});

	it('also reads a refusal in the linking envelope', () => {
		expect(classify('eWallet.getAccountBalance', refusal('400')).outcome).toBe('unknown');
	});

	it('refuses an e-wallet OY! does not link', () => {
		expect(
			problemLines('eWallet.getAccountBalance', {
				...balanceExample.body,
				channel_code: 'linkaja_ewallet',
			}),
		).toEqual([
			'channel_code: channel_code must be one of dana_ewallet, shopeepay_ewallet (got linkaja_ewallet)',
		]);
	});
});
