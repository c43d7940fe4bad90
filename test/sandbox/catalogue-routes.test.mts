import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../lib/catalogue.js';
import { startSandbox } from '../../sandbox/src/index.mjs';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { ALL_PRODUCTS } from '../../sandbox/src/products/registry.mjs';

const NOT_FOUND = JSON.stringify({ status: { code: '404', message: 'Not Found' } });

/** Whether the sandbox has a route for the endpoint (a refused key still proves the route exists). */
async function routed(sandbox: RunningSandbox, method: string, path: string): Promise<boolean> {
	const response = await fetch(sandbox.url + path.replace(/\{\w+\}/g, 'some-id'), {
		method,
		headers: {
			'X-OY-Username': sandbox.username,
			'X-Api-Key': 'not-the-key',
			'Content-Type': 'application/json',
		},
		body: method === 'GET' ? undefined : '{}',
	});
	return (await response.text()) !== NOT_FOUND && response.status !== 404;
}

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
			expect(await routed(sandbox, method, path)).toBe(true);
		},
	);
});

describe("lib and the sandbox name OY's products alike", () => {
	const docsProducts = [...new Set(OPERATIONS.map((operation) => operation.product))];

	it('every product lib calls has sandbox products of the same name, and the other way round', () => {
		const served = new Set(ALL_PRODUCTS.map((product) => product.docsProduct));
		expect([...served].sort()).toEqual([...docsProducts].sort());
	});

	// An endpoint two products document (Disburse with Child Balance is Create Disbursement's
	// POST /api/remit) may be served by either product's module.
	const documentedBy = (method: string, path: string) =>
		new Set(
			OPERATIONS.filter((one) => one.method === method && one.path === path).map(
				(one) => one.product,
			),
		);

	it.each(OPERATIONS.map((operation) => [operation.id, operation] as const))(
		'%s is served by the sandbox products of the names that document its endpoint',
		async (_id, operation) => {
			const names = documentedBy(operation.method, operation.path);
			const sandbox = await startSandbox({
				products: ALL_PRODUCTS.filter((product) => names.has(product.docsProduct)),
			});
			try {
				expect(await routed(sandbox, operation.method, operation.path)).toBe(true);
			} finally {
				await sandbox.close();
			}
		},
	);
});
