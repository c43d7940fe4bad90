import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { INodeProperties } from 'n8n-workflow';
import { OPERATIONS } from '../../lib/catalogue.js';
import { Oy } from '../../nodes/Oy/Oy.node.js';
import { NODE_OPERATIONS } from '../../nodes/Oy/actions/unsupported.js';
import { propertyNameOf } from '../../nodes/Oy/description/naming.js';

const node = new Oy();
const { description } = node;

/** The properties the editor shows for one operation. */
function propertiesOf(operationId: string): INodeProperties[] {
	const [resource, operation] = operationId.split('.');
	return description.properties.filter(
		(property) =>
			property.displayOptions?.show?.resource?.includes(resource) &&
			property.displayOptions?.show?.operation?.includes(operation),
	);
}

function find(operationId: string, name: string): INodeProperties | undefined {
	const properties = propertiesOf(operationId);
	const additional = properties.find((property) => property.name === 'additionalFields')
		?.options as INodeProperties[] | undefined;
	return (
		properties.find((property) => property.name === name) ??
		additional?.find((property) => property.name === name)
	);
}

describe('the OY! node as n8n shows it', () => {
	it('is usable as a tool, with a subtitle, light and dark icons and a Finance & Accounting codex', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.subtitle).toBe(
			'={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		);
		const icon = description.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			expect(existsSync(path.resolve('nodes/Oy', file.replace('file:', '')))).toBe(true);
		}
		const codex = JSON.parse(readFileSync('nodes/Oy/Oy.node.json', 'utf8'));
		expect(codex).toMatchObject({ node: 'n8n-nodes-oy.oy', categories: ['Finance & Accounting'] });
		expect(codex.resources.primaryDocumentation.length).toBeGreaterThan(0);
	});

	it('offers every operation of the catalogue that n8n can send, with an action line', () => {
		const operations = description.properties.filter((property) => property.name === 'operation');
		const offered = operations.flatMap((property) =>
			(property.options as Array<{ value: string; action?: string }>).map(
				(option) => `${property.displayOptions?.show?.resource?.[0]}.${option.value}`,
			),
		);
		// OY's operations, the two that ask nothing of OY! (Pass Once asks n8n's database; the bulk file
		// is written locally), and the scheduled jobs' decisions (over OY's operations).
		expect(offered.sort()).toEqual(
			[
				...NODE_OPERATIONS.map((operation) => operation.id),
				'callback.passOnce',
				'disbursement.buildBulkFile',
				'scheduledJob.deactivateClaimedVas',
				'scheduledJob.payClaimedInvoices',
				'scheduledJob.planArReminders',
				'scheduledJob.planBalanceAlert',
				'scheduledJob.planInvoicePayments',
				'scheduledJob.planVaSweep',
				'scheduledJob.reconcileDay',
			].sort(),
		);
		// Transaction › Get Summary takes a JSON body on a GET, which n8n's helper never sends.
		expect(NODE_OPERATIONS.length).toBe(OPERATIONS.length - 1);
		expect(offered).not.toContain('transaction.getSummary');
		expect(offered).toContain('transaction.getDetail');
		for (const property of operations) {
			for (const option of property.options as Array<{ action?: string }>)
				expect(option.action).toMatch(/^[A-Z][a-z]/);
		}
	});

	it('puts required parameters on top and the optional ones under Additional Fields', () => {
		for (const operation of NODE_OPERATIONS) {
			const properties = propertiesOf(operation.id);
			const additional = properties.findIndex((property) => property.name === 'additionalFields');
			const lastRequired = properties
				.map((property) => property.required === true)
				.lastIndexOf(true);
			if (additional >= 0) expect(lastRequired).toBeLessThan(additional);
			for (const property of properties) {
				if (
					['returnAll', 'limit', 'additionalFields', 'simplify', 'toolDescription'].includes(
						property.name,
					)
				)
					continue;
				expect(property.required, `${operation.id} ${property.name}`).toBe(true);
			}
		}
	});

	it('has Return All and Limit (default 50) on every list', () => {
		for (const operation of NODE_OPERATIONS.filter((candidate) => candidate.list)) {
			expect(find(operation.id, 'returnAll')).toMatchObject({ type: 'boolean', default: false });
			expect(find(operation.id, 'limit')).toMatchObject({
				type: 'number',
				default: 50,
				displayOptions: { show: { returnAll: [false] } },
			});
		}
	});

	it('makes every idempotency key a required parameter the workflow supplies', () => {
		for (const operation of NODE_OPERATIONS) {
			for (const parameter of operation.params.filter((candidate) => candidate.idempotencyKey)) {
				const property = find(operation.id, propertyNameOf(parameter.name));
				expect(property, `${operation.id} ${parameter.name}`).toMatchObject({ required: true });
				expect(
					property?.default === '' || (property?.default as { value?: string })?.value === '',
				).toBe(true);
			}
		}
	});

	it('takes amounts as text, so "150.000" reaches the check instead of becoming 150', () => {
		expect(find('disbursement.create', 'amount')).toMatchObject({ type: 'string', default: '' });
		expect(find('virtualAccount.create', 'amount')).toMatchObject({ type: 'string' });
	});

	it('lets the user pick a bank from the docs table with nothing preselected', async () => {
		const bank = find('disbursement.create', 'recipientBank');
		expect(bank).toMatchObject({
			type: 'options',
			default: '',
			displayName: 'Recipient Bank Name or ID',
			required: true,
		});
		const method = bank?.typeOptions?.loadOptionsMethod as string;
		const banks = await node.methods.loadOptions[method].call({} as never);
		expect(banks.length).toBeGreaterThan(100);
		expect(banks).toContainEqual({ name: 'BCA (014)', value: '014' });
		// a code Title Case would change is kept exact in the description
		expect(banks.find((option) => option.value === 'dana')).toMatchObject({
			description: 'Code: dana',
		});
		expect(banks.map((option) => option.name)).toEqual(
			[...banks.map((option) => option.name)].sort((a, b) => a.localeCompare(b)),
		);
	});

	it('uses resource locators where one record is picked from OY!', () => {
		for (const [operation, name, method] of [
			['virtualAccount.get', 'id', 'searchVirtualAccounts'],
			['accountReceivable.createInvoice', 'customerId', 'searchCustomers'],
			['accountReceivable.cancelInvoice', 'id', 'searchInvoices'],
			['accountInquiry.payInvoice', 'invoiceId', 'searchInquiryInvoices'],
		]) {
			const locator = find(operation, name);
			expect(locator).toMatchObject({
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
			});
			expect(locator?.modes?.[0]).toMatchObject({
				type: 'list',
				typeOptions: { searchListMethod: method, searchable: true },
			});
			expect(node.methods.listSearch[method]).toBeTypeOf('function');
		}
	});
});
