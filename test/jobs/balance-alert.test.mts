import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { jakartaDay, readWorkbook, records, startWorld } from './support/world.mjs';
import type { World } from './support/world.mjs';

/**
 * Job 4 against the sandbox: the balance (and Multi Account child balances) compared with
 * thresholds; at most one alert a day, silence after three days in a row, a notice on recovery,
 * a digest when asked for; the balance history read back from the attachment.
 */
describe('balance-alert: low balances', () => {
	let world: World;
	const setBalance = (balance: number) => world.control('PUT', '/balance', { balance });
	const nextDay = () => world.sandbox.control.advanceTime(86_400_000);
	const alerts = () => world.smtp.byKey('alert:');

	beforeEach(async () => {
		world = await startWorld();
		world.configure({
			'balance-alert': {
				threshold: 5_000_000,
				to: ['finance@example.co.id', 'owner@example.co.id'],
				maxConsecutiveDays: 3,
			},
		});
	});
	afterEach(async () => world.close());

	it('sends a daily digest when nothing is low, once a day', async () => {
		world.configure({
			'balance-alert': { threshold: 5_000_000, to: ['finance@example.co.id'], digest: true },
		});
		await setBalance(7_500_000);
		const run = await world.run('balance-alert');
		expect(run.status).toBe('ok');
		expect(run.summary.counts).toEqual({ ok: 1 });
		const [digest] = world.smtp.byKey('digest:');
		expect(digest.subject).toBe(`OY! balance digest ${jakartaDay(world.sandbox)}`);
		expect(digest.text).toContain('Rp7.500.000');
		await world.run('balance-alert');
		expect(world.smtp.received).toHaveLength(1);
	});

	it('alerts once a day, stays silent after three days in a row, and says when the balance recovered', async () => {
		await setBalance(7_000_000);
		await world.run('balance-alert');
		expect(world.smtp.received).toHaveLength(0);

		await setBalance(1_200_000);
		const low = await world.run('balance-alert');
		expect(low.status).toBe('ok');
		expect(alerts()).toHaveLength(1);
		const [alert] = alerts();
		expect(alert.recipients.sort()).toEqual(['finance@example.co.id', 'owner@example.co.id']);
		expect(alert.subject).toBe('Low OY! balance: main Rp1.200.000');
		expect(alert.text).toContain('threshold Rp5.000.000   LOW');
		const history = records((await readWorkbook(alert.attachments[0].content))['Balance history']);
		// The reading before the drop and the two of this run (first look, and the re-read before alerting is not stored).
		expect(history.map((row) => [row.Account, row['Available (IDR)'], row.Low])).toEqual([
			['main', 7_000_000, null],
			['main', 1_200_000, 'yes'],
		]);
		expect(history[0]['Read at (UTC)']).toBeInstanceOf(Date);

		await world.run('balance-alert');
		expect(alerts()).toHaveLength(1);

		nextDay();
		await world.run('balance-alert');
		nextDay();
		await world.run('balance-alert');
		expect(alerts()).toHaveLength(3);
		nextDay();
		const capped = await world.run('balance-alert');
		expect(capped.summary.notes.join('\n')).toContain(
			'Alerted 3 days in a row: silent until the balances recover',
		);
		nextDay();
		await world.run('balance-alert');
		expect(alerts()).toHaveLength(3);

		await setBalance(9_000_000);
		await world.run('balance-alert');
		const recovered = world.smtp.byKey('recovered:');
		expect(recovered).toHaveLength(1);
		expect(recovered[0].subject).toBe(
			'OY! balance recovered: all balances are above their thresholds',
		);
		nextDay();
		await world.run('balance-alert');
		expect(world.smtp.byKey('recovered:')).toHaveLength(1);

		// A new drop after recovery alerts again: the streak was broken.
		await setBalance(100_000);
		nextDay();
		await world.run('balance-alert');
		expect(alerts()).toHaveLength(4);
	});

	it('checks child accounts against their own thresholds and names a child OY! does not know', async () => {
		await setBalance(50_000_000);
		await world.control('PUT', '/balance/children/branch-jakarta', { balance: 300_000 });
		await world.control('PUT', '/balance/children/branch-bandung', { balance: 9_000_000 });
		world.configure({
			'balance-alert': {
				threshold: 5_000_000,
				to: ['finance@example.co.id'],
				children: {
					'branch-jakarta': 1_000_000,
					'branch-bandung': 1_000_000,
					'branch-ghost': 1_000_000,
				},
			},
		});
		const run = await world.run('balance-alert');
		expect(run.status).toBe('problems');
		expect(run.summary.problems).toEqual([
			'OY! reports no balance for the child account "branch-ghost"',
		]);
		expect(run.summary.counts).toEqual({ ok: 2, low: 1 });
		const [alert] = alerts();
		expect(alert.subject).toBe('Low OY! balance: branch-jakarta Rp300.000');
		expect(alert.text).toMatch(/main +available +Rp50\.000\.000/);
	});

	it('reads and reports in a dry run without recording or sending anything', async () => {
		await setBalance(10_000);
		const run = await world.run('balance-alert', { dryRun: true });
		expect(run.summary.counts).toEqual({ low: 1 });
		expect(run.summary.messages).toBe(1);
		expect(world.smtp.received).toHaveLength(0);
		expect(await world.ledger((ledger) => ledger.events())).toHaveLength(0);
	});
});

