/**
 * A documented rate limit, as OY! has one per endpoint ("429 Request Rejected (Too Many Request to
 * specific endpoint)"): a token bucket over every OY! API request, refilled at `requests_per_second`
 * and holding at most `burst`. A request without a token is answered 429 with `Retry-After`, the
 * whole seconds until a token is there again. Wall time, not the sandbox clock: clients wait in
 * real time.
 */
export interface RateLimitSpec {
	requests_per_second: number;
	/** tokens the bucket holds; default one second's worth */
	burst?: number;
}

export interface RateLimitState extends Required<RateLimitSpec> {
	allowed: number;
	refused: number;
}

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const ALLOWED: RateLimitDecision = { allowed: true };

export class RateLimiter {
	private spec?: Required<RateLimitSpec>;
	private tokens = 0;
	private refilledAt = 0;
	private allowed = 0;
	private refused = 0;

	constructor(private readonly now: () => number = () => performance.now()) {}

	set(spec: RateLimitSpec): RateLimitState {
		const perSecond = spec.requests_per_second;
		if (typeof perSecond !== 'number' || !(perSecond > 0) || !Number.isFinite(perSecond)) {
			throw new Error('requests_per_second must be a number above 0');
		}
		const burst = spec.burst ?? Math.max(1, Math.ceil(perSecond));
		if (typeof burst !== 'number' || !Number.isInteger(burst) || burst < 1)
			throw new Error('burst must be a whole number of requests, 1 or more');
		this.spec = { requests_per_second: perSecond, burst };
		this.tokens = burst;
		this.refilledAt = this.now();
		this.allowed = 0;
		this.refused = 0;
		return this.state() as RateLimitState;
	}

	clear(): void {
		this.spec = undefined;
	}

	state(): RateLimitState | null {
		return this.spec ? { ...this.spec, allowed: this.allowed, refused: this.refused } : null;
	}

	take(): RateLimitDecision {
		const spec = this.spec;
		if (!spec) return ALLOWED;
		const now = this.now();
		this.tokens = Math.min(
			spec.burst,
			this.tokens + ((now - this.refilledAt) / 1000) * spec.requests_per_second,
		);
		this.refilledAt = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			this.allowed++;
			return ALLOWED;
		}
		this.refused++;
		const waitSeconds = (1 - this.tokens) / spec.requests_per_second;
		return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitSeconds)) };
	}
}
