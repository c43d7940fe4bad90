import {
	LISTED_PRODUCTS,
	type ExpectedTransaction,
	type ReconciledProduct,
} from './reconciliation';
import type { ExpectedPayout } from './lookAhead';
import { dayIn } from './time';

/** One row of the caller's list as n8n hands it on (Data Table, Extract From File, spreadsheet). */
export type ListRow = Record<string, unknown>;

const PRODUCTS: ReadonlySet<string> = new Set(LISTED_PRODUCTS);

const cell = (row: ListRow, name: string) => {
	const value = row[name];
	return value === undefined || value === null ? '' : String(value).trim();
};

/**
 * Our id at OY!. OY's own column names come first, and where the row has one of them (empty or
 * not) `id` is never read: a Data Table row always has an `id` of its own (the row number).
 */
function idOf(row: ListRow): string {
	const column = ['partner_trx_id', 'partner_tx_id'].find((name) => name in row) ?? 'id';
	return cell(row, column);
}

function dayOf(value: unknown, timeZone: string): string | undefined {
	if (value instanceof Date)
		return Number.isNaN(value.getTime()) ? undefined : dayIn(value.getTime(), timeZone);
	// A date column as yyyy-MM-dd, or with a time after it: the day is taken as written.
	const text = String(value ?? '').trim();
	const day = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(text)?.[1];
	return day && new Date(Date.parse(`${day}T00:00:00Z`)).toISOString().slice(0, 10) === day
		? day
		: undefined;
}

interface ReadRow {
	id: string;
	date: string | undefined;
	amount: number;
	product: string;
	description: string;
}

/** One row's cells, with what is wrong with them pushed to `problems`; undefined for an empty row. */
function readRow(
	row: ListRow,
	at: string,
	timeZone: string,
	problems: string[],
	needsId: boolean,
): ReadRow | undefined {
	const id = idOf(row);
	if (id === '' && cell(row, 'date') === '' && cell(row, 'amount') === '') return undefined;
	const date = dayOf(row.date, timeZone);
	const amount = Number(cell(row, 'amount') || Number.NaN);
	const product = cell(row, 'product').toLowerCase() || 'disbursement';
	if (!date) problems.push(`${at}: date must be yyyy-MM-dd, not "${cell(row, 'date')}"`);
	if (!Number.isInteger(amount) || amount <= 0)
		problems.push(`${at}: amount must be whole rupiah above 0, not "${cell(row, 'amount')}"`);
	if (needsId && id === '') problems.push(`${at}: partner_trx_id (your id at OY!) is empty`);
	if (!PRODUCTS.has(product))
		problems.push(
			`${at}: product must be one of ${LISTED_PRODUCTS.join(', ')} (empty: disbursement), not "${product}"`,
		);
	return { id, date, amount, product, description: cell(row, 'description') || at };
}

/**
 * The list's transactions of one day, for the reconciliation, with the checks of `oy-jobs`' list
 * reader: every row is read (a bad date could hide a row of the day) and each bad row is named;
 * the caller stops before asking OY! anything when there are problems. Empty rows are skipped (an
 * empty Data Table hands on one empty item).
 */
export function expectedFromRows(
	rows: readonly ListRow[],
	timeZone: string,
	day: string,
): { transactions: ExpectedTransaction[]; problems: string[] } {
	const transactions: ExpectedTransaction[] = [];
	const problems: string[] = [];
	rows.forEach((row, index) => {
		const read = readRow(row, `item ${index + 1}`, timeZone, problems, true);
		if (!read || problems.length > 0 || read.date !== day) return;
		transactions.push({
			product: read.product as ReconciledProduct,
			id: read.id,
			day: read.date,
			amount: read.amount,
			description: read.description,
			source: 'list',
		});
	});
	return { transactions, problems };
}

/**
 * The payouts of the same list, for the balance alert's look-ahead: its disbursement rows (the
 * other products are money coming in). Every row is checked as for the reconciliation, except that
 * a payout not made yet may have no id at OY!; the caller stops when there are problems, since a
 * payout left out would make the look-ahead say the balance covers what it does not.
 */
export function expectedPayoutsFromRows(
	rows: readonly ListRow[],
	timeZone: string,
): { payouts: ExpectedPayout[]; problems: string[] } {
	const payouts: ExpectedPayout[] = [];
	const problems: string[] = [];
	rows.forEach((row, index) => {
		const read = readRow(row, `item ${index + 1}`, timeZone, problems, false);
		if (!read?.date || read.product !== 'disbursement') return;
		const description = read.id === '' ? read.description : `${read.id}: ${read.description}`;
		payouts.push({ day: read.date, amount: read.amount, description });
	});
	return { payouts: problems.length > 0 ? [] : payouts, problems };
}
