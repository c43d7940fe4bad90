/**
 * bench/bulk-disbursement: what a finance team sending a bulk payout through n8n lives with, in one
 * run, side by side, against the OY sandbox in its own process:
 *   (a) latency-bound share of the ideal (count x latency / parallel) with +100 ms per payout, at 16
 *       and 50 parallel: the OY! node, a node that only calls n8n's request helper (the floor of a
 *       verifiable node) and a raw keep-alive loop;
 *   (b) CPU per item (process CPU time / items): the OY! node, the helper-only node, n8n's HTTP
 *       Request node;
 *   (c) under the sandbox's rate limit (100 requests/s): share of the limit reached, failed items,
 *       payouts paid twice (the sandbox's ledger), share of requests answered 429;
 *   (d) peak RSS growth at 10,000 items, the OY! node over several rounds.
 * Prints each run's figures, then a Markdown table with the targets. Asserts nothing about speed.
 *
 *   npm run bench:bulk-disbursement [-- --quick]     (BENCH_ROUNDS, BENCH_ONLY=a|b|c|d)
 */
import {
	best,
	cpuPerItem,
	latencyBound,
	LATENCY_MS,
	memory,
	RATE_LIMIT,
	underRateLimit,
} from './bulk/sections.mjs';
import type { BenchConfig } from './bulk/sections.mjs';
import { fixed } from './bulk/measure.mjs';
import { startSandboxProcess } from './bulk/sandbox.mjs';
import { registerBenchNodes } from './bulk/ways.mjs';
import { summaryTable } from './bulk/table.mjs';

const quick = process.argv.includes('--quick');
const config: BenchConfig = {
	rounds: Number(process.env.BENCH_ROUNDS ?? 2),
	latencyCount: quick ? 1000 : 2000,
	cpuCount: quick ? 2000 : 5000,
	rateCount: quick ? 1000 : 2000,
	memoryCount: 10_000,
	memoryRounds: quick ? 2 : 3,
};
const only = process.env.BENCH_ONLY ?? 'abcd';

async function main(): Promise<void> {
	registerBenchNodes();
	const sandbox = await startSandboxProcess();
	try {
		console.log(
			`bench/bulk-disbursement${quick ? ' --quick' : ''}: Node ${process.version}, ${config.rounds} rounds (best counts), sandbox in its own process; (a) ${config.latencyCount} payouts +${LATENCY_MS} ms; (b) ${config.cpuCount} payouts; (c) ${config.rateCount} payouts at ${RATE_LIMIT} req/s; (d) ${config.memoryCount} payouts x ${config.memoryRounds}`,
		);
		// Memory first, on a heap the other figures have not grown yet.
		const figures = {
			memory: only.includes('d') ? await memory(sandbox.url, config) : undefined,
			latency: only.includes('a') ? await latencyBound(sandbox.url, config) : undefined,
			cpu: only.includes('b') ? await cpuPerItem(sandbox.url, config) : undefined,
			rate: only.includes('c') ? await underRateLimit(sandbox.url, config) : undefined,
		};
		console.log('');
		console.log(summaryTable(figures, config));
		if (figures.latency) {
			for (const { parallel, share } of figures.latency) {
				console.log(
					`OY! node / helper-only node at ${parallel} parallel: ${fixed(best(share.oy) / best(share.helper))}x; helper-only / raw: ${fixed(best(share.helper) / best(share.raw))}x; raw with a new connection per request / raw: ${fixed(best(share.rawNew) / best(share.raw))}x`,
				);
			}
		}
	} finally {
		sandbox.stop();
	}
}

await main();
