import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { setPath } from '../../../lib/json';
import type { OperationDefinition } from '../../../lib/types';
import { compiledOperation, type CompiledParameter } from './compiled';
import { fieldLabel } from './labels';
import type { ItemParameters } from './parameters';

/** Turns an n8n property value back into what lib expects under the parameter's wire name. */
function fromProperty(
	context: IExecuteFunctions,
	{ definition: parameter, rows: fields }: CompiledParameter,
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
		fields.length > 0 &&
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value)
	) {
		const rows = ((value as IDataObject).items ?? []) as IDataObject[];
		return rows.map((row) => {
			const element: Record<string, unknown> = {};
			for (const field of fields) {
				const fieldValue = row[field.property];
				if (fieldValue !== undefined)
					setPath(
						element,
						field.definition.name,
						fromProperty(context, field, fieldValue, itemIndex, label),
					);
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
	const compiled = compiledOperation(operation);
	const additional = compiled.hasAdditional
		? (parameters.get('additionalFields', itemIndex, {}) as IDataObject)
		: {};
	for (const parameter of compiled.parameters) {
		const { definition, property } = parameter;
		const raw = !definition.required
			? additional[property]
			: parameter.picked
				? parameters.get(property, itemIndex, undefined, { extractValue: true })
				: parameters.get(property, itemIndex);
		if (raw === undefined) continue;
		const value = fromProperty(
			context,
			parameter,
			raw,
			itemIndex,
			() => fieldLabel(operation, definition.name) ?? definition.name,
		);
		if (value !== undefined) setPath(input, definition.name, value);
	}
	return input;
}
