import type { IDataObject } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OyClient } from '../../lib/client.js';
import { PAYMENT_IN_FLIGHT_MS } from '../../lib/jobs/inquiryInvoices.js';
import { runOyNode } from '../support/engine.mjs';
import { httpSend } from '../support/httpSend.mjs';
import { seedOverdueInvoices } from './support/seeds.mjs';
import { nodeNamed, read } from './support/templates.mjs';
import { jakartaDay, readWorkbook, records, startWorld } from './support/world.mjs';
import type { World } from './support/world.mjs';

const JOB = 'inquiry-invoices';
const DEAD_RUN = 'execution-that-stopped';
const RUN = 'this-run';

/** The OY! credential n8n would hand the node for a world's sandbox. */
const sandboxCredential = (world: World) => ({
	environment: 'sandbox',
	baseUrl: world.sandbox.url,
	username: world.sandbox.username,
	apiKey: world.sandbox.apiKey,
});

/** The lease the template's lock node gives an acting node (its expression needs the whole workflow). */
const lease = (node: { parameters: object }) =>
	'leaseUntil' in node.parameters ? { leaseUntil: Date.now() + 10 * 60_000 } : {};

/** oy-jobs names a report file with a time and a random tail so none is overwritten; n8n needs no tail. */
const reportName = (filename: string) => filename.replace(/-\d{6}-[a-z0-9]+\.xlsx$/, '.xlsx');

interface Seeded {
	key: string;
	state: 'claimed' | 'done';
	detail: Record<string, unknown>;
}

/**
 * The same sandbox state and the same ledger, given once to oy-jobs (its SQLite ledger) and once to
 * the n8n template's OY! nodes (its Data Table rows, as n8n's Data Table node outputs them): both
 * must decide alike. The OY! nodes run in n8n-core's engine with the template's own parameters.
 */
