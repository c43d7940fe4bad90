import * as jobs from '#oy/lib/jobs';
import { sheetRows, type SheetRow } from './sheetRows.mjs';

/**
 * The caller's list of payouts, a CSV or Excel file with the columns `date` (yyyy-MM-dd, or an
 * Excel date), `amount` (whole rupiah) and `description`; for the reconciliation also `id` (our id
 * at OY!: a payout's partner_trx_id) and `product` (empty: disbursement). Read at each run, so the
 * list the team keeps up to date is the one counted. A row that cannot be read stops the run: a
 * payout silently left out would make the look-ahead say "covered", or the reconciliation say
 * "matched", when it is not. Rows of the other products (VA, link, e-wallet payments) are money
 * coming in: one list can serve the reconciliation and the look-ahead, which counts payouts only.
 */
export async function readExpectedPayouts(
	file: string,
	timeZone: string,
): Promise<jobs.ExpectedPayout[]> {
	const payouts: jobs.ExpectedPayout[] = [];
	const problems: string[] = [];
	for await (const row of sheetRows(file, ['date', 'amount'], 'date, amount and description')) {
		const read = readRow(row, timeZone, problems);
		const product = productOf(row, problems);
		if (read && product === 'disbursement')
			payouts.push({ day: read.day, amount: read.amount, description: read.description });
	}
	if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
	return payouts;
}

/** The column of our id; OY's own names for it are read too. */
const ID_COLUMNS = ['id', 'partner_trx_id', 'partner_tx_id'];

const PRODUCTS: ReadonlySet<string> = new Set(jobs.LISTED_PRODUCTS);

/**
 * The list's transactions of one day, for the reconciliation. Every row is checked (a bad date
 * could hide a row of the day); rows of other days are dropped as they are read. Problems are
 * thrown once the whole file is read, before anything is compared.
 */
export async function* readExpectedTransactions(
	file: string,
	timeZone: string,
	day: string,
): AsyncGenerator<jobs.ExpectedTransaction> {
	const problems: string[] = [];
	let idColumn: string | undefined;
	for await (const row of sheetRows(file, ['date', 'amount'], 'date, amount, id and product')) {
		idColumn ??= ID_COLUMNS.find((name) => row.has(name));
		if (!idColumn)
			throw new Error(
				`${file}: the first row must name a column id (your partner_trx_id at OY!) for the reconciliation`,
			);
		const read = readRow(row, timeZone, problems);
		const id = String(row.cell(idColumn) ?? '').trim();
		const product = productOf(row, problems);
		if (!id) problems.push(`row ${row.rowNumber}: id (your partner_trx_id at OY!) is empty`);
		if (problems.length > 50) break;
		if (read && id && product && read.day === day && problems.length === 0)
			yield {
				product,
				id,
				day: read.day,
				amount: read.amount,
				description: read.description,
				source: 'list',
			};
	}
	if (problems.length > 0) throw new Error(`${file}: ${problems.slice(0, 50).join('; ')}`);
}

/** The row's product (empty: disbursement), or undefined with a problem when it is not one of ours. */
function productOf(row: SheetRow, problems: string[]): jobs.ReconciledProduct | undefined {
	const product =
		String(row.cell('product') ?? '')
			.trim()
			.toLowerCase() || 'disbursement';
	if (PRODUCTS.has(product)) return product as jobs.ReconciledProduct;
	problems.push(
		`row ${row.rowNumber}: product must be one of ${jobs.LISTED_PRODUCTS.join(', ')} (empty: disbursement), not "${product}"`,
	);
	return undefined;
}

function readRow(
	row: SheetRow,
	timeZone: string,
	problems: string[],
): { day: string; amount: number; description: string } | undefined {
	const day = dayOf(row.cell('date'), timeZone);
	const amount = Number(row.cell('amount'));
	if (!day)
		problems.push(
			`row ${row.rowNumber}: date must be yyyy-MM-dd, not "${String(row.cell('date') ?? '')}"`,
		);
	if (!Number.isInteger(amount) || amount <= 0)
		problems.push(
			`row ${row.rowNumber}: amount must be whole rupiah above 0, not "${String(row.cell('amount') ?? '')}"`,
		);
	if (!day || !Number.isInteger(amount) || amount <= 0) return undefined;
	return {
		day,
		amount,
		description: String(row.cell('description') ?? '').trim() || `row ${row.rowNumber}`,
	};
}

function dayOf(value: unknown, timeZone: string): string | undefined {
	// Excel dates; the zone's formatter is made once, not for each of a 100,000-row list's cells.
	if (value instanceof Date) return jobs.dayIn(value.getTime(), timeZone);
	const text = String(value ?? '').trim();
	return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))
		? text
		: undefined;
}
