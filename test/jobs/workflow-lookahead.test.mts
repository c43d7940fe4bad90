import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runOyNode } from '../support/engine.mjs';
import { nodeNamed, read } from './support/templates.mjs';
import { jakartaDay, startWorld } from './support/world.mjs';
import type { World } from './support/world.mjs';

const JOB = 'balance-alert';
const RUN = 'this-run';
const THRESHOLD = 5_000_000;

/** oy-jobs names a report file with a time and a random tail so none is overwritten; n8n needs no tail. */
const reportName = (filename: string) => filename.replace(/-\d{6}-[a-z0-9]+\.xlsx$/, '.xlsx');

type Planned = IDataObject & { ledger?: IDataObject };

/**
 * The balance alert's look-ahead in the n8n template: the same sandbox (account-inquiry invoices
 * not paid yet) and the same expected payouts given to oy-jobs (its CSV list) and to the template's
 * Plan Balance Alert (the rows of the expected list's Data Table, as n8n's Data Table node outputs
 * them): both warn alike, once a day, and the template counts only the list's payouts.
 */
describe('balance-alert look-ahead: the n8n template warns as oy-jobs does', () => {
	let cli: World;
	let template: World;
	const day = (offset: number) => jakartaDay(cli.sandbox, offset);

	/** The list as the Data Table holds it: payouts, a VA payment coming in, days outside the window. */
	const tableRows = (): IDataObject[] => {
		const row = (id: number, cells: IDataObject) => ({
			id,
			createdAt: '2026-12-01T00:00:00.000Z',
			updatedAt: '2026-12-01T00:00:00.000Z',
			...cells,
		});
		return [
			row(1, {
				date: day(2),
				amount: 3_000_000,
				partner_trx_id: 'PAYROLL-03',
				product: '',
				description: 'Payroll March',
			}),
			row(2, {
				date: day(6),
				amount: 1_500_000,
				partner_trx_id: 'VENDOR-W2',
				product: 'disbursement',
				description: 'Vendor run week 2',
			}),
			row(3, {
				date: day(3),
				amount: 90_000_000,
				partner_trx_id: 'INV-7781',
				product: 'va',
				description: 'Invoice 7781 paid to us',
			}),
			row(4, {
				date: day(9),
				amount: 90_000_000,
				partner_trx_id: 'NEXT',
				product: '',
				description: 'Next month',
			}),
			row(5, {
				date: day(-2),
				amount: 90_000_000,
				partner_trx_id: 'PAST',
				product: '',
				description: 'Already paid',
			}),
		];
	};

	const seed = async (world: World) => {
		await world.control('PUT', '/account-inquiry/settings', { auto_pay: false });
		world.sandbox.control.seed({
			'account-inquiry': [
				{ invoice_id: 'INV-YESTERDAY', tx_date: jakartaDay(world.sandbox, -1), total_inquiry: 400 },
				{ invoice_id: 'INV-TODAY', tx_date: jakartaDay(world.sandbox, 0), total_inquiry: 100 },
			],
		});
	};

	/** What OY! will take for the invoices not paid yet, as the sandbox holds them. */
	const invoicesDue = async (world: World) =>
		(
			(await world.control('GET', '/state?product=account-inquiry')) as {
				invoices: Array<{ amount: number; paid_at: string | null }>;
			}
		).invoices
			.filter((invoice) => invoice.paid_at === null)
			.reduce((sum, invoice) => sum + invoice.amount, 0);

	beforeEach(async () => {
		[cli, template] = await Promise.all([startWorld(), startWorld()]);
		await Promise.all([seed(cli), seed(template)]);
		// oy-jobs' list is its own CSV file; it holds the same payouts (oy-jobs' list has no products).
		const file = path.join(cli.dir, 'payouts.csv');
		writeFileSync(
			file,
			[
				'date,amount,description',
				`${day(2)},3000000,PAYROLL-03: Payroll March`,
				`${day(6)},1500000,VENDOR-W2: Vendor run week 2`,
				`${day(9)},90000000,NEXT: Next month`,
				`${day(-2)},90000000,PAST: Already paid`,
			].join('\n'),
		);
		cli.configure({
			[JOB]: { threshold: THRESHOLD, to: ['finance@example.co.id'], expectedPayouts: file },
		});
	});
	afterEach(async () => Promise.all([cli?.close(), template?.close()]));

	/** The template's plan node, its parameters as in the JSON except the run ID and the list. */
	const plan = async (ledger: IDataObject[], expectedPayouts: unknown) => {
		const node = nodeNamed(read('balance-alert.json'), 'Plan the alert (as oy-jobs)');
		expect(node.parameters.lookAheadDays).toBe(7);
		expect(node.parameters.expectedPayouts).toBe(
			"={{ $('Read the expected payouts').all().map(item => item.json) }}",
		);
		return await runOyNode({
			parameters: {
				...node.parameters,
				runId: RUN,
				threshold: THRESHOLD,
				expectedPayouts,
			} as never,
			input: ledger.length === 0 ? [{}] : ledger,
			credentials: {
				environment: 'sandbox',
				baseUrl: template.sandbox.url,
				username: template.sandbox.username,
				apiKey: template.sandbox.apiKey,
			},
		});
	};

	it('claims the one warning oy-jobs sends, counts the payouts only, and none again that day', async () => {
		const scheduled = (await invoicesDue(cli)) + 3_000_000 + 1_500_000;
		expect(await invoicesDue(template)).toBe(await invoicesDue(cli));
		await Promise.all(
			[cli, template].map((world) =>
				world.control('PUT', '/balance', { balance: THRESHOLD + scheduled - 1 }),
			),
		);

		const first = await plan([], tableRows());
		expect(first.error?.message).toBeUndefined();
		const outputs = first.items.map((item) => item.json as Planned);
		const run = await cli.run(JOB);
		expect(run.summary.counts).toEqual({ ok: 1, 'will not cover': 1 });

		const claimed = outputs
			.filter((item) => item.ledger?.state === 'claimed')
			.map((item) => {
				const detail = JSON.parse(String(item.ledger!.detail));
				return { key: item.ledger!.key, subject: detail.subject, files: detail.attachments };
			});
		const sent = cli.smtp.received.map((mail) => ({
			key: mail.key,
			subject: mail.subject,
			files: mail.attachments.map((attachment) => reportName(attachment.filename)),
		}));
		expect(sent).toEqual([
			{ key: `lookahead:${day(0)}`, subject: expect.any(String), files: expect.any(Array) },
		]);
		expect(claimed).toEqual(sent);
		const text = String(
			JSON.parse(String(outputs.find((o) => o.action === 'e-mail')!.ledger!.detail)).text,
		);
		expect(text).toContain('PAYROLL-03: Payroll March');
		expect(text).toContain('VENDOR-W2: Vendor run week 2');
		expect(text).toContain('INV-YESTERDAY');
		// Money coming in is not a payout; days outside the window are not counted.
		expect(text).not.toContain('INV-7781');
		expect(text).not.toContain('Next month');
		expect(text).not.toContain('Already paid');
		const runItem = outputs.find((item) => item.action === 'run')!;
		expect(runItem.counts).toEqual(run.summary.counts);
		expect((runItem.amounts as IDataObject).scheduled).toBe(scheduled);
		expect(run.summary.amounts.scheduled).toBe(scheduled);

		// The same day again, with the ledger as the template left it (the warning sent, recorded
		// done): no second warning, as oy-jobs sends none.
		const ledger = outputs
			.filter((item) => item.ledger)
			.map((item, index) => ({
				id: index + 2,
				...item.ledger,
				state: item.ledger!.state === 'claimed' ? 'done' : item.ledger!.state,
				updatedAt: new Date().toISOString(),
			}));
		const again = await plan(ledger, JSON.stringify(tableRows()));
		expect(again.error?.message).toBeUndefined();
		const later = again.items.map((item) => item.json as Planned);
		expect(later.filter((item) => item.ledger?.state === 'claimed')).toEqual([]);
		await cli.run(JOB);
		expect(cli.smtp.received).toHaveLength(1);
		expect(later.find((item) => item.action === 'run')?.counts).toEqual({
			ok: 1,
			'will not cover': 1,
		});
	});

	it('stays silent when the balance covers the payouts and keeps its threshold', async () => {
		const scheduled = (await invoicesDue(template)) + 3_000_000 + 1_500_000;
		await template.control('PUT', '/balance', { balance: THRESHOLD + scheduled });
		const run = await plan([], tableRows());
		expect(run.error?.message).toBeUndefined();
		const outputs = run.items.map((item) => item.json as Planned);
		expect(outputs.filter((item) => item.ledger?.state === 'claimed')).toEqual([]);
		expect(outputs.find((item) => item.action === 'run')?.counts).toEqual({ ok: 1 });
	});

	it('stops, naming the rows, on a list it cannot read: nothing is read or recorded', async () => {
		await template.control('PUT', '/balance', { balance: 900_000_000 });
		const rows = tableRows();
		rows[1].date = 'tomorrow';
		rows[2].product = 'cash';
		const run = await plan([], rows);
		expect(run.error?.message).toBe('The expected payouts cannot be read: 2 problem(s)');
		expect(run.error?.description).toMatch(
			/item 2: date must be yyyy-MM-dd, not "tomorrow"; item 3: product must be one of .*not "cash"/,
		);
		expect(run.items).toEqual([]);
		const notJson = await plan([], '[{"date": ');
		expect(notJson.error?.message).toBe("'Expected Payouts' is not JSON");
	});
});
