import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/src/index.mjs';
import { installCommunityPackage, packPackage } from '../../scripts/n8n/communityPackage.mjs';
import { N8nInstance } from '../../scripts/n8n/instance.mjs';
import type { Execution, WorkflowJson } from '../../scripts/n8n/instance.mjs';
import { freePort } from '../../scripts/n8n/processes.mjs';
import { ensureRuntime, PROFILES } from '../../scripts/n8n/runtime.mjs';
import {
	bundledWorkflow,
	sandboxCredentials,
	SANDBOX_CREDENTIAL,
	triggerCallbackUrl,
} from '../../scripts/n8n/stack.mjs';
import { docExamples } from '../sandbox/fixtures.mjs';
import { oyPost } from './support/sandboxApi.mjs';
import { connectToStack } from './support/stack.mjs';

/**
 * docs/catch-up.md in real n8n (2.41.1, then 1.123.81): one workflow with the OY! Trigger and the OY! Catch-Up
 * Trigger (every minute) both feeding Pass Once, on an n8n of its own. Events that happen while n8n
 * is stopped (their callbacks fail) reach the workflow after it starts again, each exactly once; an
 * event whose callback did arrive is found by the poll too and not passed again.
 */
const example = await bundledWorkflow('examples/oy-receive-callbacks.json');
const WORKFLOW_ID = 'oyCatchUpE2e0001';
const WEBHOOK = 'OY! Trigger';
const CATCH_UP = 'OY! Catch-Up Trigger';
const GUARD = 'Pass each event once';
const OWNER = {
	email: 'catchup@example.com',
	password: 'CatchUp-Owner-Passw0rd',
	firstName: 'Finance',
	lastName: 'Ops',
};
const POLL_WAIT_MS = 240_000;

const exampleNodes = example.workflow.nodes as Array<{ name: string }>;
const webhookNode = exampleNodes.find((node) => node.name === WEBHOOK);
const guardNode = exampleNodes.find((node) => node.name === GUARD);
const workflow: WorkflowJson = {
	id: WORKFLOW_ID,
	name: 'OY! catch-up e2e: webhook and catch-up into Pass Once',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		webhookNode!,
		{
			id: '6c0e1d2a-7b3f-4a59-9e8d-0f1a2b3c0001',
			name: CATCH_UP,
			type: 'n8n-nodes-oy.oyCatchUpTrigger',
			typeVersion: 1,
			position: [0, 240],
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				sources: ['vaPayment', 'disbursement', 'paymentLink', 'eWalletPayment'],
				payoutIds: 'CUE2E-LIVE, CUE2E-DOWN-1, CUE2E-DOWN-2',
				linkIds: 'CUE2EDOWNLINK',
				eWalletIds: 'CUE2E-EW-LIVE, CUE2E-EW-DOWN',
				eWalletSettlement: 'delayed',
				options: { lookBackMinutes: 60 },
			},
			credentials: { oyApi: SANDBOX_CREDENTIAL },
		},
		guardNode!,
	],
	connections: {
		[WEBHOOK]: { main: [[{ node: GUARD, type: 'main', index: 0 }]] },
		[CATCH_UP]: { main: [[{ node: GUARD, type: 'main', index: 0 }], []] },
	},
};

type Json = Record<string, any>;

/** A node's first-output items in one execution ([] when it did not run). */
function outputOf(execution: Execution, nodeName: string): Json[] {
	const runs = execution.data?.resultData?.runData?.[nodeName];
	return (runs?.[0]?.data?.main?.[0] ?? []).map((item: { json: Json }) => item.json);
}

