/**
 * How deeply OY's callbacks nest: the deepest documented example is 3 levels (payment routing's
 * `payment_routing[]` objects and `payment_info.unique_code_detail`, OY API docs: Payment Routing › Partner Callback Payment Routing › payload examples). Deeper
 * bodies are refused before they are parsed: n8n stores each item of an execution, and a body
 * nested thousands deep (64 KB is enough for 30,000 levels) breaks reading that execution back.
 */
export const DOCUMENTED_MAX_DEPTH = 3;
export const MAX_JSON_DEPTH = DOCUMENTED_MAX_DEPTH + 5;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x7b, 0x5b]);
const CLOSERS = new Set([0x7d, 0x5d]);

/** The deepest nesting of objects and arrays in JSON text, read byte by byte (never parsed). */
export function jsonDepth(raw: Buffer | string, stopAbove = Infinity): number {
	const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
	let depth = 0;
	let deepest = 0;
	let inString = false;
	for (let index = 0; index < bytes.length; index++) {
		const byte = bytes[index];
		if (inString) {
			if (byte === BACKSLASH) index++;
			else if (byte === QUOTE) inString = false;
		} else if (byte === QUOTE) {
			inString = true;
		} else if (OPENERS.has(byte)) {
			depth++;
			if (depth > deepest) deepest = depth;
			if (deepest > stopAbove) return deepest;
		} else if (CLOSERS.has(byte)) {
			depth--;
		}
	}
	return deepest;
}

/** The same for a value n8n already parsed, walked with a stack (no recursion). */
export function valueDepth(value: unknown, stopAbove = Infinity): number {
	let deepest = 0;
	const stack: Array<[unknown, number]> = [[value, 1]];
	while (stack.length > 0) {
		const [next, level] = stack.pop()!;
		if (typeof next !== 'object' || next === null) continue;
		if (level > deepest) deepest = level;
		if (deepest > stopAbove) return deepest;
		for (const child of Object.values(next)) stack.push([child, level + 1]);
	}
	return deepest;
}
