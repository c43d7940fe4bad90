import { toRupiah } from './amounts';
import { formatOyDate, parseOyDate, toIsoUtc } from './dates';
import { isRecord, readPath } from './json';
import type { DateFormat, FieldReading, OperationDefinition, OyZone } from './types';

/**
 * Applies `change` to the value at `steps[from…]` in a copy of `value`; `[]` steps into every
 * element of a list. Only the objects and lists on the path are copied, so the answer OY! sent
 * stays untouched.
 */
function updatePath(
	value: unknown,
	steps: readonly string[],
	from: number,
	change: (current: unknown) => unknown,
): unknown {
	if (from === steps.length) return change(value);
	const step = steps[from];
	if (step.endsWith('[]')) {
		const key = step.slice(0, -2);
		if (!isRecord(value) || !Array.isArray(value[key])) return value;
		return {
			...value,
			[key]: (value[key] as unknown[]).map((element) =>
				updatePath(element, steps, from + 1, change),
			),
		};
	}
	if (!isRecord(value) || !(step in value)) return value;
	return { ...value, [step]: updatePath(value[step], steps, from + 1, change) };
}

function parseJsonText(value: unknown): unknown {
	if (typeof value !== 'string' || !/^\s*[{[]/.test(value)) return value;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

/** One reading of normalizeFields: the path's steps and what it does to the value there. */
interface Reading {
	steps: readonly string[];
	change: (value: unknown) => unknown;
}

function dateReading(how: { format: DateFormat; zone: OyZone }) {
	return (value: unknown) => {
		if (value === undefined || value === null || value === '') return value;
		const iso = toIsoUtc(value, how.zone, how.format);
		if (iso !== null) return iso;
		return (value === -1 || value === 0) && how.format === 'epochMillis' ? null : value;
	};
}

function calendarDateReading(how: { format: DateFormat; zone: OyZone }) {
	return (value: unknown) => {
		const epoch = parseOyDate(value, how.zone, how.format);
		return epoch === null ? value : formatOyDate(epoch, 'yyyy-MM-dd', how.zone);
	};
}

const amountReading = (value: unknown) => toRupiah(value) ?? value;
const lowerCaseReading = (value: unknown) =>
	typeof value === 'string' ? value.toLowerCase() : value;

/** The catalogue's field readings are constants: each is turned into its steps once. */
const READINGS = new WeakMap<FieldReading, readonly Reading[]>();

function readingsOf(fields: FieldReading): readonly Reading[] {
	let readings = READINGS.get(fields);
	if (!readings) {
		const steps = (path: string) => path.split('.');
		readings = [
			...(fields.json ?? []).map((path) => ({ steps: steps(path), change: parseJsonText })),
			...Object.entries(fields.dates ?? {}).map(([path, how]) => ({
				steps: steps(path),
				change: dateReading(how),
			})),
			...Object.entries(fields.calendarDates ?? {}).map(([path, how]) => ({
				steps: steps(path),
				change: calendarDateReading(how),
			})),
			...(fields.amounts ?? []).map((path) => ({ steps: steps(path), change: amountReading })),
			...(fields.lowerCase ?? []).map((path) => ({
				steps: steps(path),
				change: lowerCaseReading,
			})),
		];
		READINGS.set(fields, readings);
	}
	return readings;
}

/**
 * A copy of a record with its dates as ISO-8601 UTC, its amounts as whole rupiah and its JSON-text
 * fields as objects. A value that does not read as documented is left exactly as OY! sent it;
 * OY's "never" (-1 or 0 epoch) becomes null.
 */
export function normalizeFields(record: unknown, fields: FieldReading | undefined): unknown {
	if (!isRecord(record) || !fields) return record;
	let copy: Record<string, unknown> = record;
	// the record as OY! sent it is never changed; a copy made here is changed in place
	let owned = false;
	for (const { steps, change } of readingsOf(fields)) {
		const [step] = steps;
		if (steps.length === 1 && !step.endsWith('[]')) {
			if (!(step in copy)) continue;
			if (!owned) {
				copy = { ...copy };
				owned = true;
			}
			copy[step] = change(copy[step]);
			continue;
		}
		const next = updatePath(copy, steps, 0, change) as Record<string, unknown>;
		if (next !== copy) {
			copy = next;
			owned = true;
		}
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
