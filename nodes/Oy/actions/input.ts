import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { setPath } from '../../../lib/json';
import type { OperationDefinition, ParameterDefinition } from '../../../lib/types';
import { propertyNameOf } from '../description/naming';
import { recordSearchFor } from '../description/locators';
import { userParameters } from '../description/properties';
import { fieldLabel } from './labels';
import type { ItemParameters } from './parameters';

/** Turns an n8n property value back into what lib expects under the parameter's wire name. */
function fromProperty(
	context: IExecuteFunctions,
	parameter: ParameterDefinition,
	value: unknown,
	itemIndex: number,
	/** the parameter's name in the editor, for an error (worked out only then) */
	label: () => string,
): unknown {
	if ((parameter.type === 'object' || parameter.type === 'array') && typeof value === 'string') {
		if (value.trim() === '') return undefined;
		try {
			value = JSON.parse(value);
		} catch {
			throw new NodeOperationError(
				context.getNode(),
				`${label()} must be valid JSON [item ${itemIndex}]`,
				{
					itemIndex,
					description: 'Nothing was sent to OY!.',
				},
			);
		}
	}
	if (
		parameter.type === 'array' &&
		parameter.items &&
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value)
	) {
		const rows = ((value as IDataObject).items ?? []) as IDataObject[];
		return rows.map((row) => {
			const element: Record<string, unknown> = {};
			for (const field of parameter.items ?? []) {
				const fieldValue = row[propertyNameOf(field.name)];
				if (fieldValue !== undefined)
					setPath(element, field.name, fromProperty(context, field, fieldValue, itemIndex, label));
			}
			return element;
		});
	}
	return value;
}

/** Reads one item's parameters into the input of a lib operation (wire names, nested objects). */
export function readInput(
	context: IExecuteFunctions,
	parameters: ItemParameters,
	operation: OperationDefinition,
	itemIndex: number,
): Record<string, unknown> {
	const input: Record<string, unknown> = {};
	const wanted = userParameters(operation);
	const additional = wanted.some((parameter) => !parameter.required)
		? (parameters.get('additionalFields', itemIndex, {}) as IDataObject)
		: {};
	for (const parameter of wanted) {
		const name = propertyNameOf(parameter.name);
		const raw = !parameter.required
			? additional[name]
			: recordSearchFor(parameter)
				? parameters.get(name, itemIndex, undefined, { extractValue: true })
				: parameters.get(name, itemIndex);
		if (raw === undefined) continue;
		const value = fromProperty(
			context,
			parameter,
			raw,
			itemIndex,
			() => fieldLabel(operation, parameter.name) ?? parameter.name,
		);
		if (value !== undefined) setPath(input, parameter.name, value);
	}
	return input;
}
