import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLedgerTable } from '../../../jobs/workflows/ledgerTable.mjs';
import type { Execution } from '../../../scripts/n8n/instance.mjs';
import { bundledWorkflow } from '../../../scripts/n8n/stack.mjs';
import { nodeErrors, RUNNABLE_STARTS } from '../support/workflows.mjs';
import { connectToQueue } from './support/stack.mjs';

type Queue = Awaited<ReturnType<typeof connectToQueue>>;
type Finished = Execution & { id: string; status: string };

const PATH = 'oy-queue-ledger-inquiry';

/**
 * The account-inquiry template's lock on n8n's Postgres: two runs started at the same moment
 * through the webhook processes run on the workers at once; one takes the lock and pays, the other
 * stops at the lock. Each invoice is paid once and each payment recorded once.
 */
describe("the account-inquiry template's lock in queue mode (Postgres)", () => {
	let queue: Queue;
	let workflowId = '';
	let table = { projectId: '', tableId: '' };

	const ledgerRows = async () => {
		const { status, body } = await queue.main.rest(
			'GET',
			`/rest/projects/${table.projectId}/data-tables/${table.tableId}/rows?take=1000`,
		);
		expect(status).toBe(200);
		return body.data.data as Array<{ key: string; state: string; runId: string }>;
	};

	beforeAll(async () => {
		queue = await connectToQueue();
		table = await ensureLedgerTable((method, pathname, body) =>
			queue.main.rest(method, pathname, body),
		);
		const template = (await bundledWorkflow('jobs/workflows/inquiry-invoices.json')).workflow;
		// No e-mail node runs here: nothing is paid by the run that stops, and the e-mail goes last.
		const nodes = (template.nodes as Array<Record<string, any>>)
			.filter((node) => node.type !== 'n8n-nodes-base.emailSend')
			.map((node) =>
				RUNNABLE_STARTS.includes(node.type)
					? {
							...node,
							type: 'n8n-nodes-base.webhook',
							typeVersion: 2,
							parameters: {
								httpMethod: 'POST',
								path: PATH,
								responseMode: 'onReceived',
								options: {},
							},
							webhookId: randomUUID(),
						}
					: node,
			);
		// Connections to or from the e-mail nodes left out go too.
		const kept = new Set(nodes.map((node) => node.name as string));
		const connections = Object.fromEntries(
			Object.entries(
				template.connections as Record<string, { main: Array<Array<{ node: string }>> }>,
			)
				.filter(([source]) => kept.has(source))
				.map(([source, { main }]) => [
					source,
					{ main: main.map((targets) => targets.filter(({ node }) => kept.has(node))) },
				]),
		);
		const created = await queue.main.api('POST', '/workflows', {
			name: `${template.name} (queue ledger e2e)`,
			nodes,
			connections,
			settings: { executionOrder: 'v1' },
		});
		expect(created.status, JSON.stringify(created.body)).toBe(200);
		workflowId = created.body.id;
		const activated = await queue.main.api('POST', `/workflows/${workflowId}/activate`);
		expect(activated.status, JSON.stringify(activated.body)).toBe(200);
	});
	afterAll(async () => {
		await queue?.sandbox.call('DELETE', '/faults');
		if (workflowId) await queue?.main.api('POST', `/workflows/${workflowId}/deactivate`);
	});

	it('two runs at once: one pays, the other stops at the lock; nothing twice', async () => {
		await queue.sandbox.call('PUT', '/account-inquiry/settings', { auto_pay: false });
		const count = 4;
		await queue.sandbox.call('POST', '/seed', {
			'account-inquiry': Array.from({ length: count }, (_, index) => ({
				invoice_id: `PG-${index + 1}`,
				tx_date: new Date(Date.now() - (count - index + 1) * 86_400_000).toISOString().slice(0, 10),
				total_inquiry: index + 1,
			})),
		});
		const before = (await queue.sandbox.call('GET', '/balance')).own.balance as number;
		await queue.sandbox.call('POST', '/faults', {
			kind: 'latency',
			method: 'POST',
			path: '/api/account-inquiry/invoices/pay',
			latency_ms: 700,
		});
		const url = `${queue.context.proxyUrl}/webhook/${PATH}`;
		// n8n registers the webhook on activation; a GET says so once the webhook processes know it.
		for (
			const started = Date.now();
			!(await (await fetch(url)).text()).includes('Did you mean to make a POST request');
			await new Promise((resolve) => setTimeout(resolve, 500))
		) {
			if (Date.now() - started > 60_000) throw new Error(`no webhook registered at ${url}`);
		}
		const answers = await Promise.all([
			fetch(url, { method: 'POST' }),
			fetch(url, { method: 'POST' }),
		]);
		expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
		let done: Finished[] = [];
		for (
			const started = Date.now();
			done.length < 2 && Date.now() - started < 180_000;
			await new Promise((resolve) => setTimeout(resolve, 500))
		) {
			done = ((await queue.main.executions(workflowId)) as Finished[]).filter(
				(execution) => !['new', 'running', 'waiting'].includes(execution.status),
			);
		}
		await queue.sandbox.call('DELETE', '/faults');
		expect(done.map((execution) => execution.status).sort()).toEqual(['error', 'success']);
		const loser = done.find((execution) => execution.status === 'error')!;
		const winner = done.find((execution) => execution.status === 'success')!;
		expect(Object.keys(nodeErrors(loser))).toEqual(['Another run holds the lock']);
		expect(nodeErrors(winner)).toEqual({});

		const invoices = (
			(await queue.sandbox.call('GET', '/state?product=account-inquiry')) as {
				invoices: Array<{ invoice_id: string; invoice_status: string; amount: number }>;
			}
		).invoices.filter((invoice) => invoice.invoice_id.startsWith('PG-'));
		expect(invoices.map((invoice) => invoice.invoice_status)).toEqual(invoices.map(() => 'PAID'));
		const after = (await queue.sandbox.call('GET', '/balance')).own.balance as number;
		expect(before - after).toBe(invoices.reduce((sum, invoice) => sum + invoice.amount, 0));
		const rows = (await ledgerRows()).filter((row) => row.key.startsWith('pay:PG-'));
		expect(rows.map((row) => row.key).sort()).toEqual(
			invoices.map((i) => `pay:${i.invoice_id}`).sort(),
		);
		expect(rows.map((row) => [row.state, row.runId])).toEqual(rows.map(() => ['done', winner.id]));
	});
});
