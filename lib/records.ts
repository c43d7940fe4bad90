import { toRupiah } from './amounts';
import { toIsoUtc } from './dates';
import { isRecord, readPath } from './envelopes';
import type { FieldReading, OperationDefinition } from './types';

function writePath(target: Record<string, unknown>, path: string, value: unknown): void {
	const keys = path.split('.');
	let current: Record<string, unknown> = target;
	for (const key of keys.slice(0, -1)) {
		const next = current[key];
		if (!isRecord(next)) return;
		current[key] = { ...next };
		current = current[key] as Record<string, unknown>;
	}
	current[keys[keys.length - 1]] = value;
}

/**
 * A copy of a record with its dates as ISO-8601 UTC and its amounts as whole rupiah.
 * A value that does not read as documented is left exactly as OY! sent it.
 */
export function normalizeFields(record: unknown, fields: FieldReading | undefined): unknown {
	if (!isRecord(record) || !fields) return record;
	const copy: Record<string, unknown> = { ...record };
	for (const [path, how] of Object.entries(fields.dates ?? {})) {
		const value = readPath(copy, path);
		if (value === undefined || value === null || value === '') continue;
		const iso = toIsoUtc(value, how.zone, how.format);
		if (iso !== null) writePath(copy, path, iso);
		else if ((value === -1 || value === 0) && how.format === 'epochMillis') writePath(copy, path, null);
	}
	for (const path of fields.amounts ?? []) {
		const amount = toRupiah(readPath(copy, path));
		if (amount !== null) writePath(copy, path, amount);
	}
	return copy;
}

/** Only the fields a simplified output keeps, in their order. */
export function simplifyRecord(record: unknown, fields: FieldReading | undefined): unknown {
	if (!isRecord(record) || !fields?.simplify) return record;
	const simple: Record<string, unknown> = {};
	for (const path of fields.simplify) {
		const value = readPath(record, path);
		if (value !== undefined) simple[path] = value;
	}
	return simple;
}

/** The records of a successful answer: the list's items, or the one record. */
export function recordsOf(operation: OperationDefinition, body: unknown): unknown[] {
	if (operation.list) {
		const items = readPath(body, operation.list.itemsPath);
		return Array.isArray(items) ? items : [];
	}
	return [operation.recordPath ? readPath(body, operation.recordPath) ?? body : body];
}
