import { beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CALLBACK_TOKEN_CREDENTIAL, SANDBOX_CREDENTIAL } from '../../scripts/n8n/stack.mjs';
import { connectToStack } from './support/stack.mjs';

type Stack = Awaited<ReturnType<typeof connectToStack>>;

/** The credential dialog's Test button: n8n's POST /rest/credentials/test with the form's values. */
describe("the credential's Test button", () => {
	let stack: Stack;
	beforeAll(async () => {
		stack = await connectToStack();
	});

	const testWith = (data: Record<string, unknown>) =>
		stack.n8n.rest('POST', '/rest/credentials/test', {
			credentials: {
				...SANDBOX_CREDENTIAL,
				type: 'oyApi',
				data: { environment: 'sandbox', baseUrl: stack.context.sandbox.url, ...data },
			},
		});

	it('connects with the right username and key', async () => {
		const { status, body } = await testWith({
			username: stack.context.sandbox.username,
			apiKey: stack.context.sandbox.apiKey,
		});
		expect(status).toBe(200);
		expect(body.data).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it("fails with OY!'s reason for a wrong key, without showing the key", async () => {
		const { body } = await testWith({
			username: stack.context.sandbox.username,
			apiKey: 'wrong-key-4711',
		});
		expect(body.data.status).toBe('Error');
		expect(body.data.message).toBe(
			'OY! rejected the API key (code 208). Check the key and the environment.',
		);
		expect(JSON.stringify(body)).not.toContain('wrong-key-4711');
	});

	it('fails with a clear reason for an unknown username', async () => {
		const { body } = await testWith({
			username: 'nobody-here',
			apiKey: stack.context.sandbox.apiKey,
		});
		expect(body.data).toMatchObject({
			status: 'Error',
			message: expect.stringContaining('code 201'),
		});
	});

	it('fails when nothing answers at the base URL', async () => {
		const { body } = await stack.n8n.rest('POST', '/rest/credentials/test', {
			credentials: {
				...SANDBOX_CREDENTIAL,
				type: 'oyApi',
				data: {
					environment: 'custom',
					baseUrl: 'http://127.0.0.1:9',
					username: 'oy-sandbox',
					apiKey: 'sandbox-key',
				},
			},
		});
		expect(body.data.status).toBe('Error');
		expect(body.data.message).toMatch(/refused|ECONNREFUSED/i);
		expect(JSON.stringify(body)).not.toContain('sandbox-key');
	});

	it("checks an OY! Callback API token's form, without showing it", async () => {
		const testToken = (token: string) =>
			stack.n8n.rest('POST', '/rest/credentials/test', {
				credentials: {
					...SANDBOX_CALLBACK_TOKEN_CREDENTIAL,
					type: 'oyCallbackTokenApi',
					data: { token },
				},
			});
		expect((await testToken('a-long-enough-token_0123')).body.data).toEqual({
			status: 'OK',
			message: 'The token can be used in the callback URL',
		});
		const short = await testToken('short-7');
		expect(short.body.data).toMatchObject({
			status: 'Error',
			message: expect.stringContaining('at least 16 characters'),
		});
		expect(JSON.stringify(short.body)).not.toContain('short-7');
		expect((await testToken('has spaces & an ampersand')).body.data).toMatchObject({
			status: 'Error',
			message: expect.stringContaining('only letters, digits'),
		});
	});
});
