import type { INodeProperties } from 'n8n-workflow';
import { movesMoney } from '../../../lib/catalogue';
import { optionsOf } from '../../../lib/optionTables';
import { DEFAULT_TIMEOUT_MS } from '../../../lib/request';
import type { OperationDefinition, ParameterDefinition } from '../../../lib/types';
import { NODE_OPERATIONS } from '../actions/unsupported';
import { BULK_FILE_OPERATION, bulkFileOptions, NOT_FOR_BULK_FILE } from '../bulkFile/options';
import { dynamicOptionsMethodFor, dynamicOptionsProperty, sortedOptions } from './dynamicOptions';
import { locatorProperty, recordSearchFor } from './locators';
import { displayNameOf, operationValueOf, propertyNameOf } from './naming';
import { RESOURCES } from './resources';
import { descriptionText, optionText, titleCase } from './uiText';

/**
 * The node's properties are generated from lib's catalogue, so that the operations are described
 * once (method, path, parameters, limits) and the node, the jobs and the tests cannot drift apart.
 * The node offers those n8n can send (NODE_OPERATIONS: 60 of the catalogue's 61).
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

/** One lib parameter as an n8n property (without displayOptions). */
export function toProperty(parameter: ParameterDefinition): INodeProperties {
	const displayName = titleCase(parameter.displayName ?? displayNameOf(parameter.name));
	const base = {
		displayName,
		name: propertyNameOf(parameter.name),
		description: descriptionText(parameter.description, displayName),
	};
	const options = optionsOf(parameter);
	if (options && parameter.type !== 'boolean') {
		const list = sortedOptions(options.map(optionText));
		if (parameter.type === 'stringArray' || parameter.type === 'codeList') {
			return { ...base, type: 'multiOptions', options: list, default: [] };
		}
		// the catalogue's default, else its first option: filters and settings, never a money route (see dynamicOptions)
		const first = typeof options[0] === 'object' ? options[0].value : '';
		return {
			...base,
			type: 'options',
			options: list,
			default: (parameter.default as string | undefined) ?? first,
		};
	}
	switch (parameter.type) {
		case 'boolean':
			return {
				...base,
				type: 'boolean',
				default: parameter.default === true,
				description: whether(base.description ?? displayName),
			};
		case 'integer':
		case 'number':
			return {
				...base,
				type: 'number',
				default: (parameter.default as number | undefined) ?? parameter.minimum ?? 0,
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
					placeholder: `Add ${displayName}`,
					default: {},
					options: [
						{
							name: 'items',
							displayName,
							values: parameter.items
								.map(toProperty)
								.sort((a, b) => a.displayName.localeCompare(b.displayName)),
						},
					],
				};
			}
			return { ...base, type: 'json', default: '[]' };
		case 'stringArray':
			return { ...base, type: 'string', default: '', placeholder: 'value1,value2' };
		case 'emailList':
		case 'email':
			return { ...base, type: 'string', default: '', placeholder: 'name@email.com' };
		default:
			return {
				...base,
				type: 'string',
				default: '',
				...(parameter.secret ? { typeOptions: { password: true } } : {}),
			};
	}
}

function whether(description: string): string {
	return /^whether/i.test(description) ? description : `Whether: ${description}`;
}

function showFor(operation: OperationDefinition) {
	return { show: { resource: [operation.resource], operation: [operationValueOf(operation.id)] } };
}

/** A parameter of an operation: picked from a list of OY! records, loaded from OY!, or as lib describes it. */
export function operationProperty(
	operation: OperationDefinition,
	parameter: ParameterDefinition,
): INodeProperties {
	const base = toProperty(parameter);
	const search = recordSearchFor(parameter);
	if (search) return locatorProperty(base, search);
	const method = dynamicOptionsMethodFor(operation, parameter);
	if (method) return dynamicOptionsProperty(base, method);
	return base;
}

/** The optional parameters, under Additional Fields in the order of their names. */
export function additionalFields(
	optional: INodeProperties[],
	displayOptions: INodeProperties['displayOptions'],
): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [...optional].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

function operationProperties(operation: OperationDefinition): INodeProperties[] {
	const displayOptions = showFor(operation);
	const parameters = userParameters(operation);
	const properties: INodeProperties[] = parameters
		.filter((parameter) => parameter.required)
		.map((parameter) => ({
			...operationProperty(operation, parameter),
			required: true,
			displayOptions,
		}));
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
	const optional = parameters
		.filter((parameter) => !parameter.required)
		.map((parameter) => operationProperty(operation, parameter));
	if (optional.length > 0) properties.push(additionalFields(optional, displayOptions));
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

export function buildProperties(
	operations: readonly OperationDefinition[] = NODE_OPERATIONS,
): INodeProperties[] {
	const present = RESOURCES.filter((resource) =>
		operations.some((operation) => operation.resource === resource.value),
	);
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
					description: descriptionText(operation.description),
				})),
			),
			default: operationValueOf(ofResource[0].id),
		});
	}
	for (const operation of operations) properties.push(...operationProperties(operation));
	for (const operation of operations) properties.push(toolDescriptionProperty(operation));
	properties.push({
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: byDisplayName([
			{
				displayName: 'Keep OY! Formats',
				name: 'keepOyFormats',
				displayOptions: NOT_FOR_BULK_FILE,
				type: 'boolean',
				default: false,
				description:
					'Whether to output dates and amounts exactly as OY! sends them, instead of ISO-8601 UTC dates and whole-rupiah numbers',
			},
			{
				displayName: 'Timeout',
				name: 'timeout',
				displayOptions: NOT_FOR_BULK_FILE,
				type: 'number',
				typeOptions: { minValue: 1000 },
				default: DEFAULT_TIMEOUT_MS,
				description:
					'How many milliseconds to wait for an answer of OY! before treating it as lost. A lost answer of a money-moving create is checked with OY! under the same ID, never sent again blindly.',
			},
			{
				displayName: 'Parallel Requests',
				name: 'concurrency',
				displayOptions: NOT_FOR_BULK_FILE,
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 50 },
				default: 5,
				description:
					'How many items are sent to OY! at the same time. Output keeps the order of the input.',
			},
			{
				displayName: 'Reused ID',
				name: 'reusedId',
				displayOptions: NOT_FOR_BULK_FILE,
				type: 'options',
				options: [
					{
						name: 'Report the Original',
						value: 'report',
						description:
							'Output the transaction OY! already has under the ID, saying that nothing new was sent',
					},
					{
						name: 'Treat as Error',
						value: 'error',
						description: 'Raise an error (or a failed item): nothing new was sent',
					},
				],
				default: 'report',
				description:
					'For creates that move money: what to do when OY! already has a transaction under the ID (from an earlier run)',
			},
			...payoutControlOptions(operations),
			...bulkFileOptions,
		]),
	});
	return properties;
}

