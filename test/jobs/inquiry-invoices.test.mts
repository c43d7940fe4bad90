import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAYMENT_IN_FLIGHT_MS } from '../../lib/jobs/inquiryInvoices.js';
import { jakartaDay, readWorkbook, records, startWorld } from './support/world.mjs';
import type { World } from './support/world.mjs';

interface SandboxInvoice {
	invoice_id: string;
	tx_date: string;
	amount: number;
	invoice_status: string;
	paid_at: string | null;
}

/**
 * Job 1 against the sandbox: UNPAID account-inquiry invoices are paid once each, oldest first;
 * a balance too low (206) raises one alert a day and no retry loop; a lost answer is resolved by
 * reading the invoice; a ledger that disagrees with OY! stops the payment.
 */
describe('inquiry-invoices: paying account-inquiry invoices', () => {
	let world: World;
	const invoices = async () =>
		(
			(await world.control('GET', '/state?product=account-inquiry')) as {
				invoices: SandboxInvoice[];
			}
		).invoices;
	const balance = async () =>
		((await world.control('GET', '/balance')) as { own: { balance: number } }).own.balance;

	beforeEach(async () => {
		world = await startWorld();
		// OY's own daily auto-pay would race the job; the job exists for when it does not pay.
		await world.control('PUT', '/account-inquiry/settings', { auto_pay: false });
		world.sandbox.control.seed({
			'account-inquiry': [
				{ invoice_id: 'INV-OLD', tx_date: jakartaDay(world.sandbox, -3), total_inquiry: 5 },
				{ invoice_id: 'INV-NEW', tx_date: jakartaDay(world.sandbox, -1), total_inquiry: 3 },
				{
					invoice_id: 'INV-PAID',
					tx_date: jakartaDay(world.sandbox, -4),
					total_inquiry: 2,
					paid_at: new Date().toISOString(),
				},
				{ invoice_id: 'INV-TODAY', tx_date: jakartaDay(world.sandbox, 0), total_inquiry: 1 },
			],
		});
		world.configure({
			'inquiry-invoices': { notify: ['finance@example.co.id', 'cfo@example.co.id'] },
		});
	});
	afterEach(async () => world.close());

	it('lists what it would pay in a dry run and changes nothing', async () => {
		const before = await balance();
		const run = await world.run('inquiry-invoices', { dryRun: true });
		expect(run.status).toBe('ok');
		expect(run.summary.counts['would pay']).toBe(2);
		expect(run.summary.amounts.toPay).toBe(8_000);
		expect(
			(await invoices()).filter((invoice) => invoice.invoice_status === 'UNPAID'),
		).toHaveLength(2);
		expect(await balance()).toBe(before);
		expect(world.smtp.received).toHaveLength(0);
		expect(await world.ledger((ledger) => ledger.events())).toHaveLength(0);
		const sheet = records((await readWorkbook(run.summary.reports[0].path)).Invoices);
		expect(sheet.map((row) => [row['Invoice ID'], row.Action])).toEqual([
			['INV-OLD', 'would pay'],
			['INV-NEW', 'would pay'],
		]);
	});

	it('pays the UNPAID invoices oldest first, once, and e-mails what it paid', async () => {
		const before = await balance();
		const run = await world.run('inquiry-invoices');
		expect(run.status).toBe('ok');
		expect(run.summary.counts.paid).toBe(2);
		expect(run.summary.amounts.paid).toBe(8_000);
		expect(await balance()).toBe(before - 8_000);
		const state = await invoices();
		expect(state.find((invoice) => invoice.invoice_id === 'INV-OLD')?.invoice_status).toBe('PAID');
		expect(state.find((invoice) => invoice.invoice_id === 'INV-NEW')?.invoice_status).toBe('PAID');
		expect(state.find((invoice) => invoice.invoice_id === 'INV-TODAY')?.invoice_status).toBe(
			'INITIATED',
		);
		const paidOrder = await world.ledger(async (ledger) =>
			(await ledger.events('inquiry-invoices'))
				.filter((event) => event.state === 'done' && event.key.startsWith('pay:'))
				.map((event) => event.key),
		);
		expect(paidOrder).toEqual(['pay:INV-OLD', 'pay:INV-NEW']);

		expect(world.smtp.received).toHaveLength(1);
		const [mail] = world.smtp.received;
		expect(mail.recipients.sort()).toEqual(['cfo@example.co.id', 'finance@example.co.id']);
		expect(mail.subject).toBe('Paid 2 OY! account-inquiry invoice(s), Rp8.000');
		expect(mail.attachments.map((attachment) => attachment.contentType)).toEqual([
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		]);
		const sheet = records((await readWorkbook(mail.attachments[0].content)).Invoices);
		expect(sheet).toEqual([
			expect.objectContaining({
				'Invoice ID': 'INV-OLD',
				Inquiries: 5,
				'Amount (IDR)': 5_000,
				Action: 'paid',
			}),
			expect.objectContaining({
				'Invoice ID': 'INV-NEW',
				Inquiries: 3,
				'Amount (IDR)': 3_000,
				Action: 'paid',
			}),
		]);

		const again = await world.run('inquiry-invoices');
		expect(again.summary.counts.paid).toBeUndefined();
		expect(await balance()).toBe(before - 8_000);
		expect(world.smtp.received).toHaveLength(1);
	});

	it('stops at code 206, alerts once a day, and pays after a top-up', async () => {
		await world.control('PUT', '/balance', { balance: 4_000 });
		const first = await world.run('inquiry-invoices');
		expect(first.status).toBe('problems');
		// The oldest (5,000) is refused; the next is not even tried: no retry loop.
		expect(first.summary.counts['balance too low']).toBe(1);
		expect(first.summary.counts['not tried: balance too low']).toBe(1);
		expect(first.summary.problems.join('\n')).toContain(
			'too low to pay 2 account-inquiry invoice(s) (Rp8.000). Available balance: Rp4.000.',
		);
		const alerts = world.smtp.byKey('alert:low-balance:');
		expect(alerts).toHaveLength(1);
		expect(alerts[0].subject).toBe('OY! balance too low to pay 2 account-inquiry invoice(s)');
		expect(alerts[0].text).toContain('code 232');
		const payAttempts = await world.ledger(async (ledger) =>
			(await ledger.events('inquiry-invoices')).filter(
				(event) => event.key.startsWith('pay:') && event.state === 'claimed',
			),
		);
		expect(payAttempts).toHaveLength(1);

		const second = await world.run('inquiry-invoices');
		expect(second.status).toBe('problems');
		expect(world.smtp.byKey('alert:low-balance:')).toHaveLength(1);

		await world.control('PUT', '/balance', { balance: 100_000 });
		const third = await world.run('inquiry-invoices');
		expect(third.status).toBe('ok');
		expect(third.summary.counts.paid).toBe(2);
		expect(await balance()).toBe(92_000);
		expect(
			await world.ledger((ledger) => ledger.find('inquiry-invoices', 'pay:INV-OLD')),
		).toMatchObject({ state: 'done', attempts: 3 });
	});

	it('confirms a payment whose answer was lost by reading the invoice, and pays it only once', async () => {
		const before = await balance();
		world.sandbox.control.addFault({
			kind: 'drop-after-commit',
			path: '/api/account-inquiry/invoices/pay',
			times: 1,
		});
		const run = await world.run('inquiry-invoices');
		expect(run.status).toBe('ok');
		expect(run.summary.counts.paid).toBe(2);
		expect(await balance()).toBe(before - 8_000);
		expect(run.lines.join('\n')).toContain('asking accountInquiry.getInvoice with the same id');
	});

	/** Makes a claim as old as if its run had died `ms` ago. */
	const ageClaim = (key: string, ms: number) =>
		world.ledger((ledger) =>
			ledger.db
				.prepare("UPDATE effects SET at = ? WHERE job = 'inquiry-invoices' AND key = ?")
				.run(new Date(world.sandbox.control.clock.now() - ms).toISOString(), key),
		);

	it('holds an invoice a dead run was paying moments ago (OY! may still be on it), and pays it once that window has passed', async () => {
		await world.ledger((ledger) =>
			ledger.claim('inquiry-invoices', 'pay:INV-NEW', 'a-dead-run', { amount: 3_000 }),
		);
		await ageClaim('pay:INV-NEW', 5_000);
		const before = await balance();
		const run = await world.run('inquiry-invoices');
		expect(run.status).toBe('ok');
		expect(run.summary.counts).toMatchObject({
			paid: 1,
			'held: earlier payment may be under way': 1,
		});
		expect(run.summary.notes.join('\n')).toMatch(
			/Invoice INV-NEW: run a-dead-run sent its payment \d+s ago and stopped; OY! may still be paying it/,
		);
		expect(await balance()).toBe(before - 5_000);
		expect(
			await world.ledger((ledger) => ledger.find('inquiry-invoices', 'pay:INV-NEW')),
		).toMatchObject({ state: 'claimed', runId: 'a-dead-run' });

		await ageClaim('pay:INV-NEW', PAYMENT_IN_FLIGHT_MS + 1_000);
		const later = await world.run('inquiry-invoices');
		expect(later.summary.counts.paid).toBe(1);
		expect(await balance()).toBe(before - 8_000);
	});

	it('pays, once, an invoice a dead run claimed but never sent to OY!', async () => {
		// What a runner killed between its claim and its request leaves behind, long enough ago.
		await world.ledger((ledger) =>
			ledger.claim('inquiry-invoices', 'pay:INV-NEW', 'a-dead-run', { amount: 3_000 }),
		);
		await ageClaim('pay:INV-NEW', PAYMENT_IN_FLIGHT_MS + 1_000);
		const before = await balance();
		const run = await world.run('inquiry-invoices');
		expect(run.status).toBe('ok');
		expect(run.summary.counts.paid).toBe(2);
		expect(await balance()).toBe(before - 8_000);
		expect(
			await world.ledger(async (ledger) =>
				(await ledger.events('inquiry-invoices'))
					.filter((event) => event.key === 'pay:INV-NEW')
					.map((event) => event.state),
			),
		).toEqual(['claimed', 'failed', 'claimed', 'done']);
	});

	it('refuses to pay an invoice the ledger says it paid while OY! lists it UNPAID', async () => {
		await world.ledger(async (ledger) => {
			await ledger.claim('inquiry-invoices', 'pay:INV-OLD', 'an-earlier-run', { amount: 5_000 });
			await ledger.settle('inquiry-invoices', 'pay:INV-OLD', 'an-earlier-run', 'done');
		});
		const before = await balance();
		const run = await world.run('inquiry-invoices');
		expect(run.status).toBe('problems');
		expect(run.summary.counts['held: ledger says paid']).toBe(1);
		expect(run.summary.problems[0]).toContain('INV-OLD');
		expect(run.summary.problems[0]).toContain('not paying it again');
		expect(await balance()).toBe(before - 3_000);
	});
});
