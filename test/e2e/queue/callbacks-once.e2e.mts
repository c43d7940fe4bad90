import { beforeAll, describe, expect, it } from 'vitest';
import { CALLBACKS_TABLE, ensureCallbacksTable } from '../../../jobs/workflows/callbacksTable.mjs';
import { bundledWorkflow, triggerCallbackUrl } from '../../../scripts/n8n/stack.mjs';
import { onceRunOf, type OnceRun } from '../support/callbacksOnce.mjs';
import { completedPayout, deliver, settledExecutions } from './support/callbacks.mjs';
import { connectToQueue } from './support/stack.mjs';
import { startedBy } from './support/workers.mjs';

type Queue = Awaited<ReturnType<typeof connectToQueue>>;

const example = await bundledWorkflow('examples/oy-callbacks-once-across-processes.json');
const WORKFLOW_ID = example.workflow.id;
const RUN = Date.now().toString(36).toUpperCase();

describe('OY! callbacks once across webhook processes and workers (examples/oy-callbacks-once-across-processes.json)', () => {
	let queue: Queue;
	/** The example's callback URL (with its token) on each webhook process, called directly. */
	let urls: string[] = [];
	/** The same through the round-robin proxy (n8n's WEBHOOK_URL). */
	let proxied = '';
	let tablePath = '';
	const rest = (method: string, pathname: string, body?: unknown) =>
		queue.main.rest(method, pathname, body);

	beforeAll(async () => {
		queue = await connectToQueue();
		// The setup a user runs once (npm run jobs:templates): the table and its one lock row.
		const table = await ensureCallbacksTable(rest);
		expect(table.lockAdded).toBe(true);
		tablePath = table.tablePath;
		urls = queue.context.webhookUrls.map(
			(base) => triggerCallbackUrl([example.workflow], base)?.url ?? '',
		);
		for (const url of urls) expect(url).toContain('?token=');
		proxied = triggerCallbackUrl([example.workflow], queue.context.proxyUrl)?.url ?? '';
	});

	const keyIs = (value: string) => ({
		type: 'and',
		filters: [{ columnName: 'key', condition: 'eq', value }],
	});
	const rows = async (): Promise<Array<Record<string, any>>> => {
		const { status, body } = await rest('GET', `${tablePath}/rows?take=1000`);
		expect(status).toBe(200);
		return body.data.data;
	};
	const lockRows = async () => (await rows()).filter((row) => row.key === 'lock');
	/** The event rows of one payout (its dedupKey names its partner_trx_id). */
	const eventRows = async (id: string) =>
		(await rows()).filter((row) => String(row.key).includes(`:${id}:`));
	const setLock = async (data: Record<string, unknown>) =>
		expect((await rest('PATCH', `${tablePath}/rows`, { filter: keyIs('lock'), data })).status).toBe(
			200,
		);

	/** The finished runs of each payout, oldest first, once each has `count`. */
	const runsOf = async (ids: string[], count: number) => {
		const deadline = Date.now() + 240_000;
		for (;;) {
			const runs = (await settledExecutions(queue, WORKFLOW_ID)).map(onceRunOf);
			const byId = new Map(
				ids.map((id) => [
					id,
					runs
						.filter((run) => run.partnerTrxId === id)
						.sort((a, b) => a.startedAt.localeCompare(b.startedAt)),
				]),
			);
			const short = ids.filter((id) => byId.get(id)!.length < count);
			if (short.length === 0) return byId;
			if (Date.now() > deadline)
				throw new Error(`${short.join(', ')}: fewer than ${count} finished executions after 240s`);
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	};
	/** Each payout's genuine callback, made one after another. */
	const callbacksOf = async (ids: string[]) => {
		const callbacks = [];
		for (const id of ids) callbacks.push(await completedPayout(queue, id));
		return callbacks;
	};
	/** Every callback to every URL at the same moment; n8n answers each at once. */
	const deliverAll = async (callbacks: unknown[], to: string[]) => {
		const statuses = await Promise.all(
			callbacks.flatMap((callback) =>
				to.map((url) => deliver(url, callback).then((response) => response.status)),
			),
		);
		expect(statuses).toEqual(statuses.map(() => 200));
	};
	/** Exactly one run of the payout went on, with its callback; every other run dropped it. */
	const expectOnce = (id: string, runs: OnceRun[]) => {
		const continued = runs.filter((run) => run.continued.length > 0);
		expect(continued, id).toHaveLength(1);
		expect(continued[0].continued).toEqual([
			expect.objectContaining({ partnerTrxId: id, outcome: 'success', isFinal: true }),
		]);
		expect(
			runs.filter((run) => run !== continued[0]).map((run) => run.dropped),
			id,
		).toEqual(runs.slice(1).map(() => true));
		return continued[0];
	};

	it('the same 12 events at the same moment on both webhook processes, then replayed through the round-robin: one effective run each', async () => {
		const ids = Array.from({ length: 12 }, (_, index) => `QON-${RUN}-${index}`);
		const callbacks = await callbacksOf(ids);
		await deliverAll(callbacks, urls);
		const together = await runsOf(ids, 2);
		// Replayed later, all at once, through the round-robin.
		await deliverAll(callbacks, [proxied]);
		const all = await runsOf(ids, 3);

		const everyRun = [...all.values()].flat();
		expect(everyRun).toHaveLength(ids.length * 3);
		expect(
			everyRun.filter((run) => run.status !== 'success').map((run) => [run.status, run.errors]),
		).toEqual([]);
		for (const id of ids) {
			const runs = all.get(id)!;
			const first = expectOnce(id, runs);
			// The run that went on was one of the two at the same moment; the replay was dropped.
			expect(together.get(id)!.map((run) => run.executionId)).toContain(first.executionId);
			expect(runs[2].dropped).toBe(true);
			// What the first run recorded: one row for the event, with its execution id.
			expect(await eventRows(id)).toEqual([
				expect.objectContaining({ state: 'passed', runId: first.executionId }),
			]);
		}
		expect(await lockRows()).toEqual([expect.objectContaining({ state: 'free', leaseUntil: 0 })]);
		// Both workers ran some of these runs: the lock held across processes, not within one.
		const runIds = new Set(everyRun.map((run) => run.executionId));
		const perWorker = await Promise.all(
			queue.context.workerLogs.map(
				async (log) => [...(await startedBy(log))].filter((id) => runIds.has(id)).length,
			),
		);
		for (const count of perWorker) expect(count).toBeGreaterThan(0);
		const waited = everyRun.filter((run) => run.takes > 1);
		console.log(
			`queue mode, callbacks once: ${ids.length} events x 3 deliveries, runs that went on ${everyRun.filter((run) => run.continued.length > 0).length}, dropped ${everyRun.filter((run) => run.dropped).length}, failed ${everyRun.filter((run) => run.status !== 'success').length}; runs per worker ${perWorker.join('/')}; runs that waited for the lock ${waited.length}, most tries ${Math.max(...everyRun.map((run) => run.takes))}`,
		);
	});

	it('a run that stopped while holding the lock (its lease still running) delays later events until the lease ends: none lost, none doubled', async () => {
		const ids = Array.from({ length: 3 }, (_, index) => `QON-${RUN}-LEASE-${index}`);
		const callbacks = await callbacksOf(ids);
		// As a run killed after taking the lock leaves it: held, by an execution that will not release it.
		await setLock({ state: 'held', runId: 'killed-run', leaseUntil: Date.now() + 8_000 });
		await deliverAll(callbacks, urls);
		const all = await runsOf(ids, 2);
		for (const id of ids) {
			const runs = all.get(id)!;
			expect(runs.map((run) => [run.status, run.errors])).toEqual(runs.map(() => ['success', {}]));
			const first = expectOnce(id, runs);
			expect(await eventRows(id)).toEqual([expect.objectContaining({ runId: first.executionId })]);
		}
		const [lock] = await lockRows();
		expect(lock).toMatchObject({ state: 'free', leaseUntil: 0 });
		expect(lock.runId).not.toBe('killed-run');
		console.log(
			`queue mode, callbacks once after a stopped run's lock: most tries ${Math.max(...[...all.values()].flat().map((run) => run.takes))}`,
		);
	});

	it('a lock that stays held makes the run fail loudly with the event unrecorded; once freed, the event runs once', async () => {
		const id = `QON-${RUN}-STUCK`;
		const [callback] = await callbacksOf([id]);
		await setLock({ state: 'held', runId: 'stuck-run', leaseUntil: Date.now() + 3_600_000 });
		await deliverAll([callback], [proxied]);
		const [failed] = (await runsOf([id], 1)).get(id)!;
		expect(failed.status).toBe('error');
		expect(failed.errors['Lock stayed held']).toMatch(
			new RegExp(
				`held \\(last by execution stuck-run\\) through \\d+ tries\\. Event \\S*${id}\\S* was not recorded`,
			),
		);
		expect(failed.continued).toEqual([]);
		expect(await eventRows(id)).toEqual([]);

		await setLock({ state: 'free', leaseUntil: 0 });
		await deliverAll([callback], [proxied]);
		const runs = (await runsOf([id], 2)).get(id)!;
		expect(runs[1].status).toBe('success');
		expect(runs[1].continued).toEqual([expect.objectContaining({ partnerTrxId: id })]);
		expect(await eventRows(id)).toEqual([expect.objectContaining({ runId: runs[1].executionId })]);
	});

	it('a duplicated or missing lock row fails every run loudly; setup refuses a duplicate and adds a missing one', async () => {
		const id = `QON-${RUN}-LOCKROW`;
		const [callback] = await callbacksOf([id]);
		const failsWith = async (count: number, message: RegExp) => {
			await deliverAll([callback], [proxied]);
			const runs = (await runsOf([id], count)).get(id)!;
			expect(runs[count - 1].status).toBe('error');
			expect(runs[count - 1].errors['Lock row missing or duplicated']).toMatch(message);
			expect(await eventRows(id)).toEqual([]);
		};
		const { status } = await rest('POST', `${tablePath}/insert`, {
			data: [{ key: 'lock', state: 'free', runId: '', leaseUntil: 0 }],
			returnType: 'id',
		});
		expect(status).toBe(200);
		await failsWith(1, /has 2 lock rows .* it needs exactly one/);
		await expect(ensureCallbacksTable(rest)).rejects.toThrow(
			`The Data Table ${CALLBACKS_TABLE} has 2 lock rows`,
		);

		const removed = await rest(
			'DELETE',
			`${tablePath}/rows?filter=${encodeURIComponent(JSON.stringify(keyIs('lock')))}`,
		);
		expect(removed.status).toBe(200);
		await failsWith(2, /has 0 lock rows/);

		expect(await ensureCallbacksTable(rest)).toMatchObject({ created: false, lockAdded: true });
		await deliverAll([callback], [proxied]);
		const runs = (await runsOf([id], 3)).get(id)!;
		expect(runs[2].status).toBe('success');
		expect(runs[2].continued).toEqual([expect.objectContaining({ partnerTrxId: id })]);
		expect(await eventRows(id)).toHaveLength(1);
	});
});
