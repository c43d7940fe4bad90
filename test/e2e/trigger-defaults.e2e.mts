import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowJson } from '../../scripts/n8n/instance.mjs';
import {
	SANDBOX_CALLBACK_TOKEN_CREDENTIAL,
	SANDBOX_CREDENTIAL,
	TRIGGER_TYPE,
	triggerCallbackUrl,
} from '../../scripts/n8n/stack.mjs';
import { activate, connectToStack } from './support/stack.mjs';
import { itemsOf } from './support/workflows.mjs';

/**
 * The OY! Trigger as a new user leaves it (version 2, every parameter at its default) and as a
 * workflow saved before version 2 has it (version 1, no parameter saved: no token, no allow-list),
 * published in real n8n and called at its production URL: OY's own e-wallet example is passed on,
 * forged callbacks never become a confirmed success, and a body nested 10,000 deep is refused
 * without breaking n8n's executions API.
 */
type Stack = Awaited<ReturnType<typeof connectToStack>>;

const DOC: Array<{ name: string; body: Record<string, unknown> }> = JSON.parse(
	readFileSync(new URL('../trigger/fixtures/doc-callbacks.json', import.meta.url), 'utf8'),
);
const EWALLET_EXAMPLE = DOC.find(
	(entry) => entry.name === 'e-wallet payment (delayed settlement, first callback)',
)!.body;
const FORGED_WHATSAPP = {
	partner_tx_id: 'FORGED-E2E-WA',
	whatsapp_number: '62123123123',
	message_id: 'forged-e2e-msg',
	status: 'read',
};
const FORGED_STATEMENT = {
	account_statement_id: 'forged-e2e-statement',
	total_transactions: 1,
	total_pages: 1,
	status: { code: '000', message: 'Success' },
};

function triggerWorkflow(
	id: string,
	typeVersion: number,
	credentials: Record<string, { id: string; name: string }>,
): WorkflowJson {
	return {
		id,
		name: `OY! Trigger defaults, version ${typeVersion}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: randomUUID(),
				name: 'OY! Trigger',
				type: TRIGGER_TYPE,
				typeVersion,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: {},
				credentials,
			},
		],
		connections: {},
	};
}

const V2 = triggerWorkflow('oyTrgDefaultsV2', 2, {
	oyApi: SANDBOX_CREDENTIAL,
	oyCallbackTokenApi: SANDBOX_CALLBACK_TOKEN_CREDENTIAL,
});
const V1 = triggerWorkflow('oyTrgDefaultsV1', 1, { oyApi: SANDBOX_CREDENTIAL });

describe('the OY! Trigger under its default settings, published in real n8n', () => {
	let stack: Stack;
	let v2Url = '';
	let v1Url = '';
	const post = (url: string, body: unknown) =>
		fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: typeof body === 'string' ? body : JSON.stringify(body),
		});
	/** The trigger items of a workflow's executions, oldest first, once `count` have finished. */
	const items = async (workflowId: string, count: number) => {
		const deadline = Date.now() + 30_000;
		for (;;) {
			const finished = (await stack.n8n.executions(workflowId)).filter(
				(execution) => execution.status !== 'running' && execution.status !== 'new',
			);
			if (finished.length >= count)
				return finished.reverse().flatMap((execution) => itemsOf(execution, 'OY! Trigger'));
			if (Date.now() > deadline)
				throw new Error(`${workflowId}: ${finished.length} of ${count} executions within 30 s`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	};

	beforeAll(async () => {
		stack = await connectToStack();
		await stack.n8n.importWorkflows([V2, V1]);
		await activate(stack.n8n, V2.id as string);
		await activate(stack.n8n, V1.id as string);
		v2Url = triggerCallbackUrl([V2], stack.context.n8nUrl)?.url ?? '';
		v1Url = triggerCallbackUrl([V1], stack.context.n8nUrl)?.url ?? '';
		expect(v2Url).toContain('?token=');
		expect(v1Url).not.toContain('?token=');
		// n8n serves a published workflow's webhooks a moment after the API answers: wait for them
		// with an empty object, which the trigger refuses (400) without starting an execution.
		for (const url of [v1Url, v2Url]) {
			const deadline = Date.now() + 30_000;
			while ((await post(url, {})).status === 404) {
				if (Date.now() > deadline) throw new Error(`n8n did not serve ${url} within 30 s`);
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
		}
	});

	it("OY's e-wallet callback example (OY API docs: API E-Wallet Aggregator › E-Wallet Transaction Callback) is accepted and passed on, unconfirmed, not dropped", async () => {
		const answer = await post(v2Url, EWALLET_EXAMPLE);
		expect(answer.status).toBe(200);
		const [item] = await items(V2.id as string, 1);
		expect(item).toMatchObject({
			kind: 'eWalletPayment',
			amount: 75000,
			outcome: 'unconfirmed',
			isFinal: false,
			confirmation: { state: 'unconfirmable', claimedOutcome: 'success' },
			body: EWALLET_EXAMPLE,
		});
	});

	it('forged WhatsApp and statement callbacks never produce a confirmed success', async () => {
		// Version 2: a token is required; with it, the statement is asked of OY! (none such: 403).
		expect((await post(v2Url.replace(/\?token=.*$/, ''), FORGED_WHATSAPP)).status).toBe(401);
		expect((await post(v2Url, FORGED_STATEMENT)).status).toBe(403);
		expect((await post(v2Url, FORGED_WHATSAPP)).status).toBe(200);
		// Version 1 as saved: no token, no allow-list, money events confirmed.
		expect((await post(v1Url, FORGED_WHATSAPP)).status).toBe(200);
		expect((await post(v1Url, FORGED_STATEMENT)).status).toBe(200);

		const all = [...(await items(V2.id as string, 2)), ...(await items(V1.id as string, 2))];
		const forged = all.filter(
			(item) => item.kind === 'whatsappStatus' || item.kind === 'accountStatement',
		);
		expect(forged).toHaveLength(3);
		for (const item of forged) {
			expect(item.outcome).toBe('unconfirmed');
			expect(item.isFinal).toBe(false);
			expect(item.confirmation.state).not.toBe('confirmed');
			expect(item.confirmation.claimedOutcome).toBe('success');
		}
		expect(all.some((item) => item.outcome === 'success')).toBe(false);
	});

	it("a body nested 10,000 deep is refused with 4xx and n8n's executions API still answers 200", async () => {
		// A WhatsApp status (a kind no status API can refute) with one field nested 10,000 deep.
		const nested = `${'{"a":'.repeat(9_999)}{}${'}'.repeat(9_999)}`;
		const deep = JSON.stringify({ ...FORGED_WHATSAPP, message_id: 'deep-e2e-msg' }).replace(
			/}$/,
			`,"extra":${nested}}`,
		);
		expect(deep.length).toBeLessThan(64 * 1024);
		for (const url of [v1Url, v2Url]) {
			const answer = await post(url, deep);
			expect(answer.status).toBe(400);
			expect(await answer.json()).toMatchObject({
				received: false,
				error: 'Body is nested deeper than any OY! callback',
			});
		}
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		for (const workflowId of [V1.id as string, V2.id as string]) {
			const { status, body } = await stack.n8n.api(
				'GET',
				`/executions?workflowId=${workflowId}&includeData=true&limit=100`,
			);
			expect(status).toBe(200);
			expect(JSON.stringify(body)).not.toContain('{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a":{"a"');
		}
	});
});
