import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { OPERATIONS } from '../../../lib/catalogue';
import { optionsOf } from '../../../lib/optionTables';
import type { OperationDefinition, ParameterDefinition } from '../../../lib/types';
import { displayNameOf, operationValueOf, propertyNameOf } from './naming';
import { RESOURCES } from './resources';

/**
 * The node's properties are generated from lib's catalogue, so that the 61 operations are described
 * once (method, path, parameters, limits) and the node, the jobs and the tests cannot drift apart.
 */

export const LIST_LIMIT_DEFAULT = 50;

/** Parameters the node fills in itself: list pages and always-fixed values. */
export function isManaged(operation: OperationDefinition, parameter: ParameterDefinition): boolean {
	if (parameter.fixed !== undefined) return true;
	const pagination = operation.list?.pagination;
	if (!pagination) return false;
	if (pagination.style === 'offset') {
		return parameter.name === pagination.offsetParam || parameter.name === pagination.limitParam;
	}
	return pagination.style === 'page' && parameter.name === pagination.pageParam;
}

export function userParameters(operation: OperationDefinition): ParameterDefinition[] {
	return operation.params.filter((parameter) => !isManaged(operation, parameter));
}

function sortedOptions(options: INodePropertyOptions[]): INodePropertyOptions[] {
	return [...options].sort((a, b) => a.name.localeCompare(b.name));
}

/** One lib parameter as an n8n property (without displayOptions). */
export function toProperty(parameter: ParameterDefinition): INodeProperties {
	const base = {
		displayName: parameter.displayName ?? displayNameOf(parameter.name),
		name: propertyNameOf(parameter.name),
		description: parameter.description,
	};
	const options = optionsOf(parameter);
	if (options && parameter.type !== 'boolean') {
		const list = options.map((option) => ({ name: option.name, value: option.value, description: option.description }));
		if (parameter.type === 'stringArray' || parameter.type === 'codeList') {
			return { ...base, type: 'multiOptions', options: sortedOptions(list), default: [] };
		}
		return { ...base, type: 'options', options: sortedOptions(list), default: '' };
	}
	switch (parameter.type) {
		case 'boolean':
			return { ...base, type: 'boolean', default: false, description: whether(base.description) };
		case 'integer':
		case 'number':
			return {
				...base,
				type: 'number',
				default: 0,
				typeOptions: {
					...(parameter.minimum !== undefined ? { minValue: parameter.minimum } : {}),
					...(parameter.maximum !== undefined ? { maxValue: parameter.maximum } : {}),
					...(parameter.type === 'integer' ? { numberPrecision: 0 } : {}),
				},
			};
		case 'amount':
			// Text, not number: n8n would turn "150.000" (Indonesian for 150,000) into 150 before we see it.
			return { ...base, type: 'string', default: '', placeholder: 'e.g. 150000' };
		case 'date':
			return { ...base, type: 'dateTime', default: '' };
		case 'object':
			return { ...base, type: 'json', default: '{}' };
		case 'array':
			if (parameter.items) {
				return {
					...base,
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: `Add ${base.displayName}`,
					default: {},
					options: [
						{
							name: 'items',
							displayName: base.displayName,
							values: parameter.items.map(toProperty),
						},
					],
				};
			}
			return { ...base, type: 'json', default: '[]' };
		case 'stringArray':
			return { ...base, type: 'string', default: '', placeholder: 'value1,value2' };
		case 'emailList':
			return { ...base, type: 'string', default: '', placeholder: 'name@email.com' };
		case 'email':
			return { ...base, type: 'string', default: '', placeholder: 'name@email.com' };
		default:
			return { ...base, type: 'string', default: '' };
	}
}

function whether(description: string): string {
	return /^whether/i.test(description) ? description : `Whether: ${description}`;
}

function showFor(operation: OperationDefinition) {
	return { show: { resource: [operation.resource], operation: [operationValueOf(operation.id)] } };
}

function operationProperties(operation: OperationDefinition): INodeProperties[] {
	const displayOptions = showFor(operation);
	const parameters = userParameters(operation);
	const properties: INodeProperties[] = parameters
		.filter((parameter) => parameter.required)
		.map((parameter) => ({ ...toProperty(parameter), required: true, displayOptions }));
	if (operation.list) {
		properties.push(
			{
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
				displayOptions,
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
				displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
			},
		);
	}
	const optional = parameters.filter((parameter) => !parameter.required).map(toProperty);
	if (optional.length > 0) {
		properties.push({
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions,
			options: optional.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		});
	}
	if (operation.fields?.simplify) {
		properties.push({
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description: 'Whether to return a simplified version of the response instead of the raw data',
			displayOptions,
		});
	}
	return properties;
}

export function buildProperties(operations: readonly OperationDefinition[] = OPERATIONS): INodeProperties[] {
	const present = RESOURCES.filter((resource) => operations.some((operation) => operation.resource === resource.value));
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: present.map(({ name, value, description }) => ({ name, value, description })),
			default: 'disbursement',
		},
	];
	for (const resource of present) {
		const ofResource = operations.filter((operation) => operation.resource === resource.value);
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: sortedOptions(
				ofResource.map((operation) => ({
					name: operation.name,
					value: operationValueOf(operation.id),
					action: operation.action,
					description: operation.description,
				})),
			),
			default: operationValueOf(ofResource[0].id),
		});
	}
	for (const operation of operations) properties.push(...operationProperties(operation));
	properties.push({
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Keep OY! Formats',
				name: 'keepOyFormats',
				type: 'boolean',
				default: false,
				description:
					'Whether to output dates and amounts exactly as OY! sends them, instead of ISO-8601 UTC dates and whole-rupiah numbers',
			},
			{
				displayName: 'Parallel Requests',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 50 },
				default: 5,
				description: 'How many items are sent to OY! at the same time. Output keeps the order of the input.',
			},
		],
	});
	return properties;
}
