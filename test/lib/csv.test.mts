import { describe, expect, it } from 'vitest';
import { csvCell, csvText, startsLikeFormula } from '../../lib/csv.js';

describe('CSV as RFC 4180 writes it', () => {
	it('leaves a plain cell as it is and quotes one with a comma, a double quote or a line break', () => {
		expect(csvCell('Budi Santoso')).toBe('Budi Santoso');
		expect(csvCell('Santoso, Budi')).toBe('"Santoso, Budi"');
		expect(csvCell('Budi "Bud"')).toBe('"Budi ""Bud"""');
		expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
		expect(csvCell('line 1\r\nline 2')).toBe('"line 1\r\nline 2"');
		expect(csvCell('')).toBe('');
	});

	it('joins cells with commas and records with CRLF, with no line break after the last', () => {
		expect(
			csvText([
				['a', 'b,c'],
				['d"', ''],
			]),
		).toBe('a,"b,c"\r\n"d""",');
	});

	it('knows the cells a spreadsheet would run as a formula', () => {
		for (const cell of ['=1+1', '+62812', '-10000', '@SUM(A1)', '\t=1', '\r=1'])
			expect(startsLikeFormula(cell)).toBe(true);
		for (const cell of ['62812', 'Budi = Budi', 'Bonus -10', 'a@b.co', ''])
			expect(startsLikeFormula(cell)).toBe(false);
	});
});
