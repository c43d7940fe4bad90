import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { triggerProperties } from './description';
import { oyTriggerLifecycle } from './lifecycle';
import { receiveCallback } from './receive';
import { tokenProblem } from './settings';

export class OyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OY! Trigger',
		name: 'oyTrigger',
		icon: { light: 'file:../../icons/oy.svg', dark: 'file:../../icons/oy.dark.svg' },
		group: ['trigger'],
		// 2: a callback token is required and every event OY! can confirm is confirmed, by default
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{"Events: " + $parameter["events"].length}}',
		description:
			'Starts the workflow when OY! Indonesia sends a callback, checked before it is believed',
		defaults: {
			name: 'OY! Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'oyApi',
				required: true,
				displayOptions: { hide: { confirmWithOy: ['off'] } },
			},
			{
				name: 'oyCallbackTokenApi',
				required: true,
				testedBy: 'oyCallbackToken',
				displayOptions: { show: { callbackToken: ['required'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// Answer as soon as the callback is accepted; an empty responseData makes n8n send the
				// node's webhookResponse instead of the literal text "firstEntryJson".
				responseMode: 'onReceived',
				responseData: '',
				path: 'oy',
			},
		],
		properties: triggerProperties,
	};

	webhookMethods = { default: oyTriggerLifecycle };

	methods = {
		credentialTest: {
			// The token is never sent anywhere: the Test button checks that OY! can carry it in a URL
			// and that it is long enough not to be guessed.
			async oyCallbackToken(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const problem = tokenProblem(String(credential.data?.token ?? ''));
				return problem
					? { status: 'Error', message: problem.charAt(0).toUpperCase() + problem.slice(1) }
					: { status: 'OK', message: 'The token can be used in the callback URL' };
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveCallback(this);
	}
}
