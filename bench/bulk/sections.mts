/** The four figures of the bulk payout benchmark; each returns its rows, figures from the same run. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { best, fixed, measure } from './measure.mjs';
import type { Measured } from './measure.mjs';
import { booked, control, ownAccount } from './sandbox.mjs';
import {
	helperOnly,
	httpRequestNode,
	libClient,
	oyNode,
	payoutsFor,
	rawLoop,
	rawLoopNewConnections,
	type Way,
} from './ways.mjs';

export interface BenchConfig {
	rounds: number;
	latencyCount: number;
	cpuCount: number;
	rateCount: number;
	memoryCount: number;
	memoryRounds: number;
}

export const LATENCY_MS = 100;
export const RATE_LIMIT = 100;
const CPU_PARALLEL = 16;
const RATE_PARALLEL = 16;
let runs = 0;

const log = (line: string) => console.log(`  ${line}`);

/** One run of a way against a fresh sandbox; `prepare` adds latency or a rate limit. */
async function runWay(
	url: string,
	name: string,
	way: Way,
	count: number,
	parallel: number,
	prepare: () => Promise<void> = async () => {},
) {
	await control(url, 'POST', '/reset');
	await prepare();
	const before = await ownAccount(url);
	const payouts = payoutsFor(`${name.replace(/\W/g, '')}-${runs++}`, count);
	const measured = await measure(way, url, payouts, parallel);
	const ledger = await booked(url, before);
	const limit = (await control(url, 'GET', '/rate-limit')).rate_limit as {
		allowed: number;
		refused: number;
	} | null;
	return { measured, ledger, limit };
}

/** A run that must book every payout once (no faults): throws otherwise. */
async function cleanRun(
	url: string,
	name: string,
	way: Way,
	count: number,
	parallel: number,
	prepare?: () => Promise<void>,
): Promise<Measured> {
	const { measured, ledger } = await runWay(url, name, way, count, parallel, prepare);
	if (measured.error || measured.accepted !== count || ledger.payouts !== count) {
		throw new Error(
			`${name}: ${measured.accepted} accepted, ${ledger.payouts} booked, of ${count}${measured.error ? `: ${measured.error}` : ''}`,
		);
	}
	return measured;
}

export interface LatencyFigures {
	parallel: number;
	/** share of the ideal (count x latency / parallel), best round, by way */
	share: Record<'oy' | 'helper' | 'raw' | 'rawNew', number[]>;
}

/** (a) +100 ms on every payout: how close each way comes to count x latency / parallel. */
export async function latencyBound(url: string, config: BenchConfig): Promise<LatencyFigures[]> {
	const ways: Array<[keyof LatencyFigures['share'], string, Way]> = [
		['raw', 'raw keep-alive loop', rawLoop],
		['rawNew', 'raw, new connections', rawLoopNewConnections],
		['helper', 'helper-only node', helperOnly],
		['oy', 'OY! node', oyNode],
	];
	const latency = async () => {
		await control(url, 'POST', '/faults', {
			kind: 'latency',
			latency_ms: LATENCY_MS,
			path: '/api/remit',
		});
	};
	const figures: LatencyFigures[] = [];
	for (const parallel of [16, 50]) {
		const ideal = (config.latencyCount * LATENCY_MS) / 1000 / parallel;
		const share: LatencyFigures['share'] = { oy: [], helper: [], raw: [], rawNew: [] };
		for (let round = 0; round < config.rounds; round++) {
			for (const [key, name, way] of ways) {
				const run = await cleanRun(url, name, way, config.latencyCount, parallel, latency);
				share[key].push(ideal / run.seconds);
				log(
					`(a) ${parallel} parallel, round ${round + 1}: ${name.padEnd(20)} ${fixed(run.seconds)} s, share of the ideal ${fixed(ideal / run.seconds)}`,
				);
			}
		}
		figures.push({ parallel, share });
	}
	return figures;
}

export type CpuFigures = Record<'oy' | 'helper' | 'http', number[]>;

/** (b) process CPU time per payout, no added latency, 16 parallel (HTTP Request: its defaults). */
export async function cpuPerItem(url: string, config: BenchConfig): Promise<CpuFigures> {
	const ways: Array<[keyof CpuFigures, string, Way]> = [
		['helper', 'helper-only node', helperOnly],
		['oy', 'OY! node', oyNode],
		['http', 'HTTP Request node', httpRequestNode()],
	];
	const figures: CpuFigures = { oy: [], helper: [], http: [] };
	for (let round = 0; round < config.rounds; round++) {
		for (const [key, name, way] of ways) {
			const run = await cleanRun(url, name, way, config.cpuCount, CPU_PARALLEL);
			figures[key].push(run.cpuPerItemUs);
			log(
				`(b) round ${round + 1}: ${name.padEnd(20)} ${fixed(run.cpuPerItemUs, 0)} us CPU per item, ${fixed(run.seconds)} s`,
			);
		}
	}
	return figures;
}