/**
 * The look-ahead: the inquiry invoices OY! will take (UNPAID now, the INITIATED one of the day) and
 * the payouts in the caller's own list, against the main balance and its threshold.
 */
describe('balance-alert: looking ahead', () => {
	let world: World;
	const setBalance = (balance: number) => world.control('PUT', '/balance', { balance });
	const warnings = () => world.smtp.byKey('lookahead:');
	const invoicesDue = async () =>
		(
			(await world.control('GET', '/state?product=account-inquiry')) as {
				invoices: Array<{ invoice_id: string; amount: number; paid_at: string | null }>;
			}
		).invoices.filter((invoice) => invoice.paid_at === null);
	const payoutsFile = (name: string, rows: string[]) => {
		const file = path.join(world.dir, name);
		writeFileSync(file, ['date,amount,description', ...rows].join('\n'));
		return name;
	};

	beforeEach(async () => {
		world = await startWorld();
		await world.control('PUT', '/account-inquiry/settings', { auto_pay: false });
		world.sandbox.control.seed({
			'account-inquiry': [
				{ invoice_id: 'INV-YESTERDAY', tx_date: jakartaDay(world.sandbox, -1), total_inquiry: 400 },
				{ invoice_id: 'INV-TODAY', tx_date: jakartaDay(world.sandbox, 0), total_inquiry: 100 },
			],
		});
	});
	afterEach(async () => world.close());

	it('warns once a day when what is scheduled in the next days takes the balance below its threshold', async () => {
		const invoices = await invoicesDue();
		expect(invoices.map((invoice) => invoice.invoice_id).sort()).toEqual([
			'INV-TODAY',
			'INV-YESTERDAY',
		]);
		const invoiceTotal = invoices.reduce((sum, invoice) => sum + invoice.amount, 0);
		expect(invoiceTotal).toBeGreaterThan(0);
		const file = payoutsFile('payouts.csv', [
			`${jakartaDay(world.sandbox, 2)},3000000,Payroll March`,
			`${jakartaDay(world.sandbox, 6)},1500000,"Vendor run, week 2"`,
			// after the window, and before today: not counted
			`${jakartaDay(world.sandbox, 9)},90000000,Next month`,
			`${jakartaDay(world.sandbox, -2)},90000000,Already paid`,
		]);
		world.configure({
			'balance-alert': {
				threshold: 5_000_000,
				to: ['finance@example.co.id'],
				lookAheadDays: 7,
				expectedPayouts: file,
			},
		});
		const scheduled = invoiceTotal + 4_500_000;
		await setBalance(5_000_000 + scheduled - 1);

		const run = await world.run('balance-alert');
		expect(run.status).toBe('ok');
		expect(run.summary.counts).toEqual({ ok: 1, 'will not cover': 1 });
		expect(run.summary.amounts.scheduled).toBe(scheduled);
		const [warning] = warnings();
		expect(warning.subject).toMatch(/^OY! balance will not cover the next 7 days: /);
		expect(warning.text).toContain('Payroll March');
		expect(warning.text).toContain('INV-YESTERDAY');
		expect(warning.text).not.toContain('Next month');
		const rows = records((await readWorkbook(warning.attachments[0].content))['Look-ahead']);
		expect(rows.map((row) => row.What)).toEqual([
			'inquiry invoice',
			'inquiry invoice',
			'expected payout',
			'expected payout',
		]);
		expect(rows.at(-1)?.['Available after (IDR)']).toBe(5_000_000 - 1);

		await world.run('balance-alert');
		expect(warnings()).toHaveLength(1);
		expect(world.smtp.byKey('alert:')).toHaveLength(0);
	});

	it('stays silent when the balance covers the window and keeps its threshold', async () => {
		const invoiceTotal = (await invoicesDue()).reduce((sum, invoice) => sum + invoice.amount, 0);
		world.configure({
			'balance-alert': {
				threshold: 5_000_000,
				to: ['finance@example.co.id'],
				expectedPayouts: payoutsFile('payouts.csv', [
					`${jakartaDay(world.sandbox, 1)},2000000,Payroll`,
				]),
			},
		});
		await setBalance(5_000_000 + invoiceTotal + 2_000_000);
		const run = await world.run('balance-alert');
		expect(run.summary.counts).toEqual({ ok: 1 });
		expect(run.summary.notes.join('\n')).toMatch(
			/Scheduled until .*: Rp.* in 3 payment\(s\); available .* leaves Rp5\.000\.000, threshold Rp5\.000\.000$/m,
		);
		expect(world.smtp.received).toHaveLength(0);
	});

	it("counts the list's payouts only: the reconciliation's incoming rows (VA, link, e-wallet) are not scheduled payments", async () => {
		const invoiceTotal = (await invoicesDue()).reduce((sum, invoice) => sum + invoice.amount, 0);
		const tomorrow = jakartaDay(world.sandbox, 1);
		writeFileSync(
			path.join(world.dir, 'expected.csv'),
			[
				'date,amount,description,id,product',
				`${tomorrow},2000000,Payroll,PAY-1,`,
				`${tomorrow},90000000,Customer VA payment,VA-1,va`,
				`${tomorrow},40000000,Invoice paid by link,LINK-1,payment-link`,
			].join('\n'),
		);
		world.configure({
			'balance-alert': {
				threshold: 5_000_000,
				to: ['finance@example.co.id'],
				expectedPayouts: 'expected.csv',
			},
		});
		await setBalance(5_000_000 + invoiceTotal + 2_000_000);
		const run = await world.run('balance-alert');
		expect(run.summary.counts).toEqual({ ok: 1 });
		expect(run.summary.notes.join('\n')).toMatch(/in 3 payment\(s\)/);
		expect(world.smtp.received).toHaveLength(0);
		// An unknown product is refused, not guessed.
		writeFileSync(
			path.join(world.dir, 'expected.csv'),
			['date,amount,description,id,product', `${tomorrow},2000000,Payroll,PAY-1,payroll`].join(
				'\n',
			),
		);
		const refused = await world.run('balance-alert');
		expect(refused.status).toBe('failed');
		expect(refused.lines.join('\n')).toMatch(/row 2: product must be one of .* not "payroll"/);
	});

	it('refuses a list it cannot read, naming the rows, and a list that is not there', async () => {
		world.configure({
			'balance-alert': {
				to: ['finance@example.co.id'],
				expectedPayouts: payoutsFile('bad.csv', [
					'tomorrow,3000000,Payroll',
					`${jakartaDay(world.sandbox, 1)},-5,Refund`,
				]),
			},
		});
		await setBalance(900_000_000);
		const run = await world.run('balance-alert');
		expect(run.status).toBe('failed');
		expect(run.lines.join('\n')).toMatch(
			/row 2: date must be yyyy-MM-dd, not "tomorrow".*row 3: amount must be whole rupiah above 0, not "-5"/,
		);
		expect(world.smtp.received).toHaveLength(0);
		expect(() =>
			world.configure({
				'balance-alert': { to: ['finance@example.co.id'], expectedPayouts: 'missing.csv' },
			}),
		).toThrow(
			/jobs\.balance-alert\.expectedPayouts: names a file that does not exist: .*missing\.csv/,
		);
	});
});
