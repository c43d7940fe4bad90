import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Whether n8n runs this node as an AI agent's tool. A node with `usableAsTool` is offered to agents
 * as a second node type, its name with the suffix `Tool` (`n8n-nodes-oy.oyTool`), and n8n-core calls
 * that type's `execute` with the agent's arguments as the input item (n8n-core
 * `get-input-connection-data` › `createNodeAsTool` / `makeHandleToolInvocation`). n8n-workflow's own
 * `isToolType` reads the same suffix; it is not in every n8n line this package supports, so the rule
 * is repeated here.
 */
export function runsAsTool(context: Pick<IExecuteFunctions, 'getNode'>): boolean {
	const type = context.getNode().type ?? '';
	const name = type.split('.').pop() ?? '';
	return name.endsWith('Tool');
}