describe('inquiry-invoices: the n8n template decides as oy-jobs does', () => {
	let cli: World;
	let template: World;
	// Payments a run that stopped left claimed (one OY! paid, one not), a message it may have sent,
	// and a payment the ledger says it made while OY! lists the invoice UNPAID.
	const ledger: Seeded[] = [
		{ key: 'pay:INV-PAID-LATE', state: 'claimed', detail: { amount: 2_000, txDate: 'x' } },
		{ key: 'pay:INV-NEW', state: 'claimed', detail: { amount: 3_000 } },
		{ key: 'alert:low-balance:2026-01-01', state: 'claimed', detail: { subject: 'Low balance' } },
		{ key: 'pay:INV-HELD', state: 'done', detail: { amount: 4_000 } },
	];

	const seed = async (world: World) => {
		await world.control('PUT', '/account-inquiry/settings', { auto_pay: false });
		world.sandbox.control.seed({
			'account-inquiry': [
				{ invoice_id: 'INV-OLD', tx_date: jakartaDay(world.sandbox, -5), total_inquiry: 5 },
				{ invoice_id: 'INV-HELD', tx_date: jakartaDay(world.sandbox, -4), total_inquiry: 4 },
				{ invoice_id: 'INV-NEW', tx_date: jakartaDay(world.sandbox, -2), total_inquiry: 3 },
				{ invoice_id: 'INV-NEWEST', tx_date: jakartaDay(world.sandbox, -1), total_inquiry: 1 },
				{
					invoice_id: 'INV-PAID-LATE',
					tx_date: jakartaDay(world.sandbox, -6),
					total_inquiry: 2,
					paid_at: new Date().toISOString(),
				},
				{ invoice_id: 'INV-TODAY', tx_date: jakartaDay(world.sandbox, 0), total_inquiry: 1 },
			],
		});
	};

	beforeEach(async () => {
		[cli, template] = await Promise.all([startWorld(), startWorld()]);
		await Promise.all([seed(cli), seed(template)]);
		await cli.ledger(async (store) => {
			for (const { key, state, detail } of ledger) {
				await store.claim(JOB, key, DEAD_RUN, detail);
				if (state !== 'claimed') await store.settle(JOB, key, DEAD_RUN, state);
			}
		});
		// The stopped run's claims are older than a payment request can be under way at OY!
		// (PAYMENT_IN_FLIGHT_MS); both sides follow the sandbox clock.
		for (const world of [cli, template])
			world.sandbox.control.advanceTime(PAYMENT_IN_FLIGHT_MS + 60_000);
	});
	afterEach(async () => Promise.all([cli?.close(), template?.close()]));

	const credentials = sandboxCredential;
	/** The template's node, its parameters as in the JSON, except the run ID ($execution.id in n8n). */
	const step = async (name: string, input: IDataObject[], extra: IDataObject = {}) => {
		const node = nodeNamed(read('inquiry-invoices.json'), name);
		const run = await runOyNode({
			parameters: { ...node.parameters, runId: RUN, ...lease(node), ...extra } as never,
			input,
			credentials: credentials(template),
		});
		expect(run.error, `${name}: ${run.error?.message}`).toBeUndefined();
		return run.items.map((item) => item.json);
	};
	/** Rows as the Data Table node outputs them: its own columns besides ours. */
	const tableRows = (): IDataObject[] => [
		{ id: 1, job: JOB, key: 'lock', state: 'held', runId: RUN, leaseUntil: 1, detail: '' },
		...ledger.map(({ key, state, detail }, index) => ({
			id: index + 2,
			job: JOB,
			key,
			state,
			runId: DEAD_RUN,
			attempts: 1,
			detail: JSON.stringify(detail),
			createdAt: new Date().toISOString(),
			updatedAt: new Date().toISOString(),
		})),
		{ id: 99, job: 'va-sweep', key: 'deactivate:x', state: 'claimed', runId: DEAD_RUN },
	];

	it('plans, claims, pays and records what oy-jobs pays and records', async () => {
		const plan = await step('Plan payments (as oy-jobs)', tableRows());
		const writes = plan.filter((item) => item.ledger) as Array<{ ledger: IDataObject }>;
		// As "Record claims before paying" stores them and hands them on.
		const paid = await step(
			'Pay claimed invoices',
			writes.map(({ ledger: row }) => ({ ...row, id: 7 })),
		);

		const run = await cli.run(JOB);
		const report = records((await readWorkbook(run.summary.reports[0].path)).Invoices);
		const cliActions = Object.fromEntries(
			report.map((row) => [row['Invoice ID'], row.Action as string]),
		);
		const finalAction = new Map(
			paid.filter((item) => item.invoiceId).map((item) => [item.invoiceId, item.action]),
		);
		const templateActions = Object.fromEntries(
			plan
				.filter((item) => item.invoiceId)
				.map((item) => [item.invoiceId, finalAction.get(item.invoiceId) ?? item.action]),
		);
		expect(templateActions).toEqual(cliActions);
		expect(cliActions).toEqual({
			'INV-PAID-LATE': 'paid (confirmed after an interrupted run)',
			'INV-OLD': 'paid',
			'INV-HELD': 'held: ledger says paid',
			'INV-NEW': 'paid',
			'INV-NEWEST': 'paid',
		});
		// The plan listed the oldest first, as oy-jobs pays them.
		expect(
			plan.filter((item) => item.action === 'would pay').map((item) => item.invoiceId),
		).toEqual(['INV-OLD', 'INV-NEW', 'INV-NEWEST']);

		// Every ledger row ends in the same state, with the same attempts.
		const templateLedger = Object.fromEntries(
			paid
				.map((item) => item.ledger as IDataObject)
				.filter((row) => !String(row.key).startsWith('run:'))
				.map((row) => [row.key, [row.state, row.attempts]]),
		);
		const cliLedger = await cli.ledger((store) => store.list(JOB, ''));
		const changed = Object.fromEntries(
			cliLedger
				.filter((entry) => entry.runId !== DEAD_RUN)
				.map((entry) => [entry.key, [entry.state, entry.attempts]]),
		);
		delete changed[`report:${run.runId}`];
		expect(templateLedger).toEqual(changed);
		expect(changed).toMatchObject({
			'pay:INV-PAID-LATE': ['done', 1],
			'pay:INV-NEW': ['done', 2],
			'alert:low-balance:2026-01-01': ['uncertain', 1],
		});
		// The message a stopped run may have sent is reported by both, never sent again.
		const problems = plan.find((item) => item.action === 'run')?.problems as string[];
		expect(problems.join('\n')).toMatch(/"Low balance" may or may not have been sent/);
		expect(run.summary.problems.join('\n')).toMatch(/"Low balance" may or may not have been sent/);
		// OY's books: each invoice paid once, the same on both sides.
		const statuses = async (world: World) =>
			Object.fromEntries(
				(
					(await world.control('GET', '/state?product=account-inquiry')) as {
						invoices: Array<{ invoice_id: string; invoice_status: string }>;
					}
				).invoices.map((invoice) => [invoice.invoice_id, invoice.invoice_status]),
			);
		expect(await statuses(template)).toEqual(await statuses(cli));
	});

	it('stops paying at code 206 as oy-jobs does, alerts once a day, and the next plan tries those invoices again', async () => {
		cli.configure({ 'inquiry-invoices': { notify: ['finance@example.co.id'] } });
		await Promise.all(
			[cli, template].map((world) => world.control('PUT', '/balance', { balance: 6_000 })),
		);
		const plan = await step('Plan payments (as oy-jobs)', tableRows());
		const writes = plan.filter((item) => item.ledger) as Array<{ ledger: IDataObject }>;
		const paid = await step(
			'Pay claimed invoices',
			writes.map(({ ledger: row }) => row),
		);
		const run = await cli.run(JOB);
		const report = records((await readWorkbook(run.summary.reports[0].path)).Invoices);
		const actions = (items: Array<[unknown, unknown]>) => Object.fromEntries(items);
		expect(
			actions(paid.filter((item) => item.invoiceId).map((item) => [item.invoiceId, item.action])),
		).toEqual(
			actions(
				report
					.filter((row) =>
						['INV-OLD', 'INV-NEW', 'INV-NEWEST'].includes(row['Invoice ID'] as string),
					)
					.map((row) => [row['Invoice ID'], row.Action]),
			),
		);
		expect(paid.filter((item) => item.invoiceId).map((item) => item.action)).toEqual([
			'paid',
			'balance too low',
			'not tried: balance too low',
		]);
		// One low-balance alert a day, as oy-jobs: the template's claim is the e-mail oy-jobs sent.
		const alertClaims = paid.filter((item) => item.action === 'e-mail');
		const cliAlerts = cli.smtp.received.filter((mail) => mail.key.startsWith('alert:low-balance:'));
		expect(cliAlerts).toHaveLength(1);
		expect(
			alertClaims.map((item) => {
				const row = item.ledger as IDataObject;
				const detail = JSON.parse(String(row.detail));
				return [row.key, row.state, detail.to, detail.subject];
			}),
		).toEqual([[cliAlerts[0].key, 'claimed', 'finance@example.co.id', cliAlerts[0].subject]]);
		expect(JSON.parse(String((alertClaims[0].ledger as IDataObject).detail)).text).toContain(
			'code 206',
		);
		// A later run the same day: the plan passes today's alert row on, and the pay step claims none.
		const alertRow: IDataObject = {
			...(alertClaims[0].ledger as IDataObject),
			state: 'done',
			updatedAt: new Date().toISOString(),
		};
		const recorded = new Map(
			paid.map((item) => [(item.ledger as IDataObject).key, item.ledger as IDataObject]),
		);
		recorded.set(alertRow.key, alertRow);
		const later = await step(
			'Plan payments (as oy-jobs)',
			[...tableRows().filter((row) => !recorded.has(row.key)), ...recorded.values()],
			{ runId: 'a-later-run' },
		);
		expect(later.find((item) => item.key === alertRow.key)).toMatchObject({ action: 'unchanged' });
		const laterClaims = later
			.filter((item) => item.ledger)
			.map((item) => item.ledger as IDataObject);
		const laterPaid = await step('Pay claimed invoices', laterClaims, { runId: 'a-later-run' });
		expect(laterPaid.filter((item) => item.action === 'balance too low')).toHaveLength(1);
		expect(laterPaid.filter((item) => item.action === 'e-mail')).toEqual([]);
		// Recorded failed: a later run claims them again.
		const written = new Map(
			paid.map((item) => [(item.ledger as IDataObject).key, item.ledger as IDataObject]),
		);
		const again = await step(
			'Plan payments (as oy-jobs)',
			[...tableRows().filter((row) => !written.has(row.key)), ...written.values()],
			{ runId: 'the-next-run' },
		);
		expect(
			again.filter((item) => item.action === 'would pay').map((item) => item.invoiceId),
		).toEqual(['INV-NEW', 'INV-NEWEST']);
	});

	it("acts on no claim once the lease of the run's lock has ended, and says so", async () => {
		const plan = await step('Plan payments (as oy-jobs)', tableRows());
		const claims = plan.filter((item) => item.ledger).map((item) => item.ledger as IDataObject);
		expect(claims.filter((row) => row.state === 'claimed' && row.runId === RUN)).not.toEqual([]);
		const unpaid = async () =>
			(await template.control('GET', '/state?product=account-inquiry')).invoices
				.filter((invoice: { invoice_status: string }) => invoice.invoice_status === 'UNPAID')
				.map((invoice: { invoice_id: string }) => invoice.invoice_id)
				.sort();
		const before = await unpaid();
		const node = nodeNamed(read('inquiry-invoices.json'), 'Pay claimed invoices');
		const run = await runOyNode({
			parameters: { ...node.parameters, runId: RUN, leaseUntil: Date.now() - 1 } as never,
			input: claims,
			credentials: credentials(template),
		});
		expect(run.error?.message).toMatch(/lease of this run's job lock ended .* before pay:INV-/);
		expect(run.items).toEqual([]);
		expect(await unpaid()).toEqual(before);
		// A lease the node cannot read is refused the same way: nothing is paid.
		const unreadable = await runOyNode({
			parameters: { ...node.parameters, runId: RUN, leaseUntil: 'soon' } as never,
			input: claims,
			credentials: credentials(template),
		});
		expect(unreadable.error?.message).toMatch(/'Lock Held Until' is not a time: soon/);
		expect(await unpaid()).toEqual(before);
	});

	it('refuses ledger rows it cannot read, and decides nothing', async () => {
		const node = nodeNamed(read('inquiry-invoices.json'), 'Plan payments (as oy-jobs)');
		const run = await runOyNode({
			parameters: { ...node.parameters, runId: RUN } as never,
			input: [{ job: JOB, key: 'pay:X', state: 'paid?', runId: DEAD_RUN, detail: '{}' }],
			credentials: credentials(template),
		});
		expect(run.error?.message).toMatch(/Ledger row pay:X: state 'paid\?' is not a ledger state/);
		expect(run.items).toEqual([]);
	});
});

const BALANCE_JOB = 'balance-alert';

/**
 * The balance alert: the same balance and ledger given to oy-jobs and to the template's Plan
 * Balance Alert; the e-mails oy-jobs sends are the e-mails the template claims (then sends), and
 * the ledger ends alike.
 */
describe('balance-alert: the n8n template decides as oy-jobs does', () => {
	let cli: World;
	let template: World;
	beforeEach(async () => {
		[cli, template] = await Promise.all([startWorld(), startWorld()]);
		cli.configure({
			'balance-alert': { threshold: 10_000_000, to: ['finance@example.co.id'], lookAheadDays: 7 },
		});
	});
	afterEach(async () => Promise.all([cli?.close(), template?.close()]));

	const day = (offset: number) => jakartaDay(cli.sandbox, offset);
	const cases: Array<[string, number, Array<[string, 'claimed' | 'done']>]> = [
		['a low balance, nothing sent yet', 5_000_000, []],
		[
			'a low balance, alerted the three days before',
			5_000_000,
			[-3, -2, -1].map((d) => [`alert:${d}`, 'done']),
		],
		[
			"a low balance, today's alert claimed by a run that stopped",
			5_000_000,
			[['alert:0', 'claimed']],
		],
		['a low balance, alerted today', 5_000_000, [['alert:0', 'done']]],
		['the balance recovered after an alert', 50_000_000, [['alert:-1', 'done']]],
	];

	it.each(cases)('%s', async (_name, amount, seeded) => {
		const ledger = seeded.map(([key, state]) => ({
			key: key.replace(/-?\d+$/, (offset) => day(Number(offset))),
			state,
		}));
		await Promise.all(
			[cli, template].map((world) => world.control('PUT', '/balance', { balance: amount })),
		);
		await cli.ledger(async (store) => {
			for (const { key, state } of ledger) {
				await store.claim(BALANCE_JOB, key, DEAD_RUN, { subject: 'Low OY! balance' });
				if (state !== 'claimed') await store.settle(BALANCE_JOB, key, DEAD_RUN, state);
			}
		});
		const node = nodeNamed(read('balance-alert.json'), 'Plan the alert (as oy-jobs)');
		const planned = await runOyNode({
			// The expected list as an empty Data Table gives it: one empty item.
			parameters: { ...node.parameters, runId: RUN, expectedPayouts: [{}] } as never,
			// As the template's "Read the ledger" gives it: one empty item for an empty ledger.
			input:
				ledger.length === 0
					? [{}]
					: ledger.map(({ key, state }) => ({
							job: BALANCE_JOB,
							key,
							state,
							runId: DEAD_RUN,
							attempts: 1,
							detail: JSON.stringify({ subject: 'Low OY! balance' }),
						})),
			credentials: sandboxCredential(template),
		});
		expect(planned.error?.message).toBeUndefined();
		const outputs = planned.items.map((item) => item.json as IDataObject & { ledger: IDataObject });
		const plan = outputs.filter((item) => item.ledger);
		const run = await cli.run(BALANCE_JOB);

		// The e-mails: those oy-jobs sent are those the template claimed, with the same subjects.
		const claimed = plan
			.filter((item) => item.ledger.state === 'claimed')
			.map((item) => {
				const detail = JSON.parse(String(item.ledger.detail));
				return [item.ledger.key, detail.subject, detail.attachments ?? []];
			});
		const sent = cli.smtp.received.map((mail) => [
			mail.key,
			mail.subject,
			mail.attachments.map((attachment) => reportName(attachment.filename)),
		]);
		expect(claimed).toEqual(sent);
		// The balance history oy-jobs attaches: the same rows, for the template's Convert to File.
		const history = run.summary.reports[0];
		const rows = outputs.filter((item) => item.action === 'report row');
		if (history) {
			const cliRows = records((await readWorkbook(history.path))['Balance history']);
			expect(rows.map((item) => item.report)).toEqual(
				cliRows.map(() => reportName(history.filename)),
			);
			expect(rows.map((item) => (item.row as IDataObject)['Available (IDR)'])).toEqual(
				cliRows.map((row) => row['Available (IDR)']),
			);
		}
		// The ledger: every key oy-jobs wrote, the template writes, in the state it ends in once sent.
		const after = (state: unknown) => (state === 'claimed' ? 'done' : state);
		const written = Object.fromEntries(
			plan
				.filter((item) => !String(item.ledger.key).match(/^(run|reading):/))
				.map((item) => [item.ledger.key, after(item.ledger.state)]),
		);
		const cliWrote = Object.fromEntries(
			(await cli.ledger((store) => store.list(BALANCE_JOB, '')))
				.filter((entry) => entry.runId === run.runId && !entry.key.startsWith('reading:'))
				.map((entry) => [entry.key, entry.state]),
		);
		expect(written).toEqual(cliWrote);
		// Both recorded one reading of the balance.
		expect(plan.filter((item) => String(item.ledger.key).startsWith('reading:'))).toHaveLength(1);
		const problems = plan.find((item) => item.action === 'run')?.problems as string[];
		expect(problems.length > 0).toBe(run.summary.problems.length > 0);
	});

	it('oy-jobs alerts once on a low balance (what the first case compares against)', async () => {
		await cli.control('PUT', '/balance', { balance: 5_000_000 });
		const run = await cli.run(BALANCE_JOB);
		expect(cli.smtp.received.map((mail) => mail.key)).toEqual([`alert:${day(0)}`]);
		expect(run.summary.problems).toEqual([]);
	});
});

const VA_JOB = 'va-sweep';

/**
 * The VA sweep: the same VAs (created through OY's API, then two hours on the sandbox clock) and the
 * same ledger (a deactivation a stopped run claimed) given to oy-jobs and to the template's OY!
 * steps: the same VAs are deactivated, kept or reported, and the ledger ends alike.
 */
describe('va-sweep: the n8n template decides as oy-jobs does', () => {
	let cli: World;
	let template: World;
	const ids = new Map<World, Record<string, string>>();

	const createVas = async (world: World) => {
		const client = new OyClient({
			send: httpSend(world.sandbox.url, {
				username: world.sandbox.username,
				apiKey: world.sandbox.apiKey,
			}),
			sleep: async () => undefined,
		});
		const named: Record<string, string> = {};
		const create = async (name: string, operation: string, input: Record<string, unknown>) => {
			const result = await client.callOrThrow(operation, { partner_user_id: name, ...input });
			named[name] = (result.body as { id: string }).id;
		};
		const bca = { bank_code: '014', is_open: true };
		await create('window-ended', 'virtualAccount.create', {
			...bca,
			expiration_time: 1_440,
			trx_expiration_time: 60,
		});
		await create('lifetime', 'virtualAccount.create', {
			...bca,
			is_lifetime: true,
			trx_expiration_time: 60,
		});
		await create('customized', 'virtualAccount.createCustomized', {
			bank_code: '002',
			va_suffix: '081234567890',
			trx_expiration_time: 60,
		});
		await create('expiring-soon', 'virtualAccount.create', { ...bca, expiration_time: 1_440 });
		await create('expired', 'virtualAccount.create', { ...bca, expiration_time: 60 });
		await create('healthy', 'virtualAccount.create', { ...bca, expiration_time: 14_400 });
		world.sandbox.control.advanceTime(2 * 3_600_000);
		ids.set(world, named);
	};

	beforeEach(async () => {
		[cli, template] = await Promise.all([startWorld(), startWorld()]);
		await createVas(cli);
		await createVas(template);
		cli.configure({ 'va-sweep': { expiringWithinHours: 72 } });
		await cli.ledger((store) =>
			store.claim(VA_JOB, `deactivate:${ids.get(cli)!.expired}`, DEAD_RUN, { bankCode: '014' }),
		);
	});
	afterEach(async () => Promise.all([cli?.close(), template?.close()]));

	it('deactivates, keeps and reports the same VAs, and records the same', async () => {
		const credentials = sandboxCredential(template);
		const step = async (name: string, input: IDataObject[]) => {
			const node = nodeNamed(read('va-sweep.json'), name);
			const run = await runOyNode({
				parameters: { ...node.parameters, runId: RUN, ...lease(node) } as never,
				input,
				credentials,
			});
			expect(run.error?.message).toBeUndefined();
			return run.items.map((item) => item.json);
		};
		const deadClaim = `deactivate:${ids.get(template)!.expired}`;
		const plan = await step('Plan the sweep (as oy-jobs)', [
			{
				job: VA_JOB,
				key: deadClaim,
				state: 'claimed',
				runId: DEAD_RUN,
				attempts: 1,
				detail: JSON.stringify({ bankCode: '014' }),
			},
		]);
		const writes = plan.filter((item) => item.ledger).map((item) => item.ledger as IDataObject);
		const done = await step('Deactivate claimed VAs', writes);
		const run = await cli.run(VA_JOB);

		const byName = (world: World) =>
			Object.fromEntries(Object.entries(ids.get(world)!).map(([name, id]) => [id, name]));
		const templateNames = byName(template);
		const final = new Map(done.filter((item) => item.id).map((item) => [item.id, item.action]));
		const templateActions = Object.fromEntries(
			plan
				.filter((item) => item.vaNumber !== undefined)
				.map((item) => [templateNames[String(item.id)], final.get(item.id) ?? item.action]),
		);
		const cliNames = byName(cli);
		const report = records((await readWorkbook(run.summary.reports[0].path)).VAs);
		const cliActions = Object.fromEntries(
			report.map((row) => [cliNames[String(row['VA ID'])], row.Action]),
		);
		expect(templateActions).toEqual(cliActions);
		expect(cliActions).toMatchObject({
			'window-ended': 'deactivated',
			lifetime: 'keep: lifetime VA, re-arm it',
		});
		// OY! closed the expired VA itself: the stopped run's claim is recorded done from its state.
		expect(cliActions.expired).toBeUndefined();

		const ledgerOf = (
			rows: Array<{ key: string; state: string; attempts: number }>,
			world: World,
		) =>
			Object.fromEntries(
				rows
					.filter((row) => row.key.startsWith('deactivate:'))
					.map((row) => [
						byName(world)[row.key.slice('deactivate:'.length)],
						[row.state, row.attempts],
					]),
			);
		const cliLedger = await cli.ledger((store) => store.list(VA_JOB, 'deactivate:'));
		expect(
			ledgerOf(
				done.map((item) => item.ledger as { key: string; state: string; attempts: number }),
				template,
			),
		).toEqual(ledgerOf(cliLedger, cli));
		expect(ledgerOf(cliLedger, cli)).toEqual({
			'window-ended': ['done', 1],
			expired: ['done', 1],
		});
	});
});

const AR_JOB = 'ar-reminders';

/**
 * AR reminders: the same overdue invoices and ledger (a step sent before, a reminder a stopped run
 * was sending) given to oy-jobs and to the template's Plan AR Reminders: the reminders oy-jobs
 * e-mails are the ones the template claims (same keys, addresses and subjects), and the ledger ends
 * alike.
 */
describe('ar-reminders: the n8n template decides as oy-jobs does', () => {
	let cli: World;
	let template: World;
	beforeEach(async () => {
		[cli, template] = await Promise.all([startWorld(), startWorld()]);
		seedOverdueInvoices(cli);
		seedOverdueInvoices(template);
		cli.configure({
			'ar-reminders': {
				steps: [1, 3, 7, 14],
				optOut: ['cust-4'],
				summaryTo: ['finance@example.co.id'],
				// as the template's empty Quiet Hours: the comparison must not depend on the hour it runs at
				quietHours: null,
			},
		});
	});
	afterEach(async () => Promise.all([cli?.close(), template?.close()]));

	it('claims the reminders oy-jobs sends, and records the same', async () => {
		// inv-1 is 4 days overdue: its day-3 step went out before; inv-2 (7 days) was being sent by a run that stopped.
		const ledger = [
			{ key: 'remind:inv-1:3', state: 'done' as const },
			{ key: 'remind:inv-2:7', state: 'claimed' as const },
		];
		await cli.ledger(async (store) => {
			for (const { key, state } of ledger) {
				await store.claim(AR_JOB, key, DEAD_RUN, { invoice: key.split(':')[1], step: 0 });
				if (state !== 'claimed') await store.settle(AR_JOB, key, DEAD_RUN, state);
			}
		});
		const node = nodeNamed(read('ar-reminders.json'), 'Plan reminders (as oy-jobs)');
		const planned = await runOyNode({
			parameters: { ...node.parameters, runId: RUN, optOut: 'cust-4' } as never,
			input: ledger.map(({ key, state }) => ({
				job: AR_JOB,
				key,
				state,
				runId: DEAD_RUN,
				attempts: 1,
				detail: JSON.stringify({ invoice: key.split(':')[1], step: 0 }),
			})),
			credentials: sandboxCredential(template),
		});
		expect(planned.error?.message).toBeUndefined();
		const outputs = planned.items.map((item) => item.json as IDataObject & { ledger: IDataObject });
		const plan = outputs.filter((item) => item.ledger);
		const run = await cli.run(AR_JOB);

		const claimed = plan
			.filter((item) => item.ledger.state === 'claimed')
			.map((item) => {
				const detail = JSON.parse(String(item.ledger.detail));
				return [item.ledger.key, detail.to, detail.subject];
			})
			.sort();
		const sent = cli.smtp.received
			.map((mail) => [mail.key, mail.recipients.join(', '), mail.subject])
			.sort();
		expect(claimed.map(([key, to]) => [key.replace(/^summary:.*/, 'summary'), to])).toEqual(
			sent.map(([key, to]) => [key.replace(/^summary:.*/, 'summary'), to]),
		);
		expect(claimed.filter(([key]) => key.startsWith('remind:'))).toEqual(
			sent.filter(([key]) => key.startsWith('remind:')),
		);
		// inv-1's day-3 step went out before, inv-2's may have, inv-4's customer opted out.
		expect(sent.map(([key]) => key).filter((key) => key.startsWith('remind:'))).toEqual([
			'remind:inv-0:1',
			'remind:inv-3:7',
		]);
		const after = (state: unknown) => (state === 'claimed' ? 'done' : state);
		const written = Object.fromEntries(
			plan
				.filter((item) => String(item.ledger.key).startsWith('remind:'))
				.map((item) => [item.ledger.key, after(item.ledger.state)]),
		);
		const cliWrote = Object.fromEntries(
			(await cli.ledger((store) => store.list(AR_JOB, 'remind:')))
				.filter((entry) => entry.runId === run.runId)
				.map((entry) => [entry.key, entry.state]),
		);
		expect(written).toEqual(cliWrote);
		expect(cliWrote['remind:inv-2:7']).toBe('uncertain');
		const problems = (plan.find((item) => item.action === 'run')?.problems as string[]).join('\n');
		expect(problems).toMatch(/may or may not have been sent/);

		// The aging report: the summary's claim names the workbook oy-jobs attaches, and the plan gives
		// its first sheet's rows (same headers, same invoices, same actions) for Convert to File.
		const aging = run.summary.reports[0];
		const summaryClaim = plan.find((item) => String(item.ledger.key).startsWith('summary:'));
		expect(JSON.parse(String(summaryClaim?.ledger.detail)).attachments).toEqual([
			reportName(aging.filename),
		]);
		expect(
			cli.smtp.received
				.find((mail) => mail.key.startsWith('summary:'))
				?.attachments.map((attachment) => attachment.filename),
		).toEqual([aging.filename]);
		expect(reportName(aging.filename)).toMatch(/^ar-aging-\d{4}-\d{2}-\d{2}\.xlsx$/);
		const cliRows = records((await readWorkbook(aging.path))['Open invoices']);
		const rows = outputs.filter((item) => item.action === 'report row');
		expect(rows.length).toBeGreaterThan(0);
		expect(new Set(rows.map((item) => `${item.report}/${item.sheet}`))).toEqual(
			new Set([`${reportName(aging.filename)}/Open invoices`]),
		);
		const pick = (row: Record<string, unknown>) =>
			[row['Invoice ID'], row['Outstanding (IDR)'], row['This run']].join(' | ');
		expect(rows.map((item) => pick(item.row as IDataObject)).sort()).toEqual(
			cliRows.map(pick).sort(),
		);
	});
	it('keeps the quiet hours as oy-jobs does: no reminder or summary claimed in them', async () => {
		const jakartaTime = (offsetMs: number) =>
			new Intl.DateTimeFormat('en-GB', {
				timeZone: 'Asia/Jakarta',
				hour: '2-digit',
				minute: '2-digit',
				hourCycle: 'h23',
			}).format(new Date(template.sandbox.control.clock.now() + offsetMs));
		const quiet = { start: jakartaTime(-3_600_000), end: jakartaTime(3_600_000) };
		cli.configure({
			'ar-reminders': {
				steps: [1, 3, 7, 14],
				summaryTo: ['finance@example.co.id'],
				quietHours: quiet,
			},
		});
		const node = nodeNamed(read('ar-reminders.json'), 'Plan reminders (as oy-jobs)');
		const plan = async (quietHours: string) =>
			await runOyNode({
				parameters: { ...node.parameters, runId: RUN, quietHours } as never,
				input: [{}],
				credentials: sandboxCredential(template),
			});
		const planned = await plan(`${quiet.start}-${quiet.end}`);
		expect(planned.error?.message).toBeUndefined();
		const outputs = planned.items.map(
			(item) => item.json as IDataObject & { ledger?: IDataObject },
		);
		const run = await cli.run(AR_JOB);
		expect(cli.smtp.received).toEqual([]);
		expect(outputs.filter((item) => item.ledger?.state === 'claimed')).toEqual([]);
		const notes = (outputs.find((item) => item.action === 'run')?.notes as string[]).join('\n');
		expect(notes).toMatch(/Quiet hours/);
		expect(run.summary.notes.join('\n')).toMatch(/Quiet hours/);
		// Outside them (the empty default) the same sandbox gets its reminders.
		const open = await plan('');
		expect(open.items.some((item) => (item.json.ledger as IDataObject)?.state === 'claimed')).toBe(
			true,
		);
		// A window it cannot read is refused before anything is read or sent.
		const wrong = await plan('25:00-08:00');
		expect(wrong.error?.message).toMatch(/'Quiet Hours' is not a window/);
		expect(wrong.items).toEqual([]);
	});
});
