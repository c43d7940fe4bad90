import { renameSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type * as jobs from '#oy/lib/jobs';
import { ZipFile } from './zipFile.mjs';
import {
	ROOT_RELS_XML,
	SHEET_END_XML,
	STYLES_XML,
	cellXml,
	columnLetters,
	contentTypesXml,
	corePropertiesXml,
	headerRowXml,
	sheetStartXml,
	workbookRelsXml,
	workbookXml,
} from './workbookXml.mjs';

/** Rows are deflated in pieces of about this many characters. */
const PIECE_CHARACTERS = 64 * 1024;
/** Characters Excel does not allow in a sheet's name */
const NOT_IN_SHEET_NAMES = /[[\]:*?/\\]/g;

type OpenSheet = Awaited<ReturnType<ZipFile['entry']>> & {
	columns: readonly jobs.ReportColumn[];
	letters: string[];
};

/**
 * A workbook written row by row straight into its zip: each row becomes XML text that is deflated
 * into the file a piece at a time, so a 100,000-row report costs about as much memory as a 100-row
 * one. The file appears under its final name only once it is complete.
 */
class StreamingReport implements jobs.ReportWriter {
	private readonly zip: ZipFile;

	private readonly sheetNames: string[] = [];

	private sheetNow?: OpenSheet;

	/** the open sheet's rows not yet deflated */
	private piece = '';

	/** data rows per sheet, in order */
	private readonly rowsPerSheet: number[] = [];

	constructor(
		private readonly finalPath: string,
		private readonly temporaryPath: string,
		private readonly at: Date,
	) {
		this.zip = new ZipFile(temporaryPath, at);
	}

	private started = false;

	/** The parts known before any row go first, so that a streaming reader has the styles before the cells. */
	private async start(): Promise<void> {
		if (this.started) return;
		this.started = true;
		await this.zip.add('_rels/.rels', ROOT_RELS_XML);
		await this.zip.add('xl/styles.xml', STYLES_XML);
		await this.zip.add('docProps/core.xml', corePropertiesXml('oy-jobs', this.at));
	}

	private async closeSheet(): Promise<void> {
		if (!this.sheetNow) return;
		await this.sheetNow.write(this.piece + SHEET_END_XML);
		this.piece = '';
		await this.sheetNow.end();
		this.sheetNow = undefined;
	}

	async sheet(sheet: jobs.ReportSheet): Promise<void> {
		await this.start();
		await this.closeSheet();
		const name = sheet.name.replace(NOT_IN_SHEET_NAMES, '_').slice(0, 31);
		if (this.sheetNames.some((taken) => taken.toLowerCase() === name.toLowerCase()))
			throw new Error(`report: two sheets named "${name}"`);
		this.sheetNames.push(name);
		const entry = await this.zip.entry(`xl/worksheets/sheet${this.sheetNames.length}.xml`);
		this.sheetNow = {
			...entry,
			columns: sheet.columns,
			letters: sheet.columns.map((_, index) => columnLetters(index)),
		};
		this.piece = sheetStartXml(sheet.columns) + headerRowXml(sheet.columns);
		this.rowsPerSheet.push(0);
	}

	async addRow(row: Record<string, unknown>): Promise<void> {
		const sheet = this.sheetNow;
		if (!sheet) throw new Error('report: sheet() must come before addRow()');
		const number = ++this.rowsPerSheet[this.rowsPerSheet.length - 1] + 1;
		let cells = '';
		for (let index = 0; index < sheet.columns.length; index++) {
			const column = sheet.columns[index];
			cells += cellXml(`${sheet.letters[index]}${number}`, row[column.key], column.kind);
		}
		this.piece += `<row r="${number}">${cells}</row>`;
		if (this.piece.length >= PIECE_CHARACTERS) {
			const piece = this.piece;
			this.piece = '';
			await sheet.write(piece);
		}
	}

	async finish(): Promise<jobs.ReportFile> {
		try {
			await this.start();
			await this.closeSheet();
			const count = this.sheetNames.length;
			await this.zip.add('xl/workbook.xml', workbookXml(this.sheetNames));
			await this.zip.add('xl/_rels/workbook.xml.rels', workbookRelsXml(count));
			await this.zip.add('[Content_Types].xml', contentTypesXml(count));
			await this.zip.close();
		} catch (error) {
			this.zip.destroy();
			rmSync(this.temporaryPath, { force: true });
			throw error;
		}
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
		const at = new Date(this.now());
		const time = at.toISOString().slice(11, 19).replace(/:/g, '');
		const unique = Math.random().toString(36).slice(2, 6);
		const file = `${name.replace(/[^A-Za-z0-9.-]+/g, '_')}-${time}-${unique}.xlsx`;
		return new StreamingReport(
			path.join(this.folder, file),
			path.join(this.folder, `.${file}.tmp`),
			at,
		);
	}
}
