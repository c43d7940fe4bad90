import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Execution, WorkflowJson } from '../../scripts/n8n/instance.mjs';
import { BULK_FILE_FROM_ITEMS } from '../support/operationParameters.mjs';
import { connectToStack } from './support/stack.mjs';
import { itemsOf, nodeErrors, OY_NODE_TYPE } from './support/workflows.mjs';

type Stack = Awaited<ReturnType<typeof connectToStack>>;

const PAYEES = [
	{
		name: 'Budy',
		email: 'Budi@email.com',
		amount: '100000',
		bank: '014',
		account: '0012341234',
		phone: '62812341234',
		note: '',
	},
	{
		name: 'Santoso, Budi "Bud"',
		email: 'a@x.co, b@y.co',
		amount: 250000,
		bank: 'OVO',
		account: '081298765432',
		phone: '6281298765432',
		note: 'Gaji, Mei',
	},
];

const HEADER = 'Name,Email,Amount,Bank Code,Bank Account Number,Phone Number,Notes';
const ROWS = [
	'Budy,Budi@email.com,100000,014,0012341234,62812341234,',
	'"Santoso, Budi ""Bud""",a@x.co b@y.co,250000,ovo,081298765432,6281298765432,"Gaji, Mei"',
];

/**
 * Start → "Payees" (Code) → "Bulk file" (OY! Build Bulk Disburse File, no credential) → "Read CSV"
 * (n8n's Extract from File, reading the binary the way n8n stores it in this instance).
 */
function bulkFileWorkflow(id: string): WorkflowJson {
	const node = (
		name: string,
		type: string,
		typeVersion: number,
		x: number,
		parameters: object = {},
	) => ({
		id: randomUUID(),
		name,
		type,
		typeVersion,
		position: [x, 0],
		parameters,
	});
	const to = (name: string) => [{ node: name, type: 'main', index: 0 }];
	return {
		id,
		name: 'e2e: bulk disburse file',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, 0),
			node('Payees', 'n8n-nodes-base.code', 2, 240, {
				jsCode: `return ${JSON.stringify(PAYEES.map((payee) => ({ json: payee })))};`,
			}),
			node('Bulk file', OY_NODE_TYPE, 1, 480, {
				...BULK_FILE_FROM_ITEMS,
				options: { fileName: 'payroll-may' },
			}),
			node('Read CSV', 'n8n-nodes-base.extractFromFile', 1, 720, {
				operation: 'csv',
				binaryPropertyName: 'data',
				options: {},
			}),
		],
		connections: {
			Start: { main: [to('Payees')] },
			Payees: { main: [to('Bulk file')] },
			'Bulk file': { main: [to('Read CSV')] },
		},
	};
}

describe('Build Bulk Disburse File in real n8n 2.41.1', () => {
	let stack: Stack;
	let execution: Execution;

	beforeAll(async () => {
		stack = await connectToStack();
		const workflow = bulkFileWorkflow('oyE2eBulkFile001');
		await stack.n8n.importWorkflows([workflow]);
		({ execution } = await stack.n8n.execute(workflow.id as string));
		await writeFile(
			path.join(stack.context.artifacts, `${workflow.id}.json`),
			JSON.stringify(execution, null, 2),
		);
	});

	it('gives one item: the summary and the file, with no credential and no error', () => {
		expect(nodeErrors(execution)).toEqual({});
		expect(itemsOf(execution, 'Bulk file')).toEqual([
			{
				fileName: 'payroll-may.csv',
				count: 2,
				totalAmount: 350000,
				totalAmountText: 'Rp350.000',
				columns: [
					'Name',
					'Email',
					'Amount',
					'Bank Code',
					'Bank Account Number',
					'Phone Number',
					'Notes',
				],
				repeatedPayouts: [],
				sentToOy: false,
			},
		]);
	});

	it("keeps the file in n8n's binary data store, and it reads back byte for byte", async () => {
		const [item] = (execution.data.resultData.runData['Bulk file'][0].data?.main[0] ??
			[]) as Array<{
			binary?: Record<string, Record<string, string>>;
		}>;
		const binary = item?.binary?.data;
		expect(binary).toMatchObject({
			mimeType: 'text/csv',
			fileName: 'payroll-may.csv',
			fileExtension: 'csv',
		});
		// n8n 2.x keeps binary data on disk (filesystem mode): the execution holds only a reference
		expect(binary?.data).toBe('filesystem-v2');
		expect(binary?.id).toMatch(
			/^filesystem-v2:workflows\/oyE2eBulkFile001\/executions\/\d+\/binary_data\//,
		);
		const query = new URLSearchParams({
			id: binary?.id ?? '',
			action: 'download',
			fileName: 'payroll-may.csv',
			mimeType: 'text/csv',
		});
		const { status, body } = await stack.n8n.rest('GET', `/rest/binary-data?${query}`);
		expect(status).toBe(200);
		const content = String(body);
		expect(Number(binary?.bytes)).toBe(Buffer.byteLength(content, 'utf8'));
		expect(content).toBe([HEADER, ...ROWS].join('\r\n'));
	});

	// (n8n's reader leaves out an empty cell: Budy has no Notes)
	it("n8n's own CSV reader (Extract from File) reads the guide's columns and the values, leading zeros kept", () => {
		expect(itemsOf(execution, 'Read CSV')).toEqual([
			{
				Name: 'Budy',
				Email: 'Budi@email.com',
				Amount: '100000',
				'Bank Code': '014',
				'Bank Account Number': '0012341234',
				'Phone Number': '62812341234',
			},
			{
				Name: 'Santoso, Budi "Bud"',
				Email: 'a@x.co b@y.co',
				Amount: '250000',
				'Bank Code': 'ovo',
				'Bank Account Number': '081298765432',
				'Phone Number': '6281298765432',
				Notes: 'Gaji, Mei',
			},
		]);
	});
});
