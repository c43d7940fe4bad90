import { NodeOperationError } from 'n8n-workflow';
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { CALLBACKS, parseAllowList } from '../../lib/callbacks';
import type { CallbackDefinition, CallbackKind, IpRange } from '../../lib/callbacks';

export type ConfirmMode = 'money' | 'all' | 'off';

export interface TriggerSettings {
	events: CallbackKind[];
	/** empty: no token is asked for */
	token: string;
	/** empty: any source address */
	allowList: IpRange[];
	trustForwardedFor: boolean;
	proxyHops: number;
	confirm: ConfirmMode;
	maxBodyBytes: number;
}

export const MIN_TOKEN_LENGTH = 16;
export const DEFAULT_MAX_BODY_KB = 64;

const KINDS = new Set<string>(CALLBACKS.map((definition) => definition.kind));

/** Reads the node's parameters; every mistake is named in one error, so activation fails loudly. */
export function readSettings(context: IWebhookFunctions | IHookFunctions): TriggerSettings {
	const events = context.getNodeParameter('events', []) as string[];
	const token = String(context.getNodeParameter('callbackToken', '') ?? '').trim();
	const allowList = parseAllowList(String(context.getNodeParameter('allowedIpAddresses', '') ?? ''));
	const options = context.getNodeParameter('options', {}) as {
		trustForwardedFor?: boolean;
		proxyHops?: number;
		maxBodySizeKb?: number;
	};
	const confirm = context.getNodeParameter('confirmWithOy', 'money') as ConfirmMode;
	const problems = [...allowList.problems];
	if (events.length === 0) problems.push('Events: choose at least one event');
	const unknown = events.filter((event) => !KINDS.has(event));
	if (unknown.length > 0) problems.push(`Events: unknown event(s) ${unknown.join(', ')}`);
	if (token !== '' && token.length < MIN_TOKEN_LENGTH) {
		problems.push(`Callback Token: use at least ${MIN_TOKEN_LENGTH} characters (a short token can be guessed)`);
	}
	const proxyHops = options.proxyHops ?? 1;
	if (options.trustForwardedFor && !(Number.isInteger(proxyHops) && proxyHops >= 1)) {
		problems.push('Trusted Proxy Hops: use a whole number of at least 1');
	}
	const maxBodySizeKb = options.maxBodySizeKb ?? DEFAULT_MAX_BODY_KB;
	if (!(maxBodySizeKb > 0)) problems.push('Maximum Body Size: use a positive number of kilobytes');
	if (!['money', 'all', 'off'].includes(confirm)) problems.push(`Confirm With OY!: unknown choice ${String(confirm)}`);
	if (problems.length > 0) {
		throw new NodeOperationError(context.getNode(), `The OY! Trigger settings are not valid: ${problems.join('; ')}`);
	}
	return {
		events: events as CallbackKind[],
		token,
		allowList: allowList.ranges,
		trustForwardedFor: options.trustForwardedFor === true,
		proxyHops,
		confirm,
		maxBodyBytes: Math.floor(maxBodySizeKb * 1024),
	};
}

/** Whether this kind of callback is to be confirmed with OY! before it is believed. */
export function mustConfirm(mode: ConfirmMode, definition: CallbackDefinition): boolean {
	if (!definition.confirm || mode === 'off') return false;
	return mode === 'all' || definition.money;
}
