import { VA_BANKS } from './operations/virtualAccount';
import { DISBURSEMENT_BANKS } from './tables/disbursementBanks';
import type { OptionTable, ParameterOption } from './types';

const byCode = (rows: ReadonlyArray<{ code: string; name: string }>): ParameterOption[] =>
	rows.map((row) => ({ value: row.code, name: `${row.name} (${row.code})` }));

/** The value lists behind `optionsFrom`, for dropdowns. A table not listed here has no list yet. */
export const OPTION_TABLES: Partial<Record<OptionTable, readonly ParameterOption[]>> = {
	disbursementBanks: byCode(DISBURSEMENT_BANKS),
	vaBanks: byCode(VA_BANKS),
	customizedVaBanks: byCode(VA_BANKS.filter((bank) => bank.customized)),
};

/** The options a parameter offers: its own list, or the table it names. */
export function optionsOf(parameter: {
	options?: readonly (string | ParameterOption)[];
	optionsFrom?: OptionTable;
}): ParameterOption[] | undefined {
	if (parameter.optionsFrom && OPTION_TABLES[parameter.optionsFrom]) {
		const table = OPTION_TABLES[parameter.optionsFrom] ?? [];
		if (!parameter.options) return [...table];
		const allowed = new Set(parameter.options.map((option) => (typeof option === 'string' ? option : option.value)));
		return table.filter((option) => allowed.has(option.value));
	}
	return parameter.options?.map((option) => (typeof option === 'string' ? { value: option, name: option } : option));
}
