import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Execution } from '../../scripts/n8n/instance.mjs';
import { activate, connectToStack, waitForExecutions } from './support/stack.mjs';
import { itemsOf, oyNode } from './support/workflows.mjs';

type Stack = Awaited<ReturnType<typeof connectToStack>>;

const WORKFLOW_ID = 'oyE2eCallback001';
const PATH = 'oy-e2e-disbursement-callback';

/**
 * OY!'s callbacks reach a published workflow at n8n's production webhook URL. Until the OY! Trigger
 * lands this uses n8n's Webhook node and confirms the callback with OY! through the OY! node (never
 * believe a callback as it stands); the trigger's tests follow the same steps.
 */
function callbackWorkflow() {
	const webhook = {
		id: randomUUID(),
		name: 'OY! callback',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path: PATH, responseMode: 'onReceived', options: {} },
	};
	const confirm = oyNode('Confirm with OY!', {
		resource: 'disbursement',
		operation: 'getStatus',
		partnerTrxId: '={{ $json.body.partner_trx_id }}',
	});
	confirm.position = [240, 0];
	return {
		id: WORKFLOW_ID,
		name: 'e2e: disbursement callback, confirmed with OY!',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [webhook, confirm],
		connections: { [webhook.name]: { main: [[{ node: confirm.name, type: 'main', index: 0 }]] } },
	};
}

describe("OY! callbacks reach a published workflow at n8n's production webhook URL", () => {
	let stack: Stack;
	let execution: Execution;
	beforeAll(async () => {
		stack = await connectToStack();
		await stack.n8n.importWorkflows([callbackWorkflow()]);
		await activate(stack.n8n, WORKFLOW_ID);
		await stack.sandbox.call('PUT', '/callbacks', { disbursement: `${stack.context.n8nUrl}/webhook/${PATH}` });
		await stack.sandbox.call('PUT', '/processing-delays', { disbursement: 0 });

		const { url, username, apiKey } = stack.context.sandbox;
		const remit = await fetch(`${url}/api/remit`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-oy-username': username, 'x-api-key': apiKey },
			body: JSON.stringify({ partner_trx_id: 'CALLBACK-E2E-1', recipient_bank: '014', recipient_account: '1234567890', amount: 175000 }),
		});
		expect(((await remit.json()) as { status: { code: string } }).status.code).toBe('101');
		[execution] = await waitForExecutions(stack.n8n, WORKFLOW_ID, 1);
	});

	it('the sandbox delivered the callback and n8n answered 200', async () => {
		const { deliveries } = await stack.sandbox.call('GET', '/callbacks?product=disbursement&state=delivered');
		expect(JSON.stringify(deliveries)).toContain('CALLBACK-E2E-1');
	});

	it('n8n ran the workflow in webhook mode with the callback body', () => {
		expect(execution).toMatchObject({ status: 'success', mode: 'webhook' });
		expect(itemsOf(execution, 'OY! callback')[0].body).toMatchObject({ partner_trx_id: 'CALLBACK-E2E-1', status: { code: '000' } });
	});

	it('the OY! node confirmed the payout with OY! under the same id', () => {
		expect(itemsOf(execution, 'Confirm with OY!')[0]).toMatchObject({ outcome: 'success', partner_trx_id: 'CALLBACK-E2E-1', amount: 175000 });
	});
});
