import { describe, expect, it } from 'vitest';
import { getOperation } from '../../../lib/catalogue';
import { adviceForCheckoutFailure, LINK_STATES } from '../../../lib/operations/paymentLink';
import { normalizeFields } from '../../../lib/records';
import {
	classify,
	classifyFixture,
	expectOnlyRefused,
	fixture,
	FUND_ACCEPTANCE_HTTP,
	normalizedRecord,
	problemsOf,
	requestFor,
	scriptedClient,
} from '../support.mts';

const createLinkInput = () => ({ ...fixture('paymentLink/create.request').input });
const createInvoiceLinkInput = () => ({ ...fixture('paymentLink/createInvoice.request').input });

describe('paymentLink.create', () => {
	it('builds the request of the docs example (OY API docs: Payment Checkout › Create Payment Link (v2)), leaving out its empty values', () => {
		const request = requestFor('paymentLink.create', createLinkInput());
		expect(request).toMatchObject({ method: 'POST', path: '/api/payment-checkout/create-v2' });
		expect(request.query).toBeUndefined();
		expect(request.headers.Timeout).toBe('120');
		expect(request.body).toEqual({
			partner_tx_id: 'partnerTxId',
			child_balance: 'child123',
			description: 'description',
			notes: 'notes',
			sender_name: 'Sender name',
			amount: 50000,
			email: 'johndoe@gmail.com;jane@gmail.com',
			is_open: false,
			include_admin_fee: false,
			expiration: '2020-08-08 08:09:12',
			va_display_name: 'Display Name on VA',
		});
	});

	it('accepts the second example (OY API docs: Payment Checkout › Create Payment Link (v2)) except its empty partner_tx_id, which it requires', () => {
		const input = fixture('paymentLink/create.request.generated-id').input!;
		expect(problemsOf('paymentLink.create', input)).toEqual([
			{ field: 'partner_tx_id', message: 'partner_tx_id is required' },
		]);
		const request = requestFor('paymentLink.create', { ...input, partner_tx_id: 'abc6' });
		expect(request.body).toMatchObject({
			amount: 10000,
			list_enabled_banks: '002,008,009,013,022',
			list_enabled_ewallet: 'shopeepay_ewallet',
			phone_number: '085712163208',
		});
	});

	it('writes an ISO expiration in WIB, as OY! reads it', () => {
		const request = requestFor('paymentLink.create', {
			...createLinkInput(),
			expiration: '2020-08-08T01:09:12Z',
		});
		expect(request.body?.expiration).toBe('2020-08-08 08:09:12');
	});

	it('reads the docs answers as success (OY API docs: Payment Checkout › Create Payment Link (v2); OY product guide: Payment Checkout/Invoice says `success`)', () => {
		expect(classifyFixture('paymentLink.create', 'paymentLink/create.response').outcome).toBe(
			'success',
		);
		expect(classifyFixture('paymentLink.create', 'paymentLink/create.response.guide').outcome).toBe(
			'success',
		);
	});

	it('reads `status: false` as not created', () => {
		const verdict = classify('paymentLink.create', {
			status: false,
			message: 'amount must be at least 10000',
		});
		expect(verdict).toMatchObject({
			outcome: 'rejected',
			message: 'amount must be at least 10000',
		});
	});

	it.each(FUND_ACCEPTANCE_HTTP)('reads HTTP %i as %s', (status, outcome, transient) => {
		const verdict = classify('paymentLink.create', '<html>error</html>', status);
		expect(verdict).toMatchObject({ outcome, transient, source: 'http' });
	});

	it.each([
		['partner_tx_id', 'INV-001', /letters and digits only/],
		['description', 'Invoice #12', /letters, digits and spaces only/],
		['notes', 'paid, thanks', /letters, digits and spaces only/],
		['sender_name', 'Budi 2', /letters and spaces only/],
		['va_display_name', 'PT. Maju', /letters, digits and spaces only/],
		['amount', 9_999, /at least 10000/],
		['amount', 'Rp50.000', /digits only/],
		['email', 'a@x.id;b@x.id;c@x.id;d@x.id', /at most 3 addresses/],
		['email', 'johndoe@', /not valid: johndoe@/],
		['phone_number', '+6285712163208', /digits only/],
		['is_open', 'yes', /true or false/],
		[
			'list_disabled_payment_methods',
			'VA,CASH',
			/each one of: VA, CREDIT_CARD, QRIS, EWALLET, BANK_TRANSFER \(not allowed: CASH\)$/,
		],
		[
			'list_enabled_banks',
			'002,016',
			/each one of: 002, 008, 009, 013, 022, 213, 451, 014 \(not allowed: 016\)$/,
		],
		['list_enabled_banks', '002;008', /separated by commas/],
		['list_enabled_ewallet', 'gopay_ewallet', /each one of: shopeepay_ewallet/],
		['expiration', '08/08/2020 08:09', /is ambiguous/],
	])('refuses %s = %j', (field, value, rule) => {
		expectOnlyRefused('paymentLink.create', { ...createLinkInput(), [field]: value }, field, rule);
	});

	it.each(['sender_name', 'amount', 'is_open', 'include_admin_fee'])('requires %s', (field) => {
		expectOnlyRefused(
			'paymentLink.create',
			{ ...createLinkInput(), [field]: undefined },
			field,
			/is required$/,
		);
	});

	it('takes BSI as 451 and SMBC as 213, and lists with or without spaces (sent without)', () => {
		const request = requestFor('paymentLink.create', {
			...createLinkInput(),
			list_enabled_banks: '213,451, 014',
		});
		expect(request.body?.list_enabled_banks).toBe('213,451,014');
	});

	it('refuses to hide every payment method (BANK_TRANSFER hides VA too)', () => {
		expectOnlyRefused(
			'paymentLink.create',
			{
				...createLinkInput(),
				list_disabled_payment_methods: 'BANK_TRANSFER,CREDIT_CARD,QRIS,EWALLET',
			},
			'list_disabled_payment_methods',
			/at least one enabled/,
		);
		// Hiding VA alone leaves the unique-code transfer.
		const input = {
			...createLinkInput(),
			list_disabled_payment_methods: 'VA,CREDIT_CARD,QRIS,EWALLET',
		};
		expect(problemsOf('paymentLink.create', input)).toEqual([]);
	});

	it("refuses parameters the docs do not list, such as the guide's `step`", () => {
		expectOnlyRefused(
			'paymentLink.create',
			{ ...createLinkInput(), step: 'input-amount' },
			'step',
			/not a parameter/,
		);
	});
});

