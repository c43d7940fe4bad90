import { describe, expect, it } from 'vitest';
import { baseUrlProblem, isLoopbackHost } from '../../lib/environments.js';

describe('where the API key may go', () => {
	it.each(['127.0.0.1', '127.1.2.3', '127.255.255.255', 'localhost', 'LOCALHOST', '[::1]', '::1'])(
		'%s is this machine',
		(host) => {
			expect(isLoopbackHost(host)).toBe(true);
		},
	);

	it.each([
		'10.0.0.5',
		'192.168.1.10',
		'0.0.0.0',
		'128.0.0.1',
		'127.0.0.1.example.com',
		'localhost.example.com',
		'proxy.local',
		'[::2]',
		'[::ffff:7f00:1]',
		'127.0.0.256',
	])('%s is not', (host) => {
		expect(isLoopbackHost(host)).toBe(false);
	});

	it('accepts https anywhere and plain http to loopback only', () => {
		expect(baseUrlProblem('https://proxy.example.co.id')).toBeUndefined();
		expect(baseUrlProblem('http://127.0.0.1:4700')).toBeUndefined();
		expect(baseUrlProblem('http://localhost:4700')).toBeUndefined();
		expect(baseUrlProblem('http://[::1]:4700')).toBeUndefined();
		expect(baseUrlProblem('http://10.0.0.5:4700')).toBe(
			'The base URL http://10.0.0.5:4700 uses plain http to another machine: the API key would cross the network unencrypted. ' +
				'Use https, or turn on "Allow Insecure HTTP" in the credential if you accept that risk (without it, plain http is accepted only for 127.0.0.1, ::1 and localhost).',
		);
		expect(baseUrlProblem('http://proxy.example.co.id', false, 'set oy.allowInsecureHttp')).toMatch(
			/or set oy\.allowInsecureHttp if/,
		);
	});

	it('accepts plain http elsewhere only when insecure http is allowed explicitly', () => {
		expect(baseUrlProblem('http://10.0.0.5:4700', true)).toBeUndefined();
	});

	it('refuses what is not an http(s) URL', () => {
		expect(baseUrlProblem('ftp://127.0.0.1')).toMatch(/must start with https:\/\//);
		expect(baseUrlProblem('127.0.0.1:4700')).toMatch(/must start with https|not a URL/);
		expect(baseUrlProblem('not a url')).toMatch(/not a URL/);
	});
});
