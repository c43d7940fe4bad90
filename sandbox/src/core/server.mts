import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Answer, HttpMethod, SandboxRequest } from '../products/product.mjs';
import { checkCredentials } from './auth.mjs';
import { ControlError, coreControlRoutes } from './control-routes.mjs';
import { partnerIdOf, type FaultRule } from './faults.mjs';
import { BodyTooLarge, parseJsonObject, readBody, writeJson, writeText } from './http-io.mjs';
import { Router, type RouteMatch } from './router.mjs';
import { CONTROL_PREFIX, type NamedProduct, type Sandbox } from './sandbox.mjs';

const NOT_FOUND = { status: { code: '404', message: 'Not Found' } };
const INTERNAL_ERROR = { status: { code: '999', message: 'Internal Server Error' } };
const GATEWAY_MESSAGES: Record<number, string> = {
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Temporarily Unavailable',
	504: 'Gateway Timeout',
};

/** What a captive portal, WAF or misrouted proxy answers with HTTP 200. */
const HTML_200_PAGE =
	'<!DOCTYPE html><html><head><title>Please wait</title></head><body><h1>Please wait</h1><p>Your request is being checked.</p></body></html>';

/** The node:http server in front of a Sandbox: parsing, auth, faults, dispatch. */
export function createHttpServer(sandbox: Sandbox): http.Server {
	const control = new Router<NamedProduct | undefined>();
	for (const route of coreControlRoutes(sandbox)) control.add(route, undefined);

	const server = http.createServer((request, response) => {
		handle(sandbox, control, request, response).catch((error: unknown) => {
			console.error('[oy-sandbox] request failed:', error);
			if (!response.headersSent) writeJson(response, 500, INTERNAL_ERROR);
			else response.destroy();
		});
	});
	server.keepAliveTimeout = 65_000;
	server.headersTimeout = 66_000;
	return server;
}

async function handle(
	sandbox: Sandbox,
	coreControl: Router<NamedProduct | undefined>,
	incoming: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	const method = (incoming.method ?? 'GET') as HttpMethod;
	const url = incoming.url ?? '/';
	const queryAt = url.indexOf('?');
	const path = normalisePath(queryAt === -1 ? url : url.slice(0, queryAt));
	const query = new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1));

	if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
		const match = coreControl.match(method, path) ?? sandbox.controlRouter.match(method, path);
		return serveControl(match, method, path, query, incoming, response);
	}

	const match = sandbox.router.match(method, path);
	if (!match) {
		await readBody(incoming).catch(() => '');
		return writeJson(response, 404, NOT_FOUND);
	}
	const product = match.owner.instance;
	let text: string;
	try {
		text = await readBody(incoming);
	} catch (error) {
		if (error instanceof BodyTooLarge)
			return writeJson(response, 413, { status: { code: '990', message: error.message } });
		throw error;
	}
	const request: SandboxRequest = {
		method,
		path,
		params: match.params,
		query,
		body: undefined,
		headers: incoming.headers,
	};

	const refusal = checkCredentials(incoming.headers, sandbox.context.config);
	if (refusal) return send(response, product.refuse(refusal, request));

	const limited = sandbox.rateLimit.take();
	if (!limited.allowed) {
		response.setHeader('retry-after', String(limited.retryAfterSeconds));
		return send(response, { ...product.refuse('too-many-requests', request), status: 429 });
	}

	const fault = sandbox.faults.decide(method, match.route.path, path, match.owner.name);
	if (fault.latencyMs > 0) await delay(fault.latencyMs);
	const terminal = fault.terminal;
	if (terminal?.kind === 'drop-before-commit') return dropConnection(incoming, response);
	if (terminal?.kind === 'rate-limit')
		return send(response, { ...product.refuse('too-many-requests', request), status: 429 });
	if (terminal?.kind === 'http-error') return gatewayError(response, terminal);
	if (terminal?.kind === 'redirect') return redirect(response, terminal, url);

	const parsed = parseJsonObject(text);
	if (!parsed.ok) return send(response, product.refuse('malformed-body', request));
	request.body = parsed.value;

	const faults = sandbox.faults;
	const tracking = faults.tracksCreates;
	if (tracking && faults.lagsOn(method, match.route.path, path, match.owner.name)) {
		const id =
			partnerIdOf(request.body) ??
			partnerIdOf(Object.fromEntries(query)) ??
			Object.values(request.params)[0];
		if (faults.lagging(method, match.route.path, path, match.owner.name, id, sandbox.clock.now())) {
			return send(response, product.notFoundAnswer?.(request) ?? { status: 404, body: NOT_FOUND });
		}
	} else if (tracking) {
		const id = partnerIdOf(request.body);
		if (id !== undefined) faults.noteCreate(id, sandbox.clock.now());
	}

	const answer = await match.route.handle(request);
	if (terminal?.kind === 'drop-after-commit') return dropConnection(incoming, response);
	if (terminal?.kind === 'http-error-after-commit') return gatewayError(response, terminal);
	if (terminal?.kind === 'truncated-json') return truncatedJson(response, answer);
	if (terminal?.kind === 'html-200') return writeText(response, 200, HTML_200_PAGE, 'text/html');
	if (terminal?.kind === 'timeout-body') {
		if (product.timeoutAnswer) return send(response, product.timeoutAnswer(request));
		return gatewayError(response, { ...terminal, http_status: 504 });
	}
	send(response, answer);
}

