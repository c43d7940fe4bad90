import type { Workload, WorkloadResult } from './workload.mjs';
import { LATENCY_MS } from './workload.mjs';

/** The OY! node's default Options › Parallel Requests; the bench's workflow sets none. */
export const PARALLEL_REQUESTS = 5;

export interface Setup {
	name: string;
	/** executions that run at once: n8n's limit in regular mode (none: Infinity), workers x --concurrency in queue mode */
	slots: number;
	workers?: number;
	concurrency?: number;
}

export interface Figure {
	setup: Setup;
	workload: Workload;
	result: WorkloadResult;
	/** executions each worker ran (queue mode) */
	perWorker: number[];
}

const fixed = (value: number, digits = 2) => value.toFixed(digits);

/** The time OY's answers alone take: waves of executions, each paying its payouts 5 at a time. */
export function latencyFloor({ executions, perExecution }: Workload, slots: number): number {
	const waves = Math.ceil(executions / Math.min(slots, executions));
	return (waves * Math.ceil(perExecution / PARALLEL_REQUESTS) * LATENCY_MS) / 1000;
}

export const describeWorkload = ({ executions, perExecution }: Workload) =>
	executions === 1
		? `${perExecution} payouts in 1 execution`
		: `${executions * perExecution} payouts as ${executions} executions of ${perExecution} at once`;

/** One Markdown table: each figure against the single process and, for 2 workers, against 1 worker with the same concurrency (same run). */
export function resultsTable(figures: Figure[]): string {
	const rows = [
		'| workload | n8n | executions at once | executions per worker | time (s) | OY-latency floor (s) | payouts/s | vs single process | 2 vs 1 worker |',
		'|---|---|---|---|---|---|---|---|---|',
	];
	for (const figure of figures) {
		const same = (other: Figure) =>
			describeWorkload(other.workload) === describeWorkload(figure.workload);
		const single = figures.find((other) => same(other) && other.setup.workers === undefined);
		const oneWorker =
			figure.setup.workers === 2
				? figures.find(
						(other) =>
							same(other) &&
							other.setup.workers === 1 &&
							other.setup.concurrency === figure.setup.concurrency,
					)
				: undefined;
		const { result, setup, workload, perWorker } = figure;
		rows.push(
			`| ${describeWorkload(workload)} | ${setup.name} | ${Number.isFinite(setup.slots) ? setup.slots : 'no limit'} | ${perWorker.join(' / ')} | ${fixed(result.seconds, 1)} | ${fixed(latencyFloor(workload, setup.slots), 1)} | ${fixed(result.perSecond, 0)} | ${single && single !== figure ? `${fixed(result.perSecond / single.result.perSecond)}x` : ''} | ${oneWorker ? `${fixed(result.perSecond / oneWorker.result.perSecond)}x` : ''} |`,
		);
	}
	return rows.join('\n');
}
