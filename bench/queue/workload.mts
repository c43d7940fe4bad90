import type { N8nInstance } from '../../scripts/n8n/instance.mjs';
import { itemsOf } from '../../test/e2e/support/workflows.mjs';
import { PAYOUTS_PATH, PAYOUTS_WORKFLOW_ID } from '../../test/e2e/queue/support/workflows.mjs';
import { booked, control, ownAccount } from '../bulk/sandbox.mjs';

/** What the sandbox adds to every payout (POST /api/remit), as in bench/bulk-disbursement (a). */
export const LATENCY_MS = 100;

export interface Workload {
	executions: number;
	perExecution: number;
}

export interface WorkloadResult {
	payouts: number;
	/** from the first webhook call to the last execution's end (n8n's stoppedAt) */
	seconds: number;
	perSecond: number;
	executionIds: string[];
}

interface ListedExecution {
	id: string;
	status: string;
	startedAt: string;
	stoppedAt: string | null;
}

let runs = 0;

/**
 * Starts `executions` payout runs of `perExecution` payouts at once through `webhookBase` (as a
 * user's system would: POST to the production webhook), waits for n8n to finish them all, and
 * measures. Throws unless every run succeeded, every payout came out as an item, and the sandbox
 * booked each payout once with its amount and nothing more: a figure never counts wrong work.
 */
export async function runWorkload(
	{
		main,
		webhookBase,
		sandboxUrl,
		label,
	}: {
		main: N8nInstance;
		webhookBase: string;
		sandboxUrl: string;
		label: string;
	},
	{ executions, perExecution }: Workload,
): Promise<WorkloadResult> {
	await control(sandboxUrl, 'POST', '/reset');
	await control(sandboxUrl, 'POST', '/faults', {
		kind: 'latency',
		method: 'POST',
		path: '/api/remit',
		latency_ms: LATENCY_MS,
	});
	const before = await ownAccount(sandboxUrl);
	const earlier = new Set((await listExecutions(main)).map((execution) => execution.id));
	const prefix = `QB${runs++}-${Date.now().toString(36)}`;
	const batches = Array.from({ length: executions }, (_, run) =>
		Array.from({ length: perExecution }, (_, index) => ({
			id: `${prefix}-${run}-${index}`,
			amount: 10_000 + index,
		})),
	);

	const started = Date.now();
	const statuses = await Promise.all(
		batches.map((payouts) =>
			fetch(`${webhookBase}/webhook/${PAYOUTS_PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ payouts }),
			}).then((response) => response.status),
		),
	);
	if (statuses.some((status) => status !== 200))
		throw new Error(`${label}: the webhook answered ${statuses.join(', ')}`);
	const finished = await waitForExecutions(main, earlier, executions, label);
	const ended = Math.max(...finished.map((execution) => Date.parse(execution.stoppedAt ?? '')));

	await checkReported(main, finished, batches.flat(), label);
	await checkBooked(sandboxUrl, before, batches.flat(), label);
	const payouts = executions * perExecution;
	const seconds = (ended - started) / 1000;
	return {
		payouts,
		seconds,
		perSecond: payouts / seconds,
		executionIds: finished.map((execution) => execution.id),
	};
}

async function listExecutions(main: N8nInstance): Promise<ListedExecution[]> {
	const { status, body } = await main.api(
		'GET',
		`/executions?workflowId=${PAYOUTS_WORKFLOW_ID}&limit=250`,
	);
	if (status !== 200) throw new Error(`n8n's public API refused the executions: HTTP ${status}`);
	return (body.data as ListedExecution[]).map((execution) => ({
		...execution,
		id: String(execution.id),
	}));
}

/** Polls the list without execution data (cheap for n8n); the time measured is n8n's stoppedAt. */
async function waitForExecutions(
	main: N8nInstance,
	earlier: Set<string>,
	count: number,
	label: string,
): Promise<ListedExecution[]> {
	const deadline = Date.now() + 600_000;
	for (;;) {
		const ours = (await listExecutions(main)).filter((execution) => !earlier.has(execution.id));
		const done = ours.filter(
			(execution) => !['new', 'running', 'waiting'].includes(execution.status),
		);
		if (done.length > count)
			throw new Error(`${label}: ${done.length} executions for ${count} webhook calls`);
		if (done.length === count) return done;
		if (Date.now() > deadline)
			throw new Error(`${label}: ${done.length} of ${count} executions finished within 10 minutes`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

async function checkReported(
	main: N8nInstance,
	finished: ListedExecution[],
	payouts: Array<{ id: string }>,
	label: string,
) {
	const reported: Array<Record<string, any>> = [];
	for (const { id } of finished) {
		const { status, body } = await main.api('GET', `/executions/${id}?includeData=true`);
		if (status !== 200) throw new Error(`${label}: execution ${id}: HTTP ${status}`);
		if (body.status !== 'success')
			throw new Error(`${label}: execution ${id} ended ${body.status}`);
		reported.push(...itemsOf(body, 'Pay out'));
	}
	const wrong = reported.filter((item) => !['pending', 'success'].includes(item.outcome));
	if (wrong.length > 0)
		throw new Error(
			`${label}: ${wrong.length} payouts reported ${JSON.stringify(wrong[0].outcome)}, e.g. ${wrong[0].partner_trx_id}`,
		);
	const ids = reported.map((item) => String(item.partner_trx_id)).sort();
	const expected = payouts.map((payout) => payout.id).sort();
	if (ids.length !== expected.length || ids.some((id, index) => id !== expected[index]))
		throw new Error(`${label}: ${ids.length} payouts reported, ${expected.length} sent`);
}

async function checkBooked(
	sandboxUrl: string,
	before: Awaited<ReturnType<typeof ownAccount>>,
	payouts: Array<{ id: string; amount: number }>,
	label: string,
) {
	const ledger = await booked(sandboxUrl, before);
	const missing = payouts.filter((payout) => !ledger.ids.has(payout.id));
	if (
		ledger.payouts !== payouts.length ||
		ledger.paidTwice !== 0 ||
		ledger.movedBeyondBooked !== 0 ||
		missing.length > 0
	)
		throw new Error(
			`${label}: the sandbox booked ${ledger.payouts} payouts for ${payouts.length} sent (${ledger.paidTwice} twice, ${missing.length} missing, ${ledger.movedBeyondBooked} moved beyond them)`,
		);
}
