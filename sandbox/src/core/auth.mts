import type { IncomingHttpHeaders } from 'node:http';
import type { RefusalReason } from '../products/product.mjs';
import type { SandboxConfig } from './context.mjs';

/**
 * OY! authenticates by X-OY-Username and X-Api-Key (header names are case-insensitive; node
 * lower-cases them). The sandbox has no IP allow-list, so codes 207 / HTTP 403 never occur.
 */
export function checkCredentials(
	headers: IncomingHttpHeaders,
	config: SandboxConfig,
): RefusalReason | undefined {
	if (headers['x-oy-username'] !== config.username) return 'unknown-user';
	if (headers['x-api-key'] !== config.apiKey) return 'wrong-key';
	return undefined;
}
