import type * as jobs from '#oy/lib/jobs';

/** The SpreadsheetML parts of a workbook of plain sheets, as text. */

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Excel's limit; a longer text makes Excel "repair" the file */
const CELL_TEXT_LIMIT = 32_767;
const EXCEL_EPOCH_DAYS = 25_569;
const DAY_MS = 86_400_000;

/** The cell formats of styles.xml below, by index */
export const STYLE = { plain: 0, header: 1, rupiah: 2, number: 3, date: 4 } as const;

function styleOf(kind: jobs.ReportColumn['kind']): number {
	return kind === 'rupiah' || kind === 'number' || kind === 'date' ? STYLE[kind] : STYLE.plain;
}

function dateCell(reference: string, epochMs: number): string {
	return `<c r="${reference}" s="${STYLE.date}"><v>${epochMs / DAY_MS + EXCEL_EPOCH_DAYS}</v></c>`;
}

export const STYLES_XML =
	DECLARATION +
	`<styleSheet xmlns="${MAIN}">` +
	'<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>' +
	'<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
	'<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
	'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
	'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
	'<cellXfs count="5">' +
	'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
	'<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
	// 3 and 1 are Excel's built-in "#,##0" and "0"
	'<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'</cellXfs>' +
	'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
	'</styleSheet>';

export const ROOT_RELS_XML =
	DECLARATION +
	`<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
	`<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>` +
	'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
	'</Relationships>';

/** Drops what XML 1.0 cannot carry (control characters, lone surrogates) and escapes the rest. */
export function xmlText(text: string): string {
	return text
		.replace(
			/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
			'',
		)
		.replace(/[&<>"]/g, (character) =>
			character === '&'
				? '&amp;'
				: character === '<'
					? '&lt;'
					: character === '>'
						? '&gt;'
						: '&quot;',
		);
}

/** A, B, … Z, AA, … */
export function columnLetters(index: number): string {
	let letters = '';
	for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26))
		letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
	return letters;
}

function textCell(reference: string, text: string, style: number): string {
	const limited = text.length > CELL_TEXT_LIMIT ? text.slice(0, CELL_TEXT_LIMIT) : text;
	const space = /^\s|\s$/.test(limited) ? ' xml:space="preserve"' : '';
	return `<c r="${reference}"${style ? ` s="${style}"` : ''} t="inlineStr"><is><t${space}>${xmlText(limited)}</t></is></c>`;
}

/**
 * One cell as the report shows it: rupiah and counts as numbers, an ISO date as an Excel date (UTC,
 * as exceljs wrote it), anything else as text (a text cell is never a formula). Empty: no cell.
 */
export function cellXml(
	reference: string,
	value: unknown,
	kind: jobs.ReportColumn['kind'],
): string {
	if (value === undefined || value === null || value === '') return '';
	if (kind === 'date' && typeof value === 'string') {
		const parsed = Date.parse(value);
		return Number.isNaN(parsed) ? textCell(reference, value, 0) : dateCell(reference, parsed);
	}
	if (value instanceof Date && !Number.isNaN(value.getTime()))
		return dateCell(reference, value.getTime());
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return textCell(reference, String(value), 0);
		const style = styleOf(kind);
		return `<c r="${reference}"${style ? ` s="${style}"` : ''}><v>${value}</v></c>`;
	}
	if (typeof value === 'boolean') return `<c r="${reference}" t="b"><v>${value ? 1 : 0}</v></c>`;
	return textCell(reference, typeof value === 'string' ? value : JSON.stringify(value), 0);
}

export function headerRowXml(columns: readonly jobs.ReportColumn[]): string {
	const cells = columns.map((column, index) =>
		textCell(`${columnLetters(index)}1`, column.header, STYLE.header),
	);
	return `<row r="1">${cells.join('')}</row>`;
}

/** A sheet's opening up to its first row: the header frozen, the columns' widths and formats. */
export function sheetStartXml(columns: readonly jobs.ReportColumn[]): string {
	const cols = columns.map((column, index) => {
		const style = styleOf(column.kind);
		return `<col min="${index + 1}" max="${index + 1}" width="${column.width ?? 16}" customWidth="1"${style ? ` style="${style}"` : ''}/>`;
	});
	return (
		DECLARATION +
		`<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
		'<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>' +
		'<sheetFormatPr defaultRowHeight="15"/>' +
		(cols.length > 0 ? `<cols>${cols.join('')}</cols>` : '') +
		'<sheetData>'
	);
}

export const SHEET_END_XML = '</sheetData></worksheet>';

export function workbookXml(sheetNames: readonly string[]): string {
	const sheets = sheetNames.map(
		(name, index) =>
			`<sheet name="${xmlText(name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`,
	);
	return (
		DECLARATION +
		`<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><bookViews><workbookView/></bookViews><sheets>${sheets.join('')}</sheets></workbook>`
	);
}

export function workbookRelsXml(sheetCount: number): string {
	const relationships = Array.from(
		{ length: sheetCount },
		(_, index) =>
			`<Relationship Id="rId${index + 1}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`,
	);
	relationships.push(
		`<Relationship Id="rId${sheetCount + 1}" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/>`,
	);
	return (
		DECLARATION +
		`<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${relationships.join('')}</Relationships>`
	);
}

export function contentTypesXml(sheetCount: number): string {
	const sheets = Array.from(
		{ length: sheetCount },
		(_, index) =>
			`<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
	);
	return (
		DECLARATION +
		'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
		'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
		'<Default Extension="xml" ContentType="application/xml"/>' +
		'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
		'<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
		'<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
		sheets.join('') +
		'</Types>'
	);
}

export function corePropertiesXml(creator: string, at: Date): string {
	const when = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
	return (
		DECLARATION +
		'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
		`<dc:creator>${xmlText(creator)}</dc:creator>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
		'</cp:coreProperties>'
	);
}
