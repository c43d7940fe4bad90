import { beforeAll, describe, expect, it } from 'vitest';
import { itemsOf } from '../support/workflows.mjs';
import { connectToQueue } from './support/stack.mjs';
import { startedBy } from './support/workers.mjs';
import { PAYOUTS_PATH, PAYOUTS_WORKFLOW_ID } from './support/workflows.mjs';

type Queue = Awaited<ReturnType<typeof connectToQueue>>;

const RUN = Date.now().toString(36).toUpperCase();

interface Payout {
	id: string;
	amount: number;
}

async function balance(queue: Queue): Promise<{ balance: number; pending: number }> {
	const { own } = await queue.sandbox.call('GET', '/balance');
	return own;
}

function batchesOf(prefix: string, executions: number, perExecution: number): Payout[][] {
	return Array.from({ length: executions }, (_, run) =>
		Array.from({ length: perExecution }, (_, index) => ({
			id: `${prefix}-${RUN}-${run}-${index}`,
			amount: 10_000 + run * 100 + index,
		})),
	);
}

const executionIds = async (queue: Queue) =>
	new Set(
		(await queue.main.executions(PAYOUTS_WORKFLOW_ID)).map((execution) => String(execution.id)),
	);

/** What OY! holds afterwards: each payout exactly once with its amount, and the balance down by their total once. */
async function expectPaidOnce(queue: Queue, payouts: Payout[], before: { balance: number }) {
	const after = await settledBalance(queue);
	const { payouts: records } = await queue.sandbox.call('GET', '/state?product=disbursement');
	const stored = new Map<string, Array<{ amount: number }>>();
	for (const record of records as Array<{ partner_trx_id: string; amount: number }>) {
		stored.set(record.partner_trx_id, [...(stored.get(record.partner_trx_id) ?? []), record]);
	}
	for (const payout of payouts)
		expect(
			stored.get(payout.id)?.map((record) => record.amount),
			payout.id,
		).toEqual([payout.amount]);
	expect(before.balance - after.balance).toBe(
		payouts.reduce((sum, payout) => sum + payout.amount, 0),
	);
}

describe('payout runs on the workers', () => {
	let queue: Queue;
	beforeAll(async () => {
		queue = await connectToQueue();
	});

	for (const { executions, perExecution } of [
		{ executions: 20, perExecution: 100 },
		{ executions: 1, perExecution: 2_000 },
	]) {
		it(`${executions * perExecution} payouts in ${executions === 1 ? 'one execution' : `${executions} parallel executions over both workers`}: each paid once, the balance debited once, every payout reported`, async () => {
			const before = await balance(queue);
			const earlier = await executionIds(queue);
			const batches = batchesOf(`Q${executions}`, executions, perExecution);
			const statuses = await Promise.all(batches.map((payouts) => send(queue, payouts)));
			expect(statuses).toEqual(batches.map(() => 200));

			const finished = await newExecutions(queue, earlier, executions);
			expect(finished.map((execution) => execution.status)).toEqual(batches.map(() => 'success'));
			const reported = finished.flatMap((execution) => itemsOf(execution, 'Pay out'));
			expect(reported.map((item) => item.partner_trx_id).sort()).toEqual(
				batches
					.flat()
					.map((payout) => payout.id)
					.sort(),
			);
			for (const item of reported) expect(['pending', 'success']).toContain(item.outcome);

			if (executions > 1) {
				// n8n's executions carry no worker; its workers' logs do.
				const ours = new Set(finished.map((execution) => String(execution.id)));
				const ran = (await Promise.all(queue.context.workerLogs.map(startedBy))).map((started) =>
					[...started].filter((id) => ours.has(id)),
				);
				for (const ids of ran) expect(ids.length).toBeGreaterThan(0);
				expect(ran.flat().sort()).toEqual([...ours].sort());
			}
			await expectPaidOnce(queue, batches.flat(), before);
		});
	}

	// Last in this file: it leaves one worker running.
	it('a worker killed in the middle of a payout run, the run sent again: no payout twice, every payout reported', async () => {
		const [payouts] = batchesOf('QK', 1, 300);
		const before = await balance(queue);
		const earlier = await executionIds(queue);
		// Slow OY! down so the run is still paying out when its worker dies.
		const fault = await queue.sandbox.call('POST', '/faults', {
			kind: 'latency',
			method: 'POST',
			path: '/api/remit',
			latency_ms: 150,
		});
		expect(await send(queue, payouts)).toBe(200);

		const stored = new Set<string>();
		const paidSoFar = () => payouts.filter((payout) => stored.has(payout.id)).length;
		const { worker, executionId } = await waitUntil('the run paid 20 payouts', async () => {
			const { payouts: records } = await queue.sandbox.call('GET', '/state?product=disbursement');
			for (const record of records as Array<{ partner_trx_id: string }>)
				stored.add(record.partner_trx_id);
			if (paidSoFar() < 20) return undefined;
			const perWorker = await Promise.all(queue.context.workerLogs.map(startedBy));
			for (const [index, started] of perWorker.entries()) {
				const running = [...started].find((id) => !earlier.has(id));
				if (running) return { worker: index, executionId: running };
			}
			return undefined;
		});
		process.kill(-queue.context.workerPids[worker], 'SIGKILL');
		// n8n marks it crashed later; the retry is the other new execution.
		earlier.add(executionId);
		const paidBeforeRetry = paidSoFar();
		expect(paidBeforeRetry).toBeLessThan(payouts.length);
		await queue.sandbox.call('DELETE', `/faults/${fault.id}`);

		// n8n does not run a dead worker's job again (its queue allows no stalled job to restart);
		// retrying is sending the same payouts again, which the other worker runs.
		expect(await send(queue, payouts)).toBe(200);
		const [retry] = await newExecutions(queue, earlier, 1);
		expect(retry.status).toBe('success');
		const reported = itemsOf(retry, 'Pay out');
		expect(reported.map((item) => item.partner_trx_id)).toEqual(payouts.map((payout) => payout.id));
		for (const item of reported) expect(['pending', 'success']).toContain(item.outcome);
		await expectPaidOnce(queue, payouts, before);
		console.log(
			`worker ${worker + 1} killed after ${paidBeforeRetry} of ${payouts.length} payouts; the retry reported all ${reported.length}`,
		);
	});
});

async function waitUntil<T>(
	what: string,
	check: () => Promise<T | undefined>,
	timeoutMs = 180_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000}s`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

function send(queue: Queue, payouts: Payout[]) {
	return fetch(`${queue.context.proxyUrl}/webhook/${PAYOUTS_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ payouts }),
	}).then((response) => response.status);
}

/** The payouts workflow's finished executions that are not in `earlier`, once there are `count`. */
function newExecutions(queue: Queue, earlier: Set<string>, count: number) {
	return waitUntil(
		`${count} payout executions finished`,
		async () => {
			const finished = (await queue.main.executions(PAYOUTS_WORKFLOW_ID)).filter(
				(execution) =>
					!earlier.has(String(execution.id)) &&
					!['new', 'running', 'waiting'].includes(execution.status),
			);
			return finished.length >= count ? finished : undefined;
		},
		300_000,
	);
}

/** The balance once no payout is in flight. */
async function settledBalance(queue: Queue) {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const figures = await balance(queue);
		if (figures.pending === 0) return figures;
		if (Date.now() > deadline)
			throw new Error(`payouts still in flight after 60s: ${JSON.stringify(figures)}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
