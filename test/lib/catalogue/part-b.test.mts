import { describe, expect, it } from 'vitest';
import { operationsOf } from '../../../lib/catalogue';

describe('Part B operations in the catalogue', () => {
	it('defines the 14 live operations under their two resources', () => {
		expect(operationsOf('paymentLink').map((operation) => operation.id)).toEqual([
			'paymentLink.create',
			'paymentLink.createInvoice',
			'paymentLink.getStatus',
			'paymentLink.get',
			'paymentLink.delete',
		]);
		expect(operationsOf('accountReceivable').map((operation) => operation.id)).toEqual([
			'accountReceivable.createCustomer',
			'accountReceivable.updateCustomer',
			'accountReceivable.getCustomer',
			'accountReceivable.getManyCustomers',
			'accountReceivable.createInvoice',
			'accountReceivable.cancelInvoice',
			'accountReceivable.getInvoice',
			'accountReceivable.getManyInvoices',
			'accountReceivable.resendInvoice',
		]);
	});

	it('moves no money: links and invoices ask for it, so none is a money-moving create', () => {
		const safety = [...operationsOf('paymentLink'), ...operationsOf('accountReceivable')].map(
			(operation) => operation.safety,
		);
		expect(safety).not.toContain('moneyCreate');
	});
});
