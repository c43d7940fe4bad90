import { describe, expect, it } from 'vitest';
import { ONE_LINK } from '../support/operationParameters.mjs';
import { outputOf, useOyHarness, theRequest, refusedBeforeSending } from './harness.mjs';

/** Payment links, invoice links and sending them by WhatsApp through the node, against the sandbox. */
const oy = useOyHarness();

const link = ONE_LINK;

describe('Payment Link', () => {
	it('Create: sends the link with code lists and the expiry in WIB', async () => {
		const run = await oy.run({
			...link,
			additionalFields: {
				description: 'Order 1',
				notes: 'Thank you',
				email: 'a@example.com;c@example.com',
				phoneNumber: '081234567890',
				listDisabledPaymentMethods: ['CREDIT_CARD'],
				listEnabledBanks: ['002', '014'],
				listEnabledEwallet: ['shopeepay_ewallet'],
				expiration: '2030-01-01T10:00:00Z',
				vaDisplayName: 'Toko Budi',
			},
		});
		expect(theRequest(run)).toEqual({
			method: 'POST',
			path: '/api/payment-checkout/create-v2',
			query: {},
			body: {
				partner_tx_id: 'LINK1',
				description: 'Order 1',
				notes: 'Thank you',
				sender_name: 'Budi Santoso',
				amount: 50000,
				email: 'a@example.com;c@example.com',
				phone_number: '081234567890',
				is_open: false,
				include_admin_fee: false,
				list_disabled_payment_methods: 'CREDIT_CARD',
				list_enabled_banks: '002,014',
				list_enabled_ewallet: 'shopeepay_ewallet',
				expiration: '2030-01-01 17:00:00',
				va_display_name: 'Toko Budi',
			},
		});
		const [item] = outputOf(run);
		expect(item).toMatchObject({
			outcome: 'success',
			oy: { final: true, code: null, message: 'success' },
		});
		expect(item.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
		expect(typeof item.payment_link_id).toBe('string');
	});

	it('Create Invoice: sends the invoice lines and the due date', async () => {
		const run = await oy.run({
			...link,
			operation: 'createInvoice',
			partnerTxId: 'INV1',
			amount: '100000',
			additionalFields: {
				invoiceItems: {
					items: [
						{
							item: 'Kopi',
							description: 'Arabika',
							quantity: 2,
							dateOfPurchase: '2026-11-20',
							pricePerItem: '50000',
						},
					],
				},
				expiration: '2030-01-02T00:00:00Z',
				dueDate: '2030-01-01',
				partnerUserId: 'u1',
				fullName: 'Budi Santoso',
			},
		});
		expect(theRequest(run)).toEqual({
			method: 'POST',
			path: '/api/payment-checkout/create-invoice',
			query: {},
			body: {
				partner_tx_id: 'INV1',
				sender_name: 'Budi Santoso',
				amount: 100000,
				is_open: false,
				include_admin_fee: false,
				expiration: '2030-01-02 07:00:00',
				due_date: '2030-01-01 00:00:00',
				partner_user_id: 'u1',
				full_name: 'Budi Santoso',
				invoice_items: [
					{
						item: 'Kopi',
						description: 'Arabika',
						quantity: 2,
						date_of_purchase: '2026-11-20',
						price_per_item: 50000,
					},
				],
			},
		});
		expect(outputOf(run)[0]).toMatchObject({
			outcome: 'success',
			url: expect.stringContaining('/invoice/'),
		});
	});

	it('Get Status: a paid link is a success, its update time in UTC', async () => {
		await oy.run(link);
		await oy.control('POST', '/payment-checkout/links/LINK1/pay', {
			payment_method: 'VA',
			sender_bank: '002',
		});
		const run = await oy.run({
			resource: 'paymentLink',
			operation: 'getStatus',
			additionalFields: { partnerTxId: 'LINK1', sendCallback: true },
		});
		expect(theRequest(run)).toEqual({
			method: 'GET',
			path: '/api/payment-checkout/status',
			query: { partner_tx_id: 'LINK1', send_callback: 'true' },
			body: undefined,
		});
		const [item] = outputOf(run);
		expect(item).toMatchObject({
			outcome: 'success',
			partner_tx_id: 'LINK1',
			status: 'complete',
			oy: { state: 'complete' },
		});
		expect(item.updated).toMatch(/Z$/);
	});

	it('Get: reads the link by its partner transaction ID', async () => {
		await oy.run(link);
		const run = await oy.run({
			resource: 'paymentLink',
			operation: 'get',
			paymentLinkIdOrPartnerTxId: 'LINK1',
		});
		expect(theRequest(run)).toEqual({
			method: 'GET',
			path: '/api/payment-checkout/LINK1',
			query: {},
			body: undefined,
		});
		// OY's camelCase and upper-case state, given as Get Status gives them (test/nodes/output-shape)
		expect(outputOf(run)[0]).toMatchObject({
			outcome: 'pending',
			partner_tx_id: 'LINK1',
			status: 'created',
			amount: 50000,
		});
	});

	it('Delete: deletes an unpaid link; a paid one cannot be deleted', async () => {
		await oy.run(link);
		const run = await oy.run({
			resource: 'paymentLink',
			operation: 'delete',
			paymentLinkIdOrPartnerTxId: 'LINK1',
		});
		expect(theRequest(run)).toEqual({
			method: 'DELETE',
			path: '/api/payment-checkout/LINK1',
			query: {},
			body: undefined,
		});
		expect(outputOf(run)[0]).toEqual({
			outcome: 'success',
			oy: expect.objectContaining({
				outcome: 'success',
				message: 'success delete payment checkout data',
			}),
		});
		await oy.run({ ...link, partnerTxId: 'LINK2' });
		await oy.control('POST', '/payment-checkout/links/LINK2/pay', {
			payment_method: 'VA',
			sender_bank: '002',
		});
		const refused = await oy.run(
			{ resource: 'paymentLink', operation: 'delete', paymentLinkIdOrPartnerTxId: 'LINK2' },
			{ continueOnFail: true },
		);
		// OY's reason turned into what to do (the docs' refusal for a link in payment, OY API docs: Payment Checkout › Delete Payment / Invoice Link › messages)
		expect(outputOf(refused)[0]).toMatchObject({
			outcome: 'rejected',
			oy: { final: true, hint: expect.stringMatching(/already chose a payment method/) },
		});
	});

	it('rejects bad input before any request, naming the parameter and the item', async () => {
		const run = await refusedBeforeSending(
			oy,
			{
				...link,
				additionalFields: { listEnabledBanks: '={{ "002,999" }}' },
			},
			/^'Enabled Banks' must list codes separated by commas, each one of: .* \(not allowed: 999\) \[item 0\]$/,
		);
	});
});

describe('WhatsApp', () => {
	it('Send Link: queues the link for a WhatsApp number', async () => {
		await oy.run(link);
		const run = await oy.run({
			resource: 'whatsapp',
			operation: 'sendLink',
			partnerTxId: 'LINK1',
			whatsappNumber: '6281234567890',
		});
		expect(theRequest(run)).toEqual({
			method: 'POST',
			path: '/api/whatsapp/send-link',
			query: {},
			body: { partner_tx_id: 'LINK1', whatsapp_number: '6281234567890' },
		});
		const [item] = outputOf(run);
		expect(item).toMatchObject({ outcome: 'success', success_queued: true, oy: { code: '000' } });
		expect(typeof item.message_id).toBe('string');
	});

	it('rejects bad input before any request, naming the parameter and the item', async () => {
		const run = await refusedBeforeSending(
			oy,
			{
				resource: 'whatsapp',
				operation: 'sendLink',
				partnerTxId: 'LINK1',
				whatsappNumber: '+62 812',
			},
			"'WhatsApp Number' must contain digits only [item 0]",
		);
	});
});
