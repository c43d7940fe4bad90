/**
 * (d) in a process of its own, so that no other figure's heap counts: runs one way over `count`
 * payouts `rounds` times and prints, as JSON, each round's peak RSS above the process's RSS before
 * the first round.
 *   vite-node bench/bulk/memory-child.mts <sandbox url> <oy|helper|http> <count> <rounds>
 */
import { collectGarbage, measure } from './measure.mjs';
import { control } from './sandbox.mjs';
import { helperOnly, httpRequestNode, oyNode, payoutsFor, registerBenchNodes } from './ways.mjs';

const [url, name, count, rounds] = process.argv.slice(2);
const ways = { oy: oyNode, helper: helperOnly, http: httpRequestNode() };
const way = ways[name as keyof typeof ways];
if (!way) throw new Error(`no way named ${name}`);
registerBenchNodes();
collectGarbage();
const baseline = process.memoryUsage.rss() / 2 ** 20;
const peaks: number[] = [];
for (let round = 0; round < Number(rounds); round++) {
	await control(url, 'POST', '/reset');
	const run = await measure(way, url, payoutsFor(`memory-${name}-${round}`, Number(count)), 16);
	if (run.error || run.accepted !== Number(count))
		throw new Error(`${name}: ${run.accepted} of ${count} accepted ${run.error ?? ''}`);
	peaks.push(run.peakRssMb - baseline);
}
console.log(JSON.stringify({ peaks }));
