import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../lib/catalogue.js';
import { README, operationsTable, withOperationsTable } from '../../scripts/operations-table.mjs';

describe("the README's operations table", () => {
	const readme = readFileSync(README, 'utf8');

	it('is the one generated from the catalogue (npm run docs:operations)', () => {
		expect(readme).toBe(withOperationsTable(readme));
	});

	it('lists every operation with its OY! endpoint', () => {
		const table = operationsTable();
		for (const operation of OPERATIONS)
			expect(table).toContain(`| ${operation.name} | \`${operation.method} ${operation.path}\` |`);
	});
});
