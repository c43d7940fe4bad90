import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { getOperation } from '../../../lib/catalogue';
import { recordsOf } from '../../../lib/records';
import { oyClientFor } from '../../shared/client';
import { RECORD_SEARCHES } from '../description/locators';
import type { RecordSearch } from '../description/locators';
import { loadError } from './loadError';

const PAGE_SIZE = 100;

/**
 * One page of OY! records for a resource locator's list. The pagination token is the offset of
 * the next page; a short page ends the list. A refusal by OY! is raised, never shown as "no results".
 */
async function searchRecords(
	context: ILoadOptionsFunctions,
	search: RecordSearch,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const operation = getOperation(search.listOperation);
	const pagination = operation.list?.pagination;
	if (pagination?.style !== 'offset')
		throw new Error(`${operation.id} is not an offset-paginated list`);
	const offset = Number(paginationToken ?? 0) || 0;
	const wanted = filter?.trim() ?? '';
	const input: Record<string, unknown> = {
		[pagination.offsetParam]: offset,
		[pagination.limitParam]: PAGE_SIZE,
	};
	if (wanted !== '' && search.filterParam) input[search.filterParam] = wanted;
	const client = await oyClientFor(context);
	const result = await client.call(operation.id, input).catch((error: Error) => {
		throw loadError(context, error);
	});
	if (result.outcome !== 'success') throw loadError(context, result);
	const records = recordsOf(operation, result.body) as Array<Record<string, unknown>>;
	let results = records.map((record) => ({
		name: search.label(record),
		value: search.value(record),
	}));
	if (wanted !== '' && !search.filterParam) {
		const needle = wanted.toLowerCase();
		results = results.filter((entry) =>
			`${entry.name} ${entry.value}`.toLowerCase().includes(needle),
		);
	}
	return {
		results,
		paginationToken: records.length === PAGE_SIZE ? String(offset + PAGE_SIZE) : undefined,
	};
}

type SearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

export const listSearch: Record<string, SearchMethod> = Object.fromEntries(
	RECORD_SEARCHES.map((search) => [
		search.method,
		async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
			return await searchRecords(this, search, filter, paginationToken);
		},
	]),
);
