import type { Route } from '../products/product.mjs';

export interface RouteEntry<T> {
	route: Route;
	owner: T;
}

export interface RouteMatch<T> extends RouteEntry<T> {
	params: Record<string, string>;
}

interface ParamRoute<T> extends RouteEntry<T> {
	segments: string[];
}

/**
 * Literal paths resolve with one map lookup; paths with `{param}` segments are matched by segment
 * count, so the hot endpoints (all literal: /api/remit, /api/balance …) stay O(1).
 */
export class Router<T> {
	private readonly literal = new Map<string, RouteEntry<T>>();
	private readonly withParams = new Map<string, ParamRoute<T>[]>();

	add(route: Route, owner: T): void {
		const segments = route.path.split('/');
		if (!segments.some(isParam)) {
			const key = `${route.method} ${route.path}`;
			if (this.literal.has(key)) throw new Error(`route ${key} is defined twice`);
			this.literal.set(key, { route, owner });
			return;
		}
		const key = `${route.method} ${segments.length}`;
		const list = this.withParams.get(key) ?? [];
		list.push({ route, owner, segments });
		// A literal segment beats a parameter at the same place: /invoices/pay before /invoices/{id}.
		list.sort((a, b) => specificity(b.segments) - specificity(a.segments));
		this.withParams.set(key, list);
	}

	match(method: string, path: string): RouteMatch<T> | undefined {
		const exact = this.literal.get(`${method} ${path}`);
		if (exact) return { ...exact, params: {} };
		const segments = path.split('/');
		const candidates = this.withParams.get(`${method} ${segments.length}`);
		if (!candidates) return undefined;
		for (const candidate of candidates) {
			const params = matchSegments(candidate.segments, segments);
			if (params) return { route: candidate.route, owner: candidate.owner, params };
		}
		return undefined;
	}
}

function isParam(segment: string): boolean {
	return segment.startsWith('{') && segment.endsWith('}');
}

function specificity(segments: string[]): number {
	return segments.filter((segment) => !isParam(segment)).length;
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
	const params: Record<string, string> = {};
	for (let i = 0; i < pattern.length; i++) {
		const expected = pattern[i];
		if (isParam(expected)) {
			if (actual[i] === '') return undefined;
			try {
				params[expected.slice(1, -1)] = decodeURIComponent(actual[i]);
			} catch {
				return undefined;
			}
		} else if (expected !== actual[i]) {
			return undefined;
		}
	}
	return params;
}
