import http from 'node:http';
import https from 'node:https';
import type { OyRequest, OyResponse, Send } from '#oy/lib';

export interface OyCredentials {
	username: string;
	apiKey: string;
}

export interface HttpSend extends Send {
	/** closes the keep-alive connections */
	close(): void;
}

function parseBody(text: string): unknown {
	if (text === '') return null;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * lib's `Send` over node:http(s): resolves with OY's answer whatever its HTTP status (a redirect
 * included: it is never followed), rejects only when no answer arrived. The credential headers are
 * added here and nowhere else; a rejection carries a code lib reads and a plain message, never the
 * request's headers. Node's own client: a 100,000-request run makes far less garbage than axios.
 */
export function httpSend(baseUrl: string, credentials: OyCredentials): HttpSend {
	const base = baseUrl.replace(/\/+$/, '');
	const secure = new URL(base).protocol === 'https:';
	const agent = secure
		? new https.Agent({ keepAlive: true, maxSockets: 16 })
		: new http.Agent({ keepAlive: true, maxSockets: 16 });
	const request = secure ? https.request : http.request;
	const send = (oyRequest: OyRequest) =>
		new Promise<OyResponse>((resolve, reject) => {
			const url = new URL(base + oyRequest.path);
			for (const [key, value] of Object.entries(oyRequest.query ?? {}))
				url.searchParams.set(key, String(value));
			const payload = oyRequest.body === undefined ? undefined : JSON.stringify(oyRequest.body);
			const failed = (error: { code?: string; message?: string }) =>
				reject(
					Object.assign(
						new Error(`${oyRequest.method} ${oyRequest.path}: ${error.message ?? 'no answer'}`),
						error.code ? { code: error.code } : {},
					),
				);
			const req = request(
				url,
				{
					method: oyRequest.method,
					agent,
					headers: {
						...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
						...oyRequest.headers,
						'User-Agent': 'oy-jobs (n8n-nodes-oy)',
						'X-OY-Username': credentials.username,
						'X-Api-Key': credentials.apiKey,
						...(payload === undefined ? {} : { 'Content-Length': Buffer.byteLength(payload) }),
					},
				},
				(res) => {
					let text = '';
					res.setEncoding('utf8');
					res.on('data', (chunk: string) => (text += chunk));
					res.on('error', failed);
					res.on('end', () => {
						clearTimeout(deadline);
						resolve({
							statusCode: res.statusCode ?? 0,
							body: parseBody(text),
							headers: res.headers as OyResponse['headers'],
						});
					});
				},
			);
			// The whole exchange, not only a silent socket: OY! may have acted when it runs out.
			const deadline = setTimeout(
				() => req.destroy(Object.assign(new Error('no answer in time'), { code: 'ETIMEDOUT' })),
				oyRequest.timeoutMs,
			);
			req.on('error', (error) => {
				clearTimeout(deadline);
				failed(error as { code?: string; message?: string });
			});
			if (payload !== undefined) req.write(payload);
			req.end();
		});
	return Object.assign(send, { close: () => agent.destroy() });
}
