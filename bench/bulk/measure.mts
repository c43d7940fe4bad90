import v8 from 'node:v8';
import vm from 'node:vm';
import type { Payout, Way, WayResult } from './ways.mjs';

export interface Measured extends WayResult {
	seconds: number;
	/** process CPU time (user + system) per payout, microseconds */
	cpuPerItemUs: number;
	/** highest resident set size during the run, MB */
	peakRssMb: number;
}

v8.setFlagsFromString('--expose-gc');
export const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Runs a way once and measures wall time, CPU time and peak RSS (sampled every 5 ms). */
export async function measure(
	way: Way,
	url: string,
	payouts: Payout[],
	parallel: number,
): Promise<Measured> {
	collectGarbage();
	let peak = process.memoryUsage.rss();
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage.rss());
	}, 5);
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const result = await way(url, payouts, parallel);
	const seconds = (performance.now() - started) / 1000;
	const cpu = process.cpuUsage(cpuBefore);
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage.rss());
	return {
		...result,
		seconds,
		cpuPerItemUs: (cpu.user + cpu.system) / payouts.length,
		peakRssMb: peak / 2 ** 20,
	};
}

export const best = (values: number[], highest = true) =>
	highest ? Math.max(...values) : Math.min(...values);

export const fixed = (value: number, digits = 2) =>
	Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
