import { parseAmountInput } from './amounts';
import { isClosedTable, optionsOf, tableName } from './optionTables';
import { normalizeDateInput, whyNotADate } from './dates';
import { isRecord, readPath, setPath } from './json';
import type {
	OperationDefinition,
	ParameterDefinition,
	ParameterOption,
	ValidationProblem,
} from './types';

export interface ValidationResult {
	/** the input with types coerced, dates written as OY! expects and empty optional values removed */
	input: Record<string, unknown>;
	problems: ValidationProblem[];
}

const EMAIL = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;
const DIGITS = /^\d+$/;

function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

function optionValues(options: readonly (string | ParameterOption)[]): string[] {
	return options.map((option) => (typeof option === 'string' ? option : option.value));
}

function describeOptions(values: string[]): string {
	return values.length <= 40 ? values.join(', ') : `${values.slice(0, 40).join(', ')} …`;
}

/** Coerces and checks one value; returns the coerced value or a problem text. */
function checkValue(
	definition: ParameterDefinition,
	value: unknown,
	field: string,
	problems: ValidationProblem[],
): unknown {
	const problem = (message: string) => {
		problems.push({ field, message: `${field} ${message}` });
		return undefined;
	};
	switch (definition.type) {
		case 'string':
		case 'digits': {
			let text: string;
			if (typeof value === 'string') text = value.trim();
			else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
				text = String(value);
			else return problem('must be text');
			if (definition.type === 'digits' && !DIGITS.test(text))
				return problem('must contain digits only');
			const checked = checkText(definition, text, problem);
			return checked === undefined ? undefined : checkTable(definition, checked, problem);
		}
		case 'email': {
			if (typeof value !== 'string' || !EMAIL.test(value.trim())) {
				return problem('must be an e-mail address');
			}
			return checkText(definition, value.trim(), problem);
		}
		case 'emailList': {
			const separator = definition.separator ?? ' ';
			const list = Array.isArray(value)
				? value.map((entry) => String(entry).trim())
				: typeof value === 'string'
					? value.split(/[\s,;]+/).map((entry) => entry.trim())
					: null;
			if (list === null) return problem('must be e-mail addresses');
			const addresses = list.filter((entry) => entry !== '');
			const bad = addresses.filter((address) => !EMAIL.test(address));
			if (bad.length > 0) return problem(`has addresses that are not valid: ${bad.join(', ')}`);
			if (definition.maxItems !== undefined && addresses.length > definition.maxItems) {
				return problem(
					`may hold at most ${definition.maxItems} addresses (got ${addresses.length})`,
				);
			}
			return checkText(definition, addresses.join(separator), problem);
		}
		case 'url': {
			if (typeof value !== 'string') return problem('must be a URL');
			try {
				const url = new URL(value.trim());
				if (url.protocol !== 'https:' && url.protocol !== 'http:')
					return problem('must start with https://');
			} catch {
				return problem('must be a URL');
			}
			return checkText(definition, value.trim(), problem);
		}
		case 'integer':
		case 'amount':
		case 'number': {
			let number: number;
			if (definition.type === 'amount') {
				const parsed = parseAmountInput(value);
				if ('problem' in parsed) return problem(parsed.problem);
				number = parsed.amount;
			} else {
				// "1.000" is a thousand in Indonesian writing and 1 to Number(): only plain digits are read.
				if (typeof value === 'string' && !/^[+-]?\d+(\.\d+)?$/.test(value.trim())) {
					return problem('must be a number written with digits only (no thousands separators)');
				}
				const grouped = typeof value === 'string' && /^[+-]?\d{1,3}(\.\d{3})+$/.test(value.trim());
				if (grouped && definition.type === 'integer') {
					return problem(
						`must be a whole number written with digits only ("${(value as string).trim()}" may mean ${(value as string).trim().replace(/\./g, '')})`,
					);
				}
				number = typeof value === 'string' ? Number(value.trim()) : (value as number);
				if (typeof number !== 'number' || !Number.isFinite(number))
					return problem('must be a number');
				if (definition.type === 'integer' && !Number.isInteger(number)) {
					return problem('must be a whole number');
				}
			}
			if (definition.minimum !== undefined && number < definition.minimum) {
				return problem(`must be at least ${definition.minimum} (got ${number})`);
			}
			if (definition.maximum !== undefined && number > definition.maximum) {
				return problem(`must be at most ${definition.maximum} (got ${number})`);
			}
			return checkOptions(definition, number, problem);
		}
		case 'boolean': {
			if (typeof value === 'boolean') return value;
			if (value === 'true' || value === 'false') return value === 'true';
			return problem('must be true or false');
		}
		case 'date': {
			const format = definition.dateFormat ?? 'yyyy-MM-dd';
			const refused = whyNotADate(value, format);
			if (refused !== undefined) return problem(refused);
			const written = normalizeDateInput(value, format, definition.dateZone ?? 'WIB');
			if (written === null) return problem(`must be a date (${format} or ISO-8601)`);
			return written;
		}
		case 'object': {
			if (!isRecord(value)) return problem('must be an object');
			return value;
		}
		case 'stringArray': {
			const list = Array.isArray(value)
				? value
				: typeof value === 'string'
					? value
							.split(',')
							.map((entry) => entry.trim())
							.filter((entry) => entry !== '')
					: null;
			if (list === null || list.some((entry) => typeof entry !== 'string')) {
				return problem('must be a list of texts');
			}
			if (definition.maxItems !== undefined && list.length > definition.maxItems) {
				return problem(`may hold at most ${definition.maxItems} entries (got ${list.length})`);
			}
			if (definition.options) {
				const allowed = optionValues(definition.options);
				const bad = list.filter((entry) => !allowed.includes(entry));
				if (bad.length > 0) return problem(`has values that are not allowed: ${bad.join(', ')}`);
			}
			return list;
		}
		case 'codeList': {
			const codes = Array.isArray(value)
				? value.map((entry) => String(entry).trim())
				: typeof value === 'string'
					? value.split(',').map((entry) => entry.trim())
					: null;
			if (codes === null) return problem('must be codes separated by commas');
			const listed = codes.filter((code) => code !== '');
			const allowed = optionsOf(definition)?.map((option) => option.value);
			const bad = allowed ? listed.filter((code) => !allowed.includes(code)) : [];
			if (allowed && bad.length > 0) {
				return problem(
					`must list codes separated by commas, each one of: ${describeOptions(allowed)} (not allowed: ${bad.join(', ')})`,
				);
			}
			return checkText(
				{ ...definition, options: undefined, optionsFrom: undefined },
				listed.join(','),
				problem,
			);
		}
		case 'array': {
			if (!Array.isArray(value)) return problem('must be a list');
			if (definition.maxItems !== undefined && value.length > definition.maxItems) {
				return problem(`may hold at most ${definition.maxItems} entries (got ${value.length})`);
			}
			if (!definition.items) return value;
			return value.map((element, index) => {
				if (!isRecord(element)) {
					return problem(`[${index}] must be an object`);
				}
				return validateFields(definition.items ?? [], element, `${field}[${index}].`, problems);
			});
		}
	}
}

