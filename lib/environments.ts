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
