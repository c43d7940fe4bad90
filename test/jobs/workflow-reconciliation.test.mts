import type { IDataObject } from 'n8n-workflow';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rowOf } from '../../nodes/Oy/scheduledJob/ledgerRows.js';
import { runOyNode } from '../support/engine.mjs';
import { startRecordingProxy } from '../support/recordingProxy.mjs';
import { recordGhostPayment, sandboxDay, seedTheDay, wib } from './support/reconciliationDay.mjs';
import { nodeNamed, read } from './support/templates.mjs';
import { jakartaDay, readWorkbook, records, startWorld } from './support/world.mjs';
import type { World } from './support/world.mjs';

const NODE = 'Reconcile yesterday (as oy-jobs)';
const PRODUCTS = ['disbursement', 'va', 'payment-link', 'e-wallet', 'inquiry-invoice'];

/**
 * The reconciliation template's OY! node and `oy-jobs run reconciliation` over one sandbox (reading
 * changes nothing at OY!) and the same list: the CLI reads it as a CSV file, the node as the rows
 * n8n's Data Table node hands on. Each transaction must land in the same class, and the e-mail
 * the template sends must say what oy-jobs' e-mail says.
 */
describe('reconciliation: the n8n template classifies as oy-jobs does', () => {
	let world: World;
	let day: string;
	let nextDay: string;
	let advanceTo: ReturnType<typeof sandboxDay>['advanceTo'];
	let payLinkAndWallet: ReturnType<typeof sandboxDay>['payLinkAndWallet'];
	let payVa: ReturnType<typeof sandboxDay>['payVa'];

	beforeEach(async () => {
		world = await startWorld();
		({ advanceTo, payLinkAndWallet, payVa } = sandboxDay(world.sandbox));
		day = jakartaDay(world.sandbox, 1);
		nextDay = jakartaDay(world.sandbox, 2);
		seedTheDay(world.sandbox, day);
		await world.control('PUT', '/account-inquiry/settings', { auto_pay: false });
		advanceTo(wib(day, '08:00'));
		// On the day the inquiry-invoices job pays yesterday's inquiry invoice (its ledger records it).
		world.configure({ 'inquiry-invoices': {} });
		expect((await world.run('inquiry-invoices')).summary.counts).toEqual({ paid: 1 });
		// And a payment the ledger says was made that OY! has never seen.
		await recordGhostPayment(world.dir, day);
		await payLinkAndWallet();
		// The next morning, 10:00 in Jakarta: yesterday is the day reconciled.
		advanceTo(wib(nextDay, '10:00'));
		await payVa('VA-LATE', 150_000, wib(day, '23:30'));
		await payVa('VA-AFTER-MIDNIGHT', 175_000, wib(nextDay, '00:30'));
		for (let index = 0; index < 3; index++)
			await payVa('VA-WALK-IN', 10_000 + index, wib(day, '06:00') + index * 1_000);
	});
	afterEach(async () => world?.close());

	/** The list: [date, amount, id, product, description]. */
	const list = (): Array<[string, number, string, string, string]> => [
		[day, 1_000_000, 'PAY-OK', '', 'Vendor A'],
		[day, 500_000, 'PAY-AMOUNT', 'disbursement', 'Vendor B'],
		[day, 300_000, 'PAY-FAILED', 'disbursement', 'Vendor C'],
		[day, 200_000, 'PAY-STUCK', '', 'Vendor D'],
		[day, 250_000, 'PAY-RECENT', '', 'Vendor E'],
		[day, 90_000, 'PAY-NEVER-SENT', '', 'Vendor F'],
		[day, 150_000, 'VA-LATE', 'va', 'Invoice 1'],
		[day, 175_000, 'VA-AFTER-MIDNIGHT', 'va', 'Invoice 2'],
		[day, 200_000, 'LINK1', 'payment-link', 'Order 7'],
		[day, 60_000, 'EW1', 'e-wallet', 'Shop order 8'],
		[nextDay, 90_000_000, 'PAY-TOMORROW', '', 'Payroll'],
	];
	/** The list as n8n's Data Table node outputs it: its own id and dates besides our columns. */
	const tableRows = (): IDataObject[] =>
		list().map(([date, amount, id, product, description], index) => ({
			id: index + 1,
			date,
			amount,
			partner_trx_id: id,
			product,
			description,
			createdAt: new Date().toISOString(),
			updatedAt: new Date().toISOString(),
		}));
	const credentials = () => ({
		environment: 'sandbox',
		baseUrl: world.sandbox.url,
		username: world.sandbox.username,
		apiKey: world.sandbox.apiKey,
	});
	/** oy-jobs' ledger as the template's "Read the ledger" hands it on: the Data Table's rows. */
	const ledgerRows = async (): Promise<IDataObject[]> =>
		(await world.ledger((store) => store.list('inquiry-invoices', ''))).map((entry, index) => ({
			id: index + 1,
			...rowOf(entry),
			createdAt: entry.at,
			updatedAt: entry.at,
		}));
	const runTemplateNode = async (input: IDataObject[]) =>
		await runOyNode({
			parameters: {
				...nodeNamed(read('reconciliation.json'), NODE).parameters,
				ledgerRows: await ledgerRows(),
			} as never,
			input,
			credentials: credentials(),
		});

	it('puts every transaction in the class oy-jobs gives it, and says the same in its e-mail', async () => {
		writeFileSync(
			path.join(world.dir, 'expected.csv'),
			['date,amount,id,product,description', ...list().map((row) => row.join(','))].join('\n'),
		);
		world.configure({
			reconciliation: {
				expected: 'expected.csv',
				to: ['finance@example.co.id'],
				pendingHours: 24,
				products: PRODUCTS,
			},
		});
		const cli = await world.run('reconciliation');
		expect(cli.status).toBe('problems');
		const [mail] = world.smtp.byKey('report:');
		const book = await readWorkbook(mail.attachments[0].content);
		const cliClasses = Object.entries(book)
			.filter(([sheet]) => sheet !== 'Summary')
			.flatMap(([sheet, rows]) =>
				records(rows).map((row) => `${row.Product} ${row.ID}: ${sheet.toLowerCase()}`),
			)
			.sort();

		const run = await runTemplateNode(tableRows());
		expect(run.error, run.error?.message).toBeUndefined();
		const items = run.items.map((item) => item.json);
		const transactions = items.filter((item) => item.kind === 'transaction');
		const templateClasses = transactions
			.map((item) => `${item.product} ${item.id}: ${String(item.class).toLowerCase()}`)
			.sort();
		expect(templateClasses).toEqual(cliClasses);
		expect(cliClasses).toEqual([
			'disbursement PAY-AMOUNT: amount differs',
			'disbursement PAY-FAILED: failed at oy',
			'disbursement PAY-NEVER-SENT: missing at oy',
			'disbursement PAY-OK: matched',
			'disbursement PAY-RECENT: pending',
			'disbursement PAY-STUCK: pending too long',
			'e-wallet EW1: matched',
			'inquiry-invoice INV-GHOST: missing at oy',
			'inquiry-invoice INV-PAID: matched',
			'payment-link LINK1: matched',
			'va VA-AFTER-MIDNIGHT: missing at oy',
			'va VA-LATE: matched',
			'va VA-WALK-IN: unknown to us',
			'va VA-WALK-IN: unknown to us',
			'va VA-WALK-IN: unknown to us',
		]);
		// Each transaction item says whether it needs a person, as the summary sheet does.
		expect(transactions.filter((item) => item.needsPerson).map((item) => item.id)).toHaveLength(9);
		const summary = items.at(-1)!;
		expect(summary).toMatchObject({
			kind: 'summary',
			day,
			needsPerson: true,
			counts: { ...cli.summary.counts, 'not checked': 0 },
			problems: cli.summary.problems,
		});
		expect(summary.email).toEqual({
			to: 'finance@example.co.id',
			subject: mail.subject,
			text: mail.text,
		});
		expect(mail.subject).toMatch(new RegExp(`^OY! reconciliation ${day}: needs a person`));
	});

	it('needs no person when everything matched, as oy-jobs exits 0', async () => {
		const rows = tableRows().filter((row) =>
			['PAY-OK', 'LINK1', 'EW1'].includes(String(row.partner_trx_id)),
		);
		const run = await runOyNode({
			parameters: {
				...nodeNamed(read('reconciliation.json'), NODE).parameters,
				products: ['disbursement', 'payment-link', 'e-wallet'],
			} as never,
			input: rows,
			credentials: credentials(),
		});
		expect(run.error, run.error?.message).toBeUndefined();
		const items = run.items.map((item) => item.json);
		expect(items.map((item) => [item.id, item.class])).toEqual([
			['PAY-OK', 'matched'],
			['LINK1', 'matched'],
			['EW1', 'matched'],
			[undefined, undefined],
		]);
		expect(items.at(-1)).toMatchObject({ kind: 'summary', needsPerson: false, problems: [] });
	});

	it('stops before asking OY! anything when a row of the list cannot be read', async () => {
		// Through a recording hop: every request the node makes is seen.
		const hop = await startRecordingProxy(world.sandbox.url);
		const rows = [
			...tableRows(),
			{ id: 90, date: '05/12/2026', amount: 1_000, partner_trx_id: 'X1', product: '' },
			{ id: 91, date: day, amount: 10.5, partner_trx_id: 'X2', product: 'cheque' },
			{ id: 92, date: day, amount: 1_000, partner_trx_id: '', product: '' },
		];
		const run = await runOyNode({
			parameters: {
				...nodeNamed(read('reconciliation.json'), NODE).parameters,
				ledgerRows: await ledgerRows(),
			} as never,
			input: rows,
			credentials: { ...credentials(), baseUrl: hop.url },
		}).finally(() => hop.close());
		expect(run.error?.message).toBe('The expected list cannot be read: 4 problem(s)');
		const description = String(
			(run.error as { description?: string } | undefined)?.description ?? '',
		);
		expect(description).toContain('item 12: date must be yyyy-MM-dd, not "05/12/2026"');
		expect(description).toContain('item 13: amount must be whole rupiah above 0, not "10.5"');
		expect(description).toContain('item 13: product must be one of');
		expect(description).toContain('item 14: partner_trx_id (your id at OY!) is empty');
		expect(description).toContain('nothing was asked of OY!');
		// Only the sandbox's clock was read (the jobs follow it); OY's API was not asked.
		expect(hop.exchanges.map((exchange) => exchange.path)).toEqual(['/__sandbox/clock']);
	});

	it("reads the ledger's payments of the day only from the ledger rows it is given, and stops without them", async () => {
		const rows = tableRows().filter((row) => row.partner_trx_id === 'PAY-OK');
		const node = nodeNamed(read('reconciliation.json'), NODE);
		expect(node.parameters.ledgerRows).toBe(
			"={{ $('Read the ledger').all().map(item => item.json) }}",
		);
		const reconciled = async (ledgerRowsValue: unknown) =>
			await runOyNode({
				parameters: {
					...node.parameters,
					products: ['disbursement', 'inquiry-invoice'],
					ledgerRows: ledgerRowsValue,
				} as never,
				input: rows,
				credentials: credentials(),
			});
		// The rows of another job, a claim never settled and a payment of another day are not expected.
		const ledger = [
			...(await ledgerRows()),
			{
				job: 'va-sweep',
				key: 'pay:INV-NOT-OURS',
				state: 'done',
				detail: '{}',
				updatedAt: wib(day, '10:00'),
			},
			{
				job: 'inquiry-invoices',
				key: 'pay:INV-CLAIMED',
				state: 'claimed',
				detail: '{"amount":1}',
				updatedAt: new Date(wib(day, '10:00')).toISOString(),
			},
			{
				job: 'inquiry-invoices',
				key: 'pay:INV-OTHER-DAY',
				state: 'done',
				detail: '{"amount":1}',
				updatedAt: new Date(wib(nextDay, '08:00')).toISOString(),
			},
		];
		const run = await reconciled(ledger);
		expect(run.error, run.error?.message).toBeUndefined();
		expect(run.items.map((item) => [item.json.product, item.json.id, item.json.class])).toEqual([
			['disbursement', 'PAY-OK', 'matched'],
			['inquiry-invoice', 'INV-PAID', 'matched'],
			['inquiry-invoice', 'INV-GHOST', 'missing at OY'],
			[undefined, undefined, undefined],
		]);

		const without = await reconciled('');
		expect(without.error?.message).toBe("'Ledger Rows' is empty");
		expect(without.items).toEqual([]);
	});
});
