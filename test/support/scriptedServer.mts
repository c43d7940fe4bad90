import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	body: unknown;
}

/** What a scripted handler does with one request. */
export type Reply =
	| { status?: number; json: unknown; delayMs?: number; headers?: Record<string, string> }
	| { drop: true; delayMs?: number };

export type Script = (request: ReceivedRequest) => Reply | Promise<Reply>;

/**
 * A real HTTP server whose answers a test scripts request by request: JSON with any status,
 * answers that come late, and connections destroyed without an answer.
 */
export async function startScriptedServer(script: Script) {
	const received: ReceivedRequest[] = [];
	let current = script;
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', async () => {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const text = Buffer.concat(chunks).toString('utf8');
			const request: ReceivedRequest = {
				method: req.method ?? 'GET',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: req.headers,
				body: text === '' ? undefined : JSON.parse(text),
			};
			received.push(request);
			const reply = await current(request);
			if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
			if ('drop' in reply) {
				req.socket.destroy();
				return;
			}
			if (res.destroyed) return;
			res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
			res.end(JSON.stringify(reply.json));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		setScript(next: Script) {
			current = next;
		},
		async close() {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}
