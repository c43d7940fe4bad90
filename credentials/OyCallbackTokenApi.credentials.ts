import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The secret OY! sends back as `?token=…` in the callback URL. A credential rather than a node
 * parameter: n8n encrypts credentials, while parameters travel in clear with every exported or
 * shared workflow. Nothing here calls OY!: the OY! Trigger's credential test (testedBy) checks
 * only the token's form.
 */
export class OyCallbackTokenApi implements ICredentialType {
	name = 'oyCallbackTokenApi';

	displayName = 'OY! Callback API';

	icon: Icon = { light: 'file:../icons/oy.svg', dark: 'file:../icons/oy.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-oy/n8n-nodes-oy#oy-trigger';

	properties: INodeProperties[] = [
		{
			displayName:
				'Add ?token=YOUR_TOKEN to the URL you give OY! for its callbacks. The OY! Trigger refuses (401) every call that does not carry this token.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A secret of at least 16 characters made of letters, digits and - . _ ~ (it goes into a URL as it is). Change it, and the URL at OY!, if either leaks.',
		},
	];
}
