import { expect } from 'vitest';
import type { connectToQueue } from './stack.mjs';

type Queue = Awaited<ReturnType<typeof connectToQueue>>;

/** A payout that completes in the sandbox, and OY's genuine callback of it (the sandbox has no URL to send it to). */
export async function completedPayout(queue: Queue, id: string) {
	const response = await fetch(`${queue.context.sandbox.url}/api/remit`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'x-oy-username': queue.context.sandbox.username,
			'x-api-key': queue.context.sandbox.apiKey,
		},
		body: JSON.stringify({
			partner_trx_id: id,
			recipient_bank: '014',
			recipient_account: '1234567890',
			amount: 125000,
		}),
	});
	expect(response.status).toBe(200);
	for (
		const started = Date.now();
		Date.now() - started < 20_000;
		await new Promise((resolve) => setTimeout(resolve, 200))
	) {
		const { deliveries } = await queue.sandbox.call('GET', '/callbacks?product=disbursement');
		const delivery = deliveries.find(
			(candidate: { payload: { partner_trx_id?: string } }) =>
				candidate.payload.partner_trx_id === id,
		);
		if (delivery) return delivery.payload as Record<string, unknown>;
	}
	throw new Error(`the sandbox made no callback for ${id}`);
}

/** Delivers a callback body as OY! does. */
export const deliver = (url: string, body: unknown) =>
	fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});

/** The finished executions of a workflow, newest first. */
export const settledExecutions = async (queue: Queue, workflowId: string) =>
	(await queue.main.executions(workflowId)).filter(
		(execution) => !['new', 'running', 'waiting'].includes(execution.status),
	);
