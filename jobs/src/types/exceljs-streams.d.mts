// exceljs' streaming writer and reader on their own. The package's entry point also loads the
// in-memory workbook and every part of it (about 9 MB of memory more); the jobs use only these two.
// exceljs is pinned (jobs/package.json): these paths are checked again when it is updated.
declare module 'exceljs/lib/stream/xlsx/workbook-writer.js' {
	import type { stream } from 'exceljs';
	const WorkbookWriter: typeof stream.xlsx.WorkbookWriter;
	export = WorkbookWriter;
}

declare module 'exceljs/lib/stream/xlsx/workbook-reader.js' {
	import type { stream } from 'exceljs';
	const WorkbookReader: typeof stream.xlsx.WorkbookReader;
	export = WorkbookReader;
}
