import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { executeOy } from './actions/execute';
import { buildProperties } from './description/properties';
import { listSearch } from './methods/listSearch';
import { loadOptions } from './methods/loadOptions';

/**
 * Programmatic, not declarative: every call goes through lib's client, which checks the input,
 * classifies OY's in-body codes and resolves a lost answer of a money-moving create with a status
 * check under the same id. Declarative routing cannot do that multi-call recovery.
 */
export class Oy implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OY!',
		name: 'oy',
		icon: { light: 'file:../../icons/oy.svg', dark: 'file:../../icons/oy.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send disbursements, manage virtual accounts, payment links, invoices and more with OY! Indonesia',
		defaults: {
			name: 'OY!',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'oyApi',
				required: true,
			},
		],
		properties: buildProperties(),
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOy.call(this);
	}
}
