import { beforeAll, describe, expect, it } from 'vitest';
import type { Execution } from '../../scripts/n8n/instance.mjs';
import { bundledWorkflows } from '../../scripts/n8n/stack.mjs';
import { connectToStack } from './support/stack.mjs';
import { asRunNow, itemsOf, nodeErrors, RUNNABLE_STARTS } from './support/workflows.mjs';

type Stack = Awaited<ReturnType<typeof connectToStack>>;

/** What a person sees after clicking "Execute workflow" on each example. */
const EXPECTATIONS: Record<string, (execution: Execution) => void> = {
	oyExampleBalance(execution) {
		expect(itemsOf(execution, 'Get balance')).toEqual([
			expect.objectContaining({ outcome: 'success', availableBalance: expect.any(Number), timestamp: expect.stringMatching(/Z$/) }),
		]);
	},
	oyExamplePayouts(execution) {
		const holders = itemsOf(execution, 'Check the account holder');
		expect(holders.map((item) => [item.outcome, item.account_number])).toEqual([
			['success', '1234567890'],
			['success', '0987654321'],
		]);
		for (const holder of holders) expect(holder.account_name).toEqual(expect.any(String));
		expect(itemsOf(execution, 'Send the payout').map((item) => [item.outcome, item.partner_trx_id, item.amount])).toEqual([
			['pending', 'PAYOUT-2026-0001', 150000],
			['pending', 'PAYOUT-2026-0002', 275000],
		]);
		expect(itemsOf(execution, 'Read the final status').map((item) => [item.outcome, item.partner_trx_id])).toEqual([
			['success', 'PAYOUT-2026-0001'],
			['success', 'PAYOUT-2026-0002'],
		]);
	},
	oyExampleVaColl1(execution) {
		const [created] = itemsOf(execution, 'Create the virtual account');
		expect(created).toMatchObject({ outcome: 'success', bank_code: '002', amount: 250000, va_number: expect.any(String) });
		expect(itemsOf(execution, 'Read it back')[0]).toMatchObject({ id: created.id, va_status: 'WAITING_PAYMENT' });
	},
	oyExamplePayLink(execution) {
		expect(itemsOf(execution, 'Create the payment link')[0]).toMatchObject({ outcome: 'success', url: expect.stringMatching(/^http/) });
		expect(itemsOf(execution, 'Check whether it is paid')[0]).toMatchObject({ partner_tx_id: 'INVOICE20260001', status: 'created' });
	},
};

/** Workflows a person starts by hand or by schedule; those started by the OY! Trigger are tested in trigger.e2e.mts. */
const bundled = (await bundledWorkflows()).filter(({ workflow }) =>
	(workflow.nodes as Array<{ type: string }>).some((node) => RUNNABLE_STARTS.includes(node.type)),
);

describe('the example workflows and job templates run in n8n against the sandbox', () => {
	let stack: Stack;
	beforeAll(async () => {
		stack = await connectToStack();
		// Job templates start on a schedule; run them now, as "Execute workflow" in the editor does.
		await stack.n8n.importWorkflows(bundled.filter(({ file }) => file.startsWith('jobs')).map(({ workflow }) => asRunNow(workflow)));
	});

	it('has an expectation for every example', () => {
		const examples = bundled.filter(({ file }) => file.startsWith('examples')).map(({ workflow }) => workflow.id);
		expect(examples.sort()).toEqual(Object.keys(EXPECTATIONS).sort());
	});

	it.each(bundled.map(({ file, workflow }) => [file, workflow.id]))('%s runs to success', async (_file, id) => {
		const { code, execution } = await stack.n8n.execute(id);
		expect(nodeErrors(execution)).toEqual({});
		expect(execution.status).toBe('success');
		expect(code).toBe(0);
		EXPECTATIONS[id]?.(execution);
	});

	it('pays out once when the payout example runs again: the same ids find the payouts that exist', async () => {
		const balanceBefore = await stack.sandbox.call('GET', '/balance');
		const payoutBefore = await stack.sandbox.call('GET', '/disbursement/payouts/PAYOUT-2026-0001');
		const { execution } = await stack.n8n.execute('oyExamplePayouts');
		expect(nodeErrors(execution)).toEqual({});
		expect(itemsOf(execution, 'Send the payout')[0]).toMatchObject({ outcome: 'success', partner_trx_id: 'PAYOUT-2026-0001', trx_id: payoutBefore.trx_id });
		expect(await stack.sandbox.call('GET', '/balance')).toEqual(balanceBefore);
		expect(await stack.sandbox.call('GET', '/disbursement/payouts/PAYOUT-2026-0001')).toEqual(payoutBefore);
	});
});
