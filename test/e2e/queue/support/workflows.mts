import { randomUUID } from 'node:crypto';
import type { WorkflowJson } from '../../../../scripts/n8n/instance.mjs';
import { oyNode } from '../../support/workflows.mjs';

export const PAYOUTS_WORKFLOW_ID = 'oyQueuePayouts01';
export const PAYOUTS_PATH = 'oy-queue-payouts';

/**
 * A payout run started by a webhook (so it runs on a worker): POST `{ payouts: [{ id, amount }] }`
 * → "Payouts" (one item each) → "Pay out" (OY! Disbursement Create). The webhook answers at once.
 */
export function payoutsWorkflow(): WorkflowJson {
	const node = (
		name: string,
		type: string,
		typeVersion: number,
		parameters: object,
		extra: object = {},
	) => ({
		id: randomUUID(),
		name,
		type,
		typeVersion,
		position: [0, 0],
		parameters,
		...extra,
	});
	const payOut = oyNode('Pay out', {
		resource: 'disbursement',
		operation: 'create',
		partnerTrxId: '={{ $json.id }}',
		recipientBank: '014',
		recipientAccount: '1234567890',
		amount: '={{ $json.amount }}',
		options: {},
	});
	const to = (name: string) => [[{ node: name, type: 'main', index: 0 }]];
	return {
		id: PAYOUTS_WORKFLOW_ID,
		name: 'e2e queue: payouts from a webhook',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node(
				'Webhook',
				'n8n-nodes-base.webhook',
				2,
				{ httpMethod: 'POST', path: PAYOUTS_PATH, responseMode: 'onReceived', options: {} },
				{ webhookId: randomUUID() },
			),
			node('Payouts', 'n8n-nodes-base.code', 2, {
				jsCode: 'return $input.first().json.body.payouts.map((payout) => ({ json: payout }));',
			}),
			payOut,
		],
		connections: { Webhook: { main: to('Payouts') }, Payouts: { main: to('Pay out') } },
	};
}
