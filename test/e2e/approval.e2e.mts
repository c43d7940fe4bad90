import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Execution, WorkflowJson } from '../../scripts/n8n/instance.mjs';
import { REPO_ROOT } from '../../scripts/n8n/communityPackage.mjs';
import { bundledWorkflows } from '../../scripts/n8n/stack.mjs';
import { startSmtp, type ReceivedMail } from '../jobs/support/smtp.mjs';
import { findChromium } from './support/chromium.mjs';
import { connectToStack } from './support/stack.mjs';
import { itemsOf, nodeErrors } from './support/workflows.mjs';

type Stack = Awaited<ReturnType<typeof connectToStack>>;
type ExecutionWithId = Execution & { id: string; status: string };

const TEMPLATE_ID = 'oyExampleApprovals';
/** The template under test, imported under its own id: its approvals call this workflow. */
const WORKFLOW_ID = 'oyApprovalE2e001';
const SMTP_CREDENTIAL = { id: 'oySmtpApproval01', name: 'SMTP for approvals' };
const APPROVER = 'approver@example.co.id';
const THRESHOLD = 1_000_000;
/**
 * The wait limit the test sets in the template's settings. n8n takes 0.01 minutes, but the limit
 * is one value for every payout of a run: it must leave time to open two e-mails' links before it
 * passes. n8n's wait tracker looks for due executions once a minute, so the timeout lands within
 * about a minute after it.
 */
const WAIT_MINUTES = 1;
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'];

const run = Date.now().toString(36).toUpperCase();
const PAYOUTS = {
	small: { partner_trx_id: `APV-${run}-SMALL`, bank_code: '014', account_number: '1234567890', amount: 750_000, note: 'below the threshold' },
	approved: { partner_trx_id: `APV-${run}-YES`, bank_code: '002', account_number: '0987654321', amount: 2_500_000, note: 'to approve' },
	rejected: { partner_trx_id: `APV-${run}-NO`, bank_code: '008', account_number: '1122334455', amount: 3_000_000, note: 'to reject' },
	silent: { partner_trx_id: `APV-${run}-LATE`, bank_code: '009', account_number: '5566778899', amount: 4_000_000, note: 'to let time out' },
};

/** The template with the test's settings, payouts and SMTP credential; nothing else changed. */
async function templateUnderTest(): Promise<WorkflowJson> {
	const template = (await bundledWorkflows()).find(({ workflow }) => workflow.id === TEMPLATE_ID)?.workflow;
	if (!template) throw new Error(`examples/oy-approve-large-payouts.json (id ${TEMPLATE_ID}) is missing`);
	const settings: Record<string, unknown> = { threshold: THRESHOLD, approverEmail: APPROVER, waitLimitMinutes: WAIT_MINUTES };
	const nodes = (template.nodes as Array<Record<string, any>>).map((node) => {
		if (node.name === 'Approval settings') {
			const assignments = node.parameters.assignments.assignments.map((entry: Record<string, unknown>) =>
				String(entry.name) in settings ? { ...entry, value: settings[String(entry.name)] } : entry,
			);
			return { ...node, parameters: { ...node.parameters, assignments: { assignments } } };
		}
		if (node.name === 'Payout list') {
			const items = Object.values(PAYOUTS).map((payout) => ({ json: payout }));
			return { ...node, parameters: { jsCode: `return ${JSON.stringify(items)};` } };
		}
		if (node.type === 'n8n-nodes-base.emailSend') return { ...node, credentials: { smtp: SMTP_CREDENTIAL } };
		return node;
	});
	return { ...template, id: WORKFLOW_ID, name: 'OY! approvals (end-to-end test)', nodes };
}

/** Polls until `found` returns something, or fails with what `state` last said. */
async function waitUntil<T>(what: string, found: () => Promise<T | undefined>, state: () => unknown, timeoutMs = 60_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await found();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs / 1000}s; last state: ${JSON.stringify(state())}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** The links of an approval e-mail's buttons, as the approver's mail program shows them. */
function links(mail: ReceivedMail): { approve: string; reject: string } {
	const hrefs = [...mail.html.matchAll(/href="([^"]+)"/g)].map((match) => match[1].replaceAll('&amp;', '&'));
	const approve = hrefs.find((href) => new URL(href).searchParams.get('approved') === 'true');
	const reject = hrefs.find((href) => new URL(href).searchParams.get('approved') === 'false');
	if (!approve || !reject) throw new Error(`no approve and reject links in the e-mail "${mail.subject}": ${hrefs.join(', ')}`);
	return { approve, reject };
}

/** Opens a link as the approver's browser does (n8n ignores link-preview bots). */
async function click(url: string) {
	const response = await fetch(url, { headers: { 'user-agent': BROWSER } });
	return { status: response.status, page: await response.text() };
}

