import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureExpectedTable, EXPECTED_TABLE } from '../../jobs/workflows/expectedTable.mjs';
import { ensureLedgerTable } from '../../jobs/workflows/ledgerTable.mjs';
import type { WorkflowJson } from '../../scripts/n8n/instance.mjs';
import { bundledWorkflow } from '../../scripts/n8n/stack.mjs';
import { startSandbox } from '../../sandbox/src/index.mjs';
import { loopbackSmtpData, startSmtp } from '../jobs/support/smtp.mjs';
import { jakartaDay } from '../jobs/support/days.mjs';
import { sandboxDay, seededVa, wib } from '../jobs/support/reconciliationDay.mjs';
import { readWorkbook, records } from '../jobs/support/world.mjs';
import { waitUntil } from './support/approvals.mjs';
import type { ExecutionWithId } from './support/approvals.mjs';
import { connectToStack } from './support/stack.mjs';
import { asRunNow, itemsOf, nodeErrors } from './support/workflows.mjs';

/**
 * The template "OY! - reconcile yesterday" in the stack's n8n server (its Data Tables need the
 * server), against a sandbox of its own with a seeded difference of each kind: the expected list in
 * the Data Table, the report e-mailed to a real SMTP server on loopback as an Excel file, and the run
 * ending in an error because something needs a person.
 */
const WORKFLOW_ID = 'jobReconcileDay01';
/** The same template comparing payment links only: the list names none that day, nothing needs a person. */
const QUIET_WORKFLOW_ID = 'jobReconcileDay02';
/** The same template comparing the inquiry invoices the jobs' ledger recorded paid today (real time). */
const LEDGER_WORKFLOW_ID = 'jobReconcileDay03';
const TRIGGER = 'Every day at 06:00';
const RECONCILE = 'Reconcile yesterday (as oy-jobs)';
const OY_CREDENTIAL = { id: 'oyReconSandbox01', name: 'OY! Sandbox (reconciliation test)' };
const SMTP_CREDENTIAL = { id: 'oySmtpReconcile1', name: 'SMTP (reconciliation test)' };

