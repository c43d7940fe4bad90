import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * A parameter holding rows another node read (an expression such as
 * `{{ $('Read the ledger').all().map(item => item.json) }}`, or JSON typed in): the rows, or
 * undefined when it is empty. Anything else stops the run before anything is read.
 */
export function rowsParameter(
	context: IExecuteFunctions,
	name: string,
	label: string,
	example: string,
): IDataObject[] | undefined {
	const value = context.getNodeParameter(name, 0, '') as unknown;
	const stop = (message: string, description: string) =>
		new NodeOperationError(context.getNode(), message, {
			description: `${description}. Nothing was read, decided or recorded.`,
		});
	let rows: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return undefined;
		try {
			rows = JSON.parse(value);
		} catch (error) {
			throw stop(`'${label}' is not JSON`, (error as Error).message);
		}
	}
	if (rows === undefined || rows === null) return undefined;
	if (!Array.isArray(rows) || rows.some((row) => typeof row !== 'object' || row === null))
		throw stop(`'${label}' is not a list of rows`, `Give the rows, e.g. ${example}`);
	return rows as IDataObject[];
}
