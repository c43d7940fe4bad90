import axios from 'axios';
import http from 'node:http';
import https from 'node:https';
import type { OyRequest, OyResponse, Send } from '#oy/lib';

export interface OyCredentials {
	username: string;
	apiKey: string;
}

export interface AxiosSend extends Send {
	/** closes the keep-alive connections */
	close(): void;
}

function parseBody(text: unknown): unknown {
	if (typeof text !== 'string') return text;
	if (text === '') return null;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * lib's `Send` over axios: resolves with OY's answer whatever its HTTP status, rejects only when no
 * answer arrived. The credential headers are added here and nowhere else; a rejection carries the
 * error's code and a plain message, never axios' request config (which holds the headers).
 */
export function axiosSend(baseUrl: string, credentials: OyCredentials): AxiosSend {
	const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
	const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 16 });
	const instance = axios.create({
		baseURL: baseUrl.replace(/\/+$/, ''),
		httpAgent,
		httpsAgent,
		maxRedirects: 0,
		// The body is read as text and parsed here: OY! sometimes answers HTML (gateways) or nothing.
		responseType: 'text',
		transformResponse: [(data: unknown) => data],
		validateStatus: () => true,
		proxy: false,
	});
	const send = async (request: OyRequest): Promise<OyResponse> => {
		try {
			const response = await instance.request({
				method: request.method,
				url: request.path,
				params: request.query,
				data: request.body,
				timeout: request.timeoutMs,
				headers: {
					...request.headers,
					'User-Agent': 'oy-jobs (n8n-nodes-oy)',
					'X-OY-Username': credentials.username,
					'X-Api-Key': credentials.apiKey,
				},
			});
			return {
				statusCode: response.status,
				body: parseBody(response.data),
				headers: response.headers as OyResponse['headers'],
			};
		} catch (error) {
			const cause = error as { code?: string; message?: string; cause?: { code?: string } };
			const code = cause.code ?? cause.cause?.code;
			// Only the code and message travel on: axios errors hold the request config with the API key.
			throw Object.assign(
				new Error(`${request.method} ${request.path}: ${cause.message ?? 'no answer'}`),
				code ? { code } : {},
			);
		}
	};
	return Object.assign(send, {
		close: () => {
			httpAgent.destroy();
			httpsAgent.destroy();
		},
	});
}
