/**
 * The sandbox's notion of "now": real time plus an offset that control endpoints can push forward,
 * so tests can make a day pass in a millisecond.
 */
export class Clock {
	private offsetMs = 0;

	now(): number {
		return Date.now() + this.offsetMs;
	}

	/** Moves time forward; time never goes back, as it does not for OY!. */
	advance(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0)
			throw new RangeError('advance takes a non-negative number of milliseconds');
		this.offsetMs += ms;
	}

	/** Jumps to an absolute instant, only forward. */
	advanceTo(epochMs: number): void {
		this.advance(Math.max(0, epochMs - this.now()));
	}

	get offset(): number {
		return this.offsetMs;
	}

	reset(): void {
		this.offsetMs = 0;
	}
}
