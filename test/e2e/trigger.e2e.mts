import { beforeAll, describe, expect, it } from 'vitest';
import {
	bundledWorkflow,
	CALLBACK_PRODUCTS,
	triggerCallbackUrl,
} from '../../scripts/n8n/stack.mjs';
import { activate, connectToStack, waitForExecutions } from './support/stack.mjs';
import { itemsOf } from './support/workflows.mjs';

type Stack = Awaited<ReturnType<typeof connectToStack>>;

/** The example a new user publishes; its OY! Trigger has a token, an allow-list and confirms money events. */
const example = await bundledWorkflow('examples/oy-receive-callbacks.json');
const WORKFLOW_ID = example.workflow.id;

describe("the OY! Trigger of the callback example, published, called by the sandbox at n8n's production webhook URL", () => {
	let stack: Stack;
	let url: string;
	const oy = async (method: string, pathname: string, body: unknown) => {
		const { url: base, username, apiKey } = stack.context.sandbox;
		const response = await fetch(`${base}${pathname}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'x-oy-username': username,
				'x-api-key': apiKey,
			},
			body: JSON.stringify(body),
		});
		return (await response.json()) as Record<string, any>;
	};
	/** The trigger's item of the first execution that has one matching. */
	const emitted = async (match: (item: Record<string, any>) => boolean) => {
		const deadline = Date.now() + 30_000;
		for (;;) {
			const finished = (await stack.n8n.executions(WORKFLOW_ID)).filter(
				(execution) => execution.data?.resultData.runData['OY! Trigger'],
			);
			const found = finished
				.flatMap((execution) =>
					itemsOf(execution, 'OY! Trigger').map((item) => ({ execution, item })),
				)
				.find(({ item }) => match(item));
			if (found) return found;
			if (Date.now() > deadline) throw new Error('no execution with the expected item within 30s');
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	};

	/** The number of executions once the sandbox has no callback left to deliver and n8n has finished them all. */
	const settledExecutionCount = async () => {
		let last = -1;
		for (;;) {
			const { deliveries } = await stack.sandbox.call('GET', '/callbacks?state=pending');
			const count = (await waitForExecutions(stack.n8n, WORKFLOW_ID, 3)).length;
			if (deliveries.length === 0 && count === last) return count;
			last = count;
			await new Promise((resolve) => setTimeout(resolve, 1_000));
		}
	};

	beforeAll(async () => {
		stack = await connectToStack();
		await activate(stack.n8n, WORKFLOW_ID);
		url = triggerCallbackUrl([example.workflow], stack.context.n8nUrl)?.url ?? '';
		expect(url).toContain('?token=');
		// The token lives in n8n's encrypted credential, never in the workflow a user exports or shares.
		const token = new URL(url).searchParams.get('token') ?? '';
		expect(token.length).toBeGreaterThanOrEqual(16);
		expect(example.text).not.toContain(token);
		await stack.sandbox.call(
			'PUT',
			'/callbacks',
			Object.fromEntries(CALLBACK_PRODUCTS.map((product) => [product, url])),
		);
		await stack.sandbox.call('PUT', '/processing-delays', { disbursement: 0 });
	});

	it('a disbursement that completes: confirmed with OY!, normalized', async () => {
		const created = await oy('POST', '/api/remit', {
			partner_trx_id: 'TRG-E2E-D1',
			recipient_bank: '014',
			recipient_account: '1234567890',
			amount: 125000,
		});
		expect(created.status.code).toBe('101');
		const { execution, item } = await emitted(
			(candidate) => candidate.partnerTrxId === 'TRG-E2E-D1',
		);
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(item).toMatchObject({
			kind: 'disbursement',
			status: '000',
			outcome: 'success',
			isFinal: true,
			amount: 125000,
			oyTrxId: created.trx_id,
			dedupKey: 'disbursement:TRG-E2E-D1:000',
			confirmation: { state: 'confirmed', claimedStatus: '000' },
		});
		expect(item.body.partner_trx_id).toBe('TRG-E2E-D1');
		expect(itemsOf(execution, 'Only final money events')).toEqual([
			expect.objectContaining({ dedupKey: 'disbursement:TRG-E2E-D1:000' }),
		]);
	});

	it('a paid virtual account: the payment, confirmed with OY!', async () => {
		const va = await oy('POST', '/api/generate-static-va', {
			partner_user_id: 'trg-e2e-user-1',
			bank_code: '002',
			is_open: true,
			is_lifetime: true,
			partner_trx_id: 'TRG-E2E-VA1',
		});
		expect(va.status.code).toBe('000');
		const paid = await stack.sandbox.call('POST', '/virtual-account/payments', {
			va_number: va.va_number,
			amount: 40_000,
		});
		const { item } = await emitted(
			(candidate) => candidate.kind === 'vaPayment' && candidate.partnerTrxId === 'TRG-E2E-VA1',
		);
		expect(item).toMatchObject({
			status: 'SUCCESS',
			outcome: 'success',
			amount: 40000,
			oyTrxId: paid.payment.id,
			confirmation: { state: 'confirmed' },
			details: { vaNumber: va.va_number, partnerUserId: 'trg-e2e-user-1', vaId: va.id },
		});
	});

	it('a paid payment link: COMPLETE, confirmed with OY!', async () => {
		const link = await oy('POST', '/api/payment-checkout/create-v2', {
			partner_tx_id: 'TRGE2ELINK1',
			sender_name: 'Budi Santoso',
			amount: 60000,
			is_open: false,
			include_admin_fee: false,
		});
		expect(link.status).toBe(true);
		await stack.sandbox.call('POST', '/payment-checkout/links/TRGE2ELINK1/pay', {});
		const { item } = await emitted(
			(candidate) => candidate.kind === 'paymentLink' && candidate.partnerTrxId === 'TRGE2ELINK1',
		);
		expect(item).toMatchObject({
			status: 'COMPLETE',
			outcome: 'success',
			isFinal: true,
			amount: 60000,
			confirmation: { state: 'confirmed' },
		});
	});

	it('a forged callback starts no execution: refused without the token, and refused when OY! does not confirm it', async () => {
		const before = await settledExecutionCount();
		// A real disbursement callback of the sandbox, replayed for a payout that never happened.
		const { deliveries } = await stack.sandbox.call('GET', '/callbacks?product=disbursement');
		const genuine = deliveries.find(
			(delivery: { payload: { partner_trx_id?: string } }) =>
				delivery.payload.partner_trx_id === 'TRG-E2E-D1',
		);
		const forged = { ...genuine.payload, partner_trx_id: 'FORGED-E2E-1', amount: 90_000_000 };
		const post = (target: string) =>
			fetch(target, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(forged),
			});

		const withoutToken = await post(url.replace(/\?token=.*$/, ''));
		expect(withoutToken.status).toBe(401);
		const wrongToken = await post(url.replace(/\?token=.*$/, '?token=a-guessed-token-0123456789'));
		expect(wrongToken.status).toBe(401);
		const unconfirmed = await post(url);
		expect(unconfirmed.status).toBe(403);
		expect(await unconfirmed.json()).toMatchObject({
			received: false,
			error: 'Not confirmed by OY!',
		});

		await new Promise((resolve) => setTimeout(resolve, 1_500));
		const after = await stack.n8n.executions(WORKFLOW_ID);
		expect(after).toHaveLength(before);
		expect(JSON.stringify(after)).not.toContain('FORGED-E2E-1');
	});
});
