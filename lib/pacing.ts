import type { OyRequest, Send, Sleep } from './transport';

export interface PacerOptions {
	sleep: Sleep;
	/** milliseconds, any fixed origin */
	now?: () => number;
}

/** below this, a run that keeps being refused still sends, slowly */
const MIN_RATE = 1;
/** the pace after a refusal, as a share of what OY! accepted in the second before it */
const DECREASE = 0.97;
/**
 * How fast the pace climbs back towards the pace at the last refusal (per second), and then past
 * it: by a share and one request more, so that a pace cut low by an early 429 recovers in seconds.
 */
const CLIMB_BELOW = 1.1;
const CLIMB_ABOVE = 1.02;
const CLIMB_ABOVE_BY = 1;
/** how close under the last refusal's pace the fast climb stops */
const NEAR_CEILING = 0.99;
/** once the pace is this far above the last refusal's with no new refusal, pacing ends */
const RELEASE = 2;
const WINDOW_MS = 1000;

/**
 * One pace for all the requests of a run, learned from OY's rate-limit answers (HTTP 429). Until
 * the first 429 requests leave as fast as the run's parallelism allows. A 429 sets the pace to a
 * little under what OY! accepted in the second before it; each second without a 429 the pace
 * climbs back (fast up to the pace that was refused, slowly beyond it), and ends once it is well
 * past it. Only a 429 to a request sent at the current pace lowers it again, so the answers of
 * requests sent before a decrease do not count twice. The refused request itself is sent again by
 * the client after OY's Retry-After.
 */
export class AdaptivePacer {
	private readonly now: () => number;
	private rate = Number.POSITIVE_INFINITY;
	/** the pace at the last refusal: the climb slows down near it */
	private ceiling = Number.POSITIVE_INFINITY;
	private nextStart = 0;
	/** when the pace last changed (the climb is once a second) and last went down */
	private changedAt = 0;
	private loweredAt = 0;
	/** when each accepted answer arrived, oldest first: those of the last second from `firstAccepted` on */
	private accepted: number[] = [];
	private firstAccepted = 0;

	constructor(private readonly options: PacerOptions) {
		this.now = options.now ?? (() => Date.now());
	}

	/** the current pace in requests per second (Infinity: not paced) */
	get requestsPerSecond(): number {
		return this.rate;
	}

	/** When a request leaves now, if the run is not paced (no wait); undefined when it is paced. */
	unpacedStart(): number | undefined {
		return this.rate === Number.POSITIVE_INFINITY ? this.now() : undefined;
	}

	/** Waits until a request may leave; resolves with when it left (give it to `answered`). */
	async slot(): Promise<number> {
		if (this.rate === Number.POSITIVE_INFINITY) return this.now();
		let now = this.now();
		this.climb(now);
		const start = Math.max(now, this.nextStart);
		this.nextStart = start + 1000 / this.rate;
		if (start > now) {
			await this.options.sleep(start - now);
			now = this.now();
		}
		return Math.max(now, start);
	}

	/** Tells the pacer how a request sent at `startedAt` was answered (0: no answer). */
	answered(startedAt: number, statusCode: number): void {
		const now = this.now();
		if (statusCode !== 429) {
			if (statusCode > 0) this.accepted.push(now);
			this.forget(now);
			return;
		}
		if (startedAt < this.loweredAt) return;
		this.forget(now);
		const seen = Math.max(MIN_RATE, this.accepted.length - this.firstAccepted);
		this.ceiling = Math.min(this.rate, seen);
		this.rate = Math.max(MIN_RATE, this.ceiling * DECREASE);
		this.changedAt = now;
		this.loweredAt = now;
		this.nextStart = Math.max(this.nextStart, now + 1000 / this.rate);
	}

	private climb(now: number): void {
		if (now - this.changedAt < WINDOW_MS) return;
		const near = this.ceiling * NEAR_CEILING;
		this.rate =
			this.rate < near
				? Math.min(this.rate * CLIMB_BELOW, near)
				: this.rate * CLIMB_ABOVE + CLIMB_ABOVE_BY;
		if (this.rate > this.ceiling * RELEASE) this.rate = Number.POSITIVE_INFINITY;
		this.changedAt = now;
	}

	// Moves a start index rather than splicing the list's head off at every answer (a copy of up to
	// a second's answers each time); the list is cut once most of it is behind that index.
	private forget(now: number): void {
		const accepted = this.accepted;
		let first = this.firstAccepted;
		while (first < accepted.length && now - accepted[first] > WINDOW_MS) first++;
		if (first > 1024 && first * 2 > accepted.length) {
			this.accepted = accepted.slice(first);
			first = 0;
		}
		this.firstAccepted = first;
	}
}

/** `send`, with every request leaving at the pacer's pace and every answer told to it. */
export function pacedSend(send: Send, pacer: AdaptivePacer): Send {
	const sent = (request: OyRequest, startedAt: number) => {
		const answer = send(request);
		answer.then(
			(response) => pacer.answered(startedAt, response.statusCode),
			() => pacer.answered(startedAt, 0),
		);
		return answer;
	};
	return (request) => {
		// not paced (no 429 yet): the request leaves at once, with no wait for a slot
		const now = pacer.unpacedStart();
		return now === undefined
			? pacer.slot().then((startedAt) => sent(request, startedAt))
			: sent(request, now);
	};
}
