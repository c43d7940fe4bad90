import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/src/index.mjs';
import {
	installCommunityPackage,
	packPackage,
	REPO_ROOT,
} from '../../scripts/n8n/communityPackage.mjs';
import { N8nInstance } from '../../scripts/n8n/instance.mjs';
import { freePort } from '../../scripts/n8n/processes.mjs';
import { ensureRuntime, PROFILES } from '../../scripts/n8n/runtime.mjs';
import { sandboxCredentials } from '../../scripts/n8n/stack.mjs';
import { startSmtp, type ReceivedMail } from '../jobs/support/smtp.mjs';
import {
	click,
	executionOf,
	finished,
	links,
	payoutIn,
	runFromEditor,
	smtpCredential,
	templateUnderTest,
	waitUntil,
	type ExecutionWithId,
	type Payout,
} from './support/approvals.mjs';
import { findChromium } from './support/chromium.mjs';
import { connectToStack, SandboxControl } from './support/stack.mjs';
import { itemsOf, nodeErrors } from './support/workflows.mjs';

type Stack = Awaited<ReturnType<typeof connectToStack>>;

/** The template under test, imported under its own id: its approvals call this workflow. */
const WORKFLOW_ID = 'oyApprovalE2e001';
const TEMPLATE_ID = 'oyExampleApprovals';
const APPROVER = 'approver@example.co.id';
const THRESHOLD = 1_000_000;
/**
 * The wait limit the test sets in the template's settings. n8n takes 0.01 minutes, but the limit
 * is one value for every payout of a run: it must leave time to open two e-mails' links before it
 * passes. n8n's wait tracker looks for due executions once a minute, so the timeout lands within
 * about a minute after it.
 */
const WAIT_MINUTES = 1;
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
];

const run = Date.now().toString(36).toUpperCase();
const PAYOUTS: Record<'small' | 'approved' | 'rejected' | 'silent', Payout> = {
	small: {
		partner_trx_id: `APV-${run}-SMALL`,
		bank_code: '014',
		account_number: '1234567890',
		amount: 750_000,
		note: 'below the threshold',
	},
	approved: {
		partner_trx_id: `APV-${run}-YES`,
		bank_code: '002',
		account_number: '0987654321',
		amount: 2_500_000,
		note: 'to approve',
	},
	rejected: {
		partner_trx_id: `APV-${run}-NO`,
		bank_code: '008',
		account_number: '1122334455',
		amount: 3_000_000,
		note: 'to reject',
	},
	silent: {
		partner_trx_id: `APV-${run}-LATE`,
		bank_code: '009',
		account_number: '5566778899',
		amount: 4_000_000,
		note: 'to let time out',
	},
};
const SETTINGS = { threshold: THRESHOLD, approverEmail: APPROVER, waitLimitMinutes: WAIT_MINUTES };

/** The execution of a payout that was not sent: no OY! call, one report saying who, what and why. */
function expectReported(
	execution: ExecutionWithId,
	payout: Payout,
	decision: string,
	reason: string,
) {
	expect(nodeErrors(execution)).toEqual({});
	expect(execution.data.resultData.runData['Send the approved payout']).toBeUndefined();
	expect(itemsOf(execution, 'Report: not paid')).toEqual([
		expect.objectContaining({
			outcome: 'not paid',
			decision,
			reason,
			approver: APPROVER,
			...payout,
			decidedAt: expect.stringMatching(/Z$/),
		}),
	]);
}

