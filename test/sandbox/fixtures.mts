import { readFileSync } from 'node:fs';

export interface DocExample {
	/** Where in OY!'s docs the request and response were copied from. */
	source: string;
	request?: Record<string, unknown>;
	/** The documented answer, or for a callback its documented payload. */
	response: Record<string, unknown>;
	method?: string;
	path?: string;
}

/** The docs' example requests and responses of one product, from fixtures/<product>.json. */
export function docExamples(product: string): Record<string, DocExample> {
	return JSON.parse(readFileSync(new URL(`./fixtures/${product}.json`, import.meta.url), 'utf8'));
}