for (const profile of [PROFILES.current, PROFILES.compat])
	describe(`missed OY! callbacks caught up in ${profile.label}`, () => {
		let n8n: N8nInstance;
		let sandbox: Awaited<ReturnType<typeof startSandbox>>;
		let url = '';

		const oy = (pathname: string, body: unknown) => oyPost(sandbox, pathname, body);
		const sandboxControl = async (method: string, pathname: string, body?: unknown) => {
			const response = await fetch(`${sandbox.url}/__sandbox${pathname}`, {
				method,
				headers: { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			expect(response.ok).toBe(true);
			const text = await response.text();
			return (text === '' ? undefined : JSON.parse(text)) as Json;
		};
		const payout = (id: string) =>
			oy('/api/remit', {
				partner_trx_id: id,
				recipient_bank: '014',
				recipient_account: '1234567890',
				amount: 125000,
			});
		let vaCount = 0;
		const paidVa = async () => {
			const va = await oy('/api/generate-static-va', {
				partner_user_id: `cu-e2e-${++vaCount}`,
				bank_code: '002',
				is_open: true,
				is_lifetime: true,
				partner_trx_id: `CUE2E-VA-${vaCount}`,
			});
			const paid = await sandboxControl('POST', '/virtual-account/payments', {
				va_number: va.va_number,
				amount: 25_000,
			});
			return `vaPayment:${String(paid.payment.id)}`;
		};
		/** An e-wallet transaction paid (the sandbox settles it a day later): its transaction key. */
		const paidWallet = async (id: string) => {
			const created = await oy('/api/e-wallet-aggregator/create-transaction', {
				...docExamples('e-wallet')['create-transaction'].request,
				ewallet_code: 'dana_ewallet',
				partner_trx_id: id,
			});
			expect(created.status.code).toBe('000');
			await sandboxControl('POST', `/e-wallet/transactions/${id}/complete`, {});
			return `eWalletPayment:${String(created.trx_id)}`;
		};
		/** The sandbox's last delivery of a callback, once it has one in a final state. */
		const delivery = async (product: string, match: (payload: Json) => boolean) => {
			for (
				const started = Date.now();
				Date.now() - started < 30_000;
				await new Promise((resolve) => setTimeout(resolve, 100))
			) {
				const found = sandbox.control.callbacks
					.deliveries({ product })
					.filter((candidate) => match(candidate.payload as Json))
					.at(-1);
				if (found && found.state !== 'pending') return found;
			}
			throw new Error(`the sandbox made no ${product} callback`);
		};
		const triggerListening = async () => {
			for (
				const started = Date.now();
				Date.now() - started < 60_000;
				await new Promise((resolve) => setTimeout(resolve, 250))
			) {
				const status = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: '{}',
				}).then((response) => response.status);
				if (status !== 404) return;
			}
			throw new Error(`the OY! Trigger's production webhook is not registered at ${url}`);
		};
		/** Finished executions, oldest first, with what each trigger emitted and what Pass Once passed. */
		const runs = async () =>
			(await n8n.executions(WORKFLOW_ID))
				.filter((execution) => execution.status !== 'running' && execution.status !== 'new')
				.reverse()
				.map((execution) => ({
					status: execution.status,
					webhook: outputOf(execution, WEBHOOK),
					catchUp: outputOf(execution, CATCH_UP),
					passed: outputOf(execution, GUARD),
				}));
		const passedKeys = async () =>
			(await runs()).flatMap((run) => run.passed.map((item) => String(item.dedupKey)));
		/** Waits until Pass Once has passed an event of each transaction (a dedup key starting with it). */
		const untilPassed = async (transactions: string[]) => {
			const deadline = Date.now() + POLL_WAIT_MS;
			for (;;) {
				const keys = await passedKeys();
				const missing = transactions.filter(
					(transaction) => !keys.some((key) => key.startsWith(`${transaction}:`)),
				);
				if (missing.length === 0) return keys;
				if (Date.now() > deadline)
					throw new Error(`not passed after ${POLL_WAIT_MS / 1000}s: ${missing.join(', ')}`);
				await new Promise((resolve) => setTimeout(resolve, 1_000));
			}
		};

		beforeAll(async () => {
			const { context } = await connectToStack();
			const runtime = await ensureRuntime(profile);
			const folder = path.join(path.dirname(context.userFolder), `catch-up-${profile.name}`);
			sandbox = await startSandbox({
				port: 0,
				processingDelays: { disbursement: 0 },
				callbackRetry: { maxAttempts: 1, baseDelayMs: 10, timeoutMs: 5_000 },
			});
			n8n = new N8nInstance({
				runtime,
				userFolder: path.join(folder, 'user'),
				port: await freePort(),
				encryptionKey: 'oy-e2e-catch-up-key-not-a-secret',
			});
			await installCommunityPackage(n8n.userFolder, await packPackage(folder));
			await n8n.importCredentials(sandboxCredentials(sandbox));
			await n8n.importWorkflows([workflow]);
			await n8n.publish(WORKFLOW_ID);
			await n8n.start({ logFile: path.join(folder, 'n8n.log') });
			await n8n.setupOwner(OWNER);
			url = triggerCallbackUrl([workflow], n8n.url)?.url ?? '';
			expect(url).toContain('?token=');
			await sandboxControl('PUT', '/callbacks', {
				disbursement: url,
				'virtual-account': url,
				'payment-checkout': url,
				'e-wallet': url,
			});
			await triggerListening();
		}, 300_000);

		afterAll(async () => {
			await n8n?.stop();
			await sandbox?.close();
		});

		it(
			'a callback that arrived passes once; the poll finds it too and it is not passed again',
			async () => {
				await payout('CUE2E-LIVE');
				const liveVa = await paidVa();
				const liveWallet = await paidWallet('CUE2E-EW-LIVE');
				expect(
					(await delivery('disbursement', (payload) => payload.partner_trx_id === 'CUE2E-LIVE'))
						.state,
				).toBe('delivered');
				expect(
					(
						await delivery(
							'e-wallet',
							(payload) => `eWalletPayment:${String(payload.trx_id)}` === liveWallet,
						)
					).state,
				).toBe('delivered');
				await untilPassed(['disbursement:CUE2E-LIVE', liveVa, liveWallet]);
				const deadline = Date.now() + POLL_WAIT_MS;
				for (;;) {
					const polled = (await runs()).flatMap((run) =>
						run.catchUp.map((item) => String(item.transactionKey)),
					);
					if (['disbursement:CUE2E-LIVE', liveVa, liveWallet].every((key) => polled.includes(key)))
						break;
					if (Date.now() > deadline)
						throw new Error('the catch-up did not emit the events whose callbacks arrived');
					await new Promise((resolve) => setTimeout(resolve, 1_000));
				}
				const all = await runs();
				expect(all.every((run) => run.status === 'success')).toBe(true);
				const keys = await passedKeys();
				expect(keys.filter((key) => key.startsWith('disbursement:CUE2E-LIVE:'))).toEqual([
					'disbursement:CUE2E-LIVE:000',
				]);
				expect(keys.filter((key) => key.startsWith(`${liveVa}:`))).toHaveLength(1);
				// OY's example e-wallet callback (no partner_trx_id, so unconfirmed) and the poll agree too.
				expect(keys.filter((key) => key.startsWith(`${liveWallet}:`))).toEqual([
					`${liveWallet}:COMPLETE:WAITING`,
				]);
				// The webhook and the poll emitted the same key for the same event.
				const fromWebhook = all
					.flatMap((run) => run.webhook)
					.find((item) => item.partnerTrxId === 'CUE2E-LIVE');
				const fromPoll = all
					.flatMap((run) => run.catchUp)
					.find((item) => item.partnerTrxId === 'CUE2E-LIVE');
				expect(fromPoll).toMatchObject({ source: 'catchUp', dedupKey: fromWebhook?.dedupKey });
			},
			POLL_WAIT_MS + 60_000,
		);

		it(
			'events while n8n is stopped (their callbacks fail) reach the workflow once after it starts',
			async () => {
				await n8n.stop();
				await payout('CUE2E-DOWN-1');
				await payout('CUE2E-DOWN-2');
				const downVa = await paidVa();
				const downWallet = await paidWallet('CUE2E-EW-DOWN');
				const link = await oy('/api/payment-checkout/create-v2', {
					...docExamples('payment-checkout')['create-payment-link'].request,
					partner_tx_id: 'CUE2EDOWNLINK',
					child_balance: undefined,
					expiration: undefined,
				});
				expect(link.status).toBe(true);
				await sandboxControl('POST', '/payment-checkout/links/CUE2EDOWNLINK/pay', {});
				for (const [product, match] of [
					['disbursement', (payload: Json) => payload.partner_trx_id === 'CUE2E-DOWN-1'],
					['disbursement', (payload: Json) => payload.partner_trx_id === 'CUE2E-DOWN-2'],
					['virtual-account', (payload: Json) => `vaPayment:${String(payload.trx_id)}` === downVa],
					['payment-checkout', (payload: Json) => payload.partner_tx_id === 'CUE2EDOWNLINK'],
					[
						'e-wallet',
						(payload: Json) => `eWalletPayment:${String(payload.trx_id)}` === downWallet,
					],
				] as const) {
					expect((await delivery(product, match)).state).toBe('failed');
				}
				await n8n.start({ logFile: path.join(path.dirname(n8n.userFolder), 'n8n-restarted.log') });
				await n8n.login(OWNER);
				const missed = [
					'disbursement:CUE2E-DOWN-1',
					'disbursement:CUE2E-DOWN-2',
					downVa,
					'paymentLink:CUE2EDOWNLINK',
					downWallet,
				];
				const keys = await untilPassed(missed);
				// Exactly once: every passed key once, the events of both tests among them.
				expect(new Set(keys).size).toBe(keys.length);
				expect(
					keys
						.filter((key) => missed.some((transaction) => key.startsWith(`${transaction}:`)))
						.sort(),
				).toEqual(
					[
						'disbursement:CUE2E-DOWN-1:000',
						'disbursement:CUE2E-DOWN-2:000',
						`${downVa}:SUCCESS:WAITING`,
						'paymentLink:CUE2EDOWNLINK:COMPLETE:SUCCESS',
						`${downWallet}:COMPLETE:WAITING`,
					].sort(),
				);
				const all = await runs();
				expect(all.every((run) => run.status === 'success')).toBe(true);
				// The poll's own cursor survived the restart: it emitted no transaction twice.
				const polled = all.flatMap((run) => run.catchUp.map((item) => String(item.transactionKey)));
				expect(new Set(polled).size).toBe(polled.length);
				for (const item of all
					.flatMap((run) => run.catchUp)
					.filter((event) => missed.includes(String(event.transactionKey)))) {
					expect(item).toMatchObject({
						source: 'catchUp',
						isFinal: true,
						confirmation: { state: 'confirmed' },
					});
				}
			},
			POLL_WAIT_MS + 240_000,
		);
	});
