import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

// Keep in step with lib/environments.ts (credentials may not import lib: n8n evaluates this
// expression on its own when it tests the credential).
const baseUrlExpression =
	'={{ $credentials.environment === "production" ? "https://partner.oyindonesia.com" : $credentials.environment === "staging" ? "https://api-stg.oyindonesia.com" : String($credentials.baseUrl).replace(/\\/+$/, "") }}';

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
					description: 'The OY sandbox that ships with this package (npm run sandbox)',
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
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
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
		},
		rules: [
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
					message: 'OY! does not know this username (code 201). Check the username and the environment.',
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
						"The IP address n8n calls from is not whitelisted at OY! (code 207). Add it in OY's dashboard.",
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
		],
	};
}
