import { NodeOperationError, sleep } from 'n8n-workflow';
import { OyClient } from '../../lib/client';
import type { ClientOptions } from '../../lib/client';
import { baseUrlFor, baseUrlProblem } from '../../lib/environments';
import { AdaptivePacer, pacedSend } from '../../lib/pacing';
import { n8nSend } from './transport';
import type { OyContext } from './transport';

/** lib's client, sending through n8n with the node's oyApi credential, at a pace OY! accepts. */
export async function oyClientFor(
	context: OyContext,
	options: Partial<Omit<ClientOptions, 'send' | 'sleep'>> = {},
): Promise<OyClient> {
	const credentials = await context.getCredentials('oyApi');
	const baseUrl = baseUrlFor(
		String(credentials.environment ?? ''),
		credentials.baseUrl as string | undefined,
	);
	// Refused before anything is sent: plain http to another machine would carry the API key in clear.
	const problem = baseUrlProblem(baseUrl, credentials.allowInsecureHttp === true);
	if (problem)
		throw new NodeOperationError(context.getNode(), `OY! credential: ${problem}`, {
			description: 'Nothing was sent to OY!.',
		});
	// One pace for the whole run: a 429 slows every parallel request down, not only the refused one.
	const send = pacedSend(n8nSend(context, baseUrl, credentials), new AdaptivePacer({ sleep }));
	return new OyClient({ send, sleep, ...options });
}
