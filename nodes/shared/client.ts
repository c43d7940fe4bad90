import { sleep } from 'n8n-workflow';
import { OyClient } from '../../lib/client';
import type { ClientOptions } from '../../lib/client';
import { baseUrlFor } from '../../lib/environments';
import { n8nSend } from './transport';
import type { OyContext } from './transport';

/** lib's client, sending through n8n with the node's oyApi credential. */
export async function oyClientFor(
	context: OyContext,
	options: Partial<Omit<ClientOptions, 'send' | 'sleep'>> = {},
): Promise<OyClient> {
	const credentials = await context.getCredentials('oyApi');
	const baseUrl = baseUrlFor(String(credentials.environment ?? ''), credentials.baseUrl as string | undefined);
	return new OyClient({ send: n8nSend(context, baseUrl, credentials), sleep, ...options });
}