function checkText(
	definition: ParameterDefinition,
	text: string,
	problem: (message: string) => undefined,
): string | undefined {
	if (definition.minLength !== undefined && text.length < definition.minLength) {
		return problem(`must be at least ${definition.minLength} characters long`);
	}
	if (definition.maxLength !== undefined && text.length > definition.maxLength) {
		return problem(`must be at most ${definition.maxLength} characters long (got ${text.length})`);
	}
	if (definition.pattern && !definition.pattern.regex.test(text)) {
		return problem(definition.pattern.rule);
	}
	return checkOptions(definition, text, problem);
}

interface TableLookup {
	exact: Map<string, string>;
	/** by the code in lower case: the table's first code that reads the same */
	lowerCase: Map<string, string>;
}

/** Definitions are constants: each table's lookup is built once, not for every value checked. */
const TABLE_LOOKUPS = new WeakMap<ParameterDefinition, TableLookup>();

function tableLookup(definition: ParameterDefinition): TableLookup {
	let lookup = TABLE_LOOKUPS.get(definition);
	if (!lookup) {
		lookup = { exact: new Map(), lowerCase: new Map() };
		for (const { value } of optionsOf(definition) ?? []) {
			if (!lookup.exact.has(value)) lookup.exact.set(value, value);
			const lower = value.toLowerCase();
			if (!lookup.lowerCase.has(lower)) lookup.lowerCase.set(lower, value);
		}
		TABLE_LOOKUPS.set(definition, lookup);
	}
	return lookup;
}

