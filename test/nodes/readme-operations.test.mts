import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../lib/catalogue.js';
import {
	LOCAL_OPERATIONS,
	README,
	operationsTable,
	withOperationsTable,
} from '../../scripts/operations-table.mjs';

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

	it("lists the node's own operations, saying they send nothing to OY!", () => {
		const table = operationsTable();
		expect(table).toContain('| Disbursement | Build Bulk Disburse File | none: ');
		for (const operation of LOCAL_OPERATIONS) expect(operation.notes).toContain('Sends nothing');
	});
});
