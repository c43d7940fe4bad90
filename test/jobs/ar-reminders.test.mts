import { afterEach, describe, expect, it } from 'vitest';
import { seedOverdueInvoices } from './support/seeds.mjs';
import { jakartaDay, readWorkbook, records, startWorld } from './support/world.mjs';
import type { World } from './support/world.mjs';

const CUSTOMERS = [
	{ id: 'c-alpha', name: 'PT Alpha', email: 'ap@alpha.co.id;boss@alpha.co.id' },
	{ id: 'c-beta', name: 'PT Beta', email: 'ap@beta.co.id' },
	{ id: 'c-gamma', name: 'PT Gamma', email: 'ap@gamma.co.id' },
	{ id: 'c-nomail', name: 'PT No Mail' },
	{ id: 'c-delta', name: 'PT Delta', email: 'old@delta.co.id' },
].map((customer) => ({ tax_type: 'NO_TAX', pph_tax: 'NO_TAX', ...customer }));

/** Invoice id → [customer, due in days from today (negative: overdue), amount, final status]. */
const INVOICES: Record<string, [string, number, number, string?]> = {
	'I1-due-1': ['c-alpha', -1, 100_000],
	'I2-due-5': ['c-alpha', -5, 200_000],
	'I3-due-20': ['c-alpha', -20, 300_000],
	'I4-due+3': ['c-alpha', 3, 400_000],
	'I5-paid': ['c-alpha', -10, 500_000, 'PAID'],
	'I6-cancelled': ['c-alpha', -10, 600_000, 'CANCELLED'],
	'I7-optout': ['c-beta', -3, 700_000],
	'I8-own-steps': ['c-gamma', -2, 800_000],
	'I9-own-steps': ['c-gamma', -1, 900_000],
	'I10-no-mail': ['c-nomail', -3, 1_000_000],
	'I11-override': ['c-delta', -7, 1_100_000],
	'I12-due-today': ['c-alpha', 0, 1_200_000],
};

const SETTINGS = {
	steps: [1, 3, 7, 14],
	summaryTo: ['finance@example.co.id'],
	optOut: ['AP@beta.co.id'],
	customers: { 'c-gamma': { steps: [2] }, 'c-delta': { email: ['billing@delta.co.id'] } },
	quietHours: null,
};

async function seededWorld(
	options: Parameters<typeof import('./support/world.mjs').startWorld>[0] = {},
): Promise<World> {
	const world = await startWorld(options);
	world.sandbox.control.seed({
		'account-receivable': {
			customers: CUSTOMERS,
			invoices: Object.entries(INVOICES).map(([id, [customer, due, amount, status]]) => ({
				id,
				invoice_number: id,
				customer_id: customer,
				amount,
				invoice_date: jakartaDay(world.sandbox, due - 30),
				due_date: jakartaDay(world.sandbox, due),
				...(status ? { status } : {}),
			})),
		},
	});
	world.configure({ 'ar-reminders': SETTINGS });
	return world;
}

const reminders = (world: World) => world.smtp.byKey('remind:');

/** "HH:mm" in Jakarta, `minutes` from the sandbox's now. */
function jakartaTime(world: World, minutes: number): string {
	return new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Asia/Jakarta',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
	}).format(new Date(world.sandbox.control.clock.now() + minutes * 60_000));
}

/**
 * Job 3 against the sandbox: AR invoices seeded with due dates around today (Jakarta), reminders
 * received by a real SMTP server on loopback, the aging report read back from the summary e-mail.
 */
