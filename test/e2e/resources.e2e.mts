import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Execution } from '../../scripts/n8n/instance.mjs';
import { RESOURCES } from '../../nodes/Oy/description/resources.js';
import { connectToStack } from './support/stack.mjs';
import { itemsOf, manualWorkflow, nodeErrors, oyNode } from './support/workflows.mjs';

const CHILD = 'oy-child-branch';
/** List operations return one item per record, without an outcome of their own. */
const LIST_NODES = ['Biller: products', 'Child balance'];

/** A resource locator's value in its "By ID" mode, as the editor saves it. */
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const payout = (
	name: string,
	partnerTrxId: string,
	recipientBank: string,
	recipientAccount: string,
	amount: string,
) =>
	oyNode(name, {
		resource: 'disbursement',
		operation: 'create',
		partnerTrxId,
		recipientBank,
		recipientAccount,
		amount,
	});

/**
 * One branch per resource of the OY! node, each a short chain a finance team would build:
 * create something, then read it back with the id OY! returned.
 */
const CHAINS = {
	accountInquiry: [
		oyNode('Account Inquiry', {
			resource: 'accountInquiry',
			operation: 'inquire',
			bankCode: '014',
			accountNumber: '1234567890',
		}),
	],
	accountReceivable: [
		oyNode('AR: create customer', {
			resource: 'accountReceivable',
			operation: 'createCustomer',
			name: 'PT Pelanggan Setia',
			taxType: 'NO_TAX',
			pphTax: 'NO_TAX',
			additionalFields: { email: 'finance@pelanggan.example', partnerCustomerId: 'CUST-E2E-1' },
		}),
		oyNode('AR: get customer', {
			resource: 'accountReceivable',
			operation: 'getCustomer',
			id: byId('={{ $json.id }}'),
		}),
	],
	apiOffline: [
		oyNode('Offline: create', {
			resource: 'apiOffline',
			operation: 'create',
			partnerTrxId: 'OFFLINE-E2E-1',
			customerId: 'CUSTOMER-E2E-1',
			amount: '50000',
			transactionType: 'CASH_IN',
			offlineChannel: 'ALFAMART',
		}),
		oyNode('Offline: get', {
			resource: 'apiOffline',
			operation: 'get',
			partnerTrxId: 'OFFLINE-E2E-1',
		}),
	],
	balance: [oyNode('Balance', { resource: 'balance', operation: 'get' })],
	biller: [
		oyNode('Biller: products', {
			resource: 'biller',
			operation: 'getManyProducts',
			returnAll: true,
		}),
	],
	disbursement: [
		payout('Payout: create', 'PAYOUT-E2E-1', '014', '1234567890', '150000'),
		oyNode('Payout: status', {
			resource: 'disbursement',
			operation: 'getStatus',
			partnerTrxId: 'PAYOUT-E2E-1',
		}),
	],
	eWallet: [
		oyNode('E-wallet: create', {
			resource: 'eWallet',
			operation: 'create',
			customerId: 'CUSTOMER-E2E-2',
			partnerTrxId: 'EWALLET-E2E-1',
			amount: '25000',
			ewalletCode: 'shopeepay_ewallet',
			additionalFields: { successRedirectUrl: 'https://shop.example/thanks' },
		}),
		oyNode('E-wallet: status', {
			resource: 'eWallet',
			operation: 'getStatus',
			partnerTrxId: 'EWALLET-E2E-1',
		}),
	],
	multiAccount: [
		oyNode('Child balance', {
			resource: 'multiAccount',
			operation: 'getChildBalance',
			returnAll: true,
			additionalFields: { childUsername: CHILD },
		}),
	],
	paymentLink: [
		oyNode('Link: create', {
			resource: 'paymentLink',
			operation: 'create',
			partnerTxId: 'LINKE2E1',
			senderName: 'Budi Santoso',
			amount: '350000',
			isOpen: false,
			includeAdminFee: false,
		}),
		oyNode('Link: status', {
			resource: 'paymentLink',
			operation: 'getStatus',
			additionalFields: { partnerTxId: 'LINKE2E1' },
		}),
	],
	paymentRouting: [
		oyNode('Routing: create', {
			resource: 'paymentRouting',
			operation: 'create',
			partnerTrxId: 'ROUTING-E2E-1',
			needFrontend: true,
			listEnablePaymentMethod: ['BANK_TRANSFER'],
			listEnableSof: ['014'],
			receiveAmount: '100000',
			additionalFields: { fullName: 'Budi Santoso', senderEmail: 'budi@example.com' },
		}),
		oyNode('Routing: status', {
			resource: 'paymentRouting',
			operation: 'getStatus',
			additionalFields: { partnerTrxId: 'ROUTING-E2E-1' },
		}),
	],
	// getSummary is a GET with a JSON body, which n8n's HTTP helper does not send: see the report of issue 7.
	transaction: [
		payout('Transaction: payout to look up', 'PAYOUT-E2E-2', '002', '0987654321', '20000'),
		oyNode('Transaction detail', {
			resource: 'transaction',
			operation: 'getDetail',
			partnerTxId: 'PAYOUT-E2E-2',
			productType: 'API_DISBURSE',
		}),
	],
	transactionData: [
		oyNode('Register bank account', {
			resource: 'transactionData',
			operation: 'registerAccount',
			partnerUserId: 'USER-E2E-1',
		}),
	],
	virtualAccount: [
		oyNode('VA: create', {
			resource: 'virtualAccount',
			operation: 'create',
			partnerUserId: 'CUSTOMER-E2E-3',
			bankCode: '002',
			additionalFields: { amount: '250000', isOpen: false, expirationTime: 60 },
		}),
		oyNode('VA: get', {
			resource: 'virtualAccount',
			operation: 'get',
			id: byId('={{ $json.id }}'),
		}),
	],
	whatsapp: [
		oyNode('WhatsApp: link to send', {
			resource: 'paymentLink',
			operation: 'create',
			partnerTxId: 'LINKE2E2',
			senderName: 'Siti Rahma',
			amount: '120000',
			isOpen: false,
			includeAdminFee: false,
		}),
		oyNode('WhatsApp: send link', {
			resource: 'whatsapp',
			operation: 'sendLink',
			partnerTxId: 'LINKE2E2',
			whatsappNumber: '6281234567890',
		}),
	],
} satisfies Record<(typeof RESOURCES)[number]['value'], ReturnType<typeof oyNode>[]>;

