import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { BULK_DISBURSE_FILE, BULK_ROW_PARAMS } from '../../../lib/bulkDisburseFile';
import { getOperation } from '../../../lib/catalogue';
import type { ParameterDefinition } from '../../../lib/types';
import {
	dynamicOptionsMethodFor,
	dynamicOptionsProperty,
	sortedOptions,
} from '../description/dynamicOptions';
import { additionalFields, toProperty } from '../description/properties';
import { BULK_FILE_OPERATION } from './options';

const displayOptions = {
	show: { resource: [BULK_DISBURSE_FILE.resource], operation: [BULK_FILE_OPERATION] },
};

/** A row field as the editor shows it; the bank is picked from Create Disbursement's own list. */
export function rowProperty(parameter: ParameterDefinition): INodeProperties {
	const base = toProperty(parameter);
	if (parameter.optionsFrom === undefined) return base;
	const create = getOperation('disbursement.create');
	const method = dynamicOptionsMethodFor(create, parameter);
	return method ? dynamicOptionsProperty(base, method) : base;
}

const required = BULK_ROW_PARAMS.filter((parameter) => parameter.required);
const optional = BULK_ROW_PARAMS.filter((parameter) => !parameter.required);

function toolDescription(): string {
	const needs = required.map((parameter) => {
		const name = rowProperty(parameter).displayName;
		return parameter.type === 'amount' ? `${name}, whole rupiah, digits only` : name;
	});
	return `${BULK_DISBURSE_FILE.description.replace(/\.$/, '')}. Needs, for each row: ${needs.join('; ')}. Moves no money: a person uploads the file in the OY! dashboard and an approver approves it there; the amount caps set in the node apply.`;
}

/** The operation's fields: one per column, each usually an expression over the item. */
const fieldProperties: INodeProperties[] = [
	{
		displayName:
			"Builds one CSV file for OY's dashboard (Send Payments › Bulk Disburse) from all items; nothing is sent to OY!. Map each column from the items with an expression.",
		name: 'bulkFileNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	...required.map((parameter) => ({ ...rowProperty(parameter), required: true, displayOptions })),
	additionalFields(optional.map(rowProperty), displayOptions),
	{
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 3 },
		default: toolDescription(),
		description: 'What the AI agent is told this tool does and needs',
		displayOptions: { show: { ...displayOptions.show, '@tool': [true] } },
	},
];

const OPTION: INodePropertyOptions = {
	name: BULK_DISBURSE_FILE.name,
	value: BULK_FILE_OPERATION,
	action: BULK_DISBURSE_FILE.action,
	description: BULK_DISBURSE_FILE.description,
};

/** The node's properties with the operation added to Disbursement, its fields after that resource's operation list. */
export function withBulkFile(properties: INodeProperties[]): INodeProperties[] {
	const at = properties.findIndex(
		(property) =>
			property.name === 'operation' &&
			property.displayOptions?.show?.resource?.includes(BULK_DISBURSE_FILE.resource),
	);
	if (at < 0) return properties;
	const operation = properties[at];
	const options = sortedOptions([...(operation.options as INodePropertyOptions[]), OPTION]);
	return [
		...properties.slice(0, at),
		{ ...operation, options },
		...fieldProperties,
		...properties.slice(at + 1),
	];
}