describe('paymentLink.createInvoice', () => {
	it('builds the request of the docs example (OY API docs: Payment Checkout › Create Invoice Link), with the amount as a number', () => {
		const input = createInvoiceLinkInput();
		const request = requestFor('paymentLink.createInvoice', input);
		expect(request).toMatchObject({ method: 'POST', path: '/api/payment-checkout/create-invoice' });
		const { attachment, list_disabled_payment_methods: _empty, ...rest } = input;
		expect(request.body).toEqual({
			...rest,
			amount: 15000,
			attachment,
			list_enabled_banks: '002,008,009,013,022',
		});
		expect(String(attachment).startsWith('JVBER')).toBe(true);
	});

	it('refuses the curl example (OY API docs: Payment Checkout › Create Invoice Link) for its partner_tx_id with spaces only', () => {
		const input = fixture('paymentLink/createInvoice.request.curl').input!;
		expectOnlyRefused(
			'paymentLink.createInvoice',
			input,
			'partner_tx_id',
			/letters and digits only/,
		);
		const request = requestFor('paymentLink.createInvoice', {
			...input,
			partner_tx_id: 'partnerTxId',
		});
		expect(request.body).toMatchObject({ amount: 30000, is_open: true, list_enabled_banks: '013' });
	});

	it('reads the docs answer as success (OY API docs: Payment Checkout › Create Invoice Link)', () => {
		const verdict = classifyFixture(
			'paymentLink.createInvoice',
			'paymentLink/createInvoice.response',
		);
		expect(verdict.outcome).toBe('success');
	});

	it('needs partner_user_id and the VA method for a lifetime VA', () => {
		const lifetime = { ...createInvoiceLinkInput(), is_va_lifetime: true };
		expect(problemsOf('paymentLink.createInvoice', lifetime)).toEqual([]);
		expectOnlyRefused(
			'paymentLink.createInvoice',
			{ ...lifetime, partner_user_id: undefined },
			'partner_user_id',
			/required when is_va_lifetime is true/,
		);
		expectOnlyRefused(
			'paymentLink.createInvoice',
			{ ...lifetime, list_disabled_payment_methods: 'BANK_TRANSFER' },
			'is_va_lifetime',
			/needs the VA payment method/,
		);
	});

	it('refuses a due date later than the expiration', () => {
		const input = { ...createInvoiceLinkInput(), due_date: '2021-03-13 00:00:01' };
		expectOnlyRefused(
			'paymentLink.createInvoice',
			input,
			'due_date',
			/not be later than expiration/,
		);
	});

	it('refuses an attachment that is no base64 PDF, or larger than 2 MB', () => {
		const input = createInvoiceLinkInput();
		expectOnlyRefused(
			'paymentLink.createInvoice',
			{ ...input, attachment: 'UEsDBBQ=' },
			'attachment',
			/PDF file encoded in base64/,
		);
		const large = `JVBER${'A'.repeat(2_800_000)}`;
		expectOnlyRefused(
			'paymentLink.createInvoice',
			{ ...input, attachment: large },
			'attachment',
			/at most 2 MB \(got 2\.0 MB\)/,
		);
	});

	it.each([
		['quantity', 0, /at least 1/],
		['price_per_item', 1500.5, /no fractions/],
		['date_of_purchase', '12-03-2021', /is ambiguous/],
		['colour', 'red', /not a parameter/],
	])('refuses an invoice item with %s = %j', (key, value, rule) => {
		const input = createInvoiceLinkInput();
		const [item] = input.invoice_items as Record<string, unknown>[];
		expectOnlyRefused(
			'paymentLink.createInvoice',
			{ ...input, invoice_items: [{ ...item, [key]: value }] },
			`invoice_items[0].${key}`,
			rule,
		);
	});

	it('does not offer the payment-link-only parameters the invoice table leaves out', () => {
		const input = { ...createInvoiceLinkInput(), child_balance: 'child123' };
		expectOnlyRefused('paymentLink.createInvoice', input, 'child_balance', /not a parameter/);
	});
});

