import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { itemsOf } from '../support/workflows.mjs';
import { connectToQueue } from './support/stack.mjs';
import { PAYOUTS_PATH, PAYOUTS_WORKFLOW_ID } from './support/workflows.mjs';

type Queue = Awaited<ReturnType<typeof connectToQueue>>;

const RUN = Date.now().toString(36).toUpperCase();
const EXECUTIONS = 20;
const PER_EXECUTION = 10;

/** The execution ids each worker's log says it started ("Worker started execution 12 (job 7)"). */
async function startedBy(logFile: string): Promise<Set<string>> {
	const log = await readFile(logFile, 'utf8');
	return new Set([...log.matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]));
}

async function balance(queue: Queue): Promise<{ balance: number; pending: number }> {
	const { own } = await queue.sandbox.call('GET', '/balance');
	return own;
}

describe('payout runs spread over both workers', () => {
	let queue: Queue;
	beforeAll(async () => {
		queue = await connectToQueue();
	});

	it(`${EXECUTIONS * PER_EXECUTION} payouts in ${EXECUTIONS} parallel executions: each paid once, the balance debited once, every payout reported`, async () => {
		const before = await balance(queue);
		const batches = Array.from({ length: EXECUTIONS }, (_, run) =>
			Array.from({ length: PER_EXECUTION }, (_, index) => ({ id: `Q-${RUN}-${run}-${index}`, amount: 10_000 + run * 100 + index })),
		);
		const total = batches.flat().reduce((sum, payout) => sum + payout.amount, 0);
		const statuses = await Promise.all(
			batches.map((payouts) =>
				fetch(`${queue.context.proxyUrl}/webhook/${PAYOUTS_PATH}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ payouts }),
				}).then((response) => response.status),
			),
		);
		expect(statuses).toEqual(batches.map(() => 200));

		const executions = await finishedExecutions(queue, EXECUTIONS);
		expect(executions.map((execution) => execution.status)).toEqual(batches.map(() => 'success'));
		const reported = executions.flatMap((execution) => itemsOf(execution, 'Pay out'));
		const wanted = batches.flat().map((payout) => payout.id).sort();
		expect(reported.map((item) => item.partner_trx_id).sort()).toEqual(wanted);
		for (const item of reported) expect(['pending', 'success']).toContain(item.outcome);

		// Both workers ran some of them: n8n's executions carry no worker, its workers' logs do.
		const ours = new Set(executions.map((execution) => String(execution.id)));
		const perWorker = await Promise.all(queue.context.workerLogs.map(startedBy));
		const ran = perWorker.map((started) => [...started].filter((id) => ours.has(id)));
		for (const ids of ran) expect(ids.length).toBeGreaterThan(0);
		expect(ran.flat().sort()).toEqual([...ours].sort());

		// The sandbox's ledger: every payout once, with its amount, and the balance down by the total once.
		for (const payout of batches.flat()) {
			const stored = await queue.sandbox.call('GET', `/disbursement/payouts/${payout.id}`);
			expect(stored).toMatchObject({ partner_trx_id: payout.id, amount: payout.amount });
		}
		const after = await settledBalance(queue);
		expect(before.balance - after.balance).toBe(total);
	});

	// Last in this file: it leaves one worker running.
	it('a worker killed in the middle of a payout run, the run sent again: no payout twice, every payout reported', async () => {
		const payouts = Array.from({ length: 300 }, (_, index) => ({ id: `QK-${RUN}-${index}`, amount: 20_000 + index }));
		const total = payouts.reduce((sum, payout) => sum + payout.amount, 0);
		const post = () =>
			fetch(`${queue.context.proxyUrl}/webhook/${PAYOUTS_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payouts }) });
		const before = await balance(queue);
		const earlier = new Set((await queue.main.executions(PAYOUTS_WORKFLOW_ID)).map((execution) => String(execution.id)));
		// Slow OY! down so the run is still paying out when its worker dies.
		const fault = await queue.sandbox.call('POST', '/faults', { kind: 'latency', method: 'POST', path: '/api/remit', latency_ms: 150 });
		expect((await post()).status).toBe(200);

		const stored = new Set<string>();
		const paidSoFar = () => payouts.filter((payout) => stored.has(payout.id)).length;
		const worker = await waitUntil('the run paid 20 payouts', async () => {
			const { payouts: records } = await queue.sandbox.call('GET', '/state?product=disbursement');
			for (const record of records as Array<{ partner_trx_id: string }>) stored.add(record.partner_trx_id);
			if (paidSoFar() < 20) return undefined;
			const perWorker = await Promise.all(queue.context.workerLogs.map(startedBy));
			const index = perWorker.findIndex((started) => [...started].some((id) => !earlier.has(id)));
			return index >= 0 ? index : undefined;
		});
		process.kill(-queue.context.workerPids[worker], 'SIGKILL');
		const paidBeforeRetry = paidSoFar();
		expect(paidBeforeRetry).toBeLessThan(payouts.length);
		await queue.sandbox.call('DELETE', `/faults/${fault.id}`);

		// n8n does not run a dead worker's job again (its queue allows no stalled job to restart);
		// retrying is sending the same payouts again, which the other worker runs.
		expect((await post()).status).toBe(200);
		const retry = await waitUntil('the retry finished', async () => {
			const executions = await queue.main.executions(PAYOUTS_WORKFLOW_ID);
			return executions.find((execution) => !earlier.has(String(execution.id)) && execution.status === 'success');
		});
		const reported = itemsOf(retry, 'Pay out');
		expect(reported.map((item) => item.partner_trx_id)).toEqual(payouts.map((payout) => payout.id));
		for (const item of reported) expect(['pending', 'success']).toContain(item.outcome);
		for (const payout of payouts) {
			expect(await queue.sandbox.call('GET', `/disbursement/payouts/${payout.id}`)).toMatchObject({ partner_trx_id: payout.id, amount: payout.amount });
		}
		const after = await settledBalance(queue);
		expect(before.balance - after.balance).toBe(total);
		console.log(`worker ${worker + 1} killed after ${paidBeforeRetry} of ${payouts.length} payouts; the retry reported all ${reported.length}`);
	});
});

async function waitUntil<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 180_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000}s`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** The payouts workflow's finished executions once there are `count` of them. */
async function finishedExecutions(queue: Queue, count: number) {
	const deadline = Date.now() + 240_000;
	for (;;) {
		const finished = (await queue.main.executions(PAYOUTS_WORKFLOW_ID)).filter((execution) => !['new', 'running', 'waiting'].includes(execution.status));
		if (finished.length >= count) return finished;
		if (Date.now() > deadline) throw new Error(`${finished.length} of ${count} payout executions finished after 240s`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** The balance once no payout is in flight. */
async function settledBalance(queue: Queue) {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const figures = await balance(queue);
		if (figures.pending === 0) return figures;
		if (Date.now() > deadline) throw new Error(`payouts still in flight after 60s: ${JSON.stringify(figures)}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
