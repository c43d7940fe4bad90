import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../lib/catalogue.js';
import { startSandbox } from '../../sandbox/src/index.mjs';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';

/**
 * lib and the sandbox are written from OY's docs independently; where they disagree on an
 * endpoint, one of them misread the docs. Every operation lib defines must reach a sandbox route.
 */
describe('every operation of the catalogue has its endpoint in the sandbox', () => {
	let sandbox: RunningSandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());

	it.each(OPERATIONS.map((operation) => [operation.id, operation.method, operation.path] as const))(
		'%s: %s %s',
		async (_id, method, path) => {
			const response = await fetch(sandbox.url + path.replace(/\{\w+\}/g, 'some-id'), {
				method,
				headers: {
					'X-OY-Username': sandbox.username,
					'X-Api-Key': 'not-the-key',
					'Content-Type': 'application/json',
				},
				body: method === 'GET' ? undefined : '{}',
			});
			const text = await response.text();
			expect(text).not.toBe(JSON.stringify({ status: { code: '404', message: 'Not Found' } }));
			expect(response.status).not.toBe(404);
		},
	);
});