describe('paymentLink.getStatus', () => {
	it('builds the query of the docs example (OY API docs: Payment Checkout › Get Payment Status) with no body', () => {
		const request = requestFor('paymentLink.getStatus', {
			partner_tx_id: 'OY123456',
			send_callback: false,
		});
		expect(request).toMatchObject({
			method: 'GET',
			path: '/api/payment-checkout/status',
			query: { partner_tx_id: 'OY123456', send_callback: 'false' },
		});
		expect(request.body).toBeUndefined();
	});

	it('needs partner_tx_id or a QRIS payment_reference_number', () => {
		expectOnlyRefused(
			'paymentLink.getStatus',
			{ send_callback: true },
			'partner_tx_id',
			/payment_reference_number/,
		);
		expect(
			problemsOf('paymentLink.getStatus', { payment_reference_number: 'ABCDEF123456' }),
		).toEqual([]);
	});

	it('reads the docs answer (OY API docs: Payment Checkout › Get Payment Status, status "success") as paid', () => {
		const verdict = classifyFixture('paymentLink.getStatus', 'paymentLink/getStatus.response');
		expect(verdict).toMatchObject({ outcome: 'success', source: 'state', state: 'success' });
		expect(
			classifyFixture('paymentLink.getStatus', 'paymentLink/getStatus.response.guide').outcome,
		).toBe('success');
	});

	it('reads its times in WIB and its amounts as rupiah', () => {
		expect(
			normalizedRecord('paymentLink.getStatus', 'paymentLink/getStatus.response'),
		).toMatchObject({
			created: '2021-01-12T09:25:33.000Z',
			updated: '2021-01-12T09:26:17.000Z',
			expiration: '2021-01-13T09:25:14.000Z',
			settlement_time: '2021-01-13T08:00:00.000Z',
			amount: 15000,
			paid_amount: 100000,
		});
	});

	it('leaves a time in the undocumented shape of the table as OY! sent it', () => {
		const record = normalizeFields(
			{ expiration: '2021-01-13 16:25:14' },
			getOperation('paymentLink.getStatus').fields,
		);
		expect(record).toEqual({ expiration: '2021-01-13 16:25:14' });
	});

	it.each([
		['created', 'pending'],
		['INITIATED', 'pending'],
		['waiting_payment', 'pending'],
		['charge_in_progress', 'pending'],
		['processing', 'pending'],
		['failed', 'pending'],
		['complete', 'success'],
		['success', 'success'],
		['expired', 'failed'],
		['closed', 'failed'],
	])('reads the link state %s as %s', (state, outcome) => {
		const verdict = classify('paymentLink.getStatus', {
			...fixture('paymentLink/getStatus.response').body!,
			status: state,
		});
		expect(verdict).toMatchObject({ outcome, state });
	});

	it('covers every state of the table', () => {
		expect(Object.keys(LINK_STATES).sort()).toEqual([
			'CHARGE_IN_PROGRESS',
			'CLOSED',
			'COMPLETE',
			'CREATED',
			'EXPIRED',
			'FAILED',
			'INITIATED',
			'PROCESSING',
			'SUCCESS',
			'WAITING_PAYMENT',
		]);
	});

	it('does not guess an unknown state', () => {
		const verdict = classify('paymentLink.getStatus', {
			partner_tx_id: 'OY123456',
			status: 'refunded',
		});
		expect(verdict).toMatchObject({ outcome: 'unknown', state: 'refunded' });
	});

	it('reads a refused status request as saying nothing about the link', () => {
		const verdict = classify('paymentLink.getStatus', {
			status: { code: '208', message: 'Invalid API Key' },
		});
		expect(verdict).toMatchObject({ outcome: 'unknown', code: '208', source: 'body' });
		expect(verdict.state).toBeUndefined();
		expect(classify('paymentLink.getStatus', '', 429)).toMatchObject({
			outcome: 'unknown',
			transient: true,
		});
	});

	it('reads `status: false` in a bare answer as OY! refusing the request (e.g. not found)', () => {
		const verdict = classify('paymentLink.getStatus', { status: false, message: 'Data Not Found' });
		expect(verdict).toMatchObject({ outcome: 'rejected', message: 'Data Not Found' });
	});
});

