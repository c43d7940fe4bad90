import path from 'node:path';
import { startSandbox } from '../../../sandbox/src/index.mjs';
import { installCommunityPackage, packPackage } from '../../../scripts/n8n/communityPackage.mjs';
import { N8nInstance, type WorkflowJson } from '../../../scripts/n8n/instance.mjs';
import { freePort } from '../../../scripts/n8n/processes.mjs';
import { ensureRuntime, type RuntimeProfile } from '../../../scripts/n8n/runtime.mjs';
import { sandboxCredentials, triggerCallbackUrl } from '../../../scripts/n8n/stack.mjs';
import { oyPost } from './sandboxApi.mjs';
import { connectToStack } from './stack.mjs';

/**
 * A callback workflow published on an n8n of its own (beside the shared stack's user folder), with a
 * sandbox of its own that sends no callbacks itself: the test takes each genuine callback from the
 * sandbox's delivery log and delivers it when it chooses.
 */
export async function startCallbackN8n(options: {
	profile: RuntimeProfile;
	/** the folder's name, beside the shared stack's user folder */
	name: string;
	workflow: WorkflowJson;
	encryptionKey: string;
	owner: { email: string; password: string; firstName: string; lastName: string };
}) {
	const { context } = await connectToStack();
	const folder = path.join(path.dirname(context.userFolder), options.name);
	const sandbox = await startSandbox({ port: 0, processingDelays: { disbursement: 0 } });
	const n8n = new N8nInstance({
		runtime: await ensureRuntime(options.profile),
		userFolder: path.join(folder, 'user'),
		port: await freePort(),
		encryptionKey: options.encryptionKey,
	});
	await installCommunityPackage(n8n.userFolder, await packPackage(folder));
	await n8n.importCredentials(sandboxCredentials(sandbox));
	await n8n.importWorkflows([options.workflow]);
	await n8n.publish(String(options.workflow.id));
	await n8n.start({ logFile: path.join(folder, 'n8n.log') });
	await n8n.setupOwner(options.owner);
	const url = triggerCallbackUrl([options.workflow], n8n.url)?.url ?? '';
	if (!url.includes('?token=')) throw new Error(`no callback URL with a token: ${url}`);

	const deliver = (body: unknown) =>
		fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		}).then((response) => response.status);
	/** n8n answers before its production webhooks are registered: wait until the trigger refuses an empty body. */
	const triggerListening = async () => {
		for (
			const started = Date.now();
			Date.now() - started < 60_000;
			await new Promise((resolve) => setTimeout(resolve, 250))
		) {
			if ((await deliver({})) !== 404) return;
		}
		throw new Error(`the OY! Trigger's production webhook is not registered at ${url}`);
	};
	/** A payout that completes in the sandbox, and OY's genuine callback of it (not sent). */
	const completedPayout = async (id: string) => {
		await oyPost(sandbox, '/api/remit', {
			partner_trx_id: id,
			recipient_bank: '014',
			recipient_account: '1234567890',
			amount: 125000,
		});
		for (
			const started = Date.now();
			Date.now() - started < 10_000;
			await new Promise((resolve) => setTimeout(resolve, 100))
		) {
			const delivery = sandbox.control.callbacks
				.deliveries({ product: 'disbursement' })
				.find(
					(candidate) => (candidate.payload as { partner_trx_id?: string }).partner_trx_id === id,
				);
			if (delivery) return delivery.payload;
		}
		throw new Error(`the sandbox made no callback for ${id}`);
	};
	await triggerListening();
	return { n8n, sandbox, url, deliver, triggerListening, completedPayout };
}
