import { isRecord, readPath } from '../json';

/** A JSON type a callback field must have: `text` is a string or a number (OY! writes ids both ways). */
export type FieldType = 'text' | 'string' | 'number' | 'amount' | 'boolean' | 'object' | 'array';

/** The fields a kind of callback always carries (dotted paths), with their types. */
export type Shape = Readonly<Record<string, FieldType>>;

function hasType(value: unknown, type: FieldType): boolean {
	switch (type) {
		case 'text':
			return (
				(typeof value === 'string' && value.trim() !== '') ||
				(typeof value === 'number' && Number.isFinite(value))
			);
		case 'string':
			return typeof value === 'string';
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		// BigDecimal: OY's examples write numbers; a string of digits is read too
		case 'amount':
			return (
				(typeof value === 'number' && Number.isFinite(value)) ||
				(typeof value === 'string' && /^\d+(\.\d+)?$/.test(value))
			);
		case 'boolean':
			return typeof value === 'boolean';
		case 'object':
			return isRecord(value);
		case 'array':
			return Array.isArray(value);
	}
}

/** Whether a body carries every field of a shape, each with its type. */
export function matchesShape(body: unknown, shape: Shape): boolean {
	return Object.entries(shape).every(([path, type]) => hasType(readPath(body, path), type));
}

/** The fields of a shape a body lacks or carries with another type (for the log). */
export function shapeMisses(body: unknown, shape: Shape): string[] {
	return Object.entries(shape)
		.filter(([path, type]) => !hasType(readPath(body, path), type))
		.map(([path, type]) => `${path} (${type})`);
}
