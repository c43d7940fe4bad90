import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';
import { baseUrlProblem } from '../lib/environments';

// Keep in step with lib/environments.ts (credentials may not import lib: n8n evaluates this
// expression on its own when it tests the credential).
const baseUrlExpression =
	'={{ $credentials.environment === "production" ? "https://partner.oyindonesia.com" : $credentials.environment === "staging" ? "https://api-stg.oyindonesia.com" : String($credentials.baseUrl).replace(/\\/+$/, "") }}';

/** A redirect is never followed (the key would go along): the Test button says so instead of n8n's bare status text. */
const REDIRECT_RULES: IAuthenticateRuleResponseCode[] = [301, 302, 303, 307, 308].map((status) => ({
	type: 'responseCode',
	properties: {
		value: status,
		message: `OY! answered with a redirect (HTTP ${status}) to another address; not followed, and the API key was not sent there. Set the Base URL to the API's own address.`,
	},
}));

export class OyApi implements ICredentialType {
	name = 'oyApi';

	displayName = 'OY! API';

	icon: Icon = { light: 'file:../icons/oy.svg', dark: 'file:../icons/oy.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-oy/n8n-nodes-oy#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: 'https://partner.oyindonesia.com: real money moves',
				},
				{
					name: 'Staging',
					value: 'staging',
					description: "https://api-stg.oyindonesia.com: OY's test environment",
				},
				{
					name: 'Local Sandbox',
					value: 'sandbox',
					description:
						'A local stand-in for the OY! API, not part of this package: clone the n8n-nodes-oy repository and run npm run sandbox there',
				},
				{
					name: 'Custom Base URL',
					value: 'custom',
					description: 'Any other address, for example a proxy with a whitelisted IP',
				},
			],
			default: 'staging',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://127.0.0.1:4700',
			placeholder: 'http://127.0.0.1:4700',
			description: 'Address of the OY! API to call, without a trailing path',
			displayOptions: { show: { environment: ['sandbox', 'custom'] } },
		},
		{
			displayName: 'Allow Insecure HTTP',
			name: 'allowInsecureHttp',
			type: 'boolean',
			default: false,
			description:
				'Whether to send the API key over plain http to another machine. WARNING: anyone on the way can read the key and use it to move your money. Without this, plain http is accepted only for 127.0.0.1, ::1 and localhost.',
			displayOptions: { show: { environment: ['sandbox', 'custom'] } },
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'Your OY! username, sent as the X-OY-Username header',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your OY! API key, sent as the X-Api-Key header. OY! accepts it only from whitelisted IP addresses.',
		},
	];

	// A function rather than generic `={{$credentials.…}}` headers: n8n would evaluate both
	// expressions for every request, the largest cost of a bulk payout run (bench/bulk-disbursement).
	// Every request that carries the key passes here (node runs, the Test button, and n8n's HTTP
	// Request node with this credential, which hands over its older request shape: `uri`, and
	// `followRedirect`/`followAllRedirects`): it goes only over https or to this machine, and never
	// follows a redirect to another address.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const url = requestOptions.url ?? (requestOptions as { uri?: string }).uri;
		// As axios reads them: an absolute url wins over baseURL.
		const absolute = /^[a-z][a-z\d+.-]*:\/\//i.test(String(url));
		const target =
			requestOptions.baseURL && !absolute
				? `${String(requestOptions.baseURL).replace(/\/+$/, '')}${url}`
				: url;
		const problem = baseUrlProblem(target, credentials.allowInsecureHttp === true);
		if (problem) throw new Error(problem);
		return {
			...requestOptions,
			disableFollowRedirect: true,
			...{ followRedirect: false, followAllRedirects: false },
			headers: {
				...requestOptions.headers,
				'X-OY-Username': String(credentials.username ?? ''),
				'X-Api-Key': String(credentials.apiKey ?? ''),
			},
		};
	}

	// OY! answers most failures with HTTP 200 and a code in the body, so the body decides.
	test: ICredentialTestRequest = {
		request: {
			baseURL: baseUrlExpression,
			url: '/api/balance',
			method: 'GET',
			headers: { Accept: 'application/json' },
			disableFollowRedirect: true,
		},
		// n8n's type takes rules of one kind per list; its credential tester reads each rule by its own
		// type (responseCode when the request failed, responseSuccessBody when it answered 2xx).
		rules: [
			...REDIRECT_RULES,
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status.code',
					value: '208',
					message: 'OY! rejected the API key (code 208). Check the key and the environment.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status.code',
					value: '201',
					message:
						'OY! does not know this username (code 201). Check the username and the environment.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status.code',
					value: '202',
					message: 'This OY! user or product is not active (code 202). Ask OY! to activate it.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status.code',
					value: '207',
					message:
						'The IP address n8n calls from is not whitelisted at OY! (code 207). Ask OY! to whitelist it.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status.code',
					value: '999',
					message: 'OY! answered with an internal error (code 999). Try again later.',
				},
			},
		] as Array<
			IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody
		> as IAuthenticateRuleResponseSuccessBody[],
	};
}
