import { toRupiah } from './amounts';
import { formatOyDate, parseOyDate, toIsoUtc } from './dates';
import { isRecord, readPath } from './json';
import type { FieldReading, OperationDefinition } from './types';

/**
 * Applies `change` to the value at `path` in a copy of `value`; `[]` steps into every element of a
 * list. Only the objects and lists on the path are copied, so the answer OY! sent stays untouched.
 */
function updatePath(
	value: unknown,
	steps: string[],
	change: (current: unknown) => unknown,
): unknown {
	if (steps.length === 0) return change(value);
	const [step, ...rest] = steps;
	if (step.endsWith('[]')) {
		const key = step.slice(0, -2);
		if (!isRecord(value) || !Array.isArray(value[key])) return value;
		return {
			...value,
			[key]: (value[key] as unknown[]).map((element) => updatePath(element, rest, change)),
		};
	}
	if (!isRecord(value) || !(step in value)) return value;
	return { ...value, [step]: updatePath(value[step], rest, change) };
}

function parseJsonText(value: unknown): unknown {
	if (typeof value !== 'string' || !/^\s*[{[]/.test(value)) return value;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

/**
 * A copy of a record with its dates as ISO-8601 UTC, its amounts as whole rupiah and its JSON-text
 * fields as objects. A value that does not read as documented is left exactly as OY! sent it;
 * OY's "never" (-1 or 0 epoch) becomes null.
 */
export function normalizeFields(record: unknown, fields: FieldReading | undefined): unknown {
	if (!isRecord(record) || !fields) return record;
	let copy: unknown = record;
	for (const path of fields.json ?? []) copy = updatePath(copy, path.split('.'), parseJsonText);
	for (const [path, how] of Object.entries(fields.dates ?? {})) {
		copy = updatePath(copy, path.split('.'), (value) => {
			if (value === undefined || value === null || value === '') return value;
			const iso = toIsoUtc(value, how.zone, how.format);
			if (iso !== null) return iso;
			return (value === -1 || value === 0) && how.format === 'epochMillis' ? null : value;
		});
	}
	for (const [path, how] of Object.entries(fields.calendarDates ?? {})) {
		copy = updatePath(copy, path.split('.'), (value) => {
			const epoch = parseOyDate(value, how.zone, how.format);
			return epoch === null ? value : formatOyDate(epoch, 'yyyy-MM-dd', how.zone);
		});
	}
	for (const path of fields.amounts ?? []) {
		copy = updatePath(copy, path.split('.'), (value) => toRupiah(value) ?? value);
	}
	for (const path of fields.lowerCase ?? []) {
		copy = updatePath(copy, path.split('.'), (value) =>
			typeof value === 'string' ? value.toLowerCase() : value,
		);
	}
	return fields.snakeCaseKeys ? snakeCaseKeys(copy) : copy;
}

export function snakeCase(key: string): string {
	return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function camelCase(key: string): string {
	return key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** A copy with every object key, at any depth, in snake_case (`partnerTxId` → `partner_tx_id`). */
function snakeCaseKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(snakeCaseKeys);
	if (!isRecord(value)) return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, inner]) => [snakeCase(key), snakeCaseKeys(inner)]),
	);
}

/** Only the fields a simplified output keeps, in their order. */
export function simplifyRecord(record: unknown, fields: FieldReading | undefined): unknown {
	if (!isRecord(record) || !fields?.simplify) return record;
	const simple: Record<string, unknown> = {};
	for (const path of fields.simplify) {
		let key = path;
		let value = readPath(record, path);
		// a record kept in OY's camelCase (Keep OY! Formats) is simplified by the same list
		if (value === undefined && fields.snakeCaseKeys) {
			key = camelCase(path);
			value = readPath(record, key);
		}
		if (value !== undefined) simple[key] = value;
	}
	return simple;
}

/** The records of a successful answer: the list's items, or the one record. */
export function recordsOf(operation: OperationDefinition, body: unknown): unknown[] {
	if (operation.list) {
		const items = readPath(body, operation.list.itemsPath);
		return Array.isArray(items) ? items : [];
	}
	return [operation.recordPath ? (readPath(body, operation.recordPath) ?? body) : body];
}

/**
 * When the transaction in a status answer was made, as ISO-8601 UTC: the first date field the
 * operation documents as a creation time (`created_date`, `created` …), or undefined.
 */
export function createdAtOf(operation: OperationDefinition, body: unknown): string | undefined {
	const dates = operation.fields?.dates;
	if (!dates) return undefined;
	const [record] = recordsOf(operation, body);
	const normalized = normalizeFields(record, operation.fields);
	for (const path of Object.keys(dates)) {
		if (!/created/i.test(path) || path.includes('[]')) continue;
		const value = readPath(normalized, path);
		if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return value;
	}
	return undefined;
}
