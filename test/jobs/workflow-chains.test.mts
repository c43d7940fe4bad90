import type { IDataObject } from 'n8n-workflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runOyNode } from '../support/engine.mjs';
import { seedOverdueInvoices } from './support/seeds.mjs';
import { nodeNamed, read, runCode } from './support/templates.mjs';
import type { Workflow } from './support/templates.mjs';
import { jakartaDay, startWorld } from './support/world.mjs';
import type { World } from './support/world.mjs';

/**
 * The templates' OY! nodes, with their parameters and expressions exactly as in the JSON, run in
 * n8n-core's WorkflowExecute against the sandbox; their Code nodes run in between. (The Schedule
 * Trigger, IF and e-mail nodes are n8n's own; issue 7 runs whole templates in real n8n.)
 */
describe('workflow templates: the OY! steps in the n8n engine', () => {
	let world: World;
	beforeEach(async () => {
		world = await startWorld();
	});
	afterEach(async () => world.close());

	const credentials = () => ({
		environment: 'sandbox',
		baseUrl: world.sandbox.url,
		username: world.sandbox.username,
		apiKey: world.sandbox.apiKey,
	});
	const step = async (workflow: Workflow, name: string, input: IDataObject[] = [{}]) => {
		const node = nodeNamed(workflow, name);
		const run = await runOyNode({
			parameters: node.parameters as never,
			input,
			credentials: credentials(),
			continueOnFail: node.onError === 'continueRegularOutput',
		});
		expect(run.error, `${name}: ${run.error?.message}`).toBeUndefined();
		return run.items.map((item) => item.json);
	};

	// inquiry-invoices: workflow-ledger.test.mts runs its OY! nodes against oy-jobs' own run.
	// va-sweep: workflow-ledger.test.mts runs its OY! nodes against oy-jobs' own run.
	it('ar-reminders: the overdue list feeds the reminder step, and each invoice is read again', async () => {
		seedOverdueInvoices(world, 3);
		const workflow = read('ar-reminders.json');
		const overdue = await step(workflow, 'Get overdue invoices');
		expect(overdue).toHaveLength(3);
		expect(overdue[0]).toMatchObject({ status: 'OVERDUE', customer_email: 'ap0@customer0.co.id' });
		const tenInJakarta = Date.parse(`${jakartaDay(world.sandbox)}T10:00:00+07:00`);
		const reminders = (
			await runCode(workflow, 'Due reminder step', {
				items: overdue,
				now: tenInJakarta,
				staticData: {},
			})
		).map((item) => item.json);
		expect(reminders.map((reminder) => [reminder.invoiceId, reminder.step])).toEqual([
			['inv-0', 1],
			['inv-1', 3],
			['inv-2', 7],
		]);
		const reread = await step(workflow, 'Read invoice again', reminders as IDataObject[]);
		expect(reread.map((invoice) => invoice.status)).toEqual(['OVERDUE', 'OVERDUE', 'OVERDUE']);
	});

	// balance-alert: workflow-ledger.test.mts runs its OY! node against oy-jobs' own run.
});
