import { describe, expect, it } from 'vitest';
import { formatRupiah, parseAmountInput, toRupiah } from '../../lib/amounts.js';

describe('amounts in whole rupiah', () => {
	it('reads the shapes OY! answers with', () => {
		expect(toRupiah(10000)).toBe(10000);
		expect(toRupiah(2000.0)).toBe(2000);
		expect(toRupiah('10000.0000')).toBe(10000);
		expect(toRupiah(' 98500000.0000 ')).toBe(98500000);
	});

	it('does not round a real fraction or read text as money', () => {
		expect(toRupiah(2500.5)).toBeNull();
		expect(toRupiah('2500.50')).toBeNull();
		expect(toRupiah('Rp10.000')).toBeNull();
		expect(toRupiah(null)).toBeNull();
		expect(toRupiah(Number.MAX_SAFE_INTEGER + 2)).toBeNull();
	});

	it('accepts whole amounts from a workflow and refuses everything a person could misread', () => {
		expect(parseAmountInput(150000)).toEqual({ amount: 150000 });
		expect(parseAmountInput('150000')).toEqual({ amount: 150000 });
		expect(parseAmountInput('150000.00')).toEqual({ amount: 150000 });
		expect(parseAmountInput('150.000')).toEqual({
			problem: 'is ambiguous ("150.000" may mean 150000); write digits only',
		});
		expect(parseAmountInput('150.500')).toEqual({
			problem: 'is ambiguous ("150.500" may mean 150500); write digits only',
		});
		expect(parseAmountInput('150.5')).toEqual({
			problem: 'must be a whole number of rupiah (no fractions)',
		});
		expect(parseAmountInput('150,000')).toEqual({
			problem:
				'must be a whole number of rupiah written with digits only (no dots, commas or currency)',
		});
		expect(parseAmountInput(1500.5)).toEqual({
			problem: 'must be a whole number of rupiah (no fractions)',
		});
		expect(parseAmountInput('')).toEqual({ problem: 'is empty' });
		expect(parseAmountInput(true)).toEqual({ problem: 'must be a whole number of rupiah' });
		expect(parseAmountInput(1e20)).toEqual({ problem: 'is too large' });
	});

	it('writes rupiah the Indonesian way', () => {
		expect(formatRupiah(10000)).toBe('Rp10.000');
		expect(formatRupiah(98500000)).toBe('Rp98.500.000');
	});
});