describe('approval above a threshold: one e-mail per payout, only approved payouts are sent (n8n 2.41.1)', () => {
	let stack: Stack;
	let smtp: Awaited<ReturnType<typeof startSmtp>>;
	let executions: ExecutionWithId[] = [];
	let parent: ExecutionWithId;
	const mails: Record<string, ReceivedMail> = {};
	const findChild = (partnerTrxId: string) => executionOf(executions, partnerTrxId);
	const childOf = (partnerTrxId: string) => {
		const child = findChild(partnerTrxId);
		if (!child)
			throw new Error(
				`no execution for ${partnerTrxId}; executions: ${executions.map((execution) => `${execution.id} ${execution.status}`).join(', ')}`,
			);
		return child;
	};
	const refresh = async () => {
		executions = (await stack.n8n.executions(WORKFLOW_ID)) as ExecutionWithId[];
		return executions;
	};

	beforeAll(async () => {
		stack = await connectToStack();
		smtp = await startSmtp();
		await stack.n8n.importCredentials([smtpCredential(smtp.port)]);
		await stack.n8n.importWorkflows([
			await templateUnderTest(WORKFLOW_ID, SETTINGS, Object.values(PAYOUTS)),
		]);
	});
	afterAll(async () => smtp?.close());

	it('pays the payout at or below the threshold at once and e-mails one approval request per payout above it', async () => {
		const parentId = await runFromEditor(stack.n8n, WORKFLOW_ID);
		parent = await waitUntil(
			'the run that reads the payout list',
			async () =>
				(await refresh()).find(
					(execution) => execution.id === parentId && execution.status === 'success',
				),
			() => executions.map((execution) => [execution.id, execution.status]),
		);
		expect(nodeErrors(parent)).toEqual({});
		expect(
			itemsOf(parent, 'Pay at or below the threshold').map((item) => [
				item.partner_trx_id,
				item.amount,
				item.outcome,
			]),
		).toEqual([[PAYOUTS.small.partner_trx_id, PAYOUTS.small.amount, 'pending']]);
		// Loop Over Items hands Execute Workflow one payout per round (n8n 3.0 removed its
		// "Run once for each item" mode): three rounds of one payout each.
		expect(
			parent.data.resultData.runData['Ask for approval, one execution per payout'].map(
				(run) => run.data?.main[0]?.length,
			),
		).toEqual([1, 1, 1]);

		for (const payout of [PAYOUTS.approved, PAYOUTS.rejected, PAYOUTS.silent]) {
			mails[payout.partner_trx_id] = await waitUntil(
				`the approval e-mail for ${payout.partner_trx_id}`,
				async () => smtp.received.find((mail) => mail.subject.includes(payout.partner_trx_id)),
				() => smtp.received.map((mail) => mail.subject),
			);
		}
		expect(smtp.received).toHaveLength(3);
		for (const payout of [PAYOUTS.approved, PAYOUTS.rejected, PAYOUTS.silent]) {
			const mail = mails[payout.partner_trx_id];
			// The mail's text part, as mailparser derives it from the HTML, with its line breaks as spaces.
			const text = mail.text.replace(/\s+/g, ' ');
			expect(mail.recipients).toEqual([APPROVER]);
			// What the approver decides on: this payout's amount, bank, account and id, nothing of another.
			const amount = payout.amount.toLocaleString('id-ID');
			expect(mail.subject).toBe(
				`Approve payout ${payout.partner_trx_id}: Rp ${amount} to ${payout.bank_code} ${payout.account_number}`,
			);
			expect(text).toContain(`Amount: Rp ${amount}`);
			expect(text).toContain(`Bank code: ${payout.bank_code}`);
			expect(text).toContain(`Account: ${payout.account_number}`);
			expect(text).toContain(`Partner transaction ID: ${payout.partner_trx_id}`);
			for (const other of Object.values(PAYOUTS).filter((entry) => entry !== payout))
				expect(text).not.toContain(other.partner_trx_id);
		}
		// Nothing above the threshold has moved yet.
		for (const payout of [PAYOUTS.approved, PAYOUTS.rejected, PAYOUTS.silent])
			expect(await payoutIn(stack.sandbox, payout.partner_trx_id)).toBeNull();
	});

	it("binds each link to its own payout: a link's signature does not open another payout's execution", async () => {
		const approve = new URL(links(mails[PAYOUTS.approved.partner_trx_id]).approve);
		const other = new URL(links(mails[PAYOUTS.silent.partner_trx_id]).approve);
		// /webhook-waiting/<execution>/<node>: the approved payout's signature on the silent payout's execution.
		const forged = new URL(other.pathname + approve.search, approve);
		expect((await click(forged.toString())).status).toBe(401);
	});

	it('sends the approved payout once the approver clicks Approve, and nothing for the rejected one', async () => {
		const approved = await click(links(mails[PAYOUTS.approved.partner_trx_id]).approve);
		expect(approved.status).toBe(200);
		const rejected = await click(links(mails[PAYOUTS.rejected.partner_trx_id]).reject);
		expect(rejected.status).toBe(200);

		for (const payout of [PAYOUTS.approved, PAYOUTS.rejected]) {
			await waitUntil(
				`the execution of ${payout.partner_trx_id} finishes`,
				async () => {
					await refresh();
					return finished(findChild(payout.partner_trx_id));
				},
				() => executions.map((execution) => [execution.id, execution.status]),
			);
		}
		const paid = childOf(PAYOUTS.approved.partner_trx_id);
		expect(nodeErrors(paid)).toEqual({});
		expect(itemsOf(paid, 'Bind the decision to the payout')[0]).toMatchObject({
			decision: 'approved',
			approver: APPROVER,
		});
		expect(
			itemsOf(paid, 'Send the approved payout').map((item) => [
				item.partner_trx_id,
				item.amount,
				item.outcome,
			]),
		).toEqual([[PAYOUTS.approved.partner_trx_id, PAYOUTS.approved.amount, 'pending']]);

		expectReported(
			childOf(PAYOUTS.rejected.partner_trx_id),
			PAYOUTS.rejected,
			'rejected',
			'Rejected by the approver: nothing was sent',
		);
	});

	it('does not pay again when a link is opened a second time, nor when the rejected payout is approved afterwards', async () => {
		const before = await payoutIn(stack.sandbox, PAYOUTS.approved.partner_trx_id);
		const count = executions.length;
		const again = await click(links(mails[PAYOUTS.approved.partner_trx_id]).approve);
		const late = await click(links(mails[PAYOUTS.rejected.partner_trx_id]).approve);
		for (const answer of [again, late]) expect(answer.status).toBe(200);
		expect(await payoutIn(stack.sandbox, PAYOUTS.approved.partner_trx_id)).toEqual(before);
		expect(await payoutIn(stack.sandbox, PAYOUTS.rejected.partner_trx_id)).toBeNull();
		expect(await refresh()).toHaveLength(count);
		expect(
			childOf(PAYOUTS.rejected.partner_trx_id).data.resultData.runData['Send the approved payout'],
		).toBeUndefined();
	});

	it(
		'reports the payout nobody answered once the wait limit passes, and never sends it',
		async () => {
			const silent = await waitUntil(
				`the wait limit of ${PAYOUTS.silent.partner_trx_id} passes`,
				async () => {
					await refresh();
					return finished(findChild(PAYOUTS.silent.partner_trx_id));
				},
				() => executions.map((execution) => [execution.id, execution.status]),
				(WAIT_MINUTES + 3) * 60_000,
			);
			expectReported(
				silent,
				PAYOUTS.silent,
				'timed out',
				`No answer within ${WAIT_MINUTES} minutes: nothing was sent`,
			);
			// A click after the limit finds nothing left to decide.
			expect((await click(links(mails[PAYOUTS.silent.partner_trx_id]).approve)).status).toBe(200);
			expect(await payoutIn(stack.sandbox, PAYOUTS.silent.partner_trx_id)).toBeNull();
		},
		(WAIT_MINUTES + 4) * 60_000,
	);

	it("leaves in OY's ledger exactly the small payout and the approved one, each once", async () => {
		const { payouts } = (await stack.sandbox.call('GET', '/state?product=disbursement')) as {
			payouts: Array<{ partner_trx_id: string }>;
		};
		const ours = payouts
			.map((payout) => payout.partner_trx_id)
			.filter((id) => id.startsWith(`APV-${run}-`));
		expect(ours.sort()).toEqual(
			[PAYOUTS.approved.partner_trx_id, PAYOUTS.small.partner_trx_id].sort(),
		);
		for (const payout of [PAYOUTS.small, PAYOUTS.approved]) {
			expect(await payoutIn(stack.sandbox, payout.partner_trx_id)).toMatchObject({
				partner_trx_id: payout.partner_trx_id,
				amount: payout.amount,
			});
		}
		expect(parent.status).toBe('success');
	});

	it('the template opens in the n8n editor with its approval step (with OY_SCREENSHOTS_DIR: docs/screenshots/approval-template.png)', async () => {
		const found = await findChromium();
		const browser = await chromium.launch({
			executablePath: found.executablePath,
			env: found.env,
			args: CHROMIUM_ARGS,
		});
		try {
			const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
			const { context } = stack;
			await page.goto(`${context.n8nUrl}/signin`);
			await page.getByLabel('Email').fill(context.owner.email);
			await page.getByLabel('Password').fill(context.owner.password);
			await page.getByRole('button', { name: 'Sign in' }).click();
			await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
			await page.goto(`${context.n8nUrl}/workflow/${TEMPLATE_ID}`);
			const node = page
				.locator('[data-test-id="canvas-node"]')
				.filter({ hasText: 'Ask the approver' });
			await expect.poll(() => node.isVisible(), { timeout: 30_000 }).toBe(true);
			for (const step of [
				'One payout at a time',
				'Ask for approval, one execution per payout',
				'Bind the decision to the payout',
				'Report: not paid',
			]) {
				await expect
					.poll(() =>
						page.locator('[data-test-id="canvas-node"]').filter({ hasText: step }).count(),
					)
					.toBe(1);
			}
			if (!process.env.OY_SCREENSHOTS_DIR) return;
			// n8n fits the workflow into the window when it opens it; let the canvas settle.
			await page.waitForTimeout(1_000);
			const shots = path.resolve(REPO_ROOT, process.env.OY_SCREENSHOTS_DIR);
			await mkdir(shots, { recursive: true });
			await page.screenshot({
				path: path.join(shots, 'approval-template.png'),
				animations: 'disabled',
			});
		} finally {
			await browser.close();
		}
	});
});

