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
	/** For `http-error`: the HTTP status, default 500. */
	http_status?: number;
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

export class FaultInjector {
	private rules: FaultRule[] = [];
	private nextId = 1;
	private random: () => number;

	constructor(seed: number = Date.now()) {
		this.random = seededRandom(seed);
	}

	add(spec: FaultSpec): FaultRule {
		if (!FAULT_KINDS.includes(spec.kind)) {
			throw new Error(`unknown fault kind "${String(spec.kind)}"; one of ${FAULT_KINDS.join(', ')}`);
		}
		const rate = spec.rate ?? 1;
		if (!(rate >= 0 && rate <= 1)) throw new Error('rate must be between 0 and 1');
		const rule: FaultRule = { ...spec, method: spec.method?.toUpperCase(), rate, id: this.nextId++, fired: 0 };
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
	}

	reseed(seed: number): void {
		this.random = seededRandom(seed);
	}

	decide(method: string, pattern: string, path: string, product: string): FaultDecision {
		if (this.rules.length === 0) return NO_FAULT;
		let latencyMs = 0;
		let terminal: FaultRule | undefined;
		for (const rule of this.rules) {
			if (rule.method && rule.method !== method) continue;
			if (rule.path && rule.path !== pattern && rule.path !== path) continue;
			if (rule.product && rule.product !== product) continue;
			if (rule.times !== undefined && rule.fired >= rule.times) continue;
			if (rule.kind !== 'latency' && terminal) continue;
			if (rule.rate < 1 && this.random() >= rule.rate) continue;
			rule.fired++;
			if (rule.kind === 'latency') latencyMs += rule.latency_ms ?? 1000;
			else terminal = rule;
		}
		return { latencyMs, terminal };
	}
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