export interface RateFigure {
	name: string;
	/** the rate reached over what the limit allows after the bucket's first burst */
	shareOfLimit: number;
	failed: number;
	paidTwice: number;
	/** share of the requests OY! answered 429 */
	refusedShare: number;
	requests: number;
	error?: string;
}

/** (c) 100 requests per second at the sandbox (burst: one second's worth). */
export async function underRateLimit(url: string, config: BenchConfig): Promise<RateFigure[]> {
	const ways: Array<[string, Way]> = [
		['OY! node (16 parallel)', oyNode],
		['HTTP Request node, defaults', httpRequestNode()],
		[
			'HTTP Request node, batching 10 per 100 ms',
			httpRequestNode({ batching: { batch: { batchSize: 10, batchInterval: 100 } } }),
		],
		['ref: lib client, paced (16 parallel)', libClient(true)],
		['ref: lib client, Retry-After per request only', libClient(false)],
	];
	const limit = async () => {
		await control(url, 'PUT', '/rate-limit', { requests_per_second: RATE_LIMIT });
	};
	const figures: RateFigure[] = [];
	for (const [name, way] of ways) {
		const {
			measured,
			ledger,
			limit: counts,
		} = await runWay(url, name, way, config.rateCount, RATE_PARALLEL, limit);
		const requests = (counts?.allowed ?? 0) + (counts?.refused ?? 0);
		const idealSeconds = Math.max(0, ledger.payouts - RATE_LIMIT) / RATE_LIMIT;
		const figure: RateFigure = {
			name,
			shareOfLimit: idealSeconds / measured.seconds,
			failed: measured.failed,
			paidTwice: ledger.paidTwice,
			refusedShare: requests > 0 ? (counts?.refused ?? 0) / requests : 0,
			requests,
		};
		if (measured.error) figure.error = measured.error;
		if (ledger.movedBeyondBooked > 0)
			throw new Error(`${name}: money left the account beyond the booked payouts`);
		figures.push(figure);
		log(
			`(c) ${name.padEnd(46)} ${fixed(measured.seconds)} s, ${ledger.payouts} booked, share of the limit ${fixed(figure.shareOfLimit)}, ${figure.failed} failed, ${figure.paidTwice} paid twice, ${fixed(figure.refusedShare * 100, 1)}% of ${requests} requests answered 429${measured.error ? ` (stopped: ${measured.error})` : ''}`,
		);
	}
	return figures;
}

export interface MemoryFigures {
	/** the OY! node's peak RSS growth in each round */
	oy: number[];
	helper: number;
	http: number;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs bench/bulk/memory-child.mts in a new process; resolves with its rounds' peak RSS growth. */
function peaksInOwnProcess(url: string, way: string, count: number, rounds: number) {
	const child = spawn(
		process.execPath,
		[
			path.join(root, 'node_modules/vite-node/vite-node.mjs'),
			'--config',
			path.join(root, 'vitest.config.mts'),
			path.join(root, 'bench/bulk/memory-child.mts'),
			url,
			way,
			String(count),
			String(rounds),
		],
		{ cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
	);
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	return new Promise<number[]>((resolve, reject) =>
		child.on('exit', (code) => {
			const line = output.split('\n').find((text) => text.startsWith('{"peaks"'));
			if (code !== 0 || !line) reject(new Error(`memory run of ${way} failed (${code})`));
			else resolve((JSON.parse(line) as { peaks: number[] }).peaks);
		}),
	);
}

/**
 * (d) peak RSS growth over runs of 10,000 payouts, each way in a fresh process: the OY! node over
 * several rounds (flat when a later round's peak is no higher than the first's), one round each
 * for the references.
 */
export async function memory(url: string, config: BenchConfig): Promise<MemoryFigures> {
	const oy = await peaksInOwnProcess(url, 'oy', config.memoryCount, config.memoryRounds);
	log(`(d) OY! node, peak RSS growth by round: ${oy.map((mb) => fixed(mb, 0)).join(', ')} MB`);
	const [helper] = await peaksInOwnProcess(url, 'helper', config.memoryCount, 1);
	log(`(d) helper-only node, peak RSS growth ${fixed(helper, 0)} MB`);
	const [http] = await peaksInOwnProcess(url, 'http', config.memoryCount, 1);
	log(`(d) HTTP Request node, peak RSS growth ${fixed(http, 0)} MB`);
	return { oy, helper, http };
}

export { best };
