import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Execution, WorkflowJson } from '../../scripts/n8n/instance.mjs';
import { loopbackSmtpData, startSmtp } from '../jobs/support/smtp.mjs';
import { bundledWorkflows } from '../../scripts/n8n/stack.mjs';
import { connectToStack } from './support/stack.mjs';
import { asRunNow, itemsOf, nodeErrors, RUNNABLE_STARTS } from './support/workflows.mjs';

type Stack = Awaited<ReturnType<typeof connectToStack>>;

const SMTP_CREDENTIAL = { id: 'oySmtpLoopback01', name: 'SMTP on loopback' };

/** The SMTP credential on every e-mail node (templates leave the choice of mail server to the user). */
function withSmtp(workflow: WorkflowJson): WorkflowJson {
	const nodes = (workflow.nodes as Array<{ type: string }>).map((node) =>
		node.type === 'n8n-nodes-base.emailSend'
			? { ...node, credentials: { smtp: SMTP_CREDENTIAL } }
			: node,
	);
	return { ...workflow, nodes };
}

/** What a person sees after clicking "Execute workflow" on each example. */
const EXPECTATIONS: Record<string, (execution: Execution) => void> = {
	oyExampleBalance(execution) {
		expect(itemsOf(execution, 'Get balance')).toEqual([
			expect.objectContaining({
				outcome: 'success',
				availableBalance: expect.any(Number),
				timestamp: expect.stringMatching(/Z$/),
			}),
		]);
	},
	oyExamplePayouts(execution) {
		const holders = itemsOf(execution, 'Check the account holder');
		expect(holders.map((item) => [item.outcome, item.account_number])).toEqual([
			['success', '1234567890'],
			['success', '0987654321'],
		]);
		for (const holder of holders) expect(holder.account_name).toEqual(expect.any(String));
		expect(
			itemsOf(execution, 'Send the payout').map((item) => [
				item.outcome,
				item.partner_trx_id,
				item.amount,
			]),
		).toEqual([
			['pending', 'PAYOUT-2026-0001', 150000],
			['pending', 'PAYOUT-2026-0002', 275000],
		]);
		expect(
			itemsOf(execution, 'Read the final status').map((item) => [
				item.outcome,
				item.partner_trx_id,
			]),
		).toEqual([
			['success', 'PAYOUT-2026-0001'],
			['success', 'PAYOUT-2026-0002'],
		]);
	},
	oyExampleVaColl1(execution) {
		const [created] = itemsOf(execution, 'Create the virtual account');
		expect(created).toMatchObject({
			outcome: 'success',
			bank_code: '002',
			amount: 250000,
			va_number: expect.any(String),
		});
		expect(itemsOf(execution, 'Read it back')[0]).toMatchObject({
			id: created.id,
			va_status: 'WAITING_PAYMENT',
		});
	},
	oyExamplePayLink(execution) {
		expect(itemsOf(execution, 'Create the payment link')[0]).toMatchObject({
			outcome: 'success',
			url: expect.stringMatching(/^http/),
		});
		expect(itemsOf(execution, 'Check whether it is paid')[0]).toMatchObject({
			partner_tx_id: 'INVOICE20260001',
			status: 'created',
		});
	},
};

/** A node that waits for a person's answer: such a run goes on in the n8n server, not in `n8n execute`. */
const waitsForAPerson = (node: { parameters?: { operation?: unknown } }) =>
	node.parameters?.operation === 'sendAndWait';

/** n8n's Data Tables exist only in the server and the workers: `n8n execute` does not start them. */
const usesDataTables = (node: { type: string }) => node.type === 'n8n-nodes-base.dataTable';

/**
 * Workflows a person starts by hand or by schedule; those started by the OY! Trigger are tested in
 * trigger.e2e.mts, those that wait for an approval in approval.e2e.mts, those with a ledger in a
 * Data Table in jobs-ledger.e2e.mts.
 */
const bundled = (await bundledWorkflows()).filter(({ workflow }) => {
	const nodes = workflow.nodes as Array<{ type: string; parameters?: { operation?: unknown } }>;
	return (
		nodes.some((node) => RUNNABLE_STARTS.includes(node.type)) &&
		!nodes.some(waitsForAPerson) &&
		!nodes.some(usesDataTables)
	);
});

/** What `n8n execute` printed besides the execution's JSON: its log lines before and after it. */
const logAround = (output: string) => {
	const start = output.search(/^\{$/m);
	const end = output.lastIndexOf('\n}');
	return start < 0
		? output.slice(-3000)
		: `${output.slice(0, start).slice(-2000)}\n[execution]\n${output.slice(end + 2).slice(0, 2000)}`;
};

describe('the example workflows and job templates run in n8n against the sandbox', () => {
	let stack: Stack;
	let smtp: Awaited<ReturnType<typeof startSmtp>>;
	beforeAll(async () => {
		stack = await connectToStack();
		// The job templates e-mail through n8n's SMTP credential: a real SMTP server on loopback.
		smtp = await startSmtp();
		await stack.n8n.importCredentials([
			{
				...SMTP_CREDENTIAL,
				type: 'smtp',
				data: loopbackSmtpData(smtp.port),
			},
		]);
		// Job templates start on a schedule; run them now, as "Execute workflow" in the editor does.
		const templates = bundled
			.filter(({ file }) => file.startsWith('jobs'))
			.map(({ workflow }) => withSmtp(asRunNow(workflow)));
		await stack.n8n.importWorkflows(templates);
	});
	afterAll(async () => smtp?.close());

	it('has an expectation for every example', () => {
		const examples = bundled
			.filter(({ file }) => file.startsWith('examples'))
			.map(({ workflow }) => workflow.id);
		expect(examples.sort()).toEqual(Object.keys(EXPECTATIONS).sort());
	});

	it.each(bundled.map(({ file, workflow }) => [file, workflow.id]))(
		'%s runs to success',
		async (_file, id) => {
			const { code, signal, execution, output } = await stack.n8n.execute(id);
			expect(nodeErrors(execution)).toEqual({});
			expect(execution.status).toBe('success');
			// n8n 2.41's CLI is sometimes ended by a signal while it shuts down, after it saved and
			// printed the finished execution (seen about one run in three on a busy machine): the
			// execution above is the result; an exit code is only asserted for a process that exited.
			if (signal !== null)
				return void console.warn(
					`n8n execute --id=${id} ended by ${signal} after a successful execution`,
				);
			expect(code, `n8n execute's log around the execution:\n${logAround(output)}`).toBe(0);
			EXPECTATIONS[id]?.(execution);
		},
	);

	it('pays out once when the payout example runs again: the same ids find the payouts that exist', async () => {
		const balanceBefore = await stack.sandbox.call('GET', '/balance');
		const payoutBefore = await stack.sandbox.call('GET', '/disbursement/payouts/PAYOUT-2026-0001');
		const { execution } = await stack.n8n.execute('oyExamplePayouts');
		expect(nodeErrors(execution)).toEqual({});
		expect(itemsOf(execution, 'Send the payout')[0]).toMatchObject({
			outcome: 'success',
			partner_trx_id: 'PAYOUT-2026-0001',
			trx_id: payoutBefore.trx_id,
		});
		expect(await stack.sandbox.call('GET', '/balance')).toEqual(balanceBefore);
		expect(await stack.sandbox.call('GET', '/disbursement/payouts/PAYOUT-2026-0001')).toEqual(
			payoutBefore,
		);
	});

	// The job templates' e-mails (the VA sweep's report among them): jobs-ledger.e2e.mts.
});
