import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NodeHelpers } from 'n8n-workflow';
import type {
	IDataObject,
	INodeCredentialDescription,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { Oy } from '../../nodes/Oy/Oy.node.js';
import { BULK_FILE_FROM_ITEMS as FILE_FROM_ITEMS } from '../support/operationParameters.mjs';
import { useOyHarness } from './harness.mjs';
import type { OyRun } from './harness.mjs';

/** Issue 15 item 5: Disbursement › Build Bulk Disburse File, run in n8n's engine. */
const oy = useOyHarness();

/** The guide's CSV items, OY product guide: Bulk Disburse › how to use ("Column Description Example"), in its order. */
const GUIDE_COLUMNS = [
	'Name',
	'Email',
	'Amount',
	'Bank Code',
	'Bank Account Number',
	'Phone Number',
	'Notes',
];
const HEADER = GUIDE_COLUMNS.join(',');

/** The guide's example row (OY product guide: Bulk Disburse › how to use), and a second payee. */
const BUDY = {
	name: 'Budy',
	email: 'Budi@email.com',
	amount: '100000',
	bank: '014',
	account: '12341234',
	phone: '62812341234',
};
const SITI = {
	name: 'Siti Aminah',
	email: 'siti@example.com',
	amount: 250000,
	bank: '009',
	account: '0098765432',
	phone: '6281298765432',
	note: 'Gaji Mei',
};

function csvOf(item: INodeExecutionData): string {
	const binary = item.binary?.data;
	expect(binary).toBeDefined();
	return Buffer.from(binary?.data ?? '', 'base64').toString('utf8');
}

function builtFile(run: OyRun): { json: IDataObject; csv: string; item: INodeExecutionData } {
	expect(run.error).toBeUndefined();
	expect(run.items).toHaveLength(1);
	// a local operation: OY! never hears of it
	expect(run.requests).toHaveLength(0);
	return { json: run.items[0].json, csv: csvOf(run.items[0]), item: run.items[0] };
}

describe('Build Bulk Disburse File: the file', () => {
	it("writes the guide's columns in its order, one row per item, with the values as OY! takes them", async () => {
		const run = await oy.run(FILE_FROM_ITEMS, {
			input: [
				BUDY,
				{ ...SITI, bank: 'ovo', account: '081298765432', amount: '50000', email: 'a@x.co, b@y.co' },
			],
		});
		const { csv, json, item } = builtFile(run);
		expect(csv.split('\r\n')).toEqual([
			HEADER,
			'Budy,Budi@email.com,100000,014,12341234,62812341234,',
			'Siti Aminah,a@x.co b@y.co,50000,ovo,081298765432,6281298765432,Gaji Mei',
		]);
		expect(json).toEqual({
			fileName: 'oy-bulk-disburse.csv',
			count: 2,
			totalAmount: 150000,
			totalAmountText: 'Rp150.000',
			columns: GUIDE_COLUMNS,
			repeatedPayouts: [],
			sentToOy: false,
		});
		expect(item.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(item.binary?.data).toMatchObject({
			mimeType: 'text/csv',
			fileName: 'oy-bulk-disburse.csv',
			fileExtension: 'csv',
		});
	});

	it('keeps leading zeros and takes the bank code in the case of the docs table (OVO is ovo)', async () => {
		const { csv } = builtFile(
			await oy.run(FILE_FROM_ITEMS, {
				input: [{ ...SITI, bank: 'OVO', account: '0812000111', amount: '100' }],
			}),
		);
		expect(csv.split('\r\n')[1]).toBe(
			'Siti Aminah,siti@example.com,100,ovo,0812000111,6281298765432,Gaji Mei',
		);
	});

	it('quotes a cell with a comma or a double quote, doubling the quote (RFC 4180)', async () => {
		const { csv } = builtFile(
			await oy.run(FILE_FROM_ITEMS, {
				input: [{ ...SITI, name: 'Santoso, Budi "Bud"', note: 'Gaji, Mei' }],
			}),
		);
		expect(csv.split('\r\n')[1]).toBe(
			'"Santoso, Budi ""Bud""",siti@example.com,250000,009,0098765432,6281298765432,"Gaji, Mei"',
		);
	});

	it('names the file after File Name, adding .csv', async () => {
		const run = await oy.run(
			{ ...FILE_FROM_ITEMS, options: { fileName: 'payroll-2024-05' } },
			{ input: [BUDY] },
		);
		const { json, item } = builtFile(run);
		expect(json.fileName).toBe('payroll-2024-05.csv');
		expect(item.binary?.data).toMatchObject({
			fileName: 'payroll-2024-05.csv',
			mimeType: 'text/csv',
		});
	});

	it('refuses a File Name with a slash', async () => {
		const run = await oy.run(
			{ ...FILE_FROM_ITEMS, options: { fileName: '../payroll.csv' } },
			{ input: [BUDY] },
		);
		expect(run.error?.message).toBe(
			`'File Name' may not contain slashes or control characters (got "../payroll.csv")`,
		);
		expect(run.items).toHaveLength(0);
	});

	it('needs no OY! credential, and its Options are the file name, repeated payouts and the caps', () => {
		const { description } = new Oy();
		const values = { resource: 'disbursement', operation: 'buildBulkFile' };
		const shown = (parameter: INodeProperties | INodeCredentialDescription) =>
			NodeHelpers.displayParameter(values, parameter, { typeVersion: 1 }, description, values);
		const [credential] = description.credentials ?? [];
		expect(shown(credential)).toBe(false);
		expect(
			NodeHelpers.displayParameter(
				{ resource: 'disbursement', operation: 'create' },
				credential,
				{ typeVersion: 1 },
				description,
			),
		).toBe(true);
		const options = description.properties.find((property) => property.name === 'options')
			?.options as INodeProperties[];
		expect(options.filter(shown).map((option) => option.displayName)).toEqual([
			'Allow Repeated Payouts',
			'File Name',
			'Max Amount per Payout',
			'Max Total per Run',
		]);
	});
});

describe('Build Bulk Disburse File: a bad row refuses the whole file', () => {
	it('names every bad item and why, with the checks of Create Disbursement, and builds nothing', async () => {
		const run = await oy.run(FILE_FROM_ITEMS, {
			input: [
				BUDY,
				{ ...BUDY, amount: '5000' },
				{ ...BUDY, bank: 'XYZ' },
				{ ...BUDY, account: '1234-5678' },
				{ ...BUDY, amount: '150.000' },
				{ ...BUDY, amount: '-100000' },
				{ ...BUDY, email: '' },
				{ ...BUDY, email: 'a@x.co b@x.co c@x.co d@x.co e@x.co f@x.co' },
				{ ...BUDY, note: 'Gaji <script>' },
				{ ...BUDY, phone: '+62812341234' },
				{ ...BUDY, name: 'Budy\nSantoso' },
			],
		});
		expect(run.items).toHaveLength(0);
		expect(run.requests).toHaveLength(0);
		expect(run.error?.message).toBe(
			'10 items cannot go into the bulk disburse file (items 1-10): no file was built',
		);
		const problems = run.error?.context?.problems as Array<{
			itemIndex: number;
			field: string;
			reason: string;
		}>;
		expect(problems.map((problem) => [problem.itemIndex, problem.reason])).toEqual([
			[1, "'Amount' must be at least 10000 rupiah for a bank recipient (got 5000)"],
			[
				2,
				"'Bank Name or ID' must be one of OY's Disbursement Bank Codes (got XYZ); pick it from the list",
			],
			[3, "'Bank Account Number' must contain digits only"],
			[4, `'Amount' is ambiguous ("150.000" may mean 150000); write digits only`],
			[5, "'Amount' must be at least 100 (got -100000)"],
			[6, "'Email' is required"],
			[7, "'Email' may hold at most 5 addresses (got 6)"],
			[8, "'Notes' may contain letters, digits, spaces and common symbols only"],
			[9, "'Phone Number' must contain digits only"],
			[10, "'Recipient Name' must be one line of text (no line breaks or tabs)"],
		]);
		expect(run.error?.description).toContain(
			"item 1: 'Amount' must be at least 10000 rupiah for a bank recipient (got 5000); item 2: ",
		);
		expect(run.error?.description).toMatch(/No file was built, and nothing was sent to OY!\.$/);
	});

	it('refuses a cell a spreadsheet would run as a formula, and never alters it', async () => {
		const run = await oy.run(FILE_FROM_ITEMS, {
			input: [
				{ ...BUDY, name: '=HYPERLINK("http://x.example","Budy")' },
				{ ...BUDY, name: '@SUM(A1)' },
				{ ...BUDY, note: '-Bonus' },
				{ ...BUDY, note: '+Bonus' },
				// inside a cell they are plain text
				{ ...BUDY, name: 'Budy = Budi', note: 'Bonus -10 @Mei', amount: '100001' },
			],
		});
		expect(run.error?.message).toBe(
			'4 items cannot go into the bulk disburse file (items 0-3): no file was built',
		);
		const problems = run.error?.context?.problems as Array<{ itemIndex: number; reason: string }>;
		expect(problems.map((problem) => problem.itemIndex)).toEqual([0, 1, 2, 3]);
		expect(problems[0].reason).toBe(
			`'Recipient Name' starts with "=", which a spreadsheet runs as a formula when the file is opened; remove it (the file never alters a value)`,
		);
		expect(problems[2].reason).toMatch(/^'Notes' starts with "-"/);
	});

	it('refuses a row that pays the same account the same amount as another, naming both', async () => {
		const run = await oy.run(FILE_FROM_ITEMS, {
			input: [BUDY, SITI, { ...BUDY, name: 'Budy again', amount: 100000 }],
		});
		expect(run.error?.message).toBe(
			'1 item cannot go into the bulk disburse file (item 2): no file was built',
		);
		expect(run.error?.description).toContain(
			'item 2: the row pays the same Bank Code, Bank Account Number and Amount as item 0 (a repeated row pays twice); remove it, or turn on Allow Repeated Payouts',
		);
	});

	it('builds it with Allow Repeated Payouts, listing the repeated rows in the summary', async () => {
		const run = await oy.run(
			{ ...FILE_FROM_ITEMS, options: { allowRepeatedPayouts: true } },
			{ input: [BUDY, SITI, BUDY] },
		);
		const { json, csv } = builtFile(run);
		expect(csv.split('\r\n')).toHaveLength(4);
		expect(json.repeatedPayouts).toEqual([
			{ items: [0, 2], recipient_bank: '014', recipient_account: '12341234', amount: 100000 },
		]);
		expect(json.totalAmount).toBe(450000);
	});
});

describe('Build Bulk Disburse File: the caps of Create Disbursement', () => {
	it('Max Amount per Payout refuses the file and names the rows above it', async () => {
		const run = await oy.run(
			{ ...FILE_FROM_ITEMS, options: { maxAmountPerPayout: '200000' } },
			{ input: [BUDY, SITI] },
		);
		expect(run.error?.message).toBe(
			'1 payout is over Max Amount per Payout (Rp200.000): item 1 Rp250.000: no file was built',
		);
		expect(run.error?.description).toBe(
			'Raise Max Amount per Payout, or take these items out of the run. No file was built, and nothing was sent to OY!.',
		);
		expect(run.items).toHaveLength(0);
	});

	it('Max Total per Run refuses the file when its rows add up to more, and builds it at exactly the cap', async () => {
		const over = await oy.run(
			{ ...FILE_FROM_ITEMS, options: { maxTotalPerRun: '349999' } },
			{ input: [BUDY, SITI] },
		);
		expect(over.error?.message).toBe(
			'This run (Rp350.000 in 2 payouts: items 0-1) is over Max Total per Run (Rp349.999): no file was built',
		);
		const exact = await oy.run(
			{ ...FILE_FROM_ITEMS, options: { maxTotalPerRun: '350000' } },
			{ input: [BUDY, SITI] },
		);
		expect(builtFile(exact).json.totalAmount).toBe(350000);
	});
});

describe('Build Bulk Disburse File when failed items continue', () => {
	const input = [BUDY, { ...SITI, amount: '5000' }, { ...BUDY, bank: 'XYZ' }];

	it('outputs one error item paired with every input, naming each bad item, and no file', async () => {
		const run = await oy.run(FILE_FROM_ITEMS, { input, continueOnFail: true });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(1);
		const [item] = run.items;
		expect(item.binary).toBeUndefined();
		expect(item.pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(item.json).toMatchObject({
			error: '2 items cannot go into the bulk disburse file (items 1-2): no file was built',
			fileBuilt: false,
			items: [1, 2],
		});
		expect((item.json.problems as IDataObject[]).map((problem) => problem.itemIndex)).toEqual([
			1, 2,
		]);
	});

	it('puts that item on the error output with On Error › Continue (using error output)', async () => {
		const run = await oy.run(FILE_FROM_ITEMS, { input, errorOutput: true });
		expect(run.items).toHaveLength(0);
		expect(run.errorItems).toHaveLength(1);
		expect(run.errorItems[0].json.message).toBe(
			'2 items cannot go into the bulk disburse file (items 1-2): no file was built',
		);
		expect(run.errorItems[0].json.error).toMatchObject({ fileBuilt: false, items: [1, 2] });
	});

	it('refuses a capped run the same way', async () => {
		const run = await oy.run(
			{ ...FILE_FROM_ITEMS, options: { maxAmountPerPayout: '100000' } },
			{ input: [BUDY, SITI], continueOnFail: true },
		);
		expect(run.items).toHaveLength(1);
		expect(run.items[0].binary).toBeUndefined();
		expect(run.items[0].json).toMatchObject({ fileBuilt: false, items: [1], cap: 100000 });
	});
});

/** The guide's column table as it stands (OY product guide, "Bulk Disburse", the CSV's required items), kept with the tests. */
const GUIDE_TABLE = new URL('./fixtures/bulk-disburse-columns.guide.txt', import.meta.url);

describe("the columns are the guide's, line for line", () => {
	it('the guide lists exactly these columns, in this order', () => {
		const lines = readFileSync(GUIDE_TABLE, 'utf8').trimEnd().split('\n');
		expect(lines[0]).toBe('Column Description Example');
		expect(lines).toHaveLength(GUIDE_COLUMNS.length + 1);
		lines
			.slice(1)
			.forEach((line, index) => expect(line.startsWith(`${GUIDE_COLUMNS[index]} `)).toBe(true));
	});
});
