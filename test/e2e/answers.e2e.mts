import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Execution } from '../../scripts/n8n/instance.mjs';
import { ONE_LINK } from '../support/operationParameters.mjs';
import { connectToStack, removeCredentials } from './support/stack.mjs';
import { itemsOf, manualWorkflow, oyNode } from './support/workflows.mjs';

const RUN = Date.now().toString(36).toUpperCase();
const WRONG_KEY = { id: 'oyE2eWrongKey001', name: 'OY! Sandbox, wrong API key' };

/** Each node continues on fail, so its refusal is an item the test can read. */
const continuing = (
	node: ReturnType<typeof oyNode>,
	credential?: { id: string; name: string },
) => ({
	...node,
	onError: 'continueRegularOutput',
	...(credential ? { credentials: { oyApi: credential } } : {}),
});

/**
 * What README says of OY's answers and of guessed inputs, in real n8n 2.41.1: a refused status read
 * is unknown (never "nothing was created"), inputs that would be guessed are refused before sending,
 * and Payment Link Get Status reads the same in the docs' shape and in the envelope OY! clients read.
 */
describe("OY's answers and guessed inputs, in real n8n", () => {
	let execution: Execution;
	const linkId = `ANSL${RUN}`;

	beforeAll(async () => {
		const { n8n, sandbox, context } = await connectToStack();
		await n8n.importCredentials([
			{
				...WRONG_KEY,
				type: 'oyApi',
				data: {
					environment: 'sandbox',
					baseUrl: context.sandbox.url,
					username: context.sandbox.username,
					apiKey: 'not-the-key',
				},
			},
		]);
		const oy = (pathname: string, body: unknown) =>
			fetch(`${context.sandbox.url}${pathname}`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'x-oy-username': context.sandbox.username,
					'x-api-key': context.sandbox.apiKey,
				},
				body: JSON.stringify(body),
			});
		await oy('/api/remit', {
			partner_trx_id: `ANS-${RUN}`,
			recipient_bank: '014',
			recipient_account: '1234567890',
			amount: 10000,
		});
		await oy('/api/payment-checkout/create-v2', {
			partner_tx_id: linkId,
			sender_name: 'Budi Santoso',
			amount: 50000,
			is_open: false,
			include_admin_fee: false,
		});
		await sandbox.call('POST', `/payment-checkout/links/${linkId}/pay`, {
			payment_method: 'VA',
			sender_bank: '002',
		});
		await sandbox.call('PUT', '/payment-checkout/settings', { status_envelope: true });
		try {
			const workflow = manualWorkflow('oyE2eAnswers0001', 'e2e: answers and guessed inputs', [
				[
					continuing(
						oyNode('Status, wrong key', {
							resource: 'disbursement',
							operation: 'getStatus',
							partnerTrxId: `ANS-${RUN}`,
						}),
						WRONG_KEY,
					),
				],
				[
					continuing(
						oyNode('Bank outside the table', {
							resource: 'disbursement',
							operation: 'create',
							partnerTrxId: `ANS-B-${RUN}`,
							recipientBank: '999',
							recipientAccount: '1234567890',
							amount: '10000',
						}),
					),
				],
				[
					continuing(
						oyNode('Expiry as a number', {
							...ONE_LINK,
							partnerTxId: `ANSN${RUN}`,
							additionalFields: { expiration: '={{ 20270315 }}' },
						}),
					),
				],
				[
					continuing(
						oyNode('Expiry day-first', {
							...ONE_LINK,
							partnerTxId: `ANSD${RUN}`,
							additionalFields: { expiration: '03/04/2027' },
						}),
					),
				],
				[
					oyNode('Link status, envelope', {
						resource: 'paymentLink',
						operation: 'getStatus',
						additionalFields: { partnerTxId: linkId },
					}),
				],
			]);
			await n8n.importWorkflows([workflow]);
			({ execution } = await n8n.execute(workflow.id));
		} finally {
			await sandbox.call('PUT', '/payment-checkout/settings', { status_envelope: false });
		}
	});

	afterAll(async () => removeCredentials((await connectToStack()).n8n, [WRONG_KEY.id]));

	it('a status read refused for a wrong API key is unknown: OY! said nothing about the payout', () => {
		const [item] = itemsOf(execution, 'Status, wrong key');
		expect(item).toMatchObject({ outcome: 'unknown', oy: { code: '208' } });
		expect(item.error).toMatch(/the state of what was asked for is unknown/);
	});

	it('a bank code outside OY! Disbursement Bank Codes is refused before sending, naming parameter and item', () => {
		const [item] = itemsOf(execution, 'Bank outside the table');
		expect(item).toMatchObject({ outcome: 'rejected', oy: { sent: false } });
		expect(item.error).toMatch(
			/'Recipient Bank Name or ID' must be one of OY's Disbursement Bank Codes \(got 999\).*\[item 0\]/,
		);
	});

	it('a number or a day-first date as an expiry is refused before sending', () => {
		expect(itemsOf(execution, 'Expiry as a number')[0].error).toMatch(
			/'Expiration' must be a date written as text, not a number \(got 20270315\)/,
		);
		expect(itemsOf(execution, 'Expiry day-first')[0].error).toMatch(
			/'Expiration' is ambiguous \(got 03\/04\/2027/,
		);
	});

	it('Payment Link Get Status answered in the envelope OY! clients read gives the item of the docs’ shape', () => {
		const [item] = itemsOf(execution, 'Link status, envelope');
		expect(item).toMatchObject({
			outcome: 'success',
			partner_tx_id: linkId,
			status: 'complete',
			amount: 50000,
		});
		expect(item).not.toHaveProperty('data');
	});
});
