import { describe, expect, it } from 'vitest';
import { OyApi } from '../../credentials/OyApi.credentials.js';

/** The credential adds the key to every request n8n sends with it: only over https or to loopback, never following a redirect. */
describe('OY! API credential: authenticate', () => {
	const credential = new OyApi();
	const data = { environment: 'custom', username: 'partner', apiKey: 'key-0f9e8d' };

	it('adds the headers and switches redirects off', async () => {
		const options = await credential.authenticate(data, {
			url: 'http://127.0.0.1:4700/api/balance',
			method: 'GET',
		});
		expect(options).toMatchObject({
			disableFollowRedirect: true,
			headers: { 'X-OY-Username': 'partner', 'X-Api-Key': 'key-0f9e8d' },
		});
		const test = await credential.authenticate(data, {
			baseURL: 'https://partner.oyindonesia.com/',
			url: '/api/balance',
		});
		expect(test.disableFollowRedirect).toBe(true);
	});

	it('refuses plain http to another machine before the key is added, unless Allow Insecure HTTP is on', async () => {
		await expect(
			credential.authenticate(data, { baseURL: 'http://10.0.0.5:4700', url: '/api/balance' }),
		).rejects.toThrow(/^The base URL http:\/\/10\.0\.0\.5:4700 uses plain http to another machine/);
		await expect(
			credential.authenticate(data, { url: 'http://proxy.example.co.id/api/remit' }),
		).rejects.toThrow(/plain http/);
		const allowed = await credential.authenticate(
			{ ...data, allowInsecureHttp: true },
			{ url: 'http://10.0.0.5:4700/api/balance' },
		);
		expect(allowed.headers).toMatchObject({ 'X-Api-Key': 'key-0f9e8d' });
	});

	it('reads an absolute url as axios does: it wins over baseURL', async () => {
		await expect(
			credential.authenticate(data, {
				baseURL: 'https://partner.oyindonesia.com',
				url: 'http://10.0.0.5/api/balance',
			}),
		).rejects.toThrow(/plain http/);
		await expect(
			credential.authenticate(data, {
				baseURL: 'http://10.0.0.5',
				url: 'https://partner.oyindonesia.com/api/balance',
			}),
		).resolves.toBeDefined();
	});

	it('its Test request does not follow redirects and names them', () => {
		expect(credential.test.request.disableFollowRedirect).toBe(true);
		const codes = (credential.test.rules ?? [])
			.filter((rule) => rule.type === 'responseCode')
			.map((rule) => rule.properties.value);
		expect(codes).toEqual([301, 302, 303, 307, 308]);
	});
});
