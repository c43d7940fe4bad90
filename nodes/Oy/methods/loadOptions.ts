import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { formatRupiah, toRupiah } from '../../../lib/amounts';
import { getOperation } from '../../../lib/catalogue';
import { recordsOf } from '../../../lib/records';
import { oyClientFor } from '../../shared/client';
import { TABLE_CHOICES } from '../description/dynamicOptions';
import { loadError } from './loadError';

/** The child accounts of a multi-account setup, with what each can spend. An empty list means none. */
async function getChildAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const operation = getOperation('multiAccount.getChildBalance');
	const client = await oyClientFor(this);
	const result = await client.call(operation.id, {}).catch((error: Error) => {
		throw loadError(this, error);
	});
	if (result.outcome !== 'success') throw loadError(this, result);
	const children = recordsOf(operation, result.body) as Array<Record<string, unknown>>;
	return children
		.map((child) => {
			const available = toRupiah(child.availableBalance);
			return {
				name: String(child.username),
				value: String(child.username),
				description: available === null ? undefined : `${formatRupiah(available)} available`,
			};
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

type OptionsMethod = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;

export const loadOptions: Record<string, OptionsMethod> = {
	getChildAccounts,
	...Object.fromEntries(TABLE_CHOICES.map(({ method, options }) => [method, async () => options])),
};
