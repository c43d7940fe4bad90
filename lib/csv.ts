/**
 * CSV as RFC 4180 writes it: comma-separated, CRLF between records, a cell quoted when it holds a
 * comma, a double quote or a line break, and a double quote inside a quoted cell doubled.
 */

const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string): string {
	return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The records joined with CRLF; no line break after the last one (an empty last row is a row to some readers). */
export function csvText(records: ReadonlyArray<readonly string[]>): string {
	return records.map((record) => record.map(csvCell).join(',')).join('\r\n');
}

/**
 * Whether a spreadsheet program would read the cell as a formula when the file is opened
 * (= + - @, and tab or carriage return before one of them: OWASP "CSV injection").
 */
export function startsLikeFormula(value: string): boolean {
	return /^[=+\-@\t\r]/.test(value);
}
