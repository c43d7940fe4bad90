/**
 * The contract between the sandbox core and a product module. A product is one file (or folder)
 * under products/ that turns a slice of OY!'s documentation into routes, state and callbacks.
 * Keep this interface stable: other products are written against it.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxContext } from '../core/context.mjs';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface SandboxRequest {
	method: HttpMethod;
	/** The path without the query string, e.g. `/api/static-virtual-account/abc`. */
	path: string;
	/** Values of `{name}` segments in the route's path. */
	params: Record<string, string>;
	query: URLSearchParams;
	/** The parsed JSON body; `undefined` when the request had none. Always a plain object otherwise. */
	body: Record<string, unknown> | undefined;
	headers: IncomingHttpHeaders;
}

/** What a handler answers: an HTTP status and a JSON body. */
export interface Answer {
	status: number;
	body: unknown;
}

export type Handler = (request: SandboxRequest) => Answer | Promise<Answer>;

export interface Route {
	method: HttpMethod;
	/** Literal segments and `{param}` segments, e.g. `/api/custom-va/{id}`. */
	path: string;
	handle: Handler;
}

/** Why the core refuses a request before it reaches a handler; each product answers in its own documented shape. */
export type RefusalReason = 'unknown-user' | 'wrong-key' | 'malformed-body' | 'too-many-requests';

export interface ProductInstance {
	/** OY!'s endpoints, under OY!'s paths. Auth is checked by the core before these run. */
	routes: Route[];
	/** Control endpoints that play OY!'s customers for this product, mounted under `/__sandbox/<name>`; no auth. */
	control?: Route[];
	/** The documented answer for a refused request (bad credentials, malformed JSON, rate limit). */
	refuse(reason: RefusalReason, request: SandboxRequest): Answer;
	/**
	 * The documented "timed out, outcome unknown" answer (e.g. disbursement code 504) for the
	 * `timeout-body` fault. Without it the core answers HTTP 504 with a generic body.
	 */
	timeoutAnswer?(request: SandboxRequest): Answer;
	/**
	 * The documented "no transaction under this id" answer of a status endpoint (e.g. disbursement
	 * code 204), for the `status-lag` fault. Without it the core answers HTTP 404.
	 */
	notFoundAnswer?(request: SandboxRequest): Answer;
	/** Loads this product's section of a seed file (the section is keyed by the product name); returns records added. */
	seed?(section: unknown): number;
	/** Generates synthetic records from a spec such as `{ "invoices": 100000 }`; returns records added. */
	generate?(spec: Record<string, number>): number;
	/** The product's state as JSON, for `GET /__sandbox/state`. */
	snapshot(): unknown;
	/** Forgets all state (called by `POST /__sandbox/reset`). */
	reset(): void;
}

export interface ProductDefinition {
	/** URL-safe name: the control mount point, the seed-file key and the callback-URL key. */
	name: string;
	/** OY's product as its API docs name it; the client's operations name theirs the same way. */
	docsProduct: string;
	create(context: SandboxContext): ProductInstance;
}

export function json(body: unknown, status = 200): Answer {
	return { status, body };
}
