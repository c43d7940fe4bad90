import type { OyClient } from '../client';
import { getOperation } from '../catalogue';

/**
 * Reads a list operation in chunks of `chunkSize` records through the client's `listAll` (which
 * pages, retries reads and guards against endless paging) and hands each chunk over before reading
 * the next: 100,000 invoices never sit in memory at once.
 */
export async function forEachChunk(
	client: OyClient,
	operationId: string,
	input: Record<string, unknown>,
	onChunk: (records: unknown[]) => Promise<void>,
	options: {
		chunkSize?: number;
		onProgress?: (seen: number, total: number | undefined) => void;
	} = {},
): Promise<number> {
	const pagination = getOperation(operationId).list?.pagination;
	if (!pagination) throw new Error(`${operationId} is not a list operation`);
	const chunkSize = options.chunkSize ?? 1_000;
	let seen = 0;
	let total: number | undefined;
	for (;;) {
		const chunkInput =
			pagination.style === 'offset' ? { ...input, [pagination.offsetParam]: seen } : input;
		const records = await client.listAll(operationId, chunkInput, {
			limit: pagination.style === 'offset' ? chunkSize : undefined,
			onPage: (_page, pageTotal) => {
				if (pageTotal !== undefined) total = pageTotal;
			},
		});
		seen += records.length;
		if (records.length > 0) await onChunk(records);
		options.onProgress?.(seen, total);
		const exhausted =
			pagination.style !== 'offset' ||
			records.length < chunkSize ||
			(total !== undefined && seen >= total);
		if (exhausted) return seen;
	}
}

/**
 * Runs `work` on every item, at most `limit` at a time; resolves when all are done (the first error
 * rejects). The items may be a generator: they are taken one by one as workers free up.
 */
export async function forEachLimited<T>(
	items: Iterable<T>,
	limit: number,
	work: (item: T) => Promise<void>,
): Promise<void> {
	const iterator = items[Symbol.iterator]();
	const worker = async () => {
		for (let next = iterator.next(); !next.done; next = iterator.next()) await work(next.value);
	};
	await Promise.all(Array.from({ length: Math.max(1, limit) }, worker));
}