describe('ar-reminders: overdue AR invoices', () => {
	let world: World;
	afterEach(async () => world.close());

	it('sends each due step once, to the right people, and a daily summary with the aging report', async () => {
		world = await seededWorld();
		const dry = await world.run('ar-reminders', { dryRun: true });
		expect(dry.summary.messages).toBe(6);
		expect(world.smtp.received).toHaveLength(0);

		const run = await world.run('ar-reminders');
		expect(run.status).toBe('problems');
		expect(run.summary.problems).toEqual([
			'Invoice I10-no-mail (PT No Mail): the customer has no e-mail address; no reminder sent',
		]);
		const sent = Object.fromEntries(reminders(world).map((mail) => [mail.key, mail]));
		expect(Object.keys(sent).sort()).toEqual([
			'remind:I1-due-1:1',
			'remind:I11-override:7',
			'remind:I2-due-5:3',
			'remind:I3-due-20:14',
			'remind:I8-own-steps:2',
		]);
		expect(sent['remind:I1-due-1:1'].recipients).toEqual(['ap@alpha.co.id', 'boss@alpha.co.id']);
		expect(sent['remind:I1-due-1:1'].subject).toBe(
			'First reminder: invoice I1-due-1 is 1 days overdue',
		);
		expect(sent['remind:I1-due-1:1'].text).toContain('Amount outstanding: Rp100.000.');
		expect(sent['remind:I1-due-1:1'].text).toContain(
			`${world.sandbox.url}/__sandbox/account-receivable/invoices/I1-due-1`,
		);
		expect(sent['remind:I2-due-5:3'].subject).toBe(
			'Second reminder: invoice I2-due-5 is 5 days overdue',
		);
		// A run that missed the earlier steps sends the one due now, not a burst of four.
		expect(sent['remind:I3-due-20:14'].subject).toBe(
			'Final reminder: invoice I3-due-20 is 20 days overdue',
		);
		expect(sent['remind:I8-own-steps:2'].subject).toBe(
			'First reminder: invoice I8-own-steps is 2 days overdue',
		);
		expect(sent['remind:I11-override:7'].recipients).toEqual(['billing@delta.co.id']);
		expect(sent['remind:I11-override:7'].messageId).toMatch(
			/^<remind-I11-override-7\.[0-9a-f]{12}@oy-jobs>$/,
		);

		const [summary] = world.smtp.byKey('summary:');
		expect(summary.recipients).toEqual(['finance@example.co.id']);
		expect(summary.subject).toBe(
			`AR overdue summary ${jakartaDay(world.sandbox)}: 8 overdue, Rp5.100.000`,
		);
		expect(summary.attachments).toHaveLength(1);
		const workbook = await readWorkbook(summary.attachments[0].content);
		expect(Object.keys(workbook)).toEqual(['Open invoices', 'Aging', 'Customers']);
		const open = records(workbook['Open invoices']);
		expect(open.map((row) => row['Invoice number']).sort()).toEqual(
			[
				'I1-due-1',
				'I10-no-mail',
				'I11-override',
				'I12-due-today',
				'I2-due-5',
				'I3-due-20',
				'I4-due+3',
				'I7-optout',
				'I8-own-steps',
				'I9-own-steps',
			].sort(),
		);
		const row = (number: string) => open.find((entry) => entry['Invoice number'] === number)!;
		expect(row('I3-due-20')).toMatchObject({
			'Days overdue': 20,
			Aging: '1-30 days',
			'Outstanding (IDR)': 300_000,
			'This run': 'sent reminder (day 14)',
		});
		expect(row('I7-optout')['This run']).toBe('opted out');
		expect(row('I9-own-steps')['This run']).toBe('no step due yet');
		expect(row('I4-due+3')).toMatchObject({ Aging: 'not yet due', Status: 'CREATED' });
		const aging = Object.fromEntries(
			records(workbook.Aging).map((entry) => [
				entry.Aging,
				[entry.Invoices, entry['Outstanding (IDR)']],
			]),
		);
		expect(aging).toEqual({
			'not yet due': [2, 1_600_000],
			'1-30 days': [8, 5_100_000],
			'31-60 days': [0, 0],
			'61-90 days': [0, 0],
			'over 90 days': [0, 0],
		});
		expect(records(workbook.Customers)[0]).toMatchObject({
			Customer: 'PT Alpha',
			'Open invoices': 5,
			'Outstanding (IDR)': 2_200_000,
		});

		const again = await world.run('ar-reminders');
		expect(again.summary.counts['step already sent']).toBe(5);
		expect(reminders(world)).toHaveLength(5);
		expect(world.smtp.byKey('summary:')).toHaveLength(1);

		// Two days later: the next steps fall due, and a new day's summary goes out.
		world.sandbox.control.advanceTime(2 * 86_400_000);
		await world.run('ar-reminders');
		expect(
			reminders(world)
				.slice(5)
				.map((mail) => mail.key)
				.sort(),
		).toEqual([
			'remind:I1-due-1:3',
			'remind:I12-due-today:1',
			'remind:I2-due-5:7',
			'remind:I9-own-steps:2',
		]);
		expect(world.smtp.byKey('summary:')).toHaveLength(2);
	});

	it('sends nothing in quiet hours; the reminders wait for the next run', async () => {
		world = await seededWorld();
		world.configure({
			'ar-reminders': {
				...SETTINGS,
				quietHours: { start: jakartaTime(world, -60), end: jakartaTime(world, 60) },
			},
		});
		const run = await world.run('ar-reminders');
		expect(run.summary.counts['deferred: quiet hours']).toBe(5);
		expect(run.summary.notes[0]).toMatch(/^Quiet hours \(\d\d:\d\d-\d\d:\d\d, Asia\/Jakarta\)/);
		expect(world.smtp.received).toHaveLength(0);

		world.configure({ 'ar-reminders': SETTINGS });
		await world.run('ar-reminders');
		expect(reminders(world)).toHaveLength(5);
	});

	it('stops at the run limit and sends the rest on the next run', async () => {
		world = await seededWorld();
		world.configure({ 'ar-reminders': { ...SETTINGS, maxPerRun: 2 } });
		const first = await world.run('ar-reminders');
		expect(first.summary.counts['deferred: run limit']).toBe(3);
		expect(reminders(world)).toHaveLength(2);
		await world.run('ar-reminders');
		await world.run('ar-reminders');
		expect(new Set(reminders(world).map((mail) => mail.key)).size).toBe(5);
		expect(reminders(world)).toHaveLength(5);
	});

	it('re-reads each invoice before reminding: one paid while the job runs is not reminded', async () => {
		let paidMidRun = false;
		world = await seededWorld({
			smtp: {
				onMessage: async (mail) => {
					if (mail.key === 'remind:I1-due-1:1' && !paidMidRun) {
						paidMidRun = true;
						await world.control('POST', '/account-receivable/invoices/I2-due-5/pay', {});
					}
				},
			},
		});
		world.configure({ 'ar-reminders': { ...SETTINGS, concurrency: 1 } });
		const run = await world.run('ar-reminders');
		expect(paidMidRun).toBe(true);
		expect(run.summary.counts['stopped: now PAID']).toBe(1);
		expect(reminders(world).map((mail) => mail.key)).not.toContain('remind:I2-due-5:3');
		expect(
			await world.ledger((ledger) => ledger.find('ar-reminders', 'remind:I2-due-5:3')),
		).toMatchObject({ state: 'skipped' });
	});

	it('stops sending after five refusals in a row, and sends those reminders on the next run', async () => {
		let refusing = true;
		world = await startWorld({
			smtp: {
				onMessage: () => {
					if (refusing)
						throw Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
				},
			},
		});
		seedOverdueInvoices(world, 12);
		world.configure({ 'ar-reminders': { quietHours: null, concurrency: 1 } });
		const refused = await world.run('ar-reminders');
		expect(refused.summary.counts).toMatchObject({
			'not sent': 5,
			'deferred: sending keeps failing': 7,
		});
		expect(refused.summary.problems.at(-1)).toBe(
			'5 reminders in a row were not sent: this run sends no more; the next run tries again.',
		);
		expect(world.smtp.received).toHaveLength(5);

		refusing = false;
		const next = await world.run('ar-reminders');
		expect(next.status).toBe('ok');
		const accepted = world.smtp.received.slice(5).map((mail) => mail.key);
		expect(new Set(accepted).size).toBe(12);
	});

	it("reminds through OY's Resend Invoice when the channel is oy-email", async () => {
		world = await seededWorld();
		world.configure({ 'ar-reminders': { ...SETTINGS, channel: 'oy-email', summaryTo: [] } });
		const run = await world.run('ar-reminders');
		// OY! has its own addresses: the customer without ours is reminded too.
		expect(run.summary.counts).toMatchObject({
			'sent reminder (day 1)': 1,
			'sent reminder (day 3)': 2,
		});
		const sends = (
			(await world.control('GET', '/account-receivable/sends')) as {
				sends: Array<{ invoice_id: string; channel: string }>;
			}
		).sends;
		expect(sends.map((send) => `${send.invoice_id} ${send.channel}`).sort()).toEqual([
			'I1-due-1 EMAIL',
			'I10-no-mail EMAIL',
			'I11-override EMAIL',
			'I2-due-5 EMAIL',
			'I3-due-20 EMAIL',
			'I8-own-steps EMAIL',
		]);
		expect(world.smtp.received).toHaveLength(0);
		await world.run('ar-reminders');
		expect(
			((await world.control('GET', '/account-receivable/sends')) as { sends: unknown[] }).sends,
		).toHaveLength(6);
	});
});