describe('paymentLink.get', () => {
	it('puts the id in the path and sends no body (OY API docs: Payment Checkout › Get Payment / Invoice Link Data)', () => {
		const request = requestFor('paymentLink.get', {
			payment_link_id_or_partner_tx_id: 'aa2d30f7-6e45-464b-bd4f-7e042f7e114b',
		});
		expect(request).toMatchObject({
			method: 'GET',
			path: '/api/payment-checkout/aa2d30f7-6e45-464b-bd4f-7e042f7e114b',
		});
		expect(request.body).toBeUndefined();
	});

	it('encodes an id that is not URL-safe', () => {
		const request = requestFor('paymentLink.get', { payment_link_id_or_partner_tx_id: 'a/b c' });
		expect(request.path).toBe('/api/payment-checkout/a%2Fb%20c');
	});

	it('reads the docs answer (OY API docs: Payment Checkout › Get Payment / Invoice Link Data) as a link still waiting: pending', () => {
		const verdict = classifyFixture('paymentLink.get', 'paymentLink/get.response');
		expect(verdict).toMatchObject({ outcome: 'pending', state: 'CREATED' });
		const body = fixture('paymentLink/get.response').body as { data: Record<string, unknown> };
		expect(
			classify('paymentLink.get', { ...body, data: { ...body.data, status: 'COMPLETE' } }).outcome,
		).toBe('success');
	});

	it('reads the record under data, its dates in WIB, its keys and state as Get Status writes them', () => {
		expect(normalizedRecord('paymentLink.get', 'paymentLink/get.response')).toMatchObject({
			partner_tx_id: 'abc10',
			payment_link_id: '703e05c0-48e3-47bd-9c22-670941d4d5fe',
			status: 'created',
			expiration_time: '2020-08-11T17:00:00.000Z',
			due_date: '2020-08-11T05:00:00.000Z',
			amount: 15000,
		});
	});

	it('reads a failed answer (OY API docs: Payment Checkout › Get Payment / Invoice Link Data › failure messages) as rejected, with advice', () => {
		const verdict = classifyFixture('paymentLink.get', 'paymentLink/get.response.not-found');
		expect(verdict.outcome).toBe('rejected');
		expect(adviceForCheckoutFailure(verdict.message)).toMatch(/Check the id/);
		expect(adviceForCheckoutFailure('Restricted Access')).toMatch(/which account created it/);
		expect(adviceForCheckoutFailure('something else')).toBeUndefined();
	});
});

