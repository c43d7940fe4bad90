import { randomUUID } from 'node:crypto';
import type { Execution, WorkflowJson } from '../../../scripts/n8n/instance.mjs';
import { SANDBOX_CREDENTIAL } from '../../../scripts/n8n/stack.mjs';

export const OY_NODE_TYPE = 'n8n-nodes-oy.oy';
const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';
const SCHEDULE_TRIGGERS = ['n8n-nodes-base.scheduleTrigger', 'n8n-nodes-base.cron'];
/** Start nodes of workflows the tests can run with `n8n execute` (schedules through `asRunNow`). */
export const RUNNABLE_STARTS = [MANUAL_TRIGGER, ...SCHEDULE_TRIGGERS];

interface Node {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	[key: string]: unknown;
}

/** An OY! node with the "OY! Sandbox" credential. */
export function oyNode(name: string, parameters: Record<string, unknown>): Node {
	return {
		id: randomUUID(),
		name,
		type: OY_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { oyApi: SANDBOX_CREDENTIAL },
	};
}

/**
 * A workflow started by hand, with one branch per chain: the manual trigger feeds each chain's
 * first node, and each node feeds the next.
 */
export function manualWorkflow(id: string, name: string, chains: Node[][]): WorkflowJson {
	const trigger: Node = {
		id: randomUUID(),
		name: 'Start',
		type: MANUAL_TRIGGER,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	> = {};
	const link = (from: string, to: string) => {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	};
	chains.forEach((chain, row) =>
		chain.forEach((node, column) => {
			node.position = [240 * (column + 1), 200 * row];
			link(column === 0 ? trigger.name : chain[column - 1].name, node.name);
		}),
	);
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [trigger, ...chains.flat()],
		connections,
	};
}

/**
 * The same workflow started by hand instead of by its schedule, as "Execute workflow" in the editor
 * runs it (n8n's CLI only starts workflows at a manual trigger).
 */
export function asRunNow(workflow: WorkflowJson): WorkflowJson {
	const nodes = (workflow.nodes as Node[]).map((node) =>
		SCHEDULE_TRIGGERS.includes(node.type)
			? { ...node, type: MANUAL_TRIGGER, typeVersion: 1, parameters: {} }
			: node,
	);
	return { ...workflow, nodes };
}

/** The items a node returned in its first run (first output). */
export function itemsOf(execution: Execution, nodeName: string): Array<Record<string, any>> {
	const runs = execution.data.resultData.runData[nodeName];
	if (!runs)
		throw new Error(
			`node "${nodeName}" did not run; nodes that ran: ${Object.keys(execution.data.resultData.runData).join(', ')}`,
		);
	return (runs[0].data?.main[0] ?? []).map((item) => item.json);
}

/** Each node that failed, with n8n's message. */
export function nodeErrors(execution: Execution): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const [name, runs] of Object.entries(execution.data.resultData.runData)) {
		for (const run of runs)
			if (run.error)
				errors[name] =
					`${run.error.message}${run.error.description ? `: ${run.error.description}` : ''}`;
	}
	return errors;
}
