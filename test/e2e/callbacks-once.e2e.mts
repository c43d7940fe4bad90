import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCallbacksTable } from '../../jobs/workflows/callbacksTable.mjs';
import type { N8nInstance } from '../../scripts/n8n/instance.mjs';
import { PROFILES } from '../../scripts/n8n/runtime.mjs';
import { bundledWorkflow } from '../../scripts/n8n/stack.mjs';
import { startCallbackN8n } from './support/callbackN8n.mjs';
import { onceRunOf } from './support/callbacksOnce.mjs';

/**
 * examples/oy-callbacks-once-across-processes.json on one n8n 2.41.1 process (SQLite, n8n's
 * default): the same events delivered three times at the same moment, then replayed. The queue-mode
 * test (test/e2e/queue/callbacks-once.e2e.mts) does the same across processes.
 */
const example = await bundledWorkflow('examples/oy-callbacks-once-across-processes.json');
const WORKFLOW_ID = example.workflow.id;
const OWNER = {
	email: 'once@example.com',
	password: 'Once-Owner-Passw0rd',
	firstName: 'Finance',
	lastName: 'Ops',
};

describe(`OY! callbacks once on one ${PROFILES.current.label} process (SQLite)`, () => {
	let n8n: N8nInstance;
	let stack: Awaited<ReturnType<typeof startCallbackN8n>>;
	let tablePath = '';
	const deliver = (body: unknown) => stack.deliver(body);
	/** Each payout's finished runs, oldest first, once each has `count`. */
	const runsOf = async (ids: string[], count: number) => {
		const deadline = Date.now() + 180_000;
		for (;;) {
			const runs = (await n8n.executions(WORKFLOW_ID))
				.filter((execution) => !['new', 'running', 'waiting'].includes(execution.status))
				.reverse()
				.map(onceRunOf);
			const byId = new Map(ids.map((id) => [id, runs.filter((run) => run.partnerTrxId === id)]));
			if (ids.every((id) => byId.get(id)!.length >= count)) return byId;
			if (Date.now() > deadline)
				throw new Error(`fewer than ${count} finished executions per event after 180s`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	};

	beforeAll(async () => {
		stack = await startCallbackN8n({
			profile: PROFILES.current,
			name: 'callbacks-once',
			workflow: example.workflow,
			encryptionKey: 'oy-e2e-once-key-not-a-secret',
			owner: OWNER,
		});
		n8n = stack.n8n;
		const table = await ensureCallbacksTable((method, pathname, body) =>
			n8n.rest(method, pathname, body),
		);
		tablePath = table.tablePath;
	});
	afterAll(async () => {
		await n8n?.stop();
		await stack?.sandbox.close();
	});

	it('8 events, each three times at the same moment and replayed later: one effective run each, none failed', async () => {
		const ids = Array.from({ length: 8 }, (_, index) => `ONCE-${index}`);
		const callbacks = [];
		for (const id of ids) callbacks.push(await stack.completedPayout(id));
		const together = await Promise.all(
			callbacks.flatMap((callback) => [deliver(callback), deliver(callback), deliver(callback)]),
		);
		expect(together).toEqual(together.map(() => 200));
		await runsOf(ids, 3);
		expect(await Promise.all(callbacks.map(deliver))).toEqual(ids.map(() => 200));
		const all = await runsOf(ids, 4);

		const { body } = await n8n.rest('GET', `${tablePath}/rows?take=1000`);
		const rows: Array<Record<string, any>> = body.data.data;
		for (const id of ids) {
			const runs = all.get(id)!;
			expect(runs.map((run) => [run.status, run.errors])).toEqual(runs.map(() => ['success', {}]));
			const continued = runs.filter((run) => run.continued.length > 0);
			expect(continued, id).toHaveLength(1);
			expect(continued[0].continued).toEqual([
				expect.objectContaining({ partnerTrxId: id, outcome: 'success' }),
			]);
			expect(runs.filter((run) => run.dropped)).toHaveLength(3);
			expect(runs[3].dropped).toBe(true);
			expect(rows.filter((row) => String(row.key).includes(`:${id}:`))).toEqual([
				expect.objectContaining({ state: 'passed', runId: continued[0].executionId }),
			]);
		}
		const everyRun = [...all.values()].flat();
		console.log(
			`one process (SQLite), callbacks once: ${ids.length} events x 4 deliveries, runs that went on ${everyRun.filter((run) => run.continued.length > 0).length}, dropped ${everyRun.filter((run) => run.dropped).length}; runs that waited for the lock ${everyRun.filter((run) => run.takes > 1).length}, most tries ${Math.max(...everyRun.map((run) => run.takes))}`,
		);
		expect(rows.filter((row) => row.key === 'lock')).toEqual([
			expect.objectContaining({ state: 'free', leaseUntil: 0 }),
		]);
	});
});
