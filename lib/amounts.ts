/**
 * Amounts are whole rupiah. OY! answers them as integers, as decimals with four zero places
 * (`10000.0000`) or as strings of either; requests take integers.
 */

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A whole-rupiah amount from an answer, or null when it is missing or has a real fraction. */
export function toRupiah(value: unknown): number | null {
	let number: number;
	if (typeof value === 'number') number = value;
	else if (typeof value === 'string' && DECIMAL.test(value.trim())) number = Number(value.trim());
	else return null;
	if (!Number.isFinite(number) || !Number.isInteger(number) || !Number.isSafeInteger(number))
		return null;
	return number;
}

/**
 * Reads an amount a person or a workflow supplied. Accepts integers and integral strings
 * (`"150000"`, `"150000.00"`); refuses fractions, separators and anything else, because a
 * silently rounded or misread amount is money lost.
 */
export function parseAmountInput(value: unknown): { amount: number } | { problem: string } {
	if (typeof value === 'string') {
		const trimmed = value.trim();
		if (trimmed === '') return { problem: 'is empty' };
		if (!DECIMAL.test(trimmed)) {
			return {
				problem:
					'must be a whole number of rupiah written with digits only (no dots, commas or currency)',
			};
		}
		// In Indonesian "150.000" is a hundred and fifty thousand: never read three decimals as a fraction.
		const fraction = trimmed.split('.')[1];
		if (fraction !== undefined && fraction.length === 3) {
			return {
				problem: `is ambiguous ("${trimmed}" may mean ${trimmed.replace('.', '')}); write digits only`,
			};
		}
		value = Number(trimmed);
	}
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		return { problem: 'must be a whole number of rupiah' };
	}
	if (!Number.isInteger(value))
		return { problem: 'must be a whole number of rupiah (no fractions)' };
	if (!Number.isSafeInteger(value)) return { problem: 'is too large' };
	return { amount: value };
}

const IDR = new Intl.NumberFormat('id-ID');

/** `Rp10.000`, for messages and reports. */
export function formatRupiah(amount: number): string {
	return `Rp${IDR.format(amount)}`;
}
