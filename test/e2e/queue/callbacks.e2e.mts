import { beforeAll, describe, expect, it } from 'vitest';
import {
	bundledWorkflow,
	SANDBOX_CREDENTIAL,
	triggerCallbackUrl,
} from '../../../scripts/n8n/stack.mjs';
import { itemsOf } from '../support/workflows.mjs';
import {
	completedPayout as completedPayoutOf,
	deliver,
	settledExecutions,
} from './support/callbacks.mjs';
import { connectToQueue } from './support/stack.mjs';

type Queue = Awaited<ReturnType<typeof connectToQueue>>;

const example = await bundledWorkflow('examples/oy-receive-callbacks.json');
const WORKFLOW_ID = example.workflow.id;
const GUARD = 'Pass each event once';
const RUN = Date.now().toString(36).toUpperCase();

describe('OY! callbacks through the webhook processes', () => {
	let queue: Queue;
	/** The callback URL (with its token) on each webhook process, called directly. */
	let urls: string[] = [];
	beforeAll(async () => {
		queue = await connectToQueue();
		urls = queue.context.webhookUrls.map(
			(base) => triggerCallbackUrl([example.workflow], base)?.url ?? '',
		);
		for (const url of urls) expect(url).toContain('?token=');
	});

	const completedPayout = (id: string) => completedPayoutOf(queue, id);
	const settled = () => settledExecutions(queue, WORKFLOW_ID);
	/** The finished runs for one payout, oldest first, once there are `count`. */
	const runsOf = async (id: string, count: number) => {
		const deadline = Date.now() + 90_000;
		for (;;) {
			const runs = (await settled())
				.filter((execution) =>
					itemsOf(execution, 'OY! Trigger').some((item) => item.partnerTrxId === id),
				)
				.reverse()
				.map((execution) => ({ status: execution.status, passed: itemsOf(execution, GUARD) }));
			if (runs.length >= count) return runs;
			if (Date.now() > deadline)
				throw new Error(`${id}: ${runs.length} of ${count} executions after 90s`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	};

	it('each webhook process takes a genuine callback, and a worker runs it once', async () => {
		for (const [index, url] of urls.entries()) {
			const id = `QCB-${RUN}-${index}`;
			const callback = await completedPayout(id);
			expect((await deliver(url, callback)).status).toBe(200);
			const [run] = await runsOf(id, 1);
			expect(run.status).toBe('success');
			expect(run.passed).toEqual([
				expect.objectContaining({ partnerTrxId: id, outcome: 'success', isDuplicate: false }),
			]);
		}
	});

	it('every webhook process refuses forged callbacks, and none starts an execution', async () => {
		const genuine = await completedPayout(`QCB-${RUN}-GENUINE`);
		const forged = { ...genuine, partner_trx_id: `QCB-${RUN}-FORGED`, amount: 90_000_000 };
		const before = (await settled()).length;
		for (const url of urls) {
			const bare = url.replace(/\?token=.*$/, '');
			expect((await deliver(bare, forged)).status, `${bare} without a token`).toBe(401);
			expect(
				(await deliver(`${bare}?token=a-guessed-token-0123456789`, forged)).status,
				`${bare} with a wrong token`,
			).toBe(401);
			const unconfirmed = await deliver(url, forged);
			expect(unconfirmed.status, `${bare}: a payout that never happened`).toBe(403);
			expect(await unconfirmed.json()).toMatchObject({
				received: false,
				error: 'Not confirmed by OY!',
			});
		}
		// A genuine callback afterwards is the only new execution (it also shows the queue had time to run any).
		const url = urls[0];
		expect((await deliver(url, genuine)).status).toBe(200);
		await runsOf(`QCB-${RUN}-GENUINE`, 1);
		const after = await settled();
		expect(after).toHaveLength(before + 1);
		expect(JSON.stringify(after)).not.toContain(`QCB-${RUN}-FORGED`);
	});

	it('the same callbacks at the same moment on both webhook processes, and replayed afterwards: what Pass Once holds across workers', async () => {
		const ids = Array.from({ length: 6 }, (_, index) => `QCB-${RUN}-BOTH-${index}`);
		const callbacks = [];
		for (const id of ids) callbacks.push(await completedPayout(id));
		// Every event to both webhook processes at once, all events together.
		const statuses = await Promise.all(
			callbacks.flatMap((callback) =>
				urls.map((url) => deliver(url, callback).then((response) => response.status)),
			),
		);
		expect(statuses).toEqual(statuses.map(() => 200));
		const together = await Promise.all(ids.map((id) => runsOf(id, 2)));
		// Replayed once each, one after another, through the round-robin.
		const proxied = triggerCallbackUrl([example.workflow], queue.context.proxyUrl)?.url ?? '';
		for (const [index, callback] of callbacks.entries()) {
			expect((await deliver(proxied, callback)).status).toBe(200);
			await runsOf(ids[index], 3);
		}
		const all = await Promise.all(ids.map((id) => runsOf(id, 3)));
		const passes = (runs: Array<{ passed: unknown[] }>) =>
			runs.reduce((sum, run) => sum + run.passed.length, 0);
		const atOnce = together.map((runs) => passes(runs.slice(0, 2)));
		const replayed = all.map((runs) => passes(runs.slice(2)));
		// What holds: no run passes an event twice, and each event passes at least once.
		for (const runs of all)
			for (const run of runs) expect(run.passed.length).toBeLessThanOrEqual(1);
		for (const count of atOnce) expect(count).toBeGreaterThanOrEqual(1);
		// What is not guaranteed across processes (docs/queue-mode.md): passes of the same moment
		// beyond the first, and passes of a replay whose key a concurrent run's write overwrote.
		console.log(
			`queue mode, Pass Once: events passed twice at the same moment ${atOnce.filter((count) => count > 1).length}/${ids.length}, replays passed ${replayed.filter((count) => count > 0).length}/${ids.length}; failed runs ${all.flat().filter((run) => run.status !== 'success').length}`,
		);
	});

	it("the credential's Test button works on the main process", async () => {
		const test = (apiKey: string) =>
			queue.main.rest('POST', '/rest/credentials/test', {
				credentials: {
					...SANDBOX_CREDENTIAL,
					type: 'oyApi',
					data: {
						environment: 'sandbox',
						baseUrl: queue.context.sandbox.url,
						username: queue.context.sandbox.username,
						apiKey,
					},
				},
			});
		expect((await test(queue.context.sandbox.apiKey)).body.data).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const wrong = await test('wrong-key-4711');
		expect(wrong.body.data).toMatchObject({
			status: 'Error',
			message: expect.stringContaining('code 208'),
		});
		expect(JSON.stringify(wrong.body)).not.toContain('wrong-key-4711');
	});
});
