import path from 'node:path';
import ExcelJS from 'exceljs';
import type * as jobs from '#oy/lib/jobs';

/**
 * The caller's list of payouts to come, a CSV or Excel file with the columns `date` (yyyy-MM-dd, or
 * an Excel date), `amount` (whole rupiah) and `description`. Read at each run, so the list the team
 * keeps up to date is the one counted. A row that cannot be read stops the run: a payout silently
 * left out would make the look-ahead say "covered" when it is not.
 */
export async function readExpectedPayouts(
	file: string,
	timeZone: string,
): Promise<jobs.ExpectedPayout[]> {
	const workbook = new ExcelJS.Workbook();
	const sheet =
		path.extname(file).toLowerCase() === '.csv'
			? await workbook.csv.readFile(file)
			: (await workbook.xlsx.readFile(file)).worksheets[0];
	if (!sheet) throw new Error(`${file}: no sheet to read`);
	const header = new Map<string, number>();
	sheet.getRow(1).eachCell((cell, column) =>
		header.set(
			String(cell.value ?? '')
				.trim()
				.toLowerCase(),
			column,
		),
	);
	const missing = ['date', 'amount'].filter((name) => !header.has(name));
	if (missing.length > 0)
		throw new Error(
			`${file}: the first row must name the columns date, amount and description; missing ${missing.join(', ')}`,
		);
	const payouts: jobs.ExpectedPayout[] = [];
	const problems: string[] = [];
	sheet.eachRow((row, rowNumber) => {
		if (rowNumber === 1) return;
		const cell = (name: string) =>
			header.has(name) ? row.getCell(header.get(name)!).value : undefined;
		const day = dayOf(cell('date'), timeZone);
		const amount = Number(cell('amount'));
		if (!day)
			problems.push(
				`row ${rowNumber}: date must be yyyy-MM-dd, not "${String(cell('date') ?? '')}"`,
			);
		if (!Number.isInteger(amount) || amount <= 0)
			problems.push(
				`row ${rowNumber}: amount must be whole rupiah above 0, not "${String(cell('amount') ?? '')}"`,
			);
		if (day && Number.isInteger(amount) && amount > 0)
			payouts.push({
				day,
				amount,
				description: String(cell('description') ?? '').trim() || `row ${rowNumber}`,
			});
	});
	if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
	return payouts;
}

function dayOf(value: unknown, timeZone: string): string | undefined {
	if (value instanceof Date)
		return new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
		}).format(value);
	const text = String(value ?? '').trim();
	return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))
		? text
		: undefined;
}
