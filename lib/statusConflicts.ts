import { toRupiah } from './amounts';
import { readPath } from './json';
import type { StatusCheck } from './types';

/**
 * A status check's conflict test: the transaction OY! holds under the id differs from the create
 * (another amount, or another value of one of `fields`). Codes compare without case where listed.
 */
export function differsFromCreate(
	fields: readonly string[],
	options: { caseInsensitive?: readonly string[] } = {},
): NonNullable<StatusCheck['conflict']> {
	const folded = new Set(options.caseInsensitive ?? []);
	const same = (field: string, a: string, b: unknown) =>
		folded.has(field) ? a.toLowerCase() === String(b).toLowerCase() : a === b;
	return (create, body) => {
		const differences: string[] = [];
		const amount = toRupiah(readPath(body, 'amount'));
		if (amount !== null && amount !== Number(create.amount)) {
			differences.push(`amount ${amount} instead of ${String(create.amount)}`);
		}
		for (const field of fields) {
			const found = readPath(body, field);
			if (typeof found === 'string' && found !== '' && !same(field, found, create[field])) {
				differences.push(`${field} ${found} instead of ${String(create[field])}`);
			}
		}
		return differences.length > 0 ? differences.join(', ') : undefined;
	};
}
