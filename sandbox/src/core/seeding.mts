import { readFileSync } from 'node:fs';

/** A seed file: one section per product, keyed by product name, plus `bank-accounts`. */
export type SeedData = Record<string, unknown>;

/** A generator spec: per product name, the counts that product understands, e.g. `{ "account-receivable": { "invoices": 100000 } }`. */
export type GenerateSpec = Record<string, Record<string, number>>;

export function readSeedFile(path: string): SeedData {
	const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new Error(`seed file ${path} must hold a JSON object keyed by product name`);
	}
	return value as SeedData;
}
