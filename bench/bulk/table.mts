import { best, fixed } from './measure.mjs';
import type {
	BenchConfig,
	CpuFigures,
	LatencyFigures,
	MemoryFigures,
	RateFigure,
} from './sections.mjs';
import { LATENCY_MS, RATE_LIMIT } from './sections.mjs';

interface Figures {
	latency?: LatencyFigures[];
	cpu?: CpuFigures;
	rate?: RateFigure[];
	memory?: MemoryFigures;
}

const holds = (ok: boolean) => (ok ? 'yes' : '**no**');
const percent = (share: number) => `${fixed(share * 100, 1)}%`;
/** the resolution of a share measured on a shared machine: "at or above" allows this much */
const SHARE_TOLERANCE = 0.01;
/** rounds whose peak grows less than this from the first are flat */
const FLAT_MB = 20;

function latencyRows(latency: LatencyFigures[], config: BenchConfig): string[] {
	return latency.map(({ parallel, share }) => {
		const target = parallel === 16 ? 0.95 : 0.9;
		const oy = best(share.oy);
		const helper = best(share.helper);
		return `| latency-bound share of the ideal, ${config.latencyCount} payouts +${LATENCY_MS} ms, ${parallel} parallel | ${fixed(oy)} | helper-only node ${fixed(helper)}, raw loop ${fixed(best(share.raw))} (a new connection per request: ${fixed(best(share.rawNew))}) | >= ${fixed(target)} and at or above the helper-only node | ${holds(oy >= target && oy >= helper - SHARE_TOLERANCE)} |`;
	});
}

function cpuRow(cpu: CpuFigures, config: BenchConfig): string {
	const oy = best(cpu.oy, false);
	const helper = best(cpu.helper, false);
	const http = best(cpu.http, false);
	return `| CPU per item, ${config.cpuCount} payouts | ${fixed(oy, 0)} us (${fixed(oy / helper)}x the helper-only node) | helper-only node ${fixed(helper, 0)} us, HTTP Request node ${fixed(http, 0)} us | <= 1.2x the helper-only node and below the HTTP Request node | ${holds(oy <= 1.2 * helper && oy < http)} |`;
}

function rateRows(rate: RateFigure[], config: BenchConfig): string[] {
	const [oy, ...others] = rate;
	const references = (pick: (figure: RateFigure) => string) =>
		others.map((figure) => `${figure.name}: ${pick(figure)}`).join('; ');
	const where = `${config.rateCount} payouts at ${RATE_LIMIT} req/s`;
	return [
		`| ${where}: share of the limit | ${fixed(oy.shareOfLimit)} | ${references((figure) => (figure.error ? `stopped (${figure.failed} failed)` : fixed(figure.shareOfLimit)))} | >= 0.97 | ${holds(oy.shareOfLimit >= 0.97)} |`,
		`| ${where}: failed items / paid twice | ${oy.failed} / ${oy.paidTwice} | ${references((figure) => `${figure.failed} / ${figure.paidTwice}`)} | 0 / 0 | ${holds(oy.failed === 0 && oy.paidTwice === 0)} |`,
		`| ${where}: requests answered 429 | ${percent(oy.refusedShare)} of ${oy.requests} | ${references((figure) => `${percent(figure.refusedShare)} of ${figure.requests}`)} | <= 2% | ${holds(oy.refusedShare <= 0.02)} |`,
	];
}

function memoryRow(memory: MemoryFigures, config: BenchConfig): string {
	const rounds = memory.oy.map((mb) => fixed(mb, 0)).join(', ');
	const flat = memory.oy.every((mb) => mb <= memory.oy[0] + FLAT_MB);
	return `| peak RSS growth, ${config.memoryCount} payouts, ${memory.oy.length} rounds | ${rounds} MB | helper-only node ${fixed(memory.helper, 0)} MB, HTTP Request node ${fixed(memory.http, 0)} MB | <= 150 MB, flat across rounds | ${holds(Math.max(...memory.oy) <= 150 && flat)} |`;
}

/** The run's figures as a Markdown table for the README, each with its same-run reference. */
export function summaryTable(figures: Figures, config: BenchConfig): string {
	const rows = [
		'| figure | OY! node | reference, same run | target | holds |',
		'|---|---|---|---|---|',
		...(figures.latency ? latencyRows(figures.latency, config) : []),
		...(figures.cpu ? [cpuRow(figures.cpu, config)] : []),
		...(figures.rate ? rateRows(figures.rate, config) : []),
		...(figures.memory ? [memoryRow(figures.memory, config)] : []),
	];
	return rows.join('\n');
}
