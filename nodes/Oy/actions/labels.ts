import type { OperationDefinition, ParameterDefinition } from '../../../lib/types';
import { operationProperty, toProperty } from '../description/properties';

/**
 * The name the editor shows for the parameter behind one of lib's field paths:
 * `partner_trx_id` → 'Partner Transaction ID', `invoice_items[1].price_per_item` →
 * 'Invoice Items' (row 2) 'Price Per Item'. Undefined when the field is not a parameter.
 */
export function fieldLabel(operation: OperationDefinition, field: string): string | undefined {
	const exact = operation.params.find((parameter) => parameter.name === field);
	if (exact) return `'${operationProperty(operation, exact).displayName}'`;
	const row = /^([^.[]+)\[(\d+)\]\.(.+)$/.exec(field);
	if (row) {
		const list = operation.params.find((parameter) => parameter.name === row[1]);
		const item = list?.items?.find((parameter: ParameterDefinition) => parameter.name === row[3]);
		if (list && item) {
			return `'${operationProperty(operation, list).displayName}' (row ${Number(row[2]) + 1}) '${toProperty(item).displayName}'`;
		}
	}
	const top = operation.params.find((parameter) => parameter.name.split('.')[0] === field);
	return top ? `'${operationProperty(operation, top).displayName}'` : undefined;
}
