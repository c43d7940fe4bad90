import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { OPERATIONS } from '../../../lib/catalogue';
import { optionsOf } from '../../../lib/optionTables';
import type { OperationDefinition, ParameterDefinition } from '../../../lib/types';
import { propertyNameOf } from './naming';
import { optionText } from './uiText';

/** The methods that read a parameter's choices from the OY! account itself. */
const FROM_ACCOUNT: Readonly<
	Record<NonNullable<ParameterDefinition['choicesFromAccount']>, string>
> = {
	childAccounts: 'getChildAccounts',
};

/**
 * A choice that decides where money goes (a bank, an e-wallet, a biller product, a channel) is a
 * dropdown with nothing preselected: a static list would have to preselect its first entry, and a
 * payout must never go to a bank nobody chose. Its entries are the docs' table, served by a
 * method of its own (no call to OY!).
 */
function isTableChoice(parameter: ParameterDefinition): boolean {
	return (
		parameter.optionsFrom !== undefined &&
		parameter.type !== 'codeList' &&
		parameter.type !== 'stringArray'
	);
}

function tableChoiceMethod(operation: OperationDefinition, parameter: ParameterDefinition): string {
	const name = propertyNameOf(`${operation.id.replace('.', '_')}_${parameter.name}`);
	return `choose${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

export function sortedOptions(options: INodePropertyOptions[]): INodePropertyOptions[] {
	return [...options].sort((a, b) => a.name.localeCompare(b.name));
}

/** The option loaders of the docs' tables, one per parameter that uses one. */
export const TABLE_CHOICES: ReadonlyArray<{ method: string; options: INodePropertyOptions[] }> =
	OPERATIONS.flatMap((operation) =>
		operation.params.filter(isTableChoice).map((parameter) => ({
			method: tableChoiceMethod(operation, parameter),
			options: sortedOptions((optionsOf(parameter) ?? []).map(optionText)),
		})),
	);

export function dynamicOptionsMethodFor(
	operation: OperationDefinition,
	parameter: ParameterDefinition,
): string | undefined {
	if (parameter.choicesFromAccount) return FROM_ACCOUNT[parameter.choicesFromAccount];
	return isTableChoice(parameter) ? tableChoiceMethod(operation, parameter) : undefined;
}

/** A dropdown filled when the user opens it; an expression can still give any value. */
export function dynamicOptionsProperty(base: INodeProperties, method: string): INodeProperties {
	const displayName = base.displayName.replace(/ Code$/, '');
	const own = (base.description ?? '').replace(/\.$/, '');
	const choose =
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.';
	const description = own ? `${own}. ${choose}` : choose;
	return {
		displayName: `${displayName} Name or ID`,
		name: base.name,
		type: 'options',
		typeOptions: { loadOptionsMethod: method },
		default: '',
		description,
	};
}
