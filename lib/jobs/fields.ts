import { getOperation } from '../catalogue';
import { isRecord } from '../json';
import { normalizeFields } from '../records';

/** A record of an operation's answer with ISO-8601 UTC dates and whole-rupiah amounts. */
export function normalized(operationId: string, record: unknown): Record<string, unknown> {
	const value = normalizeFields(record, getOperation(operationId).fields);
	return isRecord(value) ? value : {};
}

export function text(value: unknown): string {
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** A number, or undefined when the value is not one (OY! sometimes sends numbers as strings). */
export function numeric(value: unknown): number | undefined {
	const number =
		typeof value === 'number'
			? value
			: typeof value === 'string' && value.trim() !== ''
				? Number(value)
				: NaN;
	return Number.isFinite(number) ? number : undefined;
}

/** Epoch ms from an ISO string or a positive epoch number; undefined for OY's "never" (-1, 0, null). */
export function instant(value: unknown): number | undefined {
	if (typeof value === 'number') return value > 0 ? value : undefined;
	if (typeof value === 'string' && value !== '') {
		const parsed = Date.parse(value);
		return Number.isNaN(parsed) ? undefined : parsed;
	}
	return undefined;
}
