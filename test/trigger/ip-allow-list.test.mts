import { describe, expect, it } from 'vitest';
import { clientAddress, isAllowed, parseAllowList, parseIp } from '../../lib/callbacks/index.js';

const ranges = (text: string) => {
	const list = parseAllowList(text);
	expect(list.problems).toEqual([]);
	return list.ranges;
};

describe('IP allow-list', () => {
	it('matches IPv4 ranges on their prefix bits only', () => {
		const list = ranges('203.0.113.0/25, 198.51.100.7');
		expect(isAllowed('203.0.113.127', list)).toBe(true);
		expect(isAllowed('203.0.113.128', list)).toBe(false);
		expect(isAllowed('198.51.100.7', list)).toBe(true);
		expect(isAllowed('198.51.100.8', list)).toBe(false);
		expect(isAllowed('0.0.0.0', ranges('0.0.0.0/0'))).toBe(true);
	});

	it('matches IPv6 ranges, compressed or not, with zones and brackets', () => {
		const list = ranges('2001:db8:abcd::/48\nfe80::1%eth0');
		expect(isAllowed('2001:db8:abcd:12::1', list)).toBe(true);
		expect(isAllowed('2001:0db8:abcd:0000:0000:0000:0000:0001', list)).toBe(true);
		expect(isAllowed('2001:db8:abce::1', list)).toBe(false);
		expect(isAllowed('[fe80::1]', list)).toBe(true);
		expect(isAllowed('::1', ranges('::1/128'))).toBe(true);
	});

	it('reads IPv4-mapped IPv6 (how dual-stack sockets report IPv4) as IPv4', () => {
		expect(parseIp('::ffff:127.0.0.1')).toEqual([127, 0, 0, 1]);
		expect(isAllowed('::ffff:203.0.113.9', ranges('203.0.113.0/24'))).toBe(true);
		expect(isAllowed('203.0.113.9', ranges('2001:db8::/32'))).toBe(false);
	});

	it('names every entry that is not an address or range', () => {
		expect(
			parseAllowList('10.0.0.0/8, 300.1.1.1, 10.0.0.0/33, ::1/129, 1:2:3, 10.0.0.0/8/8').problems,
		).toEqual([
			'"300.1.1.1" is not an IP address or CIDR range',
			'"10.0.0.0/33" has a prefix length outside 0-32',
			'"::1/129" has a prefix length outside 0-128',
			'"1:2:3" is not an IP address or CIDR range',
			'"10.0.0.0/8/8" is not an IP address or CIDR range',
		]);
		expect(isAllowed('not-an-ip', ranges('0.0.0.0/0'))).toBe(false);
	});

	it('takes the caller from X-Forwarded-For only when trusted, counting proxy hops from the end', () => {
		const peer = '10.0.0.2';
		expect(
			clientAddress({ peer, forwardedFor: '203.0.113.7', trustForwardedFor: false, proxyHops: 1 }),
		).toEqual({ address: peer });
		expect(
			clientAddress({
				peer,
				forwardedFor: 'spoof, 203.0.113.7',
				trustForwardedFor: true,
				proxyHops: 1,
			}),
		).toEqual({ address: '203.0.113.7' });
		expect(
			clientAddress({
				peer,
				forwardedFor: ['spoof', '203.0.113.7, 10.0.0.9'],
				trustForwardedFor: true,
				proxyHops: 2,
			}),
		).toEqual({
			address: '203.0.113.7',
		});
		expect(
			clientAddress({ peer, forwardedFor: undefined, trustForwardedFor: true, proxyHops: 1 }),
		).toEqual({
			problem: 'X-Forwarded-For has 0 address(es), fewer than the 1 trusted proxy hop(s)',
		});
	});
});
