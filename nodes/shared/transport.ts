import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import type { OyResponse, Send } from '../../lib/transport';

/** The n8n contexts that may call OY!: node execution, webhooks, polling, and list searches and option loaders. */
export type OyContext =
	| IExecuteFunctions
	| IWebhookFunctions
	| IPollFunctions
	| ILoadOptionsFunctions;

interface FullResponse {
	statusCode: number;
	body: unknown;
	headers?: Record<string, string | string[] | undefined>;
}

/**
 * Sends lib's requests through n8n's HTTP helper with the oyApi credential, so the credential's
 * headers are applied by n8n and never pass through our code. Every HTTP status comes back as an
 * answer; only a request without an answer throws (and lib reads what kind of failure it was).
 */
export function n8nSend(
	context: OyContext,
	baseUrl: string,
	credentials?: ICredentialDataDecryptedObject,
): Send {
	// Given the credential read once, n8n skips reading (and decrypting) it again for every request.
	const reference = context.getNode().credentials?.oyApi;
	const additional: IAdditionalCredentialOptions | undefined = credentials
		? {
				credentialsDecrypted: {
					id: reference?.id ?? '',
					name: reference?.name ?? '',
					type: 'oyApi',
					data: credentials,
				},
			}
		: undefined;
	return async (request) => {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${baseUrl}${request.path}`,
			headers: request.headers,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// A redirect would carry the API key to another address: lib reports it instead.
			disableFollowRedirect: true,
			timeout: request.timeoutMs,
		};
		if (request.query) options.qs = request.query;
		if (request.body !== undefined) options.body = request.body;
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			'oyApi',
			options,
			additional,
		)) as FullResponse;
		const answer: OyResponse = { statusCode: response.statusCode, body: response.body };
		if (response.headers) answer.headers = response.headers;
		return answer;
	};
}
