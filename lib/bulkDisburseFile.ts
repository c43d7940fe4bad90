import { csvText, startsLikeFormula } from './csv';
import { checkDisbursementMinimum, DISBURSEMENT_PARAMS } from './operations/disbursement';
import type { ParameterDefinition, ValidationProblem } from './types';
import { validateParameters } from './validation';

/**
 * OY's Bulk Disburse takes a CSV or xlsx file uploaded in the dashboard (Send Payments › Bulk
 * Disburse), which a maker submits and an approver approves (OY product guide: Bulk Disburse). This builds that file
 * from a run's items; it sends nothing to OY! and moves no money by itself.
 */
export const BULK_DISBURSE_FILE = {
	id: 'disbursement.buildBulkFile',
	resource: 'disbursement',
	name: 'Build Bulk Disburse File',
	action: 'Build a bulk disburse file',
	description:
		"Writes the items into one CSV file in the columns OY's dashboard takes for Bulk Disburse, for OY's own maker and approver flow. Sends nothing to OY! and moves no money.",
	docs: 'OY product guide: Bulk Disburse, FAQs › API and Bulk Disbursement',
} as const;

function fromCreateDisbursement(name: string): ParameterDefinition {
	const parameter = DISBURSEMENT_PARAMS.find((candidate) => candidate.name === name);
	if (!parameter) throw new Error(`Create Disbursement has no parameter ${name}`);
	return parameter;
}

/**
 * One row of the file. The money fields are Create Disbursement's own (bank table, digits-only
 * account, whole-rupiah amount with its minimum, the note's characters, up to 5 e-mails). The guide
 * calls every column but Notes required (OY product guide: Bulk Disburse › how to use); it gives no length for Name and Phone
 * Number, so OY's usual String(255) is assumed.
 */
export const BULK_ROW_PARAMS: readonly ParameterDefinition[] = [
	{
		name: 'recipient_name',
		displayName: 'Recipient Name',
		in: 'body',
		type: 'string',
		required: true,
		maxLength: 255,
		pattern: { regex: /^\P{Cc}*$/u, rule: 'must be one line of text (no line breaks or tabs)' },
		description:
			"Column Name. For your own records: OY! pays when the account is valid even if the account holder's name differs (OY product guide, FAQs)",
	},
	{ ...fromCreateDisbursement('email'), required: true },
	fromCreateDisbursement('amount'),
	{
		...fromCreateDisbursement('recipient_bank'),
		displayName: 'Bank Code',
		description:
			'Column Bank Code: the bank or e-wallet code of Create Disbursement, e.g. 014 for BCA',
	},
	{ ...fromCreateDisbursement('recipient_account'), displayName: 'Bank Account Number' },
	{
		name: 'phone_number',
		displayName: 'Phone Number',
		in: 'body',
		type: 'digits',
		required: true,
		maxLength: 255,
		description:
			'Column Phone Number, digits only, e.g. 62812341234. For your own records: OY! neither uses it nor sends it to the recipient (OY product guide, FAQs)',
	},
	{ ...fromCreateDisbursement('note'), displayName: 'Notes' },
];

/** The file's columns, in the guide's order and spelling (OY product guide: Bulk Disburse › how to use). */
export const BULK_DISBURSE_COLUMNS: ReadonlyArray<{ header: string; field: string }> = [
	{ header: 'Name', field: 'recipient_name' },
	{ header: 'Email', field: 'email' },
	{ header: 'Amount', field: 'amount' },
	{ header: 'Bank Code', field: 'recipient_bank' },
	{ header: 'Bank Account Number', field: 'recipient_account' },
	{ header: 'Phone Number', field: 'phone_number' },
	{ header: 'Notes', field: 'note' },
];

/** A row that cannot go into the file: its index in the input and why (the field's wire name first). */
export interface RowProblem extends ValidationProblem {
	index: number;
}

/** Rows that pay the same account the same amount; each but the first is refused unless allowed. */
export interface RepeatedPayout {
	indexes: number[];
	recipient_bank: string;
	recipient_account: string;
	amount: number;
}

export type BulkFileResult =
	| { problems: RowProblem[] }
	| {
			problems: [];
			csv: string;
			count: number;
			totalAmount: number;
			amounts: number[];
			repeated: RepeatedPayout[];
	  };

function formulaProblems(row: Record<string, unknown>): ValidationProblem[] {
	return BULK_DISBURSE_COLUMNS.flatMap(({ field }) => {
		const value = row[field];
		if (typeof value !== 'string' || !startsLikeFormula(value)) return [];
		const first =
			value.charAt(0) === '\t'
				? 'a tab'
				: value.charAt(0) === '\r'
					? 'a line break'
					: `"${value.charAt(0)}"`;
		return [
			{
				field,
				message: `${field} starts with ${first}, which a spreadsheet runs as a formula when the file is opened; remove it (the file never alters a value)`,
			},
		];
	});
}

function repeatedPayouts(
	rows: ReadonlyArray<{ index: number; row: Record<string, unknown> }>,
): RepeatedPayout[] {
	const byPayout = new Map<string, RepeatedPayout>();
	for (const { index, row } of rows) {
		const key = [row.recipient_bank, row.recipient_account, row.amount].join('|');
		const known = byPayout.get(key);
		if (known) known.indexes.push(index);
		else
			byPayout.set(key, {
				indexes: [index],
				recipient_bank: String(row.recipient_bank),
				recipient_account: String(row.recipient_account),
				amount: Number(row.amount),
			});
	}
	return [...byPayout.values()].filter((payout) => payout.indexes.length > 1);
}

/**
 * Checks every row and, when all pass, writes the file: a header of the guide's column names and
 * one record per row, in input order. Any bad row refuses the whole file, naming every bad row.
 */
export function buildBulkDisburseFile(
	rows: ReadonlyArray<Record<string, unknown>>,
	options: { allowRepeated: boolean },
): BulkFileResult {
	const problems: RowProblem[] = [];
	const checked: Array<{ index: number; row: Record<string, unknown> }> = [];
	rows.forEach((row, index) => {
		const result = validateParameters(BULK_ROW_PARAMS, row, [checkDisbursementMinimum]);
		const found = result.problems.length > 0 ? result.problems : formulaProblems(result.input);
		problems.push(...found.map((problem) => ({ ...problem, index })));
		if (found.length === 0) checked.push({ index, row: result.input });
	});
	const repeated = repeatedPayouts(checked);
	if (!options.allowRepeated) {
		for (const payout of repeated) {
			for (const index of payout.indexes.slice(1)) {
				problems.push({
					index,
					field: 'row',
					message: `the row pays the same Bank Code, Bank Account Number and Amount as item ${payout.indexes[0]} (a repeated row pays twice); remove it, or turn on Allow Repeated Payouts`,
				});
			}
		}
	}
	if (problems.length > 0) return { problems: problems.sort((a, b) => a.index - b.index) };
	const amounts = checked.map(({ row }) => Number(row.amount));
	const totalAmount = amounts.reduce((sum, amount) => sum + amount, 0);
	const records = [
		BULK_DISBURSE_COLUMNS.map((column) => column.header),
		...checked.map(({ row }) =>
			BULK_DISBURSE_COLUMNS.map(({ field }) =>
				row[field] === undefined ? '' : String(row[field]),
			),
		),
	];
	return {
		problems: [],
		csv: csvText(records),
		count: checked.length,
		totalAmount,
		amounts,
		repeated,
	};
}
