import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../lib/catalogue.js';

const folder = path.dirname(new URL(import.meta.url).pathname);
const sources = readdirSync(folder)
	.filter(
		(name) =>
			name.startsWith('operations-') &&
			name.endsWith('.test.mts') &&
			name !== 'operations-coverage.test.mts',
	)
	.map((name) => path.join(folder, name))
	// the parameters of a payout and a payment link the operation tests share
	.concat(path.join(folder, '../support/operationParameters.mts'))
	.map((file) => readFileSync(file, 'utf8'));

/**
 * Every operation of lib's catalogue runs through the node in one of the operations-*.test.mts
 * files (the node's parameters name the resource and the operation). A new operation without a
 * test fails here.
 */
describe('every operation of the catalogue is run through the node in n8n', () => {
	it.each(OPERATIONS.map((operation) => [operation.id]))('%s', (id) => {
		const [resource, operation] = id.split('.');
		const covered = sources.some(
			(source) =>
				source.includes(`resource: '${resource}'`) && source.includes(`operation: '${operation}'`),
		);
		expect(covered).toBe(true);
	});
});
