/**
 * Runs `work` for indexes 0..count-1 with at most `concurrency` at a time and returns the results in
 * index order. Once `stop` says so for a result, no new work starts (no new payout leaves after an
 * error); work already under way finishes. Indexes never started stay undefined.
 */
export async function runOrdered<T>(
	count: number,
	concurrency: number,
	work: (index: number) => Promise<T>,
	stop: (result: T) => boolean = () => false,
): Promise<Array<T | undefined>> {
	const results = new Array<T | undefined>(count).fill(undefined);
	const state = { next: 0, stopped: false };
	const lane = async () => {
		while (!state.stopped && state.next < count) {
			const index = state.next++;
			const result = await work(index);
			results[index] = result;
			if (stop(result)) state.stopped = true;
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, lane));
	return results;
}
