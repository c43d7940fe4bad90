import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { receivedCounts, seedOverdueInvoices } from './support/seeds.mjs';
import { jakartaDay, startWorld, until } from './support/world.mjs';
import type { World } from './support/world.mjs';

/**
 * A real `oy-jobs` process killed (SIGKILL) in the middle of a run, then started again: nothing
 * is paid or e-mailed twice. The sandbox and the SMTP server live in this test process, so they
 * outlive the killed runner, as OY! and a mail server would.
 */
describe('kill and restart', () => {
	let world: World;
	afterEach(async () => world.close());

	it('e-mails nothing twice: sent reminders are not repeated, the one cut off mid-send is not resent', async () => {
		let runner: ChildProcess | undefined;
		world = await startWorld({
			smtp: {
				// The third reminder reaches the server; the runner dies before the server says 250.
				onMessage: (mail) => {
					if (
						mail.key.startsWith('remind:') &&
						world.smtp.byKey('remind:').length === 3 &&
						runner
					) {
						runner.kill('SIGKILL');
						runner = undefined;
					}
				},
			},
		});
		seedOverdueInvoices(world);
		// One at a time, so that exactly one reminder is under way when the runner dies.
		world.configure({
			'ar-reminders': { summaryTo: ['finance@example.co.id'], quietHours: null, concurrency: 1 },
		});

		const first = world.cli(['run', 'ar-reminders']);
		runner = first;
		expect(await first.exited).toBe(128);
		const afterKill = await world.ledger((ledger) => ledger.list('ar-reminders', 'remind:'));
		expect(afterKill.map((entry) => entry.state).sort()).toEqual(['claimed', 'done', 'done']);
		expect(world.smtp.byKey('summary:')).toHaveLength(0);

		const second = world.cli(['run', 'ar-reminders']);
		expect(await second.exited).toBe(1);
		expect(second.output()).toMatch(
			/The day-\d+ reminder of invoice INV\/2 may or may not have been sent \(an earlier run stopped while sending it\); not sent again/,
		);

		const counts = receivedCounts(world);
		expect(Object.keys(counts)).toHaveLength(5);
		expect(Object.values(counts).every((times) => times === 1)).toBe(true);
		expect(world.smtp.byKey('summary:')).toHaveLength(1);
		const states = await world.ledger((ledger) => ledger.list('ar-reminders', 'remind:'));
		expect(states.map((entry) => entry.state).sort()).toEqual([
			'done',
			'done',
			'done',
			'done',
			'uncertain',
		]);

		const third = world.cli(['run', 'ar-reminders']);
		expect(await third.exited).toBe(0);
		expect(world.smtp.received).toHaveLength(6);
	});

	it('e-mails nothing twice when several reminders were under way at the kill', async () => {
		let runner: ChildProcess | undefined;
		world = await startWorld({
			smtp: {
				onMessage: () => {
					if (world.smtp.byKey('remind:').length === 2 && runner) {
						runner.kill('SIGKILL');
						runner = undefined;
					}
				},
			},
		});
		seedOverdueInvoices(world, 12);
		world.configure({ 'ar-reminders': { quietHours: null, concurrency: 4 } });
		const first = world.cli(['run', 'ar-reminders']);
		runner = first;
		expect(await first.exited).toBe(128);
		const second = world.cli(['run', 'ar-reminders']);
		await second.exited;

		const entries = await world.ledger((ledger) => ledger.list('ar-reminders', 'remind:'));
		expect(entries).toHaveLength(12);
		expect(entries.filter((entry) => entry.state === 'claimed')).toEqual([]);
		const counts = receivedCounts(world);
		expect(Math.max(...Object.values(counts))).toBe(1);
		// Every reminder either arrived, or is recorded as possibly sent (and reported), never both missing.
		for (const entry of entries) {
			if (entry.state === 'done') expect(counts[entry.key], entry.key).toBe(1);
			else expect(entry.state, entry.key).toBe('uncertain');
		}
		const uncertain = entries.filter((entry) => entry.state === 'uncertain').length;
		expect(uncertain).toBeGreaterThanOrEqual(1);
		expect(second.output().match(/may or may not have been sent/g)).toHaveLength(uncertain);
	});

	it('pays nothing twice: a payment OY! made while its runner was being killed is confirmed, not repeated', async () => {
		world = await startWorld();
		await world.control('PUT', '/account-inquiry/settings', { auto_pay: false });
		world.sandbox.control.seed({
			'account-inquiry': [1, 2, 3].map((days) => ({
				invoice_id: `INV-${days}`,
				tx_date: jakartaDay(world.sandbox, -days),
				total_inquiry: days * 10,
			})),
		});
		const balance = async () =>
			((await world.control('GET', '/balance')) as { own: { balance: number } }).own.balance;
		const before = await balance();
		// Each payment takes a while at OY!: long enough to kill the runner while one is under way.
		world.sandbox.control.addFault({
			kind: 'latency',
			path: '/api/account-inquiry/invoices/pay',
			latency_ms: 1_500,
		});
		world.configure({ 'inquiry-invoices': { notify: ['finance@example.co.id'] } });

		const first = world.cli(['run', 'inquiry-invoices']);
		// Killed once OY! holds the first payment request: the runner has claimed it and waits for the answer.
		const paymentReceived = () =>
			world.sandbox.control.faults.list().some((rule) => rule.fired > 0);
		await until(() => {
			if (first.exitCode !== null)
				throw new Error(`the runner ended before paying anything:\n${first.output()}`);
			return paymentReceived();
		}, 'a payment under way');
		const killedOn = await world.ledger(async (ledger) =>
			(await ledger.list('inquiry-invoices', 'pay:', { state: 'claimed' })).map(
				(entry) => entry.key,
			),
		);
		first.kill('SIGKILL');
		expect(await first.exited).toBe(128);
		expect(killedOn).toEqual(['pay:INV-3']);
		// OY! finishes the payment it received, though nobody is left to hear the answer.
		const invoiceStatus = async (id: string) =>
			(
				(await world.control('GET', '/state?product=account-inquiry')) as {
					invoices: Array<{ invoice_id: string; invoice_status: string }>;
				}
			).invoices.find((invoice) => invoice.invoice_id === id)?.invoice_status;
		await until(async () => (await invoiceStatus('INV-3')) === 'PAID', 'OY! to finish the payment');

		const second = world.cli(['run', 'inquiry-invoices']);
		expect(await second.exited).toBe(0);
		expect(second.output()).toContain('paid (confirmed after an interrupted run): 1');
		for (const id of ['INV-1', 'INV-2', 'INV-3']) expect(await invoiceStatus(id)).toBe('PAID');
		// 10, 20 and 30 inquiries at Rp1.000: each invoice debited exactly once.
		expect(await balance()).toBe(before - 60_000);
		expect(
			await world.ledger((ledger) => ledger.find('inquiry-invoices', 'pay:INV-3')),
		).toMatchObject({ state: 'done', attempts: 1, detail: { confirmedBy: 'invoice status' } });
	});
});
