import { NodeOperationError } from 'n8n-workflow';
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { CALLBACKS, parseAllowList } from '../../lib/callbacks';
import type { CallbackDefinition, CallbackKind, IpRange } from '../../lib/callbacks';

export type ConfirmMode = 'money' | 'all' | 'off';
/** What happens to a callback that lacks what OY's status API needs. */
export type UnconfirmablePolicy = 'pass' | 'refuse';

export interface TriggerSettings {
	events: CallbackKind[];
	/** empty: no token is asked for */
	token: string;
	/** empty: any source address */
	allowList: IpRange[];
	trustForwardedFor: boolean;
	proxyHops: number;
	confirm: ConfirmMode;
	unconfirmable: UnconfirmablePolicy;
	maxBodyBytes: number;
}

export const MIN_TOKEN_LENGTH = 16;
// The characters a URL carries as they are, so the token OY! sends back is the one typed.
const TOKEN_CHARACTERS = /^[A-Za-z0-9._~-]+$/;
export const DEFAULT_MAX_BODY_KB = 64;

const KINDS = new Set<string>(CALLBACKS.map((definition) => definition.kind));

/** The defaults of the node's version (n8n fills them in; these are the fallbacks). */
function versionDefaults(context: IWebhookFunctions | IHookFunctions) {
	return context.getNode().typeVersion >= 2
		? { callbackToken: 'required', confirmWithOy: 'all' as ConfirmMode }
		: { callbackToken: 'none', confirmWithOy: 'money' as ConfirmMode };
}

async function readToken(
	context: IWebhookFunctions | IHookFunctions,
	problems: string[],
): Promise<string> {
	const check = context.getNodeParameter(
		'callbackToken',
		versionDefaults(context).callbackToken,
	) as string;
	if (check === 'none') return '';
	if (check !== 'required') {
		problems.push(`Callback Token: unknown choice ${String(check)}`);
		return '';
	}
	const credential = await context.getCredentials<{ token?: unknown }>('oyCallbackTokenApi');
	const token = String(credential.token ?? '');
	const problem = tokenProblem(token);
	if (problem) problems.push(`Callback Token: ${problem}`);
	return token;
}

/** What is wrong with a callback token, if anything (also the credential's Test button). */
export function tokenProblem(token: string): string | undefined {
	if (token.length < MIN_TOKEN_LENGTH) {
		return `the credential's token needs at least ${MIN_TOKEN_LENGTH} characters (a short token can be guessed)`;
	}
	if (!TOKEN_CHARACTERS.test(token)) {
		return 'use only letters, digits and - . _ ~ in the token (it goes into a URL as it is)';
	}
	return undefined;
}

/** Reads the node's settings; every mistake is named in one error, so activation fails loudly. */
export async function readSettings(
	context: IWebhookFunctions | IHookFunctions,
): Promise<TriggerSettings> {
	const events = context.getNodeParameter('events', []) as string[];
	const allowList = parseAllowList(
		String(context.getNodeParameter('allowedIpAddresses', '') ?? ''),
	);
	const options = context.getNodeParameter('options', {}) as {
		trustForwardedFor?: boolean;
		proxyHops?: number;
		maxBodySizeKb?: number;
	};
	const confirm = context.getNodeParameter(
		'confirmWithOy',
		versionDefaults(context).confirmWithOy,
	) as ConfirmMode;
	const unconfirmable = context.getNodeParameter('unconfirmable', 'pass') as UnconfirmablePolicy;
	const problems = [...allowList.problems];
	const token = await readToken(context, problems);
	if (events.length === 0) problems.push('Events: choose at least one event');
	const unknown = events.filter((event) => !KINDS.has(event));
	if (unknown.length > 0) problems.push(`Events: unknown event(s) ${unknown.join(', ')}`);
	const proxyHops = options.proxyHops ?? 1;
	if (options.trustForwardedFor && !(Number.isInteger(proxyHops) && proxyHops >= 1)) {
		problems.push('Trusted Proxy Hops: use a whole number of at least 1');
	}
	const maxBodySizeKb = options.maxBodySizeKb ?? DEFAULT_MAX_BODY_KB;
	if (!(maxBodySizeKb > 0)) problems.push('Maximum Body Size: use a positive number of kilobytes');
	if (!['money', 'all', 'off'].includes(confirm))
		problems.push(`Confirm With OY!: unknown choice ${String(confirm)}`);
	if (!['pass', 'refuse'].includes(unconfirmable)) {
		problems.push(`Callbacks OY! Cannot Confirm: unknown choice ${String(unconfirmable)}`);
	}
	if (problems.length > 0) {
		throw new NodeOperationError(
			context.getNode(),
			`The OY! Trigger settings are not valid: ${problems.join('; ')}`,
		);
	}
	return {
		events: events as CallbackKind[],
		token,
		allowList: allowList.ranges,
		trustForwardedFor: options.trustForwardedFor === true,
		proxyHops,
		confirm,
		unconfirmable,
		maxBodyBytes: Math.floor(maxBodySizeKb * 1024),
	};
}

/** Whether this kind of callback is to be confirmed with OY! before it is believed. */
export function mustConfirm(mode: ConfirmMode, definition: CallbackDefinition): boolean {
	if (!definition.confirm || mode === 'off') return false;
	return mode === 'all' || definition.money;
}