describe('paymentLink.delete', () => {
	it('sends DELETE with the id in the path and no body (OY API docs: Payment Checkout › Delete Payment / Invoice Link)', () => {
		const request = requestFor('paymentLink.delete', {
			payment_link_id_or_partner_tx_id: '4fce3338-e2b7-400d-98d1-f117c0e0fcb4',
		});
		expect(request).toMatchObject({
			method: 'DELETE',
			path: '/api/payment-checkout/4fce3338-e2b7-400d-98d1-f117c0e0fcb4',
		});
		expect(request.body).toBeUndefined();
	});

	it('requires the id', () => {
		expectOnlyRefused('paymentLink.delete', {}, 'payment_link_id_or_partner_tx_id', /is required$/);
	});

	it('reads the docs answer (OY API docs: Payment Checkout › Delete Payment / Invoice Link) as success', () => {
		expect(classifyFixture('paymentLink.delete', 'paymentLink/delete.response').outcome).toBe(
			'success',
		);
	});

	it('reads a refusal for a link already in payment as rejected, with advice (OY API docs: Payment Checkout › Delete Payment / Invoice Link › messages)', () => {
		const verdict = classifyFixture('paymentLink.delete', 'paymentLink/delete.response.refused');
		expect(verdict.outcome).toBe('rejected');
		expect(adviceForCheckoutFailure(verdict.message)).toMatch(/already chose a payment method/);
	});

	it.each(FUND_ACCEPTANCE_HTTP)('reads HTTP %i as %s', (status, outcome, transient) => {
		expect(classify('paymentLink.delete', null, status)).toMatchObject({ outcome, transient });
	});
});

describe('client behaviour for Part B', () => {
	it('never sends a payment link again after a 504', async () => {
		const { client, sent } = scriptedClient([{ statusCode: 504, body: 'Gateway Timeout' }]);
		const result = await client.call('paymentLink.create', {
			...fixture('paymentLink/create.request').input,
		});
		expect(result.outcome).toBe('unknown');
		expect(sent).toHaveLength(1);
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
});
