/**
 * Reads a parsed JSON config and collects one message per bad value, each naming the value by its
 * path (`jobs.ar-reminders.steps[2]`), so a user fixes everything in one go.
 */
export class ConfigReader {
	readonly problems: string[] = [];

	/** paths already reported for another reason (a secret), not to be reported as unknown too */
	readonly reported = new Set<string>();

	problem(path: string, message: string): void {
		this.problems.push(`${path}: ${message}`);
	}

	/** An object, or {} when absent; unknown keys are problems (typos must not be ignored silently). */
	section(value: unknown, path: string, known: readonly string[]): Record<string, unknown> {
		if (value === undefined || value === null) return {};
		if (typeof value !== 'object' || Array.isArray(value)) {
			this.problem(path, `must be an object ({ ... }), not ${show(value)}`);
			return {};
		}
		const record = value as Record<string, unknown>;
		for (const key of Object.keys(record)) {
			const at = join(path, key);
			if (!known.includes(key) && !this.reported.has(at))
				this.problem(at, `unknown setting; known here: ${known.join(', ')}`);
		}
		return record;
	}

	/** An object whose keys are the user's own names (customer ids, child usernames). */
	map(value: unknown, path: string): Record<string, unknown> {
		if (value === undefined || value === null) return {};
		if (typeof value !== 'object' || Array.isArray(value)) {
			this.problem(path, `must be an object ({ "name": ... }), not ${show(value)}`);
			return {};
		}
		return value as Record<string, unknown>;
	}

	string(
		record: Record<string, unknown>,
		key: string,
		path: string,
		fallback: string,
		options: { oneOf?: readonly string[]; nonEmpty?: boolean } = {},
	): string {
		const value = record[key];
		if (value === undefined) return fallback;
		const at = join(path, key);
		if (typeof value !== 'string') {
			this.problem(at, `must be text, not ${show(value)}`);
			return fallback;
		}
		if (options.oneOf && !options.oneOf.includes(value)) {
			this.problem(
				at,
				`must be one of ${options.oneOf.map((option) => `"${option}"`).join(', ')}, not "${value}"`,
			);
			return fallback;
		}
		if (options.nonEmpty && value.trim() === '') {
			this.problem(at, 'must not be empty');
			return fallback;
		}
		return value;
	}

	optionalString(record: Record<string, unknown>, key: string, path: string): string | undefined {
		if (record[key] === undefined) return undefined;
		const value = this.string(record, key, path, '', { nonEmpty: true });
		return value === '' ? undefined : value;
	}

	integer(
		record: Record<string, unknown>,
		key: string,
		path: string,
		fallback: number,
		range: { min: number; max: number; unit?: string },
	): number {
		const value = record[key];
		if (value === undefined) return fallback;
		if (
			typeof value !== 'number' ||
			!Number.isInteger(value) ||
			value < range.min ||
			value > range.max
		) {
			this.problem(
				join(path, key),
				`must be a whole number${range.unit ? ` of ${range.unit}` : ''} from ${range.min} to ${range.max}, not ${show(value)}`,
			);
			return fallback;
		}
		return value;
	}

	optionalInteger(
		record: Record<string, unknown>,
		key: string,
		path: string,
		range: { min: number; max: number; unit?: string },
	): number | undefined {
		if (record[key] === undefined || record[key] === null) return undefined;
		return this.integer(record, key, path, range.min, range);
	}

	boolean(record: Record<string, unknown>, key: string, path: string, fallback: boolean): boolean {
		const value = record[key];
		if (value === undefined) return fallback;
		if (typeof value !== 'boolean') {
			this.problem(join(path, key), `must be true or false, not ${show(value)}`);
			return fallback;
		}
		return value;
	}

	/** A list whose elements are each checked by `element`; element problems name their index. */
	list<T>(
		record: Record<string, unknown>,
		key: string,
		path: string,
		fallback: T[],
		element: (value: unknown, at: string) => T | undefined,
	): T[] {
		const value = record[key];
		if (value === undefined) return fallback;
		const at = join(path, key);
		if (!Array.isArray(value)) {
			this.problem(at, `must be a list ([ ... ]), not ${show(value)}`);
			return fallback;
		}
		const items: T[] = [];
		value.forEach((item, index) => {
			const checked = element(item, `${at}[${index}]`);
			if (checked !== undefined) items.push(checked);
		});
		return items;
	}

	emailList(record: Record<string, unknown>, key: string, path: string): string[] {
		return this.list(record, key, path, [], (value, at) => this.email(value, at));
	}

	email(value: unknown, at: string): string | undefined {
		if (typeof value !== 'string' || !EMAIL.test(value.trim())) {
			this.problem(at, `must be an e-mail address (name@example.com), not ${show(value)}`);
			return undefined;
		}
		return value.trim();
	}
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export function join(path: string, key: string): string {
	if (path === '') return key;
	return `${path}.${key}`;
}

export function show(value: unknown): string {
	if (typeof value === 'string') return `"${value}"`;
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	return String(value);
}
