// exceljs' streaming reader on its own. The package's entry point also loads the in-memory workbook
// and every part of it (about 9 MB of memory more); the jobs read callers' lists with this one only.
// exceljs is pinned (jobs/package.json): this path is checked again when it is updated.
declare module 'exceljs/lib/stream/xlsx/workbook-reader.js' {
	import type { stream } from 'exceljs';
	const WorkbookReader: typeof stream.xlsx.WorkbookReader;
	export = WorkbookReader;
}