async function serveControl(
	match: RouteMatch<NamedProduct | undefined> | undefined,
	method: HttpMethod,
	path: string,
	query: URLSearchParams,
	incoming: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	const text = await readBody(incoming);
	if (!match) return writeJson(response, 404, { error: `no control endpoint ${method} ${path}` });
	const parsed = parseJsonObject(text);
	if (!parsed.ok)
		return writeJson(response, 400, { error: 'control endpoints take a JSON object body' });
	try {
		const answer = await match.route.handle({
			method,
			path,
			params: match.params,
			query,
			body: parsed.value,
			headers: incoming.headers,
		});
		send(response, answer);
	} catch (error) {
		if (error instanceof ControlError) return writeJson(response, 400, { error: error.message });
		throw error;
	}
}

function send(response: ServerResponse, answer: Answer): void {
	writeJson(response, answer.status, answer.body);
}

function gatewayError(response: ServerResponse, rule: Pick<FaultRule, 'http_status'>): void {
	const status = rule.http_status ?? 500;
	writeText(
		response,
		status,
		`<html><body><h1>${status} ${GATEWAY_MESSAGES[status] ?? 'Error'}</h1></body></html>`,
		'text/html',
	);
}

/** A 3xx pointing at another address; nothing processed. A client that follows it sends the request (and its headers) there. */
function redirect(
	response: ServerResponse,
	rule: Pick<FaultRule, 'http_status' | 'location'>,
	url: string,
): void {
	const status = rule.http_status ?? 307;
	const target = `${String(rule.location).replace(/\/+$/, '')}${url}`;
	response.writeHead(status, { location: target, 'content-type': 'text/plain; charset=utf-8' });
	response.end(`Redirecting to ${target}`);
}

/** The processed answer cut in the middle: a complete HTTP message whose JSON does not parse. */
function truncatedJson(response: ServerResponse, answer: Answer): void {
	const text = JSON.stringify(answer.body);
	const cut = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
	response.writeHead(answer.status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(cut),
	});
	response.end(cut);
}

/** Cuts the TCP connection without an HTTP answer, as a dying proxy or network would. */
function dropConnection(incoming: IncomingMessage, response: ServerResponse): void {
	response.shouldKeepAlive = false;
	incoming.socket.destroy();
}

function normalisePath(path: string): string {
	// Some OY! samples carry a double slash (e.g. //api/account-receivable/...); a trailing slash is tolerated too.
	let normal = path.includes('//') ? path.replace(/\/{2,}/g, '/') : path;
	if (normal.length > 1 && normal.endsWith('/')) normal = normal.slice(0, -1);
	return normal;
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