describe('the reconciliation template in n8n 2.41.1', () => {
	let stack: Awaited<ReturnType<typeof connectToStack>>;
	let sandbox: Awaited<ReturnType<typeof startSandbox>>;
	let smtp: Awaited<ReturnType<typeof startSmtp>>;
	let day = '';
	let nextDay = '';
	/** Today in Jakarta by the real clock: the day n8n stamps the ledger rows the test writes. */
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
	let invoiceAmount = 0;
	const rest = (method: string, pathname: string, body?: unknown) =>
		stack.n8n.rest(method, pathname, body);
	/** Runs the workflow as "Execute workflow" does, in the server, and waits for its end. */
	const runTemplate = async (workflowId: string) => {
		const started = await rest('POST', `/rest/workflows/${workflowId}/run`, {
			triggerToStartFrom: { name: TRIGGER },
		});
		expect(started.status, JSON.stringify(started.body)).toBe(200);
		const id = String(started.body.data.executionId);
		return await waitUntil(
			`execution ${id} finished`,
			async () => {
				const { status, body } = await stack.n8n.api('GET', `/executions/${id}?includeData=true`);
				const found = status === 200 ? (body as ExecutionWithId) : undefined;
				return found && !['running', 'new', 'waiting'].includes(found.status) ? found : undefined;
			},
			() => id,
			180_000,
		);
	};

	beforeAll(async () => {
		stack = await connectToStack();
		sandbox = await startSandbox({ port: 0 });
		smtp = await startSmtp();
		const { payVa } = sandboxDay(sandbox);
		// Tomorrow in Jakarta: every seeded payment comes after the VAs were made (now).
		day = jakartaDay(sandbox, 1);
		nextDay = jakartaDay(sandbox, 2);
		sandbox.control.seed({
			'virtual-account': [
				seededVa('VA-PAID', { is_open: false, amount: 150_000 }),
				seededVa('VA-WALK-IN', { is_open: true }),
			],
			disbursement: [
				{ partner_trx_id: 'PAY-OK', amount: 1_000_000, created: wib(day, '09:00'), code: '000' },
				{ partner_trx_id: 'PAY-AMOUNT', amount: 550_000, created: wib(day, '09:05'), code: '000' },
				{ partner_trx_id: 'PAY-FAILED', amount: 300_000, created: wib(day, '09:10'), code: '300' },
				{ partner_trx_id: 'PAY-STUCK', amount: 200_000, created: wib(day, '01:00'), code: '301' },
				{ partner_trx_id: 'PAY-RECENT', amount: 250_000, created: wib(day, '20:00'), code: '301' },
			],
		});
		// An inquiry invoice OY! shows PAID today: the ledger's payment of it is matched.
		sandbox.control.seed({
			'account-inquiry': [
				{
					invoice_id: 'INV-E2E-PAID',
					tx_date: jakartaDay(sandbox, -1),
					total_inquiry: 3,
					paid_at: new Date().toISOString(),
				},
			],
		});
		const { invoices } = await sandboxDay(sandbox).control('GET', '/state?product=account-inquiry');
		invoiceAmount = invoices.find(
			(invoice: { invoice_id: string }) => invoice.invoice_id === 'INV-E2E-PAID',
		).amount;
		// The template reconciles yesterday by the sandbox's clock: move it to the next morning.
		sandbox.control.advanceTime(wib(nextDay, '06:00') - sandbox.control.clock.now());
		await payVa('VA-PAID', 150_000, wib(day, '23:30'));
		await payVa('VA-WALK-IN', 12_345, wib(day, '12:00'));

		await stack.n8n.importCredentials([
			{
				...OY_CREDENTIAL,
				type: 'oyApi',
				data: {
					environment: 'sandbox',
					baseUrl: sandbox.url,
					username: sandbox.username,
					apiKey: sandbox.apiKey,
				},
			},
			{ ...SMTP_CREDENTIAL, type: 'smtp', data: loopbackSmtpData(smtp.port) },
		]);
		const found = await bundledWorkflow('jobs/workflows/reconciliation.json');
		const template = asRunNow(found.workflow);
		const nodes = (template.nodes as Array<Record<string, any>>).map((node) => {
			if (node.type === 'n8n-nodes-base.emailSend')
				return { ...node, credentials: { smtp: SMTP_CREDENTIAL } };
			if (node.type === 'n8n-nodes-oy.oy')
				return { ...node, credentials: { oyApi: OY_CREDENTIAL } };
			return node;
		});
		const linksOnly = nodes.map((node) =>
			node.name === RECONCILE
				? { ...node, parameters: { ...node.parameters, products: ['payment-link'] } }
				: node,
		);
		const ledgerOnly = nodes.map((node) =>
			node.name === RECONCILE
				? {
						...node,
						parameters: { ...node.parameters, products: ['inquiry-invoice'], day: today },
					}
				: node,
		);
		await stack.n8n.importWorkflows([
			{ ...template, id: WORKFLOW_ID, name: `${template.name} (test)`, nodes } as WorkflowJson,
			{
				...template,
				id: LEDGER_WORKFLOW_ID,
				name: `${template.name} (ledger only, test)`,
				nodes: ledgerOnly,
			} as WorkflowJson,
			{
				...template,
				id: QUIET_WORKFLOW_ID,
				name: `${template.name} (links only, test)`,
				nodes: linksOnly,
			} as WorkflowJson,
		]);

		const table = await ensureExpectedTable(rest);
		const { body: project } = await rest('GET', '/rest/projects/personal');
		const list = [
			[day, 1_000_000, 'PAY-OK', '', 'Vendor A'],
			[day, 500_000, 'PAY-AMOUNT', 'disbursement', 'Vendor B'],
			[day, 300_000, 'PAY-FAILED', '', 'Vendor C'],
			[day, 200_000, 'PAY-STUCK', '', 'Vendor D'],
			[day, 250_000, 'PAY-RECENT', '', 'Vendor E'],
			[day, 90_000, 'PAY-NEVER-SENT', '', 'Vendor F'],
			[day, 150_000, 'VA-PAID', 'va', 'Invoice 1'],
			[nextDay, 90_000_000, 'PAY-TOMORROW', '', 'Payroll'],
		].map(([date, amount, partnerTrxId, product, description]) => ({
			date,
			amount,
			partner_trx_id: partnerTrxId,
			product,
			description,
		}));
		const inserted = await rest(
			'POST',
			`/rest/projects/${project.data.id}/data-tables/${table.tableId}/insert`,
			{ data: list, returnType: 'id' },
		);
		expect(inserted.status, JSON.stringify(inserted.body)).toBe(200);

		// The jobs' ledger: the payments the inquiry-invoices job recorded (n8n stamps them today).
		const ledger = await ensureLedgerTable(rest);
		const payment = (key: string, state: string, amount: number) => ({
			job: 'inquiry-invoices',
			key,
			state,
			runId: 'e2e-run',
			attempts: 1,
			detail: JSON.stringify({ amount }),
		});
		const recorded = await rest(
			'POST',
			`/rest/projects/${ledger.projectId}/data-tables/${ledger.tableId}/insert`,
			{
				data: [
					payment('pay:INV-E2E-PAID', 'done', invoiceAmount),
					payment('pay:INV-E2E-GHOST', 'done', 7_000),
					// claimed, never settled: not a payment the ledger says was made
					payment('pay:INV-E2E-CLAIMED', 'claimed', 5_000),
					{ ...payment('pay:INV-E2E-OTHER-JOB', 'done', 1_000), job: 'va-sweep' },
				],
				returnType: 'id',
			},
		);
		expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
	}, 300_000);
	afterAll(async () => {
		await sandbox?.close();
		await smtp?.close();
	});

	it('classifies each seeded difference, e-mails the Excel report and ends in an error', async () => {
		const execution = await runTemplate(WORKFLOW_ID);

		const classes = Object.fromEntries(
			itemsOf(execution, RECONCILE)
				.filter((item) => item.kind === 'transaction')
				.map((item) => [item.id, item.class]),
		);
		expect(classes).toEqual({
			'PAY-OK': 'matched',
			'PAY-AMOUNT': 'amount differs',
			'PAY-FAILED': 'failed at OY',
			'PAY-STUCK': 'pending too long',
			'PAY-RECENT': 'pending',
			'PAY-NEVER-SENT': 'missing at OY',
			'VA-PAID': 'matched',
			'VA-WALK-IN': 'unknown to us',
		});
		// The run ends in an error, after the report went out: n8n's error workflow can alert.
		expect(execution.status).toBe('error');
		expect(nodeErrors(execution)).toEqual({
			'Stop: needs a person': expect.stringMatching(
				new RegExp(
					`^OY! reconciliation ${day} needs a person: ${day} needs a person: 1 missing at OY`,
				),
			),
		});
		expect(smtp.received).toHaveLength(1);
		const [mail] = smtp.received;
		expect(mail.recipients).toEqual(['finance@example.co.id']);
		expect(mail.subject).toMatch(new RegExp(`^OY! reconciliation ${day}: needs a person \\(`));
		expect(mail.attachments.map((attachment) => attachment.filename)).toEqual([
			`oy-reconciliation-${day}.xlsx`,
		]);
		const book = await readWorkbook(mail.attachments[0].content);
		const rows = records(book.Transactions);
		expect(Object.fromEntries(rows.map((row) => [row.id, row.class]))).toEqual(classes);
		expect(rows.find((row) => row.id === 'PAY-AMOUNT')).toMatchObject({
			expectedAmount: 500_000,
			oyAmount: 550_000,
		});
		expect(EXPECTED_TABLE).toBe('oy_expected_transactions');
	}, 300_000);

	it('ends in success, with the (empty) report e-mailed, when nothing needs a person', async () => {
		const before = smtp.received.length;
		const execution = await runTemplate(QUIET_WORKFLOW_ID);
		expect(nodeErrors(execution)).toEqual({});
		expect(execution.status).toBe('success');
		expect(itemsOf(execution, RECONCILE)).toEqual([
			expect.objectContaining({ kind: 'summary', needsPerson: false, problems: [] }),
		]);
		expect(itemsOf(execution, 'Needs a person?')).toEqual([]);
		const mails = smtp.received.slice(before);
		expect(mails.map((mail) => mail.subject)).toEqual([
			`OY! reconciliation ${day}: 0 transaction(s), nothing needs a person`,
		]);
	}, 300_000);

	it("compares the inquiry invoices the jobs' ledger recorded paid that day with OY!", async () => {
		const execution = await runTemplate(LEDGER_WORKFLOW_ID);
		const items = itemsOf(execution, RECONCILE);
		expect(
			items
				.filter((item) => item.kind === 'transaction')
				.map((item) => [item.product, item.id, item.class])
				.sort(),
		).toEqual([
			['inquiry-invoice', 'INV-E2E-GHOST', 'missing at OY'],
			['inquiry-invoice', 'INV-E2E-PAID', 'matched'],
		]);
		expect(items.at(-1)).toMatchObject({ kind: 'summary', day: today, needsPerson: true });
		expect(execution.status).toBe('error');
		expect(Object.keys(nodeErrors(execution))).toEqual(['Stop: needs a person']);
	}, 300_000);
});
