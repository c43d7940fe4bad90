import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCommunityPackage, packPackage } from '../../scripts/n8n/communityPackage.mjs';
import { N8nInstance } from '../../scripts/n8n/instance.mjs';
import type { Execution, WorkflowJson } from '../../scripts/n8n/instance.mjs';
import { freePort } from '../../scripts/n8n/processes.mjs';
import { ensureRuntime, PROFILES } from '../../scripts/n8n/runtime.mjs';
import { sandboxCredentials } from '../../scripts/n8n/stack.mjs';
import { connectToStack } from './support/stack.mjs';
import { itemsOf, oyNode } from './support/workflows.mjs';

type Stack = Awaited<ReturnType<typeof connectToStack>>;

// Ids of this run only: the sandbox and n8n's database outlive one test file.
const RUN = Date.now().toString(36).toUpperCase();
// The staging mock rule (OY API docs: Mock Data in Demo Environment): this account answers 210 and creates nothing.
const REFUSED_ACCOUNT = '2100000';

interface Payout {
	id: string;
	amount: string;
	account?: string;
}

/**
 * Start → "Payouts" (a Code node giving one item per payout) → "Pay out" (OY! Disbursement Create,
 * every value from the item) and, when the OY! node continues on the error output, its two
 * branches "Paid" and "Failed".
 */