/**
 * An n8n of its own (it is restarted here) with a sandbox of its own: a payout waits for its
 * approval while n8n stops and starts again.
 */
describe('a restart of n8n while a payout waits for its approval (n8n 2.41.1)', () => {
	const WORKFLOW = 'oyApprovalRestart1';
	const OWNER = {
		email: 'owner@example.com',
		password: 'E2e-Owner-Passw0rd',
		firstName: 'Finance',
		lastName: 'Ops',
	};
	const payout: Payout = {
		partner_trx_id: `APV-${run}-RESTART`,
		bank_code: '002',
		account_number: '0987654321',
		amount: 5_000_000,
		note: 'across a restart',
	};
	let n8n: N8nInstance;
	let sandbox: Awaited<ReturnType<typeof startSandbox>>;
	let control: SandboxControl;
	let smtp: Awaited<ReturnType<typeof startSmtp>>;
	let logFile: string;

	beforeAll(async () => {
		const { context } = await connectToStack();
		const folder = path.join(path.dirname(context.userFolder), 'approval-restart');
		await rm(folder, { recursive: true, force: true });
		logFile = path.join(folder, 'n8n.log');
		smtp = await startSmtp();
		sandbox = await startSandbox({ port: 0 });
		control = new SandboxControl(sandbox.url);
		n8n = new N8nInstance({
			runtime: await ensureRuntime(PROFILES.current),
			userFolder: path.join(folder, 'user'),
			port: await freePort(),
			encryptionKey: 'oy-e2e-approval-key-not-a-secret',
		});
		await installCommunityPackage(n8n.userFolder, await packPackage(folder));
		await n8n.importCredentials([...sandboxCredentials(sandbox), smtpCredential(smtp.port)]);
		// A long wait limit: the approval, not the timeout, decides here.
		await n8n.importWorkflows([
			await templateUnderTest(WORKFLOW, { ...SETTINGS, waitLimitMinutes: 60 }, [payout]),
		]);
		await n8n.start({ logFile });
		await n8n.setupOwner(OWNER);
	});
	afterAll(async () => {
		await n8n?.stop();
		await sandbox?.close();
		await smtp?.close();
	});

	it('an approval link from before the restart still sends the payout, once', async () => {
		await runFromEditor(n8n, WORKFLOW);
		const mail = await waitUntil(
			'the approval e-mail',
			async () =>
				smtp.received.find((received) => received.subject.includes(payout.partner_trx_id)),
			() => smtp.received.map((received) => received.subject),
		);
		const waiting = await waitUntil(
			'the payout waiting for its approval',
			async () => {
				const child = executionOf(
					(await n8n.executions(WORKFLOW)) as ExecutionWithId[],
					payout.partner_trx_id,
				);
				return child?.status === 'waiting' ? child : undefined;
			},
			() => 'no waiting execution',
		);

		await n8n.stop();
		await n8n.start({ logFile });
		await n8n.login(OWNER);
		expect(await payoutIn(control, payout.partner_trx_id)).toBeNull();

		expect((await click(links(mail).approve)).status).toBe(200);
		const done = await waitUntil(
			'the approved payout after the restart',
			async () =>
				finished(
					executionOf((await n8n.executions(WORKFLOW)) as ExecutionWithId[], payout.partner_trx_id),
				),
			() => 'still waiting or running',
		);
		expect(done.id).toBe(waiting.id);
		expect(nodeErrors(done)).toEqual({});
		expect(
			itemsOf(done, 'Send the approved payout').map((item) => [item.partner_trx_id, item.outcome]),
		).toEqual([[payout.partner_trx_id, 'pending']]);
		const paid = await payoutIn(control, payout.partner_trx_id);
		expect(paid).toMatchObject({ partner_trx_id: payout.partner_trx_id, amount: payout.amount });

		expect((await click(links(mail).approve)).status).toBe(200);
		expect(await payoutIn(control, payout.partner_trx_id)).toEqual(paid);
	});
});
