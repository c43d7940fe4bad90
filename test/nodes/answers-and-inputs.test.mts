import { describe, expect, it } from 'vitest';
import { ONE_LINK, ONE_PAYOUT } from '../support/operationParameters.mjs';
import { runOyNode } from '../support/engine.mjs';
import { outputOf, refusedBeforeSending, theRequest, useOyHarness } from './harness.mjs';

/**
 * Issue 11 items 7, 10, 11 and 12 through the OY! node in n8n's engine, against the sandbox: what a
 * user sees when OY! refuses a read, when an input would be guessed, and the documented extras.
 */
const oy = useOyHarness({ processingDelays: { disbursement: 60_000 } });

describe('a refused status read is unknown, never "nothing was created" (item 7)', () => {
	it('Get Disbursement Status with a wrong API key raises that the state is unknown; Continue gives outcome unknown', async () => {
		await oy.run(ONE_PAYOUT);
		const parameters = { resource: 'disbursement', operation: 'getStatus', partnerTrxId: 'PAY-1' };
		const credentials = { ...oy.credentials, apiKey: 'not-the-key' };
		const stopped = await runOyNode({ parameters, credentials });
		expect(stopped.error?.message).toMatch(/the state of what was asked for is unknown/);
		const kept = await runOyNode({ parameters, credentials, continueOnFail: true });
		expect(kept.items.map((item) => item.json.outcome)).toEqual(['unknown']);
		expect(kept.items[0].json.oy).toMatchObject({ outcome: 'unknown', code: '208' });
	});
});

describe('inputs that would be guessed are refused before sending (item 10)', () => {
	it('a bank code outside OY! Disbursement Bank Codes, naming parameter and item', async () => {
		await refusedBeforeSending(
			oy,
			{ ...ONE_PAYOUT, recipientBank: '={{ $json.bank }}' },
			"'Recipient Bank Name or ID' must be one of OY's Disbursement Bank Codes (got 999); pick it from the list [item 0]",
			{ input: [{ bank: '999' }] },
		);
	});

	it('a number or a day-first date for a payment link expiry', async () => {
		const link = ONE_LINK;
		await refusedBeforeSending(
			oy,
			{ ...link, additionalFields: { expiration: '={{ 20270315 }}' } },
			/^'Expiration' must be a date written as text, not a number \(got 20270315\).* \[item 0\]$/,
		);
		await refusedBeforeSending(
			oy,
			{ ...link, additionalFields: { expiration: '03/04/2027' } },
			/^'Expiration' is ambiguous \(got 03\/04\/2027: which is the day and which the month\?\).* \[item 0\]$/,
		);
	});
});

describe('documented extras (item 11)', () => {
	it('Create Disbursement sends child_balance', async () => {
		await oy.control('PUT', '/balance/children/branch-bandung', { balance: 5_000_000 });
		const run = await oy.run({
			...ONE_PAYOUT,
			additionalFields: { childBalance: 'branch-bandung' },
		});
		expect(theRequest(run).body).toMatchObject({
			partner_trx_id: 'PAY-1',
			child_balance: 'branch-bandung',
		});
		expect(outputOf(run)[0]).toMatchObject({ outcome: 'pending' });
	});

	it('Account Inquiry asks again at most once on a lost answer, never when told not to', async () => {
		const inquire = {
			resource: 'accountInquiry',
			operation: 'inquire',
			bankCode: '014',
			accountNumber: '1234567890',
		};
		await oy.control('POST', '/faults', {
			kind: 'drop-after-commit',
			path: '/api/account-inquiry',
			times: 10,
		});
		const twice = await oy.run(inquire);
		expect(twice.error?.message).toBeDefined();
		expect(twice.requests).toHaveLength(2);
		const once = await oy.run({ ...inquire, additionalFields: { retryUnclear: false } });
		expect(once.requests).toHaveLength(1);
		expect(once.requests[0].body).toEqual({ bank_code: '014', account_number: '1234567890' });
	});
});

describe('Payment Link Get Status in both shapes (item 12)', () => {
	it.each([false, true])('status_envelope %s: the same item', async (envelope) => {
		await oy.control('PUT', '/payment-checkout/settings', { status_envelope: envelope });
		await oy.run(ONE_LINK);
		await oy.control('POST', '/payment-checkout/links/LINK1/pay', {
			payment_method: 'VA',
			sender_bank: '002',
		});
		const run = await oy.run({
			resource: 'paymentLink',
			operation: 'getStatus',
			additionalFields: { partnerTxId: 'LINK1' },
		});
		const [item] = outputOf(run);
		expect(item).toMatchObject({
			outcome: 'success',
			partner_tx_id: 'LINK1',
			status: 'complete',
			amount: 50000,
		});
		expect(item).not.toHaveProperty('success');
		expect(item).not.toHaveProperty('data');
	});
});