function payoutWorkflow(
	id: string,
	payouts: Payout[],
	settings: { options?: object; errorOutput?: boolean },
): WorkflowJson {
	const node = (
		name: string,
		type: string,
		typeVersion: number,
		x: number,
		y: number,
		parameters: object = {},
	) => ({
		id: randomUUID(),
		name,
		type,
		typeVersion,
		position: [x, y],
		parameters,
	});
	const payOut = {
		...oyNode('Pay out', {
			resource: 'disbursement',
			operation: 'create',
			partnerTrxId: '={{ $json.id }}',
			recipientBank: '014',
			recipientAccount: '={{ $json.account ?? "1234567890" }}',
			amount: '={{ $json.amount }}',
			options: settings.options ?? {},
		}),
		position: [480, 0],
		...(settings.errorOutput ? { onError: 'continueErrorOutput' } : {}),
	};
	const nodes = [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, 0, 0),
		node('Payouts', 'n8n-nodes-base.code', 2, 240, 0, {
			jsCode: `return ${JSON.stringify(payouts.map((payout) => ({ json: payout })))};`,
		}),
		payOut,
		node('Paid', 'n8n-nodes-base.noOp', 1, 720, -100),
		node('Failed', 'n8n-nodes-base.noOp', 1, 720, 100),
	];
	const to = (name: string) => [{ node: name, type: 'main', index: 0 }];
	return {
		id,
		name: `e2e: partial batch ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections: {
			Start: { main: [to('Payouts')] },
			Payouts: { main: [to('Pay out')] },
			'Pay out': { main: [to('Paid'), to('Failed')] },
		},
	};
}

async function run(stack: Stack, workflow: WorkflowJson): Promise<Execution> {
	await stack.n8n.importWorkflows([workflow]);
	const { execution } = await stack.n8n.execute(workflow.id as string);
	await writeFile(
		path.join(stack.context.artifacts, `${workflow.id}.json`),
		JSON.stringify(execution, null, 2),
	);
	return execution;
}

function errorOf(execution: Execution, node: string): Record<string, any> | undefined {
	return execution.data.resultData.runData[node]?.[0]?.error as Record<string, any> | undefined;
}

async function payoutExists(stack: Stack, id: string): Promise<boolean> {
	try {
		await stack.sandbox.call('GET', `/disbursement/payouts/${id}`);
		return true;
	} catch {
		return false;
	}
}

/** The error branch of the error-output workflow: the refused item 1 and the bad item 2, with the input's fields. */
function expectFailedBranch(failed: Array<Record<string, any>>, ids: string[]) {
	expect(failed).toEqual([
		{
			id: ids[1],
			amount: '150000',
			account: REFUSED_ACCOUNT,
			message: expect.stringMatching(/code 210/),
			error: expect.objectContaining({
				outcome: 'rejected',
				partner_trx_id: ids[1],
				itemIndex: 1,
				oy: expect.objectContaining({ code: '210', sent: true }),
			}),
		},
		{
			id: ids[2],
			amount: 'abc',
			message: expect.stringMatching(/^'Amount' .* \[item 2\]$/),
			error: expect.objectContaining({
				outcome: 'rejected',
				partner_trx_id: ids[2],
				itemIndex: 2,
				oy: expect.objectContaining({
					sent: false,
					meaning: expect.stringMatching(/^Refused before sending/),
				}),
			}),
		},
	]);
}

describe('a payout run with a failing item, in real n8n', () => {
	let stack: Stack;
	beforeAll(async () => {
		stack = await connectToStack();
		await stack.sandbox.call('PUT', '/processing-delays', { disbursement: 0 });
	});

	it('sends nothing when item 2 of 3 has a bad amount, and says so', async () => {
		const ids = [0, 1, 2].map((index) => `BAD-${RUN}-${index}`);
		const execution = await run(
			stack,
			payoutWorkflow(
				'oyE2ePartialBad1',
				[
					{ id: ids[0], amount: '150000' },
					{ id: ids[1], amount: '150000' },
					{ id: ids[2], amount: 'abc' },
				],
				{},
			),
		);
		expect(execution.status).toBe('error');
		const error = errorOf(execution, 'Pay out');
		expect(error?.message).toMatch(/^'Amount' .* \[item 2\]$/);
		expect(error?.description).toMatch(/Nothing was sent to OY!/);
		for (const id of ids) expect(await payoutExists(stack, id), id).toBe(false);
	});

	it("reports item 0's payout in the error when OY! refuses item 1", async () => {
		const ids = [0, 1, 2].map((index) => `REF-${RUN}-${index}`);
		const execution = await run(
			stack,
			payoutWorkflow(
				'oyE2ePartialRef1',
				[
					{ id: ids[0], amount: '150000' },
					{ id: ids[1], amount: '150000', account: REFUSED_ACCOUNT },
					{ id: ids[2], amount: '150000' },
				],
				{ options: { concurrency: 1 } },
			),
		);
		expect(execution.status).toBe('error');
		const error = errorOf(execution, 'Pay out');
		expect(error?.message).toMatch(/\(OY! code 210\)/);
		expect(error?.description).not.toMatch(/Nothing was sent/);
		expect(error?.description).toContain(`item 0 (partner_trx_id ${ids[0]}): pending`);
		expect(error?.description).toContain('Not sent: item 2.');
		expect(error?.context?.sentItems).toEqual([
			expect.objectContaining({ itemIndex: 0, partner_trx_id: ids[0], outcome: 'pending' }),
			expect.objectContaining({
				itemIndex: 1,
				partner_trx_id: ids[1],
				outcome: 'rejected',
				code: '210',
			}),
		]);
		expect(await payoutExists(stack, ids[0])).toBe(true);
		expect(await payoutExists(stack, ids[2])).toBe(false);
	});

	it('routes failed items to the error branch and paid ones to the main branch (On Error › Continue (using error output))', async () => {
		const ids = [0, 1, 2, 3].map((index) => `OUT-${RUN}-${index}`);
		const execution = await run(
			stack,
			payoutWorkflow(
				'oyE2ePartialOut1',
				[
					{ id: ids[0], amount: '150000' },
					{ id: ids[1], amount: '150000', account: REFUSED_ACCOUNT },
					{ id: ids[2], amount: 'abc' },
					{ id: ids[3], amount: '160000' },
				],
				{ errorOutput: true },
			),
		);
		expect(execution.status).toBe('success');
		expect(itemsOf(execution, 'Paid').map((item) => [item.partner_trx_id, item.outcome])).toEqual([
			[ids[0], 'pending'],
			[ids[3], 'pending'],
		]);
		expectFailedBranch(itemsOf(execution, 'Failed'), ids);
		expect(await payoutExists(stack, ids[0])).toBe(true);
		expect(await payoutExists(stack, ids[2])).toBe(false);
	});

	it('reports a reused id as the original payout, nothing new sent; Options › Reused ID: Treat as Error raises', async () => {
		const id = `REUSE-${RUN}`;
		const first = await run(
			stack,
			payoutWorkflow('oyE2ePartialRe01', [{ id, amount: '150000' }], {}),
		);
		expect(itemsOf(first, 'Pay out')[0]).toMatchObject({ partner_trx_id: id, outcome: 'pending' });
		const again = await run(
			stack,
			payoutWorkflow('oyE2ePartialRe02', [{ id, amount: '150000' }], {}),
		);
		const [item] = itemsOf(again, 'Pay out');
		expect(item).toMatchObject({ partner_trx_id: id, oy: { duplicate: true, reusedId: true } });
		expect(item.oy.meaning).toMatch(/nothing new was sent/);
		expect(item.oy.meaning).toContain(item.oy.originalCreatedAt);
		const strict = await run(
			stack,
			payoutWorkflow('oyE2ePartialRe03', [{ id, amount: '150000' }], {
				options: { reusedId: 'error' },
			}),
		);
		expect(strict.status).toBe('error');
		expect(errorOf(strict, 'Pay out')?.message).toMatch(/already used/);
		const state = await stack.sandbox.call('GET', '/state?product=disbursement');
		expect(JSON.stringify(state).split(`"partner_trx_id":"${id}"`)).toHaveLength(2);
	});
});

/** n8n 1.x routes to the error output by other rules than 2.x: the same workflow in the oldest line we support. */
describe(`the error output in ${PROFILES.compat.label}`, () => {
	let n8n: N8nInstance;
	let stack: Stack;
	beforeAll(async () => {
		stack = await connectToStack();
		const runtime = await ensureRuntime(PROFILES.compat);
		const folder = path.join(path.dirname(stack.context.userFolder), 'compat-partial-batch');
		n8n = new N8nInstance({
			runtime,
			userFolder: path.join(folder, 'user'),
			port: await freePort(),
			encryptionKey: 'oy-e2e-compat-key-not-a-secret',
		});
		await installCommunityPackage(n8n.userFolder, await packPackage(folder));
		await n8n.importCredentials(sandboxCredentials(stack.context.sandbox));
	});
	afterAll(async () => n8n?.stop());

	it('routes failed items to the error branch and paid ones to the main branch', async () => {
		const ids = [0, 1, 2, 3].map((index) => `OLD-${RUN}-${index}`);
		const workflow = payoutWorkflow(
			'oyE2ePartialOld1',
			[
				{ id: ids[0], amount: '150000' },
				{ id: ids[1], amount: '150000', account: REFUSED_ACCOUNT },
				{ id: ids[2], amount: 'abc' },
				{ id: ids[3], amount: '160000' },
			],
			{ errorOutput: true },
		);
		await n8n.importWorkflows([workflow]);
		const { execution } = await n8n.execute(workflow.id as string);
		await writeFile(
			path.join(stack.context.artifacts, `${workflow.id}.json`),
			JSON.stringify(execution, null, 2),
		);
		expect(execution.status).toBe('success');
		expect(itemsOf(execution, 'Paid').map((item) => [item.partner_trx_id, item.outcome])).toEqual([
			[ids[0], 'pending'],
			[ids[3], 'pending'],
		]);
		expectFailedBranch(itemsOf(execution, 'Failed'), ids);
	});
});
