import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCommunityPackage, packPackage } from '../../scripts/n8n/communityPackage.mjs';
import { N8nInstance, type Execution } from '../../scripts/n8n/instance.mjs';
import { freePort } from '../../scripts/n8n/processes.mjs';
import { ensureRuntime, PROFILES } from '../../scripts/n8n/runtime.mjs';
import { bundledWorkflows, sandboxCredentials } from '../../scripts/n8n/stack.mjs';
import { connectToStack } from './support/stack.mjs';
import { itemsOf, nodeErrors } from './support/workflows.mjs';

/** The oldest line we support: n8n 1.123.x on Node 20 (legacy expression engine, see scripts/n8n/runtime.mjs). */
describe(`the package in ${PROFILES.compat.label}`, () => {
	let n8n: N8nInstance;
	let execution: Execution;
	let code: number;
	beforeAll(async () => {
		const { context } = await connectToStack();
		const runtime = await ensureRuntime(PROFILES.compat);
		const folder = path.join(path.dirname(context.userFolder), 'compat');
		n8n = new N8nInstance({
			runtime,
			userFolder: path.join(folder, 'user'),
			port: await freePort(),
			encryptionKey: 'oy-e2e-compat-key-not-a-secret',
		});
		await installCommunityPackage(n8n.userFolder, await packPackage(folder));
		await n8n.importCredentials(sandboxCredentials(context.sandbox));
		const payouts = (await bundledWorkflows()).find(
			({ workflow }) => workflow.id === 'oyExamplePayouts',
		);
		if (!payouts) throw new Error('examples/oy-verify-then-pay-out.json is missing');
		// Its own payout ids: the 2.x run of this example used the originals on the same sandbox.
		await n8n.importWorkflows([
			JSON.parse(payouts.text.replaceAll('PAYOUT-2026-', 'COMPAT-2026-')),
		]);
		({ code, execution } = await n8n.execute('oyExamplePayouts'));
	});
	afterAll(async () => n8n?.stop());

	it('runs the payout example to success', () => {
		expect(nodeErrors(execution)).toEqual({});
		expect(execution.status).toBe('success');
		expect(code).toBe(0);
	});

	it('returns the same items as n8n 2.x', () => {
		expect(itemsOf(execution, 'Check the account holder').map((item) => item.outcome)).toEqual([
			'success',
			'success',
		]);
		expect(
			itemsOf(execution, 'Send the payout').map((item) => [item.outcome, item.partner_trx_id]),
		).toEqual([
			['pending', 'COMPAT-2026-0001'],
			['pending', 'COMPAT-2026-0002'],
		]);
		expect(itemsOf(execution, 'Read the final status').map((item) => item.outcome)).toEqual([
			'success',
			'success',
		]);
	});
});
