import { describe, expect, it } from 'vitest';
import { ONE_LINK } from '../support/operationParameters.mjs';
import { byId, outputOf, useOyHarness } from './harness.mjs';

/** One output shape for the same facts across operations (issue 11, item 13). */
const oy = useOyHarness();

/** Today in Jakarta, as AR's invoice dates are read. */
function wibDay(offsetDays = 0): string {
	return new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function arInvoice(): Promise<string> {
	const [customer] = outputOf(
		await oy.run({
			resource: 'accountReceivable',
			operation: 'createCustomer',
			name: 'PT Maju',
			taxType: 'NO_TAX',
			pphTax: 'NO_TAX',
		}),
	);
	const [invoice] = outputOf(
		await oy.run({
			resource: 'accountReceivable',
			operation: 'createInvoice',
			invoiceNumber: 'INV-SHAPE-1',
			invoiceDate: wibDay(),
			dueDate: wibDay(7),
			customerId: byId(customer.id as string),
			invoiceItems: { items: [{ description: 'Consulting', quantity: 2, pricePerItem: '75000' }] },
			paymentConfigurationIncludeAdminFee: false,
			paymentConfigurationListEnabledBanks: ['002'],
			paymentConfigurationListEnabledEwallet: ['shopeepay_ewallet'],
		}),
	);
	return invoice.id as string;
}

describe('Account Receivable Get Many Invoices', () => {
	it('gives the invoice and due dates as Get Invoice does (ISO-8601 days of UTC+7), not as epoch milliseconds', async () => {
		const id = await arInvoice();
		const [one] = outputOf(
			await oy.run({
				resource: 'accountReceivable',
				operation: 'getInvoice',
				id: byId(id),
				simplify: false,
			}),
		);
		const [listed] = outputOf(
			await oy.run({
				resource: 'accountReceivable',
				operation: 'getManyInvoices',
				returnAll: true,
				simplify: false,
			}),
			() => 0,
		);
		expect(listed.invoice_date).toBe(wibDay());
		expect(listed.due_date).toBe(wibDay(7));
		for (const field of ['invoice_date', 'due_date', 'expiration_date'])
			expect(listed[field], field).toBe(one[field]);
		const [kept] = outputOf(
			await oy.run({
				resource: 'accountReceivable',
				operation: 'getManyInvoices',
				returnAll: true,
				options: { keepOyFormats: true },
			}),
			() => 0,
		);
		expect(typeof kept.invoice_date).toBe('number');
	});
});

describe('Payment Link Get and Get Status', () => {
	const link = { ...ONE_LINK, partnerTxId: 'SHAPE1' };

	it('name the same facts alike: snake_case keys and the state as Get Status writes it', async () => {
		await oy.run(link);
		const [status] = outputOf(
			await oy.run({
				resource: 'paymentLink',
				operation: 'getStatus',
				additionalFields: { partnerTxId: 'SHAPE1' },
				simplify: false,
			}),
		);
		const [got] = outputOf(
			await oy.run({
				resource: 'paymentLink',
				operation: 'get',
				paymentLinkIdOrPartnerTxId: 'SHAPE1',
				simplify: false,
			}),
		);
		for (const field of ['partner_tx_id', 'status', 'amount', 'sender_name']) {
			expect(got[field], field).toEqual(status[field]);
		}
		expect(got).toMatchObject({
			partner_tx_id: 'SHAPE1',
			status: 'created',
			oy: { state: 'created' },
		});
		expect(status).toMatchObject({ oy: { state: 'created' } });
		expect(got.payment_link_id).toEqual(expect.any(String));
		expect(Object.keys(got).filter((key) => /[A-Z]/.test(key))).toEqual([]);
		const [simple] = outputOf(
			await oy.run({
				resource: 'paymentLink',
				operation: 'get',
				paymentLinkIdOrPartnerTxId: 'SHAPE1',
			}),
		);
		expect(simple).toMatchObject({
			partner_tx_id: 'SHAPE1',
			payment_link_id: got.payment_link_id,
			status: 'created',
		});
		const [kept] = outputOf(
			await oy.run({
				resource: 'paymentLink',
				operation: 'get',
				paymentLinkIdOrPartnerTxId: 'SHAPE1',
				options: { keepOyFormats: true },
			}),
		);
		expect(kept).toMatchObject({ partnerTxId: 'SHAPE1', status: 'CREATED' });
	});
});