describe('n8n runs an operation of every resource of the OY! node against the sandbox', () => {
	let execution: Execution;
	beforeAll(async () => {
		const { n8n, sandbox, context } = await connectToStack();
		await sandbox.call('PUT', `/balance/children/${CHILD}`, { balance: 2_500_000 });
		await sandbox.call('PUT', '/processing-delays', { disbursement: 0 });
		const workflow = manualWorkflow(
			'oyE2eResources01',
			'e2e: every resource',
			Object.values(CHAINS),
		);
		await n8n.importWorkflows([workflow]);
		const run = await n8n.execute(workflow.id);
		execution = run.execution;
		await writeFile(
			path.join(context.artifacts, 'resources-execution.json'),
			JSON.stringify(execution, null, 2),
		);
		expect(nodeErrors(execution)).toEqual({});
		expect(run.code).toBe(0);
	});

	it('covers every resource the node offers', () => {
		expect(Object.keys(CHAINS).sort()).toEqual(RESOURCES.map((resource) => resource.value).sort());
	});

	it('finishes the workflow successfully', () => {
		expect(execution.status).toBe('success');
	});

	it.each(Object.entries(CHAINS))(
		'%s: every node returns items, each answer with its outcome',
		(_resource, chain) => {
			for (const node of chain) {
				const items = itemsOf(execution, node.name);
				expect(items.length, node.name).toBeGreaterThan(0);
				if (LIST_NODES.includes(node.name)) continue;
				for (const item of items)
					expect(['success', 'pending'], `${node.name}: ${JSON.stringify(item)}`).toContain(
						item.outcome,
					);
			}
		},
	);

	it('account inquiry: the bank account holder is named', () => {
		const [inquiry] = itemsOf(execution, 'Account Inquiry');
		expect(inquiry).toMatchObject({
			outcome: 'success',
			bank_code: '014',
			account_number: '1234567890',
		});
		expect(inquiry.account_name).toEqual(expect.any(String));
	});

	it('disbursement: the payout is accepted (pending), then settles under the same id', () => {
		expect(itemsOf(execution, 'Payout: create')[0]).toMatchObject({
			outcome: 'pending',
			partner_trx_id: 'PAYOUT-E2E-1',
			amount: 150000,
		});
		expect(itemsOf(execution, 'Payout: status')[0]).toMatchObject({
			outcome: 'success',
			partner_trx_id: 'PAYOUT-E2E-1',
		});
	});

	it('virtual account: the VA read back is the one created, waiting for payment', () => {
		const [created] = itemsOf(execution, 'VA: create');
		const [read] = itemsOf(execution, 'VA: get');
		expect(read).toMatchObject({
			id: created.id,
			va_number: created.va_number,
			amount: 250000,
			va_status: 'WAITING_PAYMENT',
		});
	});

	it('account receivable: the customer read back is the one created', () => {
		const [created] = itemsOf(execution, 'AR: create customer');
		expect(itemsOf(execution, 'AR: get customer')[0]).toMatchObject({
			id: created.id,
			name: 'PT Pelanggan Setia',
		});
	});

	it('multi account: the child balance set in the sandbox', () => {
		expect(itemsOf(execution, 'Child balance')).toEqual([
			expect.objectContaining({ username: CHILD, balance: 2_500_000 }),
		]);
	});

	it('biller: the product list has many products, each an item', () => {
		const products = itemsOf(execution, 'Biller: products');
		expect(products.length).toBeGreaterThan(10);
		expect(products).toContainEqual(
			expect.objectContaining({ product_id: 'bpjsks', description: 'BPJS KESEHATAN' }),
		);
	});

	it('transaction: the detail of a payout, read by its id', () => {
		expect(itemsOf(execution, 'Transaction detail')[0]).toMatchObject({
			outcome: 'success',
			transfer_amount: 20000,
		});
	});

	it('whatsapp: the payment link is queued for sending', () => {
		expect(itemsOf(execution, 'WhatsApp: send link')[0]).toMatchObject({
			outcome: 'success',
			partner_tx_id: 'LINKE2E2',
			success_queued: true,
		});
	});
});
