import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExcelReports } from '../../jobs/src/reports/excelReports.mjs';
import type * as jobs from '../../lib/jobs';

const COLUMNS: jobs.ReportColumn[] = [
	{ key: 'invoice', header: 'Invoice', width: 24 },
	{ key: 'amount', header: 'Amount (Rp)', kind: 'rupiah' },
	{ key: 'days', header: 'Days overdue', kind: 'number' },
	{ key: 'due', header: 'Due', kind: 'date' },
	{ key: 'note', header: 'Note' },
];

/**
 * Every row of every sheet, in order, read with exceljs' streaming reader (a second zip and XML
 * reader). Sheets come before workbook.xml in the file, so this reader may not know their names.
 */
async function streamedRows(file: string): Promise<unknown[][][]> {
	const sheets: unknown[][][] = [];
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { styles: 'cache' });
	for await (const worksheet of reader) {
		const rows: unknown[][] = [];
		for await (const row of worksheet) rows.push((row.values as unknown[]).slice(1));
		sheets.push(rows);
	}
	return sheets;
}

describe('the Excel reports of oy-jobs', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(path.join(os.tmpdir(), 'oy-reports-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	const reports = () => new ExcelReports(dir, () => Date.parse('2026-12-06T02:03:04Z'));

	it('writes numbers, rupiah, dates and text as Excel reads them, header bold and frozen', async () => {
		const writer = await reports().create('ar-aging 2026-12-06');
		await writer.sheet({ name: 'Open invoices', columns: COLUMNS });
		await writer.addRow({
			invoice: 'INV/1',
			amount: 1_500_000,
			days: 3,
			due: '2026-12-03T00:00:00.000Z',
			note: true,
		});
		await writer.addRow({
			invoice: 'INV/2',
			amount: 0,
			days: null,
			due: 'not a date',
			note: { a: 1 },
		});
		await writer.sheet({ name: 'Totals', columns: [{ key: 'what', header: 'What' }] });
		await writer.addRow({ what: 'all' });
		const file = await writer.finish();

		expect(file.filename).toMatch(/^ar-aging_2026-12-06-020304-[a-z0-9]+\.xlsx$/);
		expect(file.rows).toBe(2);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.readFile(file.path);
		expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Open invoices', 'Totals']);
		expect(workbook.creator).toBe('oy-jobs');
		const sheet = workbook.getWorksheet('Open invoices')!;
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(sheet.getColumn(1).width).toBe(24);
		expect(sheet.getColumn(2).width).toBe(16);
		expect(sheet.getRow(1).getCell(1)).toMatchObject({ value: 'Invoice', font: { bold: true } });
		const first = sheet.getRow(2);
		expect(first.getCell(2)).toMatchObject({ value: 1_500_000, numFmt: '#,##0' });
		expect(first.getCell(3)).toMatchObject({ value: 3, numFmt: '0' });
		expect(first.getCell(4).value).toEqual(new Date('2026-12-03T00:00:00.000Z'));
		expect(first.getCell(4).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
		expect(first.getCell(5).value).toBe(true);
		const second = sheet.getRow(3);
		expect(second.getCell(2).value).toBe(0);
		expect(second.getCell(3).value).toBeNull();
		expect(second.getCell(4).value).toBe('not a date');
		expect(second.getCell(5).value).toBe('{"a":1}');
		expect(await streamedRows(file.path)).toEqual([
			[
				['Invoice', 'Amount (Rp)', 'Days overdue', 'Due', 'Note'],
				['INV/1', 1_500_000, 3, new Date('2026-12-03T00:00:00.000Z'), true],
				['INV/2', 0, undefined, 'not a date', '{"a":1}'],
			],
			[['What'], ['all']],
		]);
	});

	it('keeps any text as text: markup, formulas, spaces, emoji; drops what XML cannot carry', async () => {
		const texts = [
			'<b>PT Maju & "Jaya"</b>',
			'=HYPERLINK("http://evil.example","pay here")',
			'  padded  ',
			'Bayar 💸 sekarang',
			'tab\there, line\nbreak',
		];
		const writer = await reports().create('texts');
		await writer.sheet({ name: 'Texts', columns: [{ key: 'text', header: 'Text' }] });
		for (const text of texts) await writer.addRow({ text });
		await writer.addRow({ text: 'bell\u0007 and a lone \uD800 surrogate' });
		const file = await writer.finish();

		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.readFile(file.path);
		const cells = workbook.getWorksheet('Texts')!.getColumn(1).values.slice(2);
		expect(cells).toEqual([...texts, 'bell and a lone  surrogate']);
		expect(workbook.getWorksheet('Texts')!.getCell('A3').formula).toBeUndefined();
	});

	it('streams many rows into a zip whose every entry checks out (sizes and CRC)', async () => {
		const writer = await reports().create('many');
		await writer.sheet({ name: 'Open invoices', columns: COLUMNS });
		const count = 5_000;
		for (let index = 0; index < count; index++)
			await writer.addRow({
				invoice: `INV/${index}`,
				amount: index * 1000,
				days: index % 30,
				due: new Date(Date.UTC(2026, 10, 1 + (index % 30))).toISOString(),
				note: index % 7 === 0 ? 'called the customer' : undefined,
			});
		const file = await writer.finish();

		const zip = await JSZip.loadAsync(readFileSync(file.path), { checkCRC32: true });
		const names = Object.keys(zip.files).sort();
		expect(names).toEqual([
			'[Content_Types].xml',
			'_rels/.rels',
			'docProps/core.xml',
			'xl/_rels/workbook.xml.rels',
			'xl/styles.xml',
			'xl/workbook.xml',
			'xl/worksheets/sheet1.xml',
		]);
		for (const name of names) await zip.file(name)!.async('string');
		const rows = (await streamedRows(file.path))[0];
		expect(rows).toHaveLength(count + 1);
		expect(rows[count]).toEqual([
			`INV/${count - 1}`,
			(count - 1) * 1000,
			(count - 1) % 30,
			new Date(Date.UTC(2026, 10, 1 + ((count - 1) % 30))),
		]);
	});

	it('shows the file under its name only once it is complete', async () => {
		const writer = await reports().create('partial');
		await writer.sheet({ name: 'Rows', columns: COLUMNS });
		for (let index = 0; index < 2_000; index++) await writer.addRow({ invoice: `INV/${index}` });
		expect(readdirSync(dir).filter((name) => name.endsWith('.xlsx'))).toEqual([]);
		const file = await writer.finish();
		expect(readdirSync(dir)).toEqual([file.filename]);
	});

	it('names sheets as Excel allows, and refuses what would make a broken workbook', async () => {
		const writer = await reports().create('names');
		await expect(writer.addRow({ invoice: 'INV/1' })).rejects.toThrow(
			'report: sheet() must come before addRow()',
		);
		await writer.sheet({ name: 'Paid / unpaid: [2026-12-06] and more words', columns: COLUMNS });
		await expect(
			writer.sheet({ name: 'PAID _ UNPAID_ _2026-12-06_ and more words', columns: COLUMNS }),
		).rejects.toThrow('report: two sheets named "PAID _ UNPAID_ _2026-12-06_ and"');
		const file = await writer.finish();
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.readFile(file.path);
		expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
			'Paid _ unpaid_ _2026-12-06_ and',
		]);
	});
});
