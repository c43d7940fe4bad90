import { describe, expect, it } from 'vitest';
import { operationsOf } from '../../lib/catalogue';
import { dropped, fixture, scriptedClient } from './support.mts';

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
		const safety = [...operationsOf('paymentLink'), ...operationsOf('accountReceivable')].map((operation) => operation.safety);
		expect(safety).not.toContain('moneyCreate');
	});
});

describe('client behaviour for Part B', () => {
	it('never sends a payment link again after a 504', async () => {
		const { client, sent } = scriptedClient([{ statusCode: 504, body: 'Gateway Timeout' }]);
		const result = await client.call('paymentLink.create', { ...fixture('paymentLink/create.request').input });
		expect(result.outcome).toBe('unknown');
		expect(sent).toHaveLength(1);
	});

	it('never resends an invoice reminder after a dropped connection', async () => {
		const { client, sent } = scriptedClient([dropped()]);
		const result = await client.call('accountReceivable.resendInvoice', { id: 'abc', channel: 'WHATSAPP' });
		expect(result.outcome).toBe('unknown');
		expect(sent).toHaveLength(1);
	});

	it('tries a cancel again when OY! answers 300 "please try again"', async () => {
		const { client, sent } = scriptedClient([
			{ statusCode: 200, body: { success: false, error: { code: '300', message: 'Failed to cancel invoice' }, data: null } },
			{ statusCode: 200, body: fixture('accountReceivable/cancelInvoice.response').body },
		]);
		const result = await client.call('accountReceivable.cancelInvoice', { id: 'c6733a50-f93b-489f-b12b-48f8cc67735e' });
		expect(result.outcome).toBe('success');
		expect(sent).toHaveLength(2);
	});

	it('reads a link status again after a 503', async () => {
		const { client, sent } = scriptedClient([
			{ statusCode: 503, body: '' },
			{ statusCode: 200, body: fixture('paymentLink/getStatus.response').body },
		]);
		const result = await client.call('paymentLink.getStatus', { partner_tx_id: 'partner000001' });
		expect(result).toMatchObject({ outcome: 'success', state: 'success' });
		expect(sent).toHaveLength(2);
	});

	it('pages through invoices by offset and stops at the total OY! reports', async () => {
		const page = (offset: number, count: number) => ({
			statusCode: 200,
			body: {
				success: true,
				error: null,
				data: { page: 0, total: 5, limit: 2, data: Array.from({ length: count }, (_, i) => ({ id: `inv-${offset + i}` })) },
			},
		});
		const { client, sent } = scriptedClient([page(0, 2), page(2, 2), page(4, 1)]);
		const records = await client.listAll('accountReceivable.getManyInvoices', { status: 'PAID' }, { pageSize: 2 });
		expect(records).toHaveLength(5);
		expect(sent.map((request) => request.query)).toEqual([
			{ status: 'PAID', limit: '2', offset: '0' },
			{ status: 'PAID', limit: '2', offset: '2' },
			{ status: 'PAID', limit: '2', offset: '4' },
		]);
	});

	it('pages through customers, which have no total, until a short page', async () => {
		const body = fixture('accountReceivable/getManyCustomers.response').body as { data: unknown[] };
		const { client, sent } = scriptedClient([
			{ statusCode: 200, body: { ...body, data: [{ id: 'a' }, { id: 'b' }] } },
			{ statusCode: 200, body },
		]);
		const records = await client.listAll('accountReceivable.getManyCustomers', {}, { pageSize: 2 });
		expect(records).toHaveLength(3);
		expect(sent).toHaveLength(2);
	});
});