/** The payout the OY sandbox holds under an id, or null when it has none. */
async function ledgerEntry(stack: Stack, partnerTrxId: string): Promise<Record<string, unknown> | null> {
	try {
		return await stack.sandbox.call('GET', `/disbursement/payouts/${encodeURIComponent(partnerTrxId)}`);
	} catch (error) {
		if (/HTTP 400 .*no disbursement with partner_trx_id/.test(String(error))) return null;
		throw error;
	}
}

describe('approval above a threshold: one e-mail per payout, only approved payouts are sent (n8n 2.41.1)', () => {
	let stack: Stack;
	let smtp: Awaited<ReturnType<typeof startSmtp>>;
	let executions: ExecutionWithId[] = [];
	let parent: ExecutionWithId;
	const mails: Record<string, ReceivedMail> = {};
	/** The execution that handles one payout (n8n's public API lists it only while it is not running). */
	const findChild = (partnerTrxId: string) =>
		executions.find((execution) => execution.data.resultData.runData['Exactly one payout']?.[0]?.data?.main[0]?.[0]?.json.partner_trx_id === partnerTrxId);
	const finished = (execution: ExecutionWithId | undefined) => (execution && !['running', 'new', 'waiting'].includes(execution.status) ? execution : undefined);
	const childOf = (partnerTrxId: string) => {
		const child = findChild(partnerTrxId);
		if (!child) throw new Error(`no execution for ${partnerTrxId}; executions: ${executions.map((execution) => `${execution.id} ${execution.status}`).join(', ')}`);
		return child;
	};
	const refresh = async () => {
		executions = (await stack.n8n.executions(WORKFLOW_ID)) as ExecutionWithId[];
		return executions;
	};

	beforeAll(async () => {
		stack = await connectToStack();
		smtp = await startSmtp();
		await stack.n8n.importCredentials([
			{ ...SMTP_CREDENTIAL, type: 'smtp', data: { user: '', password: '', host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true } },
		]);
		await stack.n8n.importWorkflows([await templateUnderTest()]);
	});
	afterAll(async () => smtp?.close());

	it('pays the payout at or below the threshold at once and e-mails one approval request per payout above it', async () => {
		// "Execute workflow" in the editor: a manual run inside the n8n server.
		const started = await stack.n8n.rest('POST', `/rest/workflows/${WORKFLOW_ID}/run`, { triggerToStartFrom: { name: "When clicking 'Execute workflow'" } });
		expect(started.status, JSON.stringify(started.body)).toBe(200);
		const parentId = String(started.body.data.executionId);
		parent = await waitUntil(
			'the run that reads the payout list',
			async () => (await refresh()).find((execution) => execution.id === parentId && execution.status === 'success'),
			() => executions.map((execution) => [execution.id, execution.status]),
		);
		expect(nodeErrors(parent)).toEqual({});
		expect(itemsOf(parent, 'Pay at or below the threshold').map((item) => [item.partner_trx_id, item.amount, item.outcome])).toEqual([
			[PAYOUTS.small.partner_trx_id, PAYOUTS.small.amount, 'pending'],
		]);
		expect(itemsOf(parent, 'Ask for approval, one execution per payout')).toHaveLength(3);

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
			expect(mail.subject).toBe(`Approve payout ${payout.partner_trx_id}: Rp ${amount} to ${payout.bank_code} ${payout.account_number}`);
			expect(text).toContain(`Amount: Rp ${amount}`);
			expect(text).toContain(`Bank code: ${payout.bank_code}`);
			expect(text).toContain(`Account: ${payout.account_number}`);
			expect(text).toContain(`Partner transaction ID: ${payout.partner_trx_id}`);
			for (const other of Object.values(PAYOUTS).filter((entry) => entry !== payout)) expect(text).not.toContain(other.partner_trx_id);
		}
		// Nothing above the threshold has moved yet.
		for (const payout of [PAYOUTS.approved, PAYOUTS.rejected, PAYOUTS.silent]) expect(await ledgerEntry(stack, payout.partner_trx_id)).toBeNull();
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
		expect(itemsOf(paid, 'Bind the decision to the payout')[0]).toMatchObject({ decision: 'approved', approver: APPROVER });
		expect(itemsOf(paid, 'Send the approved payout').map((item) => [item.partner_trx_id, item.amount, item.outcome])).toEqual([
			[PAYOUTS.approved.partner_trx_id, PAYOUTS.approved.amount, 'pending'],
		]);

		const refused = childOf(PAYOUTS.rejected.partner_trx_id);
		expect(nodeErrors(refused)).toEqual({});
		expect(refused.data.resultData.runData['Send the approved payout']).toBeUndefined();
		expect(itemsOf(refused, 'Report: not paid')).toEqual([
			expect.objectContaining({
				outcome: 'not paid',
				decision: 'rejected',
				reason: 'Rejected by the approver: nothing was sent',
				approver: APPROVER,
				partner_trx_id: PAYOUTS.rejected.partner_trx_id,
				amount: PAYOUTS.rejected.amount,
				account_number: PAYOUTS.rejected.account_number,
			}),
		]);
	});

	it('does not pay again when a link is opened a second time, nor when the rejected payout is approved afterwards', async () => {
		const before = await ledgerEntry(stack, PAYOUTS.approved.partner_trx_id);
		const count = executions.length;
		const again = await click(links(mails[PAYOUTS.approved.partner_trx_id]).approve);
		const late = await click(links(mails[PAYOUTS.rejected.partner_trx_id]).approve);
		for (const answer of [again, late]) expect(answer.status).toBe(200);
		expect(await ledgerEntry(stack, PAYOUTS.approved.partner_trx_id)).toEqual(before);
		expect(await ledgerEntry(stack, PAYOUTS.rejected.partner_trx_id)).toBeNull();
		expect(await refresh()).toHaveLength(count);
		expect(childOf(PAYOUTS.rejected.partner_trx_id).data.resultData.runData['Send the approved payout']).toBeUndefined();
	});

	it('reports the payout nobody answered once the wait limit passes, and never sends it', async () => {
		const silent = await waitUntil(
			`the wait limit of ${PAYOUTS.silent.partner_trx_id} passes`,
			async () => {
				await refresh();
				return finished(findChild(PAYOUTS.silent.partner_trx_id));
			},
			() => executions.map((execution) => [execution.id, execution.status]),
			(WAIT_MINUTES + 3) * 60_000,
		);
		expect(nodeErrors(silent)).toEqual({});
		expect(silent.data.resultData.runData['Send the approved payout']).toBeUndefined();
		expect(itemsOf(silent, 'Report: not paid')).toEqual([
			expect.objectContaining({
				outcome: 'not paid',
				decision: 'timed out',
				reason: `No answer within ${WAIT_MINUTES} minutes: nothing was sent`,
				approver: APPROVER,
				partner_trx_id: PAYOUTS.silent.partner_trx_id,
				amount: PAYOUTS.silent.amount,
			}),
		]);
		// A click after the limit finds nothing left to decide.
		expect((await click(links(mails[PAYOUTS.silent.partner_trx_id]).approve)).status).toBe(200);
		expect(await ledgerEntry(stack, PAYOUTS.silent.partner_trx_id)).toBeNull();
	}, (WAIT_MINUTES + 4) * 60_000);

	it("leaves in OY's ledger exactly the small payout and the approved one, each once", async () => {
		const { payouts } = (await stack.sandbox.call('GET', '/state?product=disbursement')) as { payouts: Array<{ partner_trx_id: string }> };
		const ours = payouts.map((payout) => payout.partner_trx_id).filter((id) => id.startsWith(`APV-${run}-`));
		expect(ours.sort()).toEqual([PAYOUTS.approved.partner_trx_id, PAYOUTS.small.partner_trx_id].sort());
		for (const payout of [PAYOUTS.small, PAYOUTS.approved]) {
			expect(await ledgerEntry(stack, payout.partner_trx_id)).toMatchObject({ partner_trx_id: payout.partner_trx_id, amount: payout.amount });
		}
		expect(parent.status).toBe('success');
	});

	it.runIf(process.env.OY_SCREENSHOTS_DIR)('shows the template in the n8n editor (docs/screenshots/approval-template.png)', async () => {
		const found = await findChromium();
		const browser = await chromium.launch({ executablePath: found.executablePath, env: found.env, args: CHROMIUM_ARGS });
		try {
			const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
			const { context } = stack;
			await page.goto(`${context.n8nUrl}/signin`);
			await page.getByLabel('Email').fill(context.owner.email);
			await page.getByLabel('Password').fill(context.owner.password);
			await page.getByRole('button', { name: 'Sign in' }).click();
			await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
			await page.goto(`${context.n8nUrl}/workflow/${TEMPLATE_ID}`);
			const node = page.locator('[data-test-id="canvas-node"]').filter({ hasText: 'Ask the approver' });
			await expect.poll(() => node.isVisible(), { timeout: 30_000 }).toBe(true);
			// n8n fits the workflow into the window when it opens it; let the canvas settle.
			await page.waitForTimeout(1_000);
			const shots = path.resolve(REPO_ROOT, process.env.OY_SCREENSHOTS_DIR ?? '');
			await mkdir(shots, { recursive: true });
			await page.screenshot({ path: path.join(shots, 'approval-template.png'), animations: 'disabled' });
		} finally {
			await browser.close();
		}
	});
});
