import http from 'node:http';
import type { OyRequest, OyResponse, Send } from '../../lib/transport.js';

/**
 * A real HTTP transport for tests: node:http with keep-alive, the same contract as the
 * transports the nodes and jobs use (resolve with any HTTP status, reject when no answer came).
 */
export function httpSend(
	baseUrl: string,
	auth = { username: 'tester', apiKey: 'test-key' },
): Send & { agent: http.Agent } {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
	const send = (request: OyRequest) =>
		new Promise<OyResponse>((resolve, reject) => {
			const url = new URL(baseUrl + request.path);
			for (const [key, value] of Object.entries(request.query ?? {}))
				url.searchParams.set(key, value);
			const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
			const req = http.request(
				url,
				{
					method: request.method,
					agent,
					headers: {
						...request.headers,
						'X-OY-Username': auth.username,
						'X-Api-Key': auth.apiKey,
						...(payload === undefined ? {} : { 'Content-Length': Buffer.byteLength(payload) }),
					},
					timeout: request.timeoutMs,
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('error', reject);
					res.on('end', () => {
						const text = Buffer.concat(chunks).toString('utf8');
						let body: unknown = text;
						try {
							body = text === '' ? null : JSON.parse(text);
						} catch {
							// not JSON: keep the text
						}
						resolve({ statusCode: res.statusCode ?? 0, body, headers: res.headers });
					});
				},
			);
			req.on('timeout', () =>
				req.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })),
			);
			req.on('error', reject);
			if (payload !== undefined) req.write(payload);
			req.end();
		});
	return Object.assign(send, { agent });
}
