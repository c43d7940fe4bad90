import type { Clock } from './clock.mjs';

interface Task {
	at: number;
	seq: number;
	run: () => void;
}

/**
 * Runs tasks when the sandbox clock reaches their time. One real timer is armed for the earliest
 * task; advancing the clock runs everything that became due at once, in time order.
 */
export class Scheduler {
	private readonly heap: Task[] = [];
	private seq = 0;
	private timer: NodeJS.Timeout | undefined;
	private armedFor = Infinity;
	private running = false;
	private closed = false;

	constructor(
		private readonly clock: Clock,
		private readonly onError: (error: unknown) => void = () => {},
	) {}

	/** Runs `run` once the clock reaches `at` (epoch ms of the sandbox clock). */
	at(at: number, run: () => void): void {
		if (this.closed) return;
		this.push({ at, seq: this.seq++, run });
		if (at < this.armedFor) this.arm();
	}

	after(delayMs: number, run: () => void): void {
		this.at(this.clock.now() + Math.max(0, delayMs), run);
	}

	/** Runs every task that is due now; called after the clock moves and by the real timer. */
	runDue(): number {
		if (this.running) return 0;
		this.running = true;
		let ran = 0;
		try {
			while (this.heap.length > 0 && this.heap[0].at <= this.clock.now()) {
				const task = this.pop();
				ran++;
				try {
					task.run();
				} catch (error) {
					this.onError(error);
				}
			}
		} finally {
			this.running = false;
		}
		this.arm();
		return ran;
	}

	get pending(): number {
		return this.heap.length;
	}

	clear(): void {
		this.heap.length = 0;
		this.disarm();
	}

	close(): void {
		this.closed = true;
		this.clear();
	}

	private arm(): void {
		this.disarm();
		if (this.closed || this.heap.length === 0) return;
		const next = this.heap[0].at;
		this.armedFor = next;
		// setTimeout caps at ~24.8 days; a later task simply re-arms when this fires.
		const delay = Math.min(Math.max(0, next - this.clock.now()), 2 ** 31 - 1);
		this.timer = setTimeout(() => {
			this.armedFor = Infinity;
			this.runDue();
		}, delay);
		this.timer.unref();
	}

	private disarm(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		this.armedFor = Infinity;
	}

	private push(task: Task): void {
		const heap = this.heap;
		heap.push(task);
		let i = heap.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (!earlier(heap[i], heap[parent])) break;
			[heap[i], heap[parent]] = [heap[parent], heap[i]];
			i = parent;
		}
	}

	private pop(): Task {
		const heap = this.heap;
		const top = heap[0];
		const last = heap.pop()!;
		if (heap.length > 0) {
			heap[0] = last;
			let i = 0;
			for (;;) {
				const left = 2 * i + 1;
				const right = left + 1;
				let smallest = i;
				if (left < heap.length && earlier(heap[left], heap[smallest])) smallest = left;
				if (right < heap.length && earlier(heap[right], heap[smallest])) smallest = right;
				if (smallest === i) break;
				[heap[i], heap[smallest]] = [heap[smallest], heap[i]];
				i = smallest;
			}
		}
		return top;
	}
}

function earlier(a: Task, b: Task): boolean {
	return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
