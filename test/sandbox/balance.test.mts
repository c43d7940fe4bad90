import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from './fixtures.mjs';
import { control, expectSameShape, oy, startTestSandbox } from './helpers.mjs';

const examples = docExamples('balance');

describe('Get Balance', () => {
	let sandbox: RunningSandbox;
	beforeAll(async () => {
		sandbox = await startTestSandbox({ initialBalance: 100_000_000 });
	});
	afterAll(() => sandbox.close());

	it('answers the documented shape', async () => {
		const answer = await oy(sandbox, 'GET', '/api/balance');
		expect(answer.status).toBe(200);
		expectSameShape(answer.body, examples['get-balance'].response);
		expect(answer.body.status).toEqual({ code: '000', message: 'Success' });
		expect(answer.body.timestamp).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2}$/);
	});

	it('computes available = balance + overdraft - pending, as the docs example does', async () => {
		await control(sandbox, 'PUT', '/balance', {
			balance: 100_000_000,
			overdraft: 500_000,
			overbooking: 200_000,
			pending: 2_000_000,
		});
		const { body } = await oy(sandbox, 'GET', '/api/balance');
		expect(body.availableBalance).toBe(examples['get-balance'].response.availableBalance);
	});

	it('answers 201 for an unknown username and 208 for a wrong API key', async () => {
		const unknown = await oy(sandbox, 'GET', '/api/balance', undefined, {
			'x-oy-username': 'somebody-else',
		});
		expect(unknown.body.status.code).toBe('201');
		const wrongKey = await oy(sandbox, 'GET', '/api/balance', undefined, { 'x-api-key': 'wrong' });
		expect(wrongKey.body.status.code).toBe('208');
		const noHeaders = await fetch(`${sandbox.url}/api/balance`);
		expect((await noHeaders.json()).status.code).toBe('201');
		const headerCasing = await oy(sandbox, 'GET', '/api/balance', undefined, {
			'X-OY-Username': sandbox.username,
		});
		expect(headerCasing.body.status.code).toBe('000');
	});

	it('answers the balance table\'s 900 "Invalid Format" for a malformed JSON body', async () => {
		const answer = await oy(sandbox, 'GET', '/api/balance', '{"not json');
		expect(answer.body.status).toEqual({
			code: '900',
			message: 'Request is Rejected (Invalid Format)',
		});
	});
});
