/**
 * Faults switched on through the control API or start options. A rule matches OY! endpoints by
 * method, route pattern or concrete path, or product, and fires for every request or at a rate,
 * optionally only a number of times.
 */
export const FAULT_KINDS = [
	'latency',
	'http-error',
	'rate-limit',
	'timeout-body',
	'drop-before-commit',
	'drop-after-commit',
	'http-error-after-commit',
	'truncated-json',
	'html-200',
	'status-lag',
	'redirect',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
	kind: FaultKind;
	method?: string;
	/** A route pattern such as `/api/custom-va/{id}`, or a concrete path. */
	path?: string;
	product?: string;
	/** Chance per matching request, 0..1; default 1. */
	rate?: number;
	/** Fire this many times, then retire; default unlimited. */
	times?: number;
	/** For `latency`: the delay before the answer. */
	latency_ms?: number;
	/** For `latency`: up to this much more, drawn evenly per request (seeded with the fault seed). */
	jitter_ms?: number;
	/**
	 * For `http-error` and `http-error-after-commit`: the HTTP status, default 500.
	 * For `redirect`: 301, 302, 303, 307 or 308, default 307.
	 */
	http_status?: number;
	/** For `redirect`: the base URL the answer points to; the request's path and query are appended. */
	location?: string;
	/** For `status-lag`: how long after a create its status reads say "not found". */
	lag_ms?: number;
	/** For `status-lag`: how many status reads after a create say "not found". */
	lag_calls?: number;
}

export interface FaultRule extends FaultSpec {
	id: number;
	rate: number;
	fired: number;
}

export interface FaultDecision {
	latencyMs: number;
	/** A fault that replaces or cuts the answer; at most one per request. */
	terminal?: FaultRule;
}

const NO_FAULT: FaultDecision = { latencyMs: 0 };
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

function checkSpec(spec: FaultSpec): void {
	if (spec.kind === 'redirect') {
		if (typeof spec.location !== 'string' || !/^https?:\/\/[^/]/.test(spec.location)) {
			throw new Error('a redirect fault needs "location": an http(s) URL to point to');
		}
		if (spec.http_status !== undefined && !REDIRECT_STATUSES.includes(spec.http_status)) {
			throw new Error(`a redirect's http_status must be one of ${REDIRECT_STATUSES.join(', ')}`);
		}
	}
	if (
		spec.kind === 'http-error-after-commit' &&
		spec.http_status !== undefined &&
		!(spec.http_status >= 500 && spec.http_status <= 599)
	) {
		throw new Error('http-error-after-commit takes a 5xx http_status');
	}
	if (spec.kind === 'status-lag') {
		if (!spec.path)
			throw new Error('a status-lag fault needs "path": the status endpoint that lags');
		if (spec.lag_ms === undefined && spec.lag_calls === undefined)
			throw new Error('a status-lag fault needs "lag_ms" or "lag_calls"');
		for (const key of ['lag_ms', 'lag_calls'] as const) {
			const value = spec[key];
			if (value !== undefined && !(Number.isInteger(value) && value >= 0))
				throw new Error(`"${key}" must be a whole number >= 0`);
		}
	}
}

/** The partner's id of a transaction in a request body (`partner_trx_id`, or `partner_tx_id` in some products). */
export function partnerIdOf(body: Record<string, unknown> | undefined): string | undefined {
	const id = body?.partner_trx_id ?? body?.partner_tx_id;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

export class FaultInjector {
	private rules: FaultRule[] = [];
	private nextId = 1;
	private random: () => number;
	/** For `status-lag`: when each transaction id was first created, and how many status reads lagged since. */
	private readonly creates = new Map<string, { at: number; lagged: number }>();

	constructor(seed: number = Date.now()) {
		this.random = seededRandom(seed);
	}

	add(spec: FaultSpec): FaultRule {
		if (!FAULT_KINDS.includes(spec.kind)) {
			throw new Error(
				`unknown fault kind "${String(spec.kind)}"; one of ${FAULT_KINDS.join(', ')}`,
			);
		}
		checkSpec(spec);
		const rate = spec.rate ?? 1;
		if (!(rate >= 0 && rate <= 1)) throw new Error('rate must be between 0 and 1');
		const rule: FaultRule = {
			...spec,
			method: spec.method?.toUpperCase(),
			rate,
			id: this.nextId++,
			fired: 0,
		};
		this.rules.push(rule);
		return rule;
	}

	remove(id: number): boolean {
		const before = this.rules.length;
		this.rules = this.rules.filter((rule) => rule.id !== id);
		return this.rules.length < before;
	}

	list(): FaultRule[] {
		return this.rules.map((rule) => ({ ...rule }));
	}

	clear(): void {
		this.rules = [];
		this.creates.clear();
	}

	/** Whether the server should note creates for a `status-lag` rule. */
	get tracksCreates(): boolean {
		return this.rules.some((rule) => rule.kind === 'status-lag');
	}

	/** Whether a `status-lag` rule names this endpoint as a status endpoint. */
	lagsOn(method: string, pattern: string, path: string, product: string): boolean {
		return this.rules.some(
			(rule) => rule.kind === 'status-lag' && matches(rule, method, pattern, path, product),
		);
	}

	/** Notes that a request carrying this id was processed (the first time only). */
	noteCreate(id: string, at: number): void {
		if (!this.creates.has(id)) this.creates.set(id, { at, lagged: 0 });
	}

	/**
	 * The `status-lag` rule that makes this status read say "not found": the id was created less
	 * than `lag_ms` ago and fewer than `lag_calls` reads lagged since (each limit only when given).
	 */
	lagging(
		method: string,
		pattern: string,
		path: string,
		product: string,
		id: string | undefined,
		now: number,
	): FaultRule | undefined {
		if (id === undefined) return undefined;
		const created = this.creates.get(id);
		if (!created) return undefined;
		for (const rule of this.rules) {
			if (rule.kind !== 'status-lag' || !matches(rule, method, pattern, path, product)) continue;
			if (rule.lag_ms !== undefined && now - created.at >= rule.lag_ms) continue;
			if (rule.lag_calls !== undefined && created.lagged >= rule.lag_calls) continue;
			created.lagged++;
			rule.fired++;
			return rule;
		}
		return undefined;
	}

	reseed(seed: number): void {
		this.random = seededRandom(seed);
	}

	decide(method: string, pattern: string, path: string, product: string): FaultDecision {
		if (this.rules.length === 0) return NO_FAULT;
		let latencyMs = 0;
		let terminal: FaultRule | undefined;
		for (const rule of this.rules) {
			if (rule.kind === 'status-lag' || !matches(rule, method, pattern, path, product)) continue;
			if (rule.times !== undefined && rule.fired >= rule.times) continue;
			if (rule.kind !== 'latency' && terminal) continue;
			if (rule.rate < 1 && this.random() >= rule.rate) continue;
			rule.fired++;
			if (rule.kind === 'latency')
				latencyMs +=
					(rule.latency_ms ?? 1000) + (rule.jitter_ms ? this.random() * rule.jitter_ms : 0);
			else terminal = rule;
		}
		return { latencyMs, terminal };
	}
}

function matches(
	rule: FaultRule,
	method: string,
	pattern: string,
	path: string,
	product: string,
): boolean {
	if (rule.method && rule.method !== method) return false;
	if (rule.path && rule.path !== pattern && rule.path !== path) return false;
	if (rule.product && rule.product !== product) return false;
	return true;
}

/** mulberry32: a small deterministic generator, so a seeded fault rate gives repeatable runs. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
