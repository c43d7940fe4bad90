/**
 * bench/queue: payouts per second in n8n's queue mode against one n8n process (regular mode), at the
 * same added OY latency (+100 ms on every payout), in one run against the OY sandbox in its own
 * process. Workloads: N payouts as 20 executions of N/20 started at once through the production
 * webhook, and N payouts in one execution. Setups: n8n 2.41.1 in one process (no concurrency
 * limit, n8n's default), and queue mode (scripts/queue/stack.mjs) with 1 and 2 workers at
 * `--concurrency=5` (the stack's) and at 20 (every execution of the workload at once on one worker);
 * the one-execution workload on 1 worker only (an execution runs on one worker, the others idle).
 * Each run is checked (every execution succeeded, every payout reported, each booked once by the
 * sandbox) before its figure counts. Asserts nothing about speed.
 *
 *   npm run bench:queue [-- --payouts N]     (N: a multiple of 20, default 2000)
 */
import { readFile, rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { cacheRoot, ensureRuntime, formatDuration, PROFILES } from '../../scripts/n8n/runtime.mjs';
import { startSandboxProcess } from '../bulk/sandbox.mjs';
import { startQueue, startSingle } from './setups.mjs';
import type { Figure, Setup } from './table.mjs';
import { describeWorkload, PARALLEL_REQUESTS, resultsTable } from './table.mjs';
import type { Workload } from './workload.mjs';
import { LATENCY_MS, runWorkload } from './workload.mjs';

const EXECUTIONS = 20;
const CONCURRENCIES = [5, 20];

function payoutCount(): number {
	const index = process.argv.indexOf('--payouts');
	const count = index < 0 ? 2000 : Number(process.argv[index + 1]);
	if (!Number.isInteger(count) || count < EXECUTIONS || count % EXECUTIONS !== 0)
		throw new Error(
			`--payouts must be a multiple of ${EXECUTIONS}, not ${process.argv[index + 1]}`,
		);
	return count;
}

/** Executions of `ids` each worker's log says it started ("Worker started execution 12 (job 7)"). */
async function perWorker(logFiles: string[], ids: string[]): Promise<number[]> {
	const ours = new Set(ids);
	return Promise.all(
		logFiles.map(async (file) => {
			const log = await readFile(file, 'utf8');
			return [...log.matchAll(/Worker started execution (\d+)/g)].filter((match) =>
				ours.has(match[1]),
			).length;
		}),
	);
}

const load = () =>
	loadavg()
		.map((value) => value.toFixed(2))
		.join(' ');

async function main(): Promise<void> {
	const payouts = payoutCount();
	const started = Date.now();
	const step = (line: string) =>
		console.log(`[bench:queue ${formatDuration(Date.now() - started)}] ${line}`);
	const parallel: Workload = { executions: EXECUTIONS, perExecution: payouts / EXECUTIONS };
	const oneRun: Workload = { executions: 1, perExecution: payouts };
	console.log(
		`bench/queue: n8n ${PROFILES.current.n8nVersion}, ${payouts} payouts, +${LATENCY_MS} ms per payout, Parallel Requests ${PARALLEL_REQUESTS} (the node's default); load average ${load()}`,
	);
	const runDir = path.join(cacheRoot(), `bench-queue-${process.env.OY_E2E_RUN || 'current'}`);
	await rm(runDir, { recursive: true, force: true });
	const runtime = await ensureRuntime(PROFILES.current, { log: step });
	const sandbox = await startSandboxProcess();
	const figures: Figure[] = [];
	const measure = async (
		setup: Setup,
		workload: Workload,
		target: Parameters<typeof runWorkload>[0],
		workerLogs: string[] = [],
	) => {
		const result = await runWorkload(target, workload);
		const split = workerLogs.length > 0 ? await perWorker(workerLogs, result.executionIds) : [];
		step(
			`${setup.name}, ${describeWorkload(workload)}: ${result.seconds.toFixed(1)} s, ${result.perSecond.toFixed(0)} payouts/s${split.length > 0 ? `, executions per worker ${split.join(' / ')}` : ''} (load average ${load()})`,
		);
		figures.push({ setup, workload, result, perWorker: split });
	};
	/** Not measured: each n8n process loads the node and warms up on its first executions. */
	const warmUp = (target: Parameters<typeof runWorkload>[0]) =>
		runWorkload(
			{ ...target, label: `${target.label} (warm-up)` },
			{
				executions: EXECUTIONS,
				perExecution: 1,
			},
		);

	const first = { workers: 1, concurrency: CONCURRENCIES[0] };
	const queue = await startQueue(runtime, path.join(runDir, 'queue'), sandbox.url, first, step);
	try {
		const single = await startSingle(runtime, runDir, sandbox.url, queue.postgres!, queue.tarball!);
		try {
			const setup: Setup = { name: 'single process (regular mode)', slots: Infinity };
			const target = {
				main: single,
				webhookBase: single.url,
				sandboxUrl: sandbox.url,
				label: setup.name,
			};
			await warmUp(target);
			await measure(setup, parallel, target);
			await measure(setup, oneRun, target);
		} finally {
			await single.stop();
		}

		for (const concurrency of CONCURRENCIES) {
			for (const workers of [1, 2]) {
				const setup: Setup = {
					name: `queue mode, ${workers} worker${workers > 1 ? 's' : ''}, --concurrency=${concurrency}`,
					slots: workers * concurrency,
					workers,
					concurrency,
				};
				if (queue.workers.length !== workers || queue.workerConcurrency !== concurrency) {
					await queue.replaceWorkers({ workers, concurrency });
					step(`${setup.name}: workers started`);
				}
				const target = {
					main: queue.main!,
					webhookBase: queue.proxy!.url,
					sandboxUrl: sandbox.url,
					label: setup.name,
				};
				const logs = queue.workers.map((_, index) => queue.logFile(`worker-${index + 1}`));
				await warmUp(target);
				await measure(setup, parallel, target, logs);
				// One execution runs on one worker whatever the concurrency and the other workers: measured once.
				if (concurrency === CONCURRENCIES[0] && workers === 1)
					await measure(setup, oneRun, target, logs);
			}
		}
	} finally {
		await queue.stop();
		sandbox.stop();
	}
	figures.sort((a, b) => Number(a.workload.executions === 1) - Number(b.workload.executions === 1));
	console.log('');
	console.log(resultsTable(figures));
	console.log('');
	console.log(
		`Load average at the end: ${load()}. Each execution pays its payouts ${PARALLEL_REQUESTS} at a time; executions at once: n8n's regular mode sets no limit by default (N8N_CONCURRENCY_PRODUCTION_LIMIT=-1), a queue-mode worker runs --concurrency of them (n8n's default 10). Bench time ${formatDuration(Date.now() - started)}.`,
	);
}

await main();
