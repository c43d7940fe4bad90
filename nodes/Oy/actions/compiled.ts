import type { OperationDefinition, ParameterDefinition } from '../../../lib/types';
import { recordSearchFor } from '../description/locators';
import { propertyNameOf } from '../description/naming';
import { userParameters } from '../description/properties';

/** A lib parameter with the n8n property it is read from. */
export interface CompiledParameter {
	definition: ParameterDefinition;
	/** the property's name in the node (`partnerTrxId`) */
	property: string;
	/** a resource locator: its value is read with `extractValue` */
	picked: boolean;
	/** fields of each row of a list parameter */
	rows: readonly CompiledParameter[];
}

/** What reading one item needs of an operation, worked out once per operation, not per item. */
export interface CompiledOperation {
	parameters: readonly CompiledParameter[];
	/** whether any parameter sits under "Additional Fields" */
	hasAdditional: boolean;
}

function compileParameter(definition: ParameterDefinition): CompiledParameter {
	return {
		definition,
		property: propertyNameOf(definition.name),
		picked: recordSearchFor(definition) !== undefined,
		rows: (definition.items ?? []).map(compileParameter),
	};
}

const compiled = new Map<string, CompiledOperation>();

export function compiledOperation(operation: OperationDefinition): CompiledOperation {
	let entry = compiled.get(operation.id);
	if (!entry) {
		const parameters = userParameters(operation).map(compileParameter);
		entry = {
			parameters,
			hasAdditional: parameters.some(({ definition }) => !definition.required),
		};
		compiled.set(operation.id, entry);
	}
	return entry;
}
