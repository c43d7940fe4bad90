import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './world.mjs';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	onError?: string;
}

export interface Workflow {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<
		string,
		{ main: Array<Array<{ node: string; type: string; index: number }>> }
	>;
	settings: Record<string, unknown>;
}

export const FILES = [
	'inquiry-invoices.json',
	'va-sweep.json',
	'ar-reminders.json',
	'balance-alert.json',
	'reconciliation.json',
];
export const read = (file: string) =>
	JSON.parse(readFileSync(path.join(REPO, 'jobs', 'workflows', file), 'utf8')) as Workflow;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
	...args: string[]
) => (...values: unknown[]) => Promise<unknown>;

/** Runs a Code node's JavaScript the way n8n's Code node offers it ($input, $(), static data), with a fixed clock. */
export async function runCode(
	workflow: Workflow,
	nodeName: string,
	options: {
		items: unknown[];
		staticData?: Record<string, unknown>;
		nodes?: Record<string, unknown[]>;
		now?: number;
	},
): Promise<Array<{ json: Record<string, unknown> }>> {
	const jsCode = workflow.nodes.find((node) => node.name === nodeName)!.parameters.jsCode as string;
	const items = options.items.map((json) => ({ json }));
	const now = options.now ?? Date.now();
	const FixedDate = class extends Date {
		constructor(...args: []) {
			super(...((args.length > 0 ? args : [now]) as []));
		}

		static now() {
			return now;
		}
	};
	const staticData = options.staticData ?? {};
	const $ = (name: string) => {
		const nodeItems = (options.nodes?.[name] ?? []).map((json) => ({ json }));
		return {
			all: () => nodeItems,
			itemMatching: (index: number) => nodeItems[index],
			last: () => nodeItems[nodeItems.length - 1],
		};
	};
	const $input = { all: () => items, first: () => items[0] };
	const run = new AsyncFunction('$input', '$', '$getWorkflowStaticData', 'Date', jsCode);
	return (await run($input, $, () => staticData, FixedDate)) as Array<{
		json: Record<string, unknown>;
	}>;
}

export function nodeNamed(workflow: Workflow, name: string): WorkflowNode {
	const found = workflow.nodes.find((node) => node.name === name);
	if (!found) throw new Error(`${workflow.name} has no node "${name}"`);
	return found;
}