/** Shown only for the given operations (inside a collection, n8n reads `/`-rooted paths). */
function onlyFor(operations: readonly OperationDefinition[]) {
	return {
		show: {
			'/resource': [...new Set(operations.map((operation) => operation.resource))],
			'/operation': [...new Set(operations.map((operation) => operationValueOf(operation.id)))],
		},
	};
}

/** Issue 15: the funds check, the caps and the AI-tool gate (nodes/Oy/actions/controls.ts). */
function payoutControlOptions(operations: readonly OperationDefinition[]): INodeProperties[] {
	const money = operations.filter(movesMoney);
	const fromBalance = operations.filter((operation) =>
		['disbursement.create', 'multiAccount.disburseWithChildBalance'].includes(operation.id),
	);
	const options: INodeProperties[] = [];
	if (fromBalance.length > 0) {
		options.push({
			displayName: 'Funds Check',
			name: 'fundsCheck',
			type: 'options',
			options: [
				{
					name: 'When the Run Has Several Items',
					value: 'auto',
					description: 'Check the balance before a run of two or more payouts',
				},
				{ name: 'Always', value: 'always', description: 'Check the balance before every run' },
				{ name: 'Never', value: 'never', description: 'Send without checking the balance first' },
			],
			default: 'auto',
			description:
				"Before the first payout, read OY's available balance (of the child balance when one pays) and compare it with the sum of the run's amounts; when it cannot cover them, nothing is sent",
			displayOptions: onlyFor(fromBalance),
		});
	}
	if (money.length === 0) return options;
	// the caps also bound the rows of a bulk disburse file (nodes/Oy/bulkFile)
	const capped = onlyFor(money);
	capped.show['/operation'].push(BULK_FILE_OPERATION);
	options.push(
		{
			displayName: 'Max Amount per Payout',
			name: 'maxAmountPerPayout',
			type: 'string',
			default: '',
			placeholder: 'e.g. 5000000',
			description:
				'Whole rupiah, digits only; empty for no cap. A run with any payout above it sends nothing and names the items.',
			displayOptions: capped,
		},
		{
			displayName: 'Max Total per Run',
			name: 'maxTotalPerRun',
			type: 'string',
			default: '',
			placeholder: 'e.g. 100000000',
			description:
				'Whole rupiah, digits only; empty for no cap. A run whose payouts add up to more sends nothing and names the items.',
			displayOptions: capped,
		},
		{
			displayName: 'Allow Money-Moving Operations (AI Tool)',
			name: 'allowMoneyAsTool',
			type: 'boolean',
			default: false,
			description:
				'Whether an AI agent that uses this node as a tool may run an operation that moves money. Off: the call is refused and nothing is sent. On: the caps still bound every call, and every call is reported.',
			displayOptions: onlyFor(money),
		},
	);
	return options;
}

/**
 * What an AI agent is told about the operation when the node runs as its tool: what it does, what
 * it needs, and whether it moves money. n8n adds a "Description" of its own to a tool only when
 * the node has none (n8n's CLI `convertNodeToAiTool`), and then says no more than the action
 * ("Create a disbursement in OY!"). Shown in the tool variant only (`@tool`), editable there.
 */
export function toolDescriptionText(operation: OperationDefinition): string {
	const needs = userParameters(operation)
		.filter((parameter) => parameter.required)
		.map((parameter) => {
			const property = toProperty(parameter);
			const amount = parameter.type === 'amount' ? ', whole rupiah, digits only' : '';
			const id =
				parameter.idempotencyKey || ['partner_trx_id', 'partner_tx_id'].includes(parameter.name)
					? ', unique: a new ID makes a new transaction, the same ID never pays twice'
					: '';
			return `${property.displayName}${amount}${id}`;
		});
	const parts = [
		`${operation.description.replace(/\.$/, '')}.`,
		needs.length > 0 ? `Needs: ${needs.join('; ')}.` : 'Needs no input.',
		movesMoney(operation)
			? 'Moves money: refused unless the user allowed money-moving operations for this tool; the amount caps set in the node apply and every call is reported.'
			: 'Moves no money.',
	];
	return parts.join(' ');
}

function toolDescriptionProperty(operation: OperationDefinition): INodeProperties {
	return {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 3 },
		default: toolDescriptionText(operation),
		description: 'What the AI agent is told this tool does and needs',
		displayOptions: { show: { ...showFor(operation).show, '@tool': [true] } },
	};
}

/** A collection's options in the order n8n's linter asks for (by display name). */
function byDisplayName(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}