/**
 * A code from one of OY's tables (bank codes …): OY! answers a code outside its table with a
 * refusal that names no parameter (disbursement 205), so it is refused here, naming it. Letter
 * case is taken from the table (`OVO` is sent as `ovo`).
 */
function checkTable(
	definition: ParameterDefinition,
	text: string,
	problem: (message: string) => undefined,
): string | undefined {
	if (!definition.optionsFrom || !isClosedTable(definition.optionsFrom)) return text;
	const { exact, lowerCase } = tableLookup(definition);
	const found = exact.get(text) ?? lowerCase.get(text.toLowerCase());
	if (found !== undefined) return found;
	return problem(
		`must be one of OY's ${tableName(definition.optionsFrom)} (got ${text}); pick it from the list`,
	);
}

function checkOptions<T extends string | number>(
	definition: ParameterDefinition,
	value: T,
	problem: (message: string) => undefined,
): T | undefined {
	if (!definition.options) return value;
	const allowed = optionValues(definition.options);
	if (!allowed.includes(String(value))) {
		return problem(`must be one of ${describeOptions(allowed)} (got ${value})`);
	}
	return value;
}

const TOP_LEVEL_NAMES = new WeakMap<readonly ParameterDefinition[], ReadonlySet<string>>();

/** The input keys a parameter list accepts, worked out once per list. */
function topLevelNames(definitions: readonly ParameterDefinition[]): ReadonlySet<string> {
	let names = TOP_LEVEL_NAMES.get(definitions);
	if (!names) {
		names = new Set(definitions.map((definition) => definition.name.split('.')[0]));
		TOP_LEVEL_NAMES.set(definitions, names);
	}
	return names;
}

function validateFields(
	definitions: readonly ParameterDefinition[],
	input: Record<string, unknown>,
	prefix: string,
	problems: ValidationProblem[],
): Record<string, unknown> {
	const output: Record<string, unknown> = {};
	for (const definition of definitions) {
		const field = `${prefix}${definition.name}`;
		if (definition.fixed !== undefined) {
			setPath(output, definition.name, definition.fixed);
			continue;
		}
		const value = readPath(input, definition.name);
		if (isEmpty(value)) {
			if (definition.required) problems.push({ field, message: `${field} is required` });
			else if (definition.nullWhenEmpty) setPath(output, definition.name, null);
			continue;
		}
		const before = problems.length;
		const checked = checkValue(definition, value, field, problems);
		if (problems.length === before) setPath(output, definition.name, checked);
	}
	const known = topLevelNames(definitions);
	for (const key of Object.keys(input)) {
		if (!known.has(key) && !isEmpty(input[key])) {
			problems.push({
				field: `${prefix}${key}`,
				message: `${prefix}${key} is not a parameter OY! accepts here`,
			});
		}
	}
	return output;
}

/** Checks an input against an operation's parameters and its cross-field rules. */
export function validateInput(
	operation: OperationDefinition,
	input: Record<string, unknown>,
): ValidationResult {
	return validateParameters(operation.params, input, operation.checks);
}

/** The same checks for a parameter list that is not an OY! request (a row of a bulk disburse file). */
export function validateParameters(
	params: readonly ParameterDefinition[],
	input: Record<string, unknown>,
	checks: OperationDefinition['checks'] = [],
): ValidationResult {
	const problems: ValidationProblem[] = [];
	const prepared = validateFields(params, input, '', problems);
	if (problems.length === 0) {
		for (const check of checks ?? []) {
			const problem = check(prepared);
			if (problem) problems.push(problem);
		}
	}
	return { input: prepared, problems };
}
