import { createHash } from 'crypto';
import { isRecord } from '../json';
import type { CallbackDefinition, CallbackReading } from './types';

/**
 * The body written with its keys sorted at every level, iteratively (bodies are depth-checked
 * before they are read, but this never recurses anyway): the same JSON gives the same text,
 * whatever order its keys came in.
 */
export function canonicalJson(value: unknown): string {
	const out: string[] = [];
	const stack: unknown[] = [value];
	while (stack.length > 0) {
		const next = stack.pop();
		if (next instanceof Literal) {
			out.push(next.text);
		} else if (Array.isArray(next)) {
			const parts: unknown[] = [token('[')];
			next.forEach((element, index) => parts.push(...(index > 0 ? [token(',')] : []), element));
			parts.push(token(']'));
			for (let index = parts.length - 1; index >= 0; index--) stack.push(parts[index]);
		} else if (isRecord(next)) {
			const parts: unknown[] = [token('{')];
			Object.keys(next)
				.sort()
				.forEach((key, index) =>
					parts.push(token(`${index > 0 ? ',' : ''}${JSON.stringify(key)}:`), next[key]),
				);
			parts.push(token('}'));
			for (let index = parts.length - 1; index >= 0; index--) stack.push(parts[index]);
		} else {
			out.push(JSON.stringify(next ?? null));
		}
	}
	return out.join('');
}

/** Punctuation and keys already written out (never a value of a parsed body). */
class Literal {
	constructor(readonly text: string) {}
}

function token(text: string): Literal {
	return new Literal(text);
}

/** A short digest of the body's canonical JSON: the same body, the same digest. */
export function bodyDigest(body: unknown): string {
	return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex').slice(0, 32);
}

/**
 * What names a callback's news, before its status: the kind's own identifying fields (its
 * transaction, or more where one transaction has several pieces of news), and as a last resort a
 * digest of the whole body, so two different callbacks never share a key.
 */
export function dedupIdOf(
	definition: CallbackDefinition,
	reading: CallbackReading,
	body: Record<string, unknown>,
): string {
	const id = definition.dedupId ? definition.dedupId(body) : reading.transactionId;
	return id ?? `body-${bodyDigest(body)}`;
}
