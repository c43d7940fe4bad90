/**
 * IP allow-lists in CIDR notation, IPv4 and IPv6, without node:net (lib imports nothing): OY!
 * signs no callback, so its static source address is one of the checks a trigger offers.
 */

type Bytes = number[];

function parseIpv4(text: string): Bytes | undefined {
	const parts = text.split('.');
	if (parts.length !== 4) return undefined;
	const bytes = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : NaN));
	return bytes.every((byte) => byte >= 0 && byte <= 255) ? bytes : undefined;
}

function parseIpv6(text: string): Bytes | undefined {
	let address = text;
	const zone = address.indexOf('%');
	if (zone >= 0) address = address.slice(0, zone);
	let tail: Bytes = [];
	const lastColon = address.lastIndexOf(':');
	if (address.slice(lastColon + 1).includes('.')) {
		const ipv4 = parseIpv4(address.slice(lastColon + 1));
		if (!ipv4) return undefined;
		tail = ipv4;
		address = `${address.slice(0, lastColon + 1)}0:0`;
	}
	const halves = address.split('::');
	if (halves.length > 2) return undefined;
	const groups = (half: string) => (half === '' ? [] : half.split(':'));
	const head = groups(halves[0]);
	const rest = halves.length === 2 ? groups(halves[1]) : [];
	const missing = 8 - head.length - rest.length;
	if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1))
		return undefined;
	const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
	if (!all.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
	const bytes = all.flatMap((group) => {
		const value = parseInt(group, 16);
		return [value >> 8, value & 0xff];
	});
	if (tail.length === 4) bytes.splice(12, 4, ...tail);
	return bytes;
}

/** An address as bytes; IPv4-mapped IPv6 (`::ffff:1.2.3.4`, how dual-stack sockets report IPv4) as IPv4. */
export function parseIp(text: string): Bytes | undefined {
	const trimmed = text.trim().replace(/^\[(.*)\]$/, '$1');
	if (trimmed.includes(':')) {
		const bytes = parseIpv6(trimmed);
		const mapped =
			bytes &&
			bytes.slice(0, 10).every((byte) => byte === 0) &&
			bytes[10] === 0xff &&
			bytes[11] === 0xff;
		return mapped ? bytes.slice(12) : bytes;
	}
	return parseIpv4(trimmed);
}

export interface IpRange {
	text: string;
	bytes: Bytes;
	prefix: number;
}

/** Reads one CIDR range (`203.0.113.0/24`, `2001:db8::/32`) or a single address. */
export function parseCidr(text: string): IpRange | { problem: string } {
	const [address, prefixText, extra] = text.trim().split('/');
	const bytes = parseIp(address);
	if (!bytes || extra !== undefined)
		return { problem: `"${text.trim()}" is not an IP address or CIDR range` };
	const bits = bytes.length * 8;
	const prefix =
		prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
	if (!(prefix >= 0 && prefix <= bits))
		return { problem: `"${text.trim()}" has a prefix length outside 0-${bits}` };
	return { text: text.trim(), bytes, prefix };
}

/** Reads a comma-, space- or newline-separated list; every entry must be valid. */
export function parseAllowList(text: string): { ranges: IpRange[]; problems: string[] } {
	const ranges: IpRange[] = [];
	const problems: string[] = [];
	for (const entry of text.split(/[\s,;]+/).filter(Boolean)) {
		const range = parseCidr(entry);
		if ('problem' in range) problems.push(range.problem);
		else ranges.push(range);
	}
	return { ranges, problems };
}

export function inRange(address: Bytes, range: IpRange): boolean {
	if (address.length !== range.bytes.length) return false;
	for (let bit = 0; bit < range.prefix; bit += 8) {
		const take = Math.min(8, range.prefix - bit);
		const mask = (0xff << (8 - take)) & 0xff;
		const index = bit / 8;
		if ((address[index] & mask) !== (range.bytes[index] & mask)) return false;
	}
	return true;
}

export function isAllowed(address: string, ranges: readonly IpRange[]): boolean {
	const bytes = parseIp(address);
	return bytes !== undefined && ranges.some((range) => inRange(bytes, range));
}

/**
 * The address a request came from. Without trusted proxies it is the socket's peer, whatever
 * X-Forwarded-For says (anyone can write that header). Behind `proxyHops` proxies that each append
 * the address they saw, the client is the entry that many places from the end; a shorter list
 * means the request did not pass through them, and no address can be trusted.
 */
export function clientAddress(options: {
	peer: string | undefined;
	forwardedFor: string | string[] | undefined;
	trustForwardedFor: boolean;
	proxyHops: number;
}): { address: string } | { problem: string } {
	if (!options.trustForwardedFor) {
		return options.peer
			? { address: options.peer }
			: { problem: 'the connection has no peer address' };
	}
	const header = Array.isArray(options.forwardedFor)
		? options.forwardedFor.join(',')
		: (options.forwardedFor ?? '');
	const chain = header
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);
	const hops = Math.max(1, Math.floor(options.proxyHops));
	if (chain.length < hops) {
		return {
			problem: `X-Forwarded-For has ${chain.length} address(es), fewer than the ${hops} trusted proxy hop(s)`,
		};
	}
	return { address: chain[chain.length - hops] };
}
