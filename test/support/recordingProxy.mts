import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as OY! would receive it, and what came back. */
export interface RecordedExchange {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	/** parsed JSON, the raw text when it is not JSON, undefined when empty */
	body: unknown;
	/** 0 when the target dropped the connection without an answer */
	status: number;
	response: unknown;
}

function parse(text: string): unknown {
	if (text === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function readAll(stream: http.IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		stream.on('data', (chunk: Buffer) => chunks.push(chunk));
		stream.on('end', () => resolve(Buffer.concat(chunks)));
		stream.on('error', reject);
	});
}

/**
 * A recording hop between the node and the sandbox: forwards every request unchanged and keeps
 * the exchange, so a test can assert exactly what OY! would have received (headers included)
 * without the sandbox knowing about tests. A connection the target drops is dropped here too.
 */
export async function startRecordingProxy(targetUrl: string) {
	const exchanges: RecordedExchange[] = [];
	const concurrency = { now: 0, max: 0 };
	const target = new URL(targetUrl);
	const agent = new http.Agent({ keepAlive: true });
	const server = http.createServer(async (req, res) => {
		concurrency.now += 1;
		concurrency.max = Math.max(concurrency.max, concurrency.now);
		res.on('close', () => (concurrency.now -= 1));
		const payload = await readAll(req);
		const url = new URL(req.url ?? '/', 'http://proxy');
		const headers = { ...req.headers, host: target.host };
		const record = (status: number, response: unknown) =>
			exchanges.push({
				method: req.method ?? '',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: req.headers,
				body: parse(payload.toString('utf8')),
				status,
				response,
			});
		const upstream = http.request(
			{
				host: target.hostname,
				port: target.port,
				method: req.method,
				path: req.url,
				headers,
				agent,
			},
			async (answer) => {
				const body = await readAll(answer);
				record(answer.statusCode ?? 0, parse(body.toString('utf8')));
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				res.end(body);
			},
		);
		// the target dropped the connection: so does the hop, and the request is kept with status 0
		upstream.on('error', () => {
			record(0, undefined);
			res.destroy();
		});
		upstream.end(payload);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		exchanges,
		/** requests under way at the same time: now, and the most since the last reset */
		concurrency,
		/** the exchanges recorded since the last take, and forget them */
		take(): RecordedExchange[] {
			return exchanges.splice(0, exchanges.length);
		},
		close: () =>
			new Promise<void>((resolve) => {
				agent.destroy();
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
