import { describe, expect, it } from 'vitest';
import { AdaptivePacer } from '../../lib/pacing.js';

/** A pacer on a clock only the test moves; its sleeps are recorded and return at once. */
function pacerOnAClock() {
	const clock = { now: 1_000_000 };
	const sleeps: number[] = [];
	const pacer = new AdaptivePacer({
		now: () => clock.now,
		sleep: async (ms) => {
			sleeps.push(ms);
		},
	});
	/** `count` requests answered 200 within the current second */
	const accept = async (count: number) => {
		for (let index = 0; index < count; index++) pacer.answered(await pacer.slot(), 200);
	};
	return { clock, sleeps, pacer, accept };
}

describe('the adaptive pacer', () => {
	it('sends without waiting until OY! answers 429', async () => {
		const { sleeps, pacer, accept } = pacerOnAClock();
		await accept(500);
		expect(sleeps).toEqual([]);
		expect(pacer.requestsPerSecond).toBe(Number.POSITIVE_INFINITY);
	});

	it('after a 429 paces every request a little under what OY! accepted in the last second', async () => {
		const { clock, sleeps, pacer, accept } = pacerOnAClock();
		await accept(100);
		const refusedAt = await pacer.slot();
		clock.now += 5;
		pacer.answered(refusedAt, 429);
		expect(pacer.requestsPerSecond).toBeCloseTo(97);
		// the next requests leave 1000/97 ms apart, whichever lane asks
		const starts = await Promise.all([pacer.slot(), pacer.slot(), pacer.slot()]);
		const gaps = [starts[1] - starts[0], starts[2] - starts[1]];
		expect(gaps.map((ms) => ms.toFixed(2))).toEqual(['10.31', '10.31']);
		expect(sleeps).toHaveLength(3);
	});

	it('lowers the pace once for the 429s of requests sent before it was lowered', async () => {
		const { clock, pacer, accept } = pacerOnAClock();
		await accept(100);
		const inFlight = await Promise.all(Array.from({ length: 16 }, () => pacer.slot()));
		clock.now += 5;
		for (const startedAt of inFlight) pacer.answered(startedAt, 429);
		expect(pacer.requestsPerSecond).toBeCloseTo(97);
		// a request sent at the new pace and refused again lowers it again
		const paced = await pacer.slot();
		pacer.answered(paced, 429);
		expect(pacer.requestsPerSecond).toBeLessThan(97);
	});

	it('climbs back each second without a 429, and stops pacing well past the refused pace', async () => {
		const { clock, pacer, accept } = pacerOnAClock();
		await accept(20);
		pacer.answered(await pacer.slot(), 429);
		const paces = [pacer.requestsPerSecond];
		for (let second = 0; second < 60 && paces.at(-1)! < Number.POSITIVE_INFINITY; second++) {
			clock.now += 1000;
			await accept(1);
			paces.push(pacer.requestsPerSecond);
		}
		expect(paces[0]).toBeCloseTo(19.4);
		// fast up to just under the refused pace (20), then slower, then no pace at all
		expect(paces[1]).toBeCloseTo(19.8);
		expect(paces[2]).toBeCloseTo(19.8 * 1.02 + 1);
		expect(paces.slice(1).every((pace, index) => pace > paces[index])).toBe(true);
		expect(paces.at(-1)).toBe(Number.POSITIVE_INFINITY);
	});

	it('after a 429 with nothing accepted yet still sends, one a second, and recovers', async () => {
		const { clock, pacer } = pacerOnAClock();
		pacer.answered(await pacer.slot(), 429);
		expect(pacer.requestsPerSecond).toBe(1);
		clock.now += 1000;
		pacer.answered(await pacer.slot(), 200);
		expect(pacer.requestsPerSecond).toBe(Number.POSITIVE_INFINITY);
	});
});
