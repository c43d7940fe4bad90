import type { Execution, N8nInstance, WorkflowJson } from '../../../scripts/n8n/instance.mjs';
import { bundledWorkflows } from '../../../scripts/n8n/stack.mjs';
import { loopbackSmtpData, type ReceivedMail } from '../../jobs/support/smtp.mjs';
import type { SandboxControl } from './stack.mjs';

/** What approval.e2e.mts needs around examples/oy-approve-large-payouts.json. */

export type ExecutionWithId = Execution & { id: string; status: string };
export interface Payout {
	partner_trx_id: string;
	bank_code: string;
	account_number: string;
	amount: number;
	note: string;
}

const TEMPLATE_ID = 'oyExampleApprovals';
export const START = "When clicking 'Execute workflow'";
export const SMTP_CREDENTIAL = { id: 'oySmtpApproval01', name: 'SMTP for approvals' };
const BROWSER =
	'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** The SMTP credential n8n imports, for a server on loopback. */
export function smtpCredential(port: number) {
	return {
		...SMTP_CREDENTIAL,
		type: 'smtp',
		data: loopbackSmtpData(port),
	};
}

/**
 * The template with a test's settings, payouts and SMTP credential, under its own id (its
 * approvals start the workflow they belong to); nothing else changed.
 */
export async function templateUnderTest(
	id: string,
	settings: Record<string, unknown>,
	payouts: Payout[],
): Promise<WorkflowJson> {
	const template = (await bundledWorkflows()).find(
		({ workflow }) => workflow.id === TEMPLATE_ID,
	)?.workflow;
	if (!template)
		throw new Error(`examples/oy-approve-large-payouts.json (id ${TEMPLATE_ID}) is missing`);
	const nodes = (template.nodes as Array<Record<string, any>>).map((node) => {
		if (node.name === 'Approval settings') {
			const assignments = node.parameters.assignments.assignments.map(
				(entry: Record<string, unknown>) =>
					String(entry.name) in settings
						? { ...entry, value: settings[String(entry.name)] }
						: entry,
			);
			return { ...node, parameters: { ...node.parameters, assignments: { assignments } } };
		}
		if (node.name === 'Payout list') {
			return {
				...node,
				parameters: {
					jsCode: `return ${JSON.stringify(payouts.map((payout) => ({ json: payout })))};`,
				},
			};
		}
		if (node.type === 'n8n-nodes-base.emailSend')
			return { ...node, credentials: { smtp: SMTP_CREDENTIAL } };
		return node;
	});
	return { ...template, id, name: `OY! approvals (end-to-end test ${id})`, nodes };
}

/** "Execute workflow" in the editor: a manual run inside the n8n server; resolves to its execution id. */
export async function runFromEditor(n8n: N8nInstance, workflowId: string): Promise<string> {
	const started = await n8n.rest('POST', `/rest/workflows/${workflowId}/run`, {
		triggerToStartFrom: { name: START },
	});
	if (started.status !== 200)
		throw new Error(
			`n8n did not run ${workflowId}: HTTP ${started.status} ${JSON.stringify(started.body)}`,
		);
	return String(started.body.data.executionId);
}

/** Polls until `found` returns something, or fails with what `state` last said. */
export async function waitUntil<T>(
	what: string,
	found: () => Promise<T | undefined>,
	state: () => unknown,
	timeoutMs = 60_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await found();
		if (value !== undefined) return value;
		if (Date.now() > deadline)
			throw new Error(
				`${what}: not after ${timeoutMs / 1000}s; last state: ${JSON.stringify(state())}`,
			);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** The execution that handles one payout (n8n's public API lists an execution only while it is not running). */
export function executionOf(
	executions: ExecutionWithId[],
	partnerTrxId: string,
): ExecutionWithId | undefined {
	return executions.find(
		(execution) =>
			execution.data.resultData.runData['Exactly one payout']?.[0]?.data?.main[0]?.[0]?.json
				.partner_trx_id === partnerTrxId,
	);
}

export function finished(execution: ExecutionWithId | undefined): ExecutionWithId | undefined {
	return execution && !['running', 'new', 'waiting'].includes(execution.status)
		? execution
		: undefined;
}

/** The links of an approval e-mail's buttons, as the approver's mail program shows them. */
export function links(mail: ReceivedMail): { approve: string; reject: string } {
	const hrefs = [...mail.html.matchAll(/href="([^"]+)"/g)].map((match) =>
		match[1].replaceAll('&amp;', '&'),
	);
	const approve = hrefs.find((href) => new URL(href).searchParams.get('approved') === 'true');
	const reject = hrefs.find((href) => new URL(href).searchParams.get('approved') === 'false');
	if (!approve || !reject)
		throw new Error(
			`no approve and reject links in the e-mail "${mail.subject}": ${hrefs.join(', ')}`,
		);
	return { approve, reject };
}

/** Opens a link as the approver's browser does (n8n ignores link-preview bots). */
export async function click(url: string) {
	const response = await fetch(url, { headers: { 'user-agent': BROWSER } });
	return { status: response.status, page: await response.text() };
}

/** The payout the OY sandbox holds under an id, or null when it has none. */
export async function payoutIn(
	sandbox: SandboxControl,
	partnerTrxId: string,
): Promise<Record<string, unknown> | null> {
	try {
		return await sandbox.call('GET', `/disbursement/payouts/${encodeURIComponent(partnerTrxId)}`);
	} catch (error) {
		if (/HTTP 400 .*no disbursement with partner_trx_id/.test(String(error))) return null;
		throw error;
	}
}
