import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Execution, WorkflowJson } from '../../../scripts/n8n/instance.mjs';
import { ensureExpectedTable } from '../../../jobs/workflows/expectedTable.mjs';
import { ensureLedgerTable } from '../../../jobs/workflows/ledgerTable.mjs';
import { bundledWorkflows } from '../../../scripts/n8n/stack.mjs';
import { loopbackSmtpData, startSmtp } from '../../jobs/support/smtp.mjs';
import { nodeErrors, RUNNABLE_STARTS } from '../support/workflows.mjs';
import { connectToQueue } from './support/stack.mjs';

type Queue = Awaited<ReturnType<typeof connectToQueue>>;

const templates = (await bundledWorkflows()).filter(({ file }) => file.startsWith('jobs'));

/**
 * The template with its schedule replaced by a webhook of the same name (so it runs now, on a
 * worker, as its schedule would run it) and the SMTP credential on its e-mail nodes.
 */
function startedByWebhook(
	workflow: WorkflowJson,
	path: string,
	smtp: { id: string; name: string },
) {
	const nodes = (
		workflow.nodes as Array<{ type: string; name: string; position: unknown; id: string }>
	).map((node) => {
		if (RUNNABLE_STARTS.includes(node.type)) {
			return {
				...node,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
				webhookId: randomUUID(),
			};
		}
		return node.type === 'n8n-nodes-base.emailSend' ? { ...node, credentials: { smtp } } : node;
	});
	return {
		name: `${workflow.name} (queue e2e)`,
		nodes,
		connections: workflow.connections,
		settings: { executionOrder: 'v1' },
	};
}

describe('the job templates run on the workers', () => {
	let queue: Queue;
	let smtp: Awaited<ReturnType<typeof startSmtp>>;
	const ids = new Map<string, string>();
	let balanceBefore: { balance: number } | undefined;

	beforeAll(async () => {
		queue = await connectToQueue();
		smtp = await startSmtp();
		// Below the balance alert's threshold (Rp10,000,000), so it e-mails.
		balanceBefore = (await queue.sandbox.call('GET', '/balance')).own;
		await queue.sandbox.call('PUT', '/balance', { balance: 5_000_000 });
		const credential = await queue.main.api('POST', '/credentials', {
			name: 'SMTP on loopback (queue e2e)',
			type: 'smtp',
			data: loopbackSmtpData(smtp.port),
		});
		expect(credential.status, JSON.stringify(credential.body)).toBe(200);
		// The ledger templates' Data Table, in n8n's Postgres.
		await ensureLedgerTable((method, pathname, body) => queue.main.rest(method, pathname, body));
		// The reconciliation template's list (empty: the template reports an empty day).
		await ensureExpectedTable((method, pathname, body) => queue.main.rest(method, pathname, body));
		for (const { workflow } of templates) {
			const created = await queue.main.api(
				'POST',
				'/workflows',
				startedByWebhook(workflow, `oy-queue-${workflow.id}`, {
					id: credential.body.id,
					name: credential.body.name,
				}),
			);
			expect(created.status, JSON.stringify(created.body)).toBe(200);
			const activated = await queue.main.api('POST', `/workflows/${created.body.id}/activate`);
			expect(activated.status, JSON.stringify(activated.body)).toBe(200);
			ids.set(workflow.id, created.body.id);
		}
	});
	afterAll(async () => {
		if (balanceBefore)
			await queue.sandbox.call('PUT', '/balance', { balance: balanceBefore.balance });
		await smtp?.close();
	});

	it.each(templates.map(({ file, workflow }) => [file, workflow.id]))(
		'%s runs to success on a worker',
		async (_file, templateId) => {
			const id = ids.get(templateId) as string;
			// n8n registers the webhook when the workflow is activated; the webhook processes read it from the database.
			let status = 0;
			for (
				const started = Date.now();
				Date.now() - started < 60_000;
				await new Promise((resolve) => setTimeout(resolve, 500))
			) {
				status = (
					await fetch(`${queue.context.proxyUrl}/webhook/oy-queue-${templateId}`, {
						method: 'POST',
					})
				).status;
				if (status !== 404) break;
			}
			expect(status).toBe(200);
			let execution: (Execution & { id: string }) | undefined;
			for (
				const started = Date.now();
				!execution && Date.now() - started < 120_000;
				await new Promise((resolve) => setTimeout(resolve, 500))
			) {
				execution = (await queue.main.executions(id)).find(
					(candidate) => !['new', 'running', 'waiting'].includes(candidate.status),
				);
			}
			expect(execution, `an execution of ${templateId}`).toBeDefined();
			expect(nodeErrors(execution!)).toEqual({});
			expect(execution!.status).toBe('success');
			const oyNodes = Object.keys(execution!.data.resultData.runData).filter((name) =>
				(
					templates.find(({ workflow }) => workflow.id === templateId)?.workflow.nodes as Array<{
						name: string;
						type: string;
					}>
				).some((node) => node.name === name && node.type.startsWith('n8n-nodes-oy.')),
			);
			expect(oyNodes.length).toBeGreaterThan(0);
			const logs = await Promise.all(
				queue.context.workerLogs.map((file) => readFile(file, 'utf8')),
			);
			expect(
				logs.some((log) => log.includes(`Worker started execution ${execution!.id} `)),
				'a worker ran it',
			).toBe(true);
		},
	);

	it('the balance alert e-mailed from a worker through n8n to the SMTP server', () => {
		const alert = smtp.received.find((mail) => mail.subject.startsWith('Low OY! balance'));
		expect(
			alert,
			`an alert among ${JSON.stringify(smtp.received.map((mail) => mail.subject))}`,
		).toBeDefined();
		expect(alert?.recipients).toEqual(['finance@example.co.id']);
	});
});
