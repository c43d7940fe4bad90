import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { formatRupiah } from '../../../lib/amounts';
import {
	BULK_DISBURSE_COLUMNS,
	BULK_DISBURSE_FILE,
	BULK_ROW_PARAMS,
	buildBulkDisburseFile,
} from '../../../lib/bulkDisburseFile';
import type { RowProblem } from '../../../lib/bulkDisburseFile';
import { capsRefusal, readControls } from '../actions/controls';
import { plural, ranges } from '../actions/wording';
import type { RefusalEnding } from '../actions/controls';
import { ItemParameters } from '../actions/parameters';
import { runsAsTool } from '../actions/tool';
import { propertyNameOf } from '../description/naming';
import { rowProperty } from './description';
import { DEFAULT_BULK_FILE_NAME } from './options';

const NO_FILE: RefusalEnding = {
	short: 'no file was built',
	long: 'No file was built, and nothing was sent to OY!.',
};

/** At most this many bad items are described in the error's text; all are in its `problems`. */
const DESCRIBED = 20;

const LABELS = new Map(
	BULK_ROW_PARAMS.map((parameter) => [parameter.name, `'${rowProperty(parameter).displayName}'`]),
);

/** One item's row under the wire names lib checks; an expression that fails is that item's problem. */
function readRow(
	parameters: ItemParameters,
	itemIndex: number,
	problems: RowProblem[],
): Record<string, unknown> {
	const row: Record<string, unknown> = {};
	for (const parameter of BULK_ROW_PARAMS) {
		const name = propertyNameOf(parameter.name);
		try {
			const value = parameter.required
				? parameters.get(name, itemIndex)
				: (parameters.get('additionalFields', itemIndex, {}) as IDataObject)[name];
			if (value !== undefined) row[parameter.name] = value;
		} catch (error) {
			problems.push({ index: itemIndex, field: parameter.name, message: (error as Error).message });
		}
	}
	return row;
}

/** `amount must be …` → `'Amount' must be …`: the field as the editor names it. */
function reasonOf(problem: RowProblem): string {
	const label = LABELS.get(problem.field);
	if (label && problem.message.startsWith(`${problem.field} `)) {
		return `${label}${problem.message.slice(problem.field.length)}`;
	}
	return label && !problem.message.startsWith(problem.field)
		? `${label} ${problem.message}`
		: problem.message;
}

function rowsRefusal(node: INode, problems: RowProblem[]): NodeOperationError {
	const reasons = problems.map((problem) => ({
		itemIndex: problem.index,
		field: problem.field,
		reason: reasonOf(problem),
	}));
	const items = [...new Set(reasons.map((entry) => entry.itemIndex))];
	const described = reasons
		.slice(0, DESCRIBED)
		.map((entry) => `item ${entry.itemIndex}: ${entry.reason}`);
	const more =
		reasons.length > DESCRIBED
			? ` … and ${reasons.length - DESCRIBED} more (all under problems)`
			: '';
	const error = new NodeOperationError(
		node,
		`${plural(items.length, 'item')} cannot go into the bulk disburse file (${items.length === 1 ? 'item' : 'items'} ${ranges(items)}): ${NO_FILE.short}`,
		{ description: `${described.join('; ')}${more}. Correct them and run again. ${NO_FILE.long}` },
	);
	Object.assign(error.context, { items, problems: reasons });
	return error;
}

function fileNameOf(node: INode, value: unknown): string {
	const name =
		typeof value === 'string' && value.trim() !== '' ? value.trim() : DEFAULT_BULK_FILE_NAME;
	if (/[/\\\p{Cc}]/u.test(name)) {
		throw new NodeOperationError(
			node,
			`'File Name' may not contain slashes or control characters (got ${JSON.stringify(name)})`,
			{
				description: NO_FILE.long,
			},
		);
	}
	return /\.csv$/i.test(name) ? name : `${name}.csv`;
}

/**
 * A refused file, for workflows that continue on fail: one item for the whole run (there is one
 * file), paired with every input, saying why; on the error output under `error` beside `message`
 * (see actions/failures.ts for why n8n needs exactly those two keys).
 */
function refusedItem(
	error: NodeOperationError,
	count: number,
	errorOutput: boolean,
): INodeExecutionData {
	const pairedItem = Array.from({ length: count }, (_, item) => ({ item }));
	const fields: IDataObject = {
		fileBuilt: false,
		...(error.description ? { description: error.description } : {}),
		...(error.context as IDataObject),
	};
	if (errorOutput)
		return {
			json: { message: error.message, error: { message: error.message, ...fields } },
			pairedItem,
		};
	return { json: { error: error.message, ...fields }, pairedItem };
}

/**
 * Disbursement › Build Bulk Disburse File: every item is one row; all rows are checked (Create
 * Disbursement's rules, the caps, repeated payouts) before the file is written, and any bad row
 * refuses the whole file, so a partial file never leaves the node. One item out: the summary, the
 * CSV under binary `data`.
 */
export async function buildBulkFile(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	const items = this.getInputData();
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const controls = readControls(node, options, runsAsTool(this));
	const fileName = fileNameOf(node, options.fileName);
	const refuse = (error: NodeOperationError): INodeExecutionData[][] => {
		if (!this.continueOnFail()) throw error;
		return [[refusedItem(error, items.length, node.onError === 'continueErrorOutput')]];
	};
	if (items.length === 0) {
		return refuse(
			new NodeOperationError(node, `No items: ${NO_FILE.short}`, { description: NO_FILE.long }),
		);
	}

	const parameters = new ItemParameters(this);
	const unread: RowProblem[] = [];
	const rows = items.map((_, itemIndex) => readRow(parameters, itemIndex, unread));
	const built = buildBulkDisburseFile(rows, {
		allowRepeated: options.allowRepeatedPayouts === true,
	});
	// a field whose expression failed is reported once, by n8n's reason, not again as missing
	const failed = new Set(unread.map((problem) => `${problem.index} ${problem.field}`));
	const problems = [
		...unread,
		...built.problems.filter((problem) => !failed.has(`${problem.index} ${problem.field}`)),
	].sort((a, b) => a.index - b.index);
	if (problems.length > 0 || !('csv' in built)) return refuse(rowsRefusal(node, problems));

	const capped = capsRefusal(
		node,
		built.amounts.map((amount, itemIndex) => ({
			itemIndex,
			id: {},
			amount,
			action: BULK_DISBURSE_FILE.action,
		})),
		controls,
		NO_FILE,
	);
	if (capped) return refuse(capped);

	const binary = await this.helpers.prepareBinaryData(
		Buffer.from(built.csv, 'utf8'),
		fileName,
		'text/csv',
	);
	const json: IDataObject = {
		fileName,
		count: built.count,
		totalAmount: built.totalAmount,
		totalAmountText: formatRupiah(built.totalAmount),
		columns: BULK_DISBURSE_COLUMNS.map((column) => column.header),
		repeatedPayouts: built.repeated.map(({ indexes, ...payout }) => ({
			items: indexes,
			...payout,
		})),
		sentToOy: false,
	};
	return [[{ json, binary: { data: binary }, pairedItem: items.map((_, item) => ({ item })) }]];
}
