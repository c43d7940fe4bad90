import type ExcelJS from 'exceljs';
import { once } from 'node:events';
import { mkdirSync, renameSync } from 'node:fs';
import type { Writable } from 'node:stream';
import path from 'node:path';
import type * as jobs from '#oy/lib/jobs';

const FORMATS: Record<string, string | undefined> = {
	rupiah: '#,##0',
	number: '0',
	date: 'yyyy-mm-dd hh:mm:ss',
};

const YIELD_EVERY_ROWS = 250;

function cellValue(value: unknown, kind: jobs.ReportColumn['kind']): ExcelJS.CellValue {
	if (value === undefined || value === null || value === '') return null;
	if (kind === 'date' && typeof value === 'string') {
		const parsed = Date.parse(value);
		return Number.isNaN(parsed) ? value : new Date(parsed);
	}
	if ((kind === 'rupiah' || kind === 'number') && typeof value === 'number') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
		return value;
	return JSON.stringify(value);
}

/**
 * A workbook written with exceljs' streaming writer: each row is committed as it is added, so a
 * 100,000-row report costs about as much memory as a 100-row one. The file appears under its
 * final name only once it is complete.
 */
class StreamingReport implements jobs.ReportWriter {
	private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;

	private sheetNow?: { worksheet: ExcelJS.Worksheet; columns: readonly jobs.ReportColumn[] };

	/** data rows per sheet, in order */
	private readonly rowsPerSheet: number[] = [];

	private sinceYield = 0;

	/**
	 * Committed rows travel through a PassThrough into the zip (zlib) and the file on later turns
	 * of the event loop, and exceljs 4.4.0 writes into that PassThrough without heeding
	 * backpressure (exceljs issues #1894, #2916): a loop that only adds rows piles them all up in
	 * memory. Every few hundred rows the writer waits until the sheet's pipe and the file drained.
	 */
	private async letTheFileCatchUp(): Promise<void> {
		this.sinceYield = 0;
		// archiver's PassThrough comes from readable-stream 2, which knows no `writableNeedDrain`.
		type Pipe = Writable & { _writableState?: { needDrain?: boolean } };
		const sheetPipe = (
			this.sheetNow?.worksheet as unknown as { _stream?: { pipes?: Pipe[] } } | undefined
		)?._stream?.pipes?.[0];
		const file = (this.workbook as unknown as { stream?: Pipe }).stream;
		for (const stream of [sheetPipe, file]) {
			if (stream?._writableState?.needDrain) await once(stream, 'drain');
		}
		await new Promise((resolve) => setImmediate(resolve));
	}

	constructor(
		Writer: typeof ExcelJS.stream.xlsx.WorkbookWriter,
		private readonly finalPath: string,
		private readonly temporaryPath: string,
	) {
		this.workbook = new Writer({
			filename: temporaryPath,
			useStyles: true,
			useSharedStrings: false,
		});
		this.workbook.creator = 'oy-jobs';
	}

	async sheet(sheet: jobs.ReportSheet): Promise<void> {
		this.sheetNow?.worksheet.commit();
		const worksheet = this.workbook.addWorksheet(sheet.name.slice(0, 31), {
			views: [{ state: 'frozen', ySplit: 1 }],
		});
		worksheet.columns = sheet.columns.map((column) => ({
			header: column.header,
			key: column.key,
			width: column.width ?? 16,
			style: FORMATS[column.kind ?? 'text'] ? { numFmt: FORMATS[column.kind ?? 'text'] } : {},
		}));
		worksheet.getRow(1).font = { bold: true };
		worksheet.getRow(1).commit();
		this.sheetNow = { worksheet, columns: sheet.columns };
		this.rowsPerSheet.push(0);
	}

	async addRow(row: Record<string, unknown>): Promise<void> {
		if (!this.sheetNow) throw new Error('report: sheet() must come before addRow()');
		const values: Record<string, ExcelJS.CellValue> = {};
		for (const column of this.sheetNow.columns)
			values[column.key] = cellValue(row[column.key], column.kind);
		this.sheetNow.worksheet.addRow(values).commit();
		this.rowsPerSheet[this.rowsPerSheet.length - 1]++;
		if (++this.sinceYield >= YIELD_EVERY_ROWS) await this.letTheFileCatchUp();
	}

	async finish(): Promise<jobs.ReportFile> {
		this.sheetNow?.worksheet.commit();
		await this.workbook.commit();
		renameSync(this.temporaryPath, this.finalPath);
		return {
			path: this.finalPath,
			filename: path.basename(this.finalPath),
			rows: this.rowsPerSheet[0] ?? 0,
		};
	}
}

export class ExcelReports implements jobs.Reports {
	constructor(
		private readonly folder: string,
		private readonly now: () => number = Date.now,
	) {}

	async create(name: string): Promise<jobs.ReportWriter> {
		mkdirSync(this.folder, { recursive: true });
		const time = new Date(this.now()).toISOString().slice(11, 19).replace(/:/g, '');
		const unique = Math.random().toString(36).slice(2, 6);
		const file = `${name.replace(/[^A-Za-z0-9.-]+/g, '_')}-${time}-${unique}.xlsx`;
		// exceljs' streaming writer is loaded when a report is made, not when the run starts: a run
		// that reads OY! for minutes before writing its report does not carry it all along.
		const { default: Writer } = await import('exceljs/lib/stream/xlsx/workbook-writer.js');
		return new StreamingReport(
			Writer,
			path.join(this.folder, file),
			path.join(this.folder, `.${file}.tmp`),
		);
	}
}
