/** Reading and writing untyped JSON (OY's answers, callback bodies, inputs) by dotted paths. */

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string with something in it besides spaces, else undefined (OY! sends "" for "none"). */
export function nonBlankText(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Reads `a.b.c` from a value; undefined when any step is missing. */
export function readPath(value: unknown, path: string): unknown {
	// most paths are one key: no split (an array) for every read
	if (!path.includes('.')) return isRecord(value) ? value[path] : undefined;
	let current: unknown = value;
	for (const key of path.split('.')) {
		if (!isRecord(current)) return undefined;
		current = current[key];
	}
	return current;
}

/** Writes `a.b.c` into a record, making (or replacing) the records on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
	if (!path.includes('.')) {
		target[path] = value;
		return;
	}
	const keys = path.split('.');
	let current = target;
	for (const key of keys.slice(0, -1)) {
		if (!isRecord(current[key])) current[key] = {};
		current = current[key] as Record<string, unknown>;
	}
	current[keys[keys.length - 1]] = value;
}
