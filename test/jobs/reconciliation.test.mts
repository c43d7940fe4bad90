import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { recordGhostPayment, sandboxDay, seedTheDay, wib } from './support/reconciliationDay.mjs';
import { jakartaDay, readWorkbook, records, startWorld } from './support/world.mjs';
import type { World } from './support/world.mjs';

/**
 * Job 5 against the sandbox: one day (Asia/Jakarta) of payouts, VA payments, a payment link and
 * the inquiry invoices the ledger recorded, compared with the caller's list; every class seeded,
 * a day boundary in Jakarta time, the VA lists read over several pages; the report read back from
 * the e-mail received on loopback SMTP, and the exit code of the `oy-jobs` command.
 */

describe('reconciliation: one day of OY! transactions against the list and the ledger', () => {
	let world: World;
	/** the day reconciled: tomorrow in Jakarta at the start, so every seeded time is after the VAs were made */
	let day: string;
	let nextDay: string;
	let advanceTo: ReturnType<typeof sandboxDay>['advanceTo'];
	let payLinkAndWallet: ReturnType<typeof sandboxDay>['payLinkAndWallet'];
	let payVa: ReturnType<typeof sandboxDay>['payVa'];
	const listFile = (rows: string[]) => {
		writeFileSync(
			path.join(world.dir, 'expected.csv'),
			['date,amount,id,product,description', ...rows].join('\n'),
		);
		return 'expected.csv';
	};

	beforeEach(async () => {
		world = await startWorld();
		({ advanceTo, payLinkAndWallet, payVa } = sandboxDay(world.sandbox));
		day = jakartaDay(world.sandbox, 1);
		nextDay = jakartaDay(world.sandbox, 2);
		await world.control('PUT', '/account-inquiry/settings', { auto_pay: false });
		// 150 VAs that never received money come first: the VAs with payments are on the list's second page.
		await world.control('POST', '/generate', { 'virtual-account': { accounts: 150 } });
		seedTheDay(world.sandbox, day);
		// On the day: the inquiry-invoices job pays yesterday's inquiry invoice, a payer pays a link.
		advanceTo(wib(day, '08:00'));
		world.configure({ 'inquiry-invoices': {} });
		const paid = await world.run('inquiry-invoices');
		expect(paid.summary.counts).toEqual({ paid: 1 });
		await payLinkAndWallet();
		// A payment the ledger says was made, that OY! has never seen.
		await recordGhostPayment(world.dir, day);
		// The next morning, 10:00 in Jakarta: the VA payments of the day and of just after it.
		advanceTo(wib(nextDay, '10:00'));
		await payVa('VA-LATE', 150_000, wib(day, '23:30'));
		await payVa('VA-AFTER-MIDNIGHT', 175_000, wib(nextDay, '00:30'));
		// 101 walk-in payments, from 06:00 in Jakarta (the day before in UTC): two pages of history.
		for (let index = 0; index < 101; index++)
			await payVa('VA-WALK-IN', 10_000 + index, wib(day, '06:00') + index * 1_000);
	});
	afterEach(async () => world.close());

	it('classifies every transaction, writes a sheet per class, e-mails the report and exits non-zero', async () => {
		const expected = listFile([
			`${day},1000000,PAY-OK,,Vendor A`,
			`${day},500000,PAY-AMOUNT,disbursement,Vendor B`,
			`${day},300000,PAY-FAILED,disbursement,Vendor C`,
			`${day},200000,PAY-STUCK,,Vendor D`,
			`${day},250000,PAY-RECENT,,Vendor E`,
			`${day},90000,PAY-NEVER-SENT,,"Vendor F, March"`,
			`${day},150000,VA-LATE,va,Invoice 1`,
			`${day},175000,VA-AFTER-MIDNIGHT,va,Invoice 2`,
			`${day},200000,LINK1,payment-link,Order 7`,
			`${day},60000,EW1,e-wallet,Shop order 8`,
			// another day's row is not this day's business
			`${nextDay},90000000,PAY-TOMORROW,,Payroll`,
		]);
		world.configure({
			reconciliation: { expected, to: ['finance@example.co.id'], pendingHours: 24 },
		});

		const run = await world.run('reconciliation');
		expect(run.status).toBe('problems');
		expect(run.summary.counts).toEqual({
			matched: 5,
			'missing at OY': 3,
			'unknown to us': 101,
			'amount differs': 1,
			'failed at OY': 1,
			'pending too long': 1,
			pending: 1,
		});
		expect(run.summary.problems).toEqual([
			`${day} needs a person: 3 missing at OY (Rp272.000); 101 unknown to us (Rp1.015.050); 1 amount differs (Rp500.000); 1 failed at OY (Rp300.000); 1 pending too long (Rp200.000). See the report.`,
		]);

		const [mail] = world.smtp.byKey('report:');
		expect(mail.recipients).toEqual(['finance@example.co.id']);
		expect(mail.subject).toBe(
			`OY! reconciliation ${day}: needs a person (3 missing at OY (Rp272.000), 101 unknown to us (Rp1.015.050), 1 amount differs (Rp500.000), 1 failed at OY (Rp300.000), 1 pending too long (Rp200.000))`,
		);
		expect(mail.text).toContain('pending too long: Still pending after the limit.');
		const book = await readWorkbook(mail.attachments[0].content);
		expect(Object.keys(book)).toEqual([
			'Summary',
			'Matched',
			'Missing at OY',
			'Unknown to us',
			'Amount differs',
			'Failed at OY',
			'Pending too long',
			'Pending',
		]);
		const summary = records(book.Summary);
		expect(summary.map((row) => [row.Class, row.Transactions, row['Needs a person']])).toEqual([
			['matched', 5, null],
			['missing at OY', 3, 'yes'],
			['unknown to us', 101, 'yes'],
			['amount differs', 1, 'yes'],
			['failed at OY', 1, 'yes'],
			['pending too long', 1, 'yes'],
			['not checked', 0, 'yes'],
			['pending', 1, null],
		]);
		const ids = (sheet: string) =>
			records(book[sheet])
				.map((row) => `${row.Product} ${row.ID}`)
				.sort();
		// 23:30 in Jakarta is the day; 00:30 the next morning is not, although both are the same UTC day.
		expect(ids('Matched')).toEqual([
			'disbursement PAY-OK',
			'e-wallet EW1',
			'inquiry-invoice INV-PAID',
			'payment-link LINK1',
			'va VA-LATE',
		]);
		expect(ids('Missing at OY')).toEqual([
			'disbursement PAY-NEVER-SENT',
			'inquiry-invoice INV-GHOST',
			'va VA-AFTER-MIDNIGHT',
		]);
		const amountRow = records(book['Amount differs'])[0];
		expect(amountRow).toMatchObject({
			ID: 'PAY-AMOUNT',
			'Expected (IDR)': 500_000,
			'OY! amount (IDR)': 550_000,
			Description: 'Vendor B',
		});
		expect(records(book['Failed at OY'])[0].ID).toBe('PAY-FAILED');
		expect(records(book['Pending too long'])[0]).toMatchObject({ ID: 'PAY-STUCK' });
		expect(String(records(book['Pending too long'])[0].Detail)).toMatch(
			/^pending for 26 hours \(limit 24\)/,
		);
		expect(records(book.Pending)[0]).toMatchObject({ ID: 'PAY-RECENT' });
		const walkIns = records(book['Unknown to us']);
		expect(walkIns).toHaveLength(101);
		expect(new Set(walkIns.map((row) => row.ID))).toEqual(new Set(['VA-WALK-IN']));
		// The first walk-in was made at 06:00 in Jakarta: the day before in UTC, still the day in Jakarta.
		expect(walkIns[0]['OY! time (UTC)']).toEqual(new Date(wib(day, '06:00')));

		const cli = world.cli(['run', 'reconciliation']);
		expect(await cli.exited).toBe(1);
		expect(cli.output()).toContain(`${day} needs a person: 3 missing at OY`);
	});

	it('exits 0 when nothing needs a person, names another day when asked, and reads an Excel list', async () => {
		const expected = listFile([`${day},1000000,PAY-OK,,Vendor A`, `${day},90000,PAY-ELSE,,Other`]);
		world.configure({
			reconciliation: {
				expected,
				to: ['finance@example.co.id'],
				products: ['disbursement'],
				day: jakartaDay(world.sandbox, -5),
			},
		});
		const quiet = await world.run('reconciliation');
		expect(quiet.status).toBe('ok');
		expect(quiet.summary.counts).toEqual({});
		expect(world.smtp.byKey('report:')[0].subject).toBe(
			`OY! reconciliation ${jakartaDay(world.sandbox, -5)}: 0 transaction(s), nothing needs a person`,
		);

		// An Excel list: a real date cell, a number cell, the id under OY's own column name.
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Payouts');
		sheet.addRow(['Date', 'Amount', 'partner_trx_id', 'Description']);
		sheet.addRow([new Date(`${day}T00:00:00Z`), 1_000_000, 'PAY-OK', 'Vendor A']);
		sheet.addRow([]);
		sheet.addRow([day, 250_000, 'PAY-RECENT', { richText: [{ text: 'Vendor ' }, { text: 'E' }] }]);
		await workbook.xlsx.writeFile(path.join(world.dir, 'expected.xlsx'));
		world.configure({
			reconciliation: {
				expected: 'expected.xlsx',
				to: ['finance@example.co.id'],
				products: ['disbursement'],
			},
		});
		const cli = world.cli(['run', 'reconciliation']);
		expect(await cli.exited).toBe(0);
		expect(cli.output()).toContain('matched: 1 | pending: 1');
	});

	it('stops before reading OY! when a row of the list cannot be read', async () => {
		listFile([`${day},1000000,PAY-OK,,Vendor A`, `${day},12.5,PAY-X,payout,Typo`, `tomorrow,5,,,`]);
		world.configure({
			reconciliation: { expected: 'expected.csv', to: ['finance@example.co.id'] },
		});
		const run = await world.run('reconciliation');
		expect(run.status).toBe('failed');
		expect(run.summary.problems[0]).toContain(
			'row 3: amount must be whole rupiah above 0, not "12.5"; row 3: product must be one of disbursement, va, payment-link, e-wallet (empty: disbursement), not "payout"; row 4: date must be yyyy-MM-dd, not "tomorrow"',
		);
		expect(world.smtp.received).toHaveLength(0);
	});
});
