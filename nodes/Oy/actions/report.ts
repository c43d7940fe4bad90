import type { IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { idText } from './plan';
import { ranges } from './wording';

/** What became of one item whose request left for OY! in a run that stopped. */
export interface SentItem extends IDataObject {
	itemIndex: number;
	outcome: string;
	code: string | null;
	meaning: string;
}

/** At most this many sent items are written out in the error's description; all are in `sentItems`. */
const LISTED = 20;

function line(entry: SentItem, id: IDataObject): string {
	const name = idText(id);
	const code = entry.code ? `, OY! code ${entry.code}` : '';
	return `item ${entry.itemIndex}${name ? ` (${name})` : ''}: ${entry.outcome}${code}, ${entry.meaning}`;
}

/**
 * Adds to the error that stops a run what the run had already sent: each sent item's id and
 * outcome, in the description (for people) and in `context.sentItems` (for workflows). A payout
 * made before the stop is then never reported nowhere, and "Nothing was sent" is never said.
 */
export function withRunReport(
	error: NodeApiError | NodeOperationError,
	sent: SentItem[],
	ids: IDataObject[],
	notSent: number[],
): NodeApiError | NodeOperationError {
	error.context.sentItems = sent.map((entry) => ({ ...ids[entry.itemIndex], ...entry }));
	error.context.notSentItems = notSent;
	// a run of one request: the error itself says all there is
	if (sent.length <= 1 && notSent.length === 0) return error;
	const own = (error.description ?? '').replace(/\s*Nothing was sent to OY!\.?/, '').trim();
	const listed = sent.slice(0, LISTED).map((entry) => line(entry, ids[entry.itemIndex]));
	const more = sent.length > LISTED ? ` … and ${sent.length - LISTED} more (see sentItems).` : '';
	const report = [
		own,
		`The run stopped after sending ${sent.length} item${sent.length === 1 ? '' : 's'} to OY!: ${listed.join('; ')}.${more}`,
		notSent.length > 0
			? `Not sent: item${notSent.length === 1 ? '' : 's'} ${ranges(notSent)}.`
			: '',
		'Do not send the sent items again under new ids: check them with Get Status under the same ids.',
	];
	error.description = report.filter((part) => part !== '').join(' ');
	return error;
}

/** Every refusal of a run that sends nothing, in one error: the first one's, naming the others. */
export function withOtherRefusals(
	first: NodeOperationError,
	others: NodeOperationError[],
): NodeOperationError {
	if (others.length === 0) return first;
	const own = (first.description ?? '').replace(/\s*Nothing was sent to OY!\.?/, '').trim();
	const listed = others.slice(0, LISTED).map((error) => error.message);
	const more = others.length > LISTED ? ` … and ${others.length - LISTED} more` : '';
	first.description = [
		own,
		`Also refused: ${listed.join('; ')}${more}.`,
		'Nothing was sent to OY!: every item is checked before the first request.',
	]
		.filter((part) => part !== '')
		.join(' ');
	first.context.refusedItems = [first, ...others].map((error) => error.context.itemIndex as number);
	return first;
}
