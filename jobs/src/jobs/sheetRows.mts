import { createReadStream } from 'node:fs';
import path from 'node:path';

/** One data row of a CSV or Excel list: its number in the file and its cells by header name. */
export interface SheetRow {
	rowNumber: number;
	/** whether the first row names the column */
	has(name: string): boolean;
	cell(name: string): unknown;
}

/**
 * The rows of a CSV file (RFC 4180: quoted cells may hold commas, quotes and line breaks) or of an
 * Excel file's first sheet, read as a stream: a 100,000-row list never sits in memory at once.
 * The first row names the columns (trimmed, lower case); `required` names the ones that must be there.
 */
export async function* sheetRows(
	file: string,
	required: readonly string[],
	describeColumns: string,
): AsyncGenerator<SheetRow> {
	const records =
		path.extname(file).toLowerCase() === '.csv' ? csvRecords(file) : xlsxRecords(file);
	let header: Map<string, number> | undefined;
	let rowNumber = 0;
	for await (const values of records) {
		rowNumber++;
		if (!header) {
			header = new Map(
				values.map((value, index) => [
					String(value ?? '')
						.trim()
						.toLowerCase(),
					index,
				]),
			);
			const missing = required.filter((name) => !header!.has(name));
			if (missing.length > 0)
				throw new Error(
					`${file}: the first row must name the columns ${describeColumns}; missing ${missing.join(', ')}`,
				);
			continue;
		}
		if (
			values.every((value) => value === null || value === undefined || String(value).trim() === '')
		)
			continue;
		const columns = header;
		yield {
			rowNumber,
			has: (name) => columns.has(name),
			cell: (name) => (columns.has(name) ? values[columns.get(name)!] : undefined),
		};
	}
	if (!header) throw new Error(`${file}: no sheet to read`);
}

/**
 * RFC 4180 records, cell by cell. A cell is cut out of the chunk in one piece and copied (`own`):
 * a string built character by character, or a slice that keeps its 64 kB chunk alive, would make
 * a 100,000-row list cost many times its size.
 */
async function* csvRecords(file: string): AsyncGenerator<unknown[]> {
	let record: string[] = [];
	let cell = '';
	let quoted = false;
	let afterQuote = false;
	let started = false;
	let first = true;
	for await (const chunk of createReadStream(file, { encoding: 'utf8' })) {
		let text = chunk as string;
		if (first) {
			text = text.replace(/^\uFEFF/, '');
			first = false;
		}
		const ready: string[][] = [];
		let from = 0;
		const take = (to: number) => {
			if (to > from) cell += text.slice(from, to);
		};
		for (let index = 0; index < text.length; index++) {
			const char = text[index];
			if (quoted) {
				if (char === '"') {
					take(index);
					quoted = false;
					afterQuote = true;
					from = index + 1;
				}
				continue;
			}
			if (char === '"') {
				take(index);
				// A doubled quote inside a quoted cell.
				if (afterQuote) cell += '"';
				quoted = true;
				afterQuote = false;
				started = true;
				from = index + 1;
			} else if (char === ',' || char === '\n' || char === '\r') {
				take(index);
				from = index + 1;
				afterQuote = false;
				if (char === ',') {
					record.push(own(cell));
					started = true;
				} else {
					if (started || cell !== '') {
						record.push(own(cell));
						ready.push(record);
					}
					record = [];
					started = false;
				}
				cell = '';
			} else {
				started = true;
				afterQuote = false;
			}
		}
		take(text.length);
		yield* ready;
	}
	if (quoted) throw new Error(`${file}: a quoted cell is not closed`);
	if (started || cell !== '') {
		record.push(own(cell));
		yield record;
	}
}

/** A flat copy of the string that shares nothing with the chunk it was read from. */
const own = (value: string): string =>
	value === '' ? '' : Buffer.from(value, 'utf8').toString('utf8');

async function* xlsxRecords(file: string): AsyncGenerator<unknown[]> {
	// Loaded only for an Excel list: a CSV list does not need exceljs.
	const { default: WorkbookReader } = await import('exceljs/lib/stream/xlsx/workbook-reader.js');
	const reader = new WorkbookReader(file, {
		worksheets: 'emit',
		sharedStrings: 'cache',
		styles: 'cache',
		hyperlinks: 'ignore',
		entries: 'emit',
	});
	for await (const worksheet of reader) {
		let expected = 1;
		for await (const row of worksheet) {
			// Blank rows are not emitted: their numbers are kept, so problems name the right row.
			for (; expected < row.number; expected++) yield [];
			expected = row.number + 1;
			yield (row.values as unknown[]).slice(1).map(plain);
		}
		return;
	}
}

/** A cell's value without Excel's wrappers (formula results, rich text, hyperlinks). */
function plain(value: unknown): unknown {
	if (typeof value === 'string') return own(value);
	if (value === null || typeof value !== 'object' || value instanceof Date) return value;
	const record = value as Record<string, unknown>;
	if ('result' in record) return plain(record.result);
	if (Array.isArray(record.richText))
		return (record.richText as Array<{ text?: string }>).map((part) => part.text ?? '').join('');
	if ('text' in record) return record.text;
	return value;
}
