export type OyEnvironment = 'production' | 'staging' | 'sandbox' | 'custom';

export const PRODUCTION_URL = 'https://partner.oyindonesia.com';
export const STAGING_URL = 'https://api-stg.oyindonesia.com';
export const DEFAULT_SANDBOX_URL = 'http://127.0.0.1:4700';

/** The base URL a credential points at (credentials/OyApi.credentials.ts says the same in n8n's expression language). */
export function baseUrlFor(environment: string, baseUrl?: string): string {
	if (environment === 'production') return PRODUCTION_URL;
	if (environment === 'staging') return STAGING_URL;
	const chosen = (baseUrl ?? '').trim() || DEFAULT_SANDBOX_URL;
	return chosen.replace(/\/+$/, '');
}

/** 127.0.0.0/8, ::1 and localhost: addresses that never leave this machine. */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname
		.toLowerCase()
		.replace(/^\[|\]$/g, '')
		.replace(/\.$/, '');
	if (host === 'localhost') return true;
	if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
	const octets = host.split('.');
	return (
		octets.length === 4 &&
		octets[0] === '127' &&
		octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255)
	);
}

/**
 * Why the API key must not be sent to this base URL, or undefined when it may: only https, or
 * plain http to this machine (loopback), unless the user allowed insecure http explicitly.
 * The key would otherwise cross the network unencrypted.
 */
export function baseUrlProblem(
	baseUrl: string,
	allowInsecureHttp = false,
	insecureSwitch = 'turn on "Allow Insecure HTTP" in the credential',
): string | undefined {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return `The base URL "${baseUrl}" is not a URL; write it as https://host[:port]`;
	}
	if (url.protocol === 'https:') return undefined;
	if (url.protocol !== 'http:')
		return `The base URL must start with https:// (or http:// for this machine), not ${url.protocol}//`;
	if (isLoopbackHost(url.hostname) || allowInsecureHttp) return undefined;
	return (
		`The base URL ${url.protocol}//${url.host} uses plain http to another machine: the API key would cross the network unencrypted. ` +
		`Use https, or ${insecureSwitch} if you accept that risk (without it, plain http is accepted only for 127.0.0.1, ::1 and localhost).`
	);
}
