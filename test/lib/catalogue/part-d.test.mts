import { describe, expect, it } from 'vitest';
import { getOperation, OPERATIONS } from '../../../lib/catalogue';
import { answer, fixture, scriptedClient } from '../support.mts';

const PART_D: Record<string, [resource: string, name: string, safety: string]> = {
	'paymentRouting.create': ['paymentRouting', 'Create', 'moneyCreate'],
	'paymentRouting.deactivate': ['paymentRouting', 'Deactivate', 'idempotentWrite'],
	'paymentRouting.getStatus': ['paymentRouting', 'Get Status', 'read'],
	'multiAccount.disburseWithChildBalance': [
		'multiAccount',
		'Disburse with Child Balance',
		'moneyCreate',
	],
	'multiAccount.getChildBalance': ['multiAccount', 'Get Child Balance', 'read'],
	'transaction.getSummary': ['transaction', 'Get Summary', 'read'],
	'transaction.getDetail': ['transaction', 'Get Detail', 'read'],
	'whatsapp.sendLink': ['whatsapp', 'Send Link', 'write'],
	'biller.inquireBill': ['biller', 'Inquire Bill', 'write'],
	'biller.payBill': ['biller', 'Pay Bill', 'moneyCreate'],
	'biller.getStatus': ['biller', 'Get Status', 'read'],
	'biller.getManyProducts': ['biller', 'Get Many Products', 'read'],
	'eWallet.getLinkingUrl': ['eWallet', 'Get Linking URL', 'write'],
	'eWallet.unlinkAccount': ['eWallet', 'Unlink Account', 'idempotentWrite'],
	'eWallet.getAccountBalance': ['eWallet', 'Get Account Balance', 'read'],
};

const PROPER_NOUNS = ['URL', 'WhatsApp'];

const partD = Object.keys(PART_D).map((id) => getOperation(id));

describe('catalogue part D', () => {
	it('defines its 15 operations once each, with resource, name and safety', () => {
		for (const [id, [resource, name, safety]] of Object.entries(PART_D)) {
			expect(getOperation(id)).toMatchObject({ resource, name, safety });
		}
		expect(OPERATIONS.filter((operation) => operation.id in PART_D)).toHaveLength(15);
	});

	it('writes every action in sentence case and every reference as a docs section', () => {
		for (const operation of partD) {
			const [first, ...rest] = operation.action.split(' ');
			expect(first).toMatch(/^[A-Z][a-z]+$/);
			expect(rest.filter((word) => /[A-Z]/.test(word) && !PROPER_NOUNS.includes(word))).toEqual([]);
			expect(operation.docs).toMatch(/^OY API docs: [^›]+ › [^›]+$/);
		}
	});

	it('resolves every money-moving create through a status read under the same idempotency key', () => {
		const money = partD.filter((operation) => operation.safety === 'moneyCreate');
		expect(money.map((operation) => operation.id)).toEqual([
			'paymentRouting.create',
			'multiAccount.disburseWithChildBalance',
			'biller.payBill',
		]);
		for (const operation of money) {
			const key = operation.params.find((parameter) => parameter.idempotencyKey);
			expect(key?.required).toBe(true);
			const check = operation.statusCheck!;
			const statusInput = check.input({ [key!.name]: 'ID-1' });
			expect(Object.values(statusInput)).toEqual(['ID-1']);
			expect(getOperation(check.operation).safety).toBe('read');
			expect(check.notFoundCodes.length + (check.notDone ? 1 : 0)).toBeGreaterThan(0);
		}
	});

	it('makes every idempotency key a required parameter', () => {
		for (const parameter of partD.flatMap((operation) => operation.params)) {
			if (parameter.idempotencyKey) expect(parameter.required).toBe(true);
		}
	});

	it.each([
		['biller.getManyProducts', 'biller/getManyProducts.response', 1],
		['multiAccount.getChildBalance', 'multiAccount/getChildBalance.response', 1],
	])('%s reads its whole list in one request and stops', async (id, name, count) => {
		const { client, sent } = scriptedClient([answer(fixture(name).body)], { statusChecks: 2 });
		const records = await client.listAll(id, {});
		expect(records).toHaveLength(count);
		expect(sent).toHaveLength(1);
	});
});
