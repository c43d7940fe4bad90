import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/n8n/communityPackage.mjs';

// What n8n's "v3.0 breaking changes" page removes and our workflows could use. n8n 3.x ships only
// as a Docker image, so the bundled workflows cannot run on it here: this keeps them off it.
const REMOVED_NODE_TYPES = [
	'n8n-nodes-base.function',
	'n8n-nodes-base.functionItem',
	'n8n-nodes-base.itemLists',
];
const REMOVED_EXPRESSION_HELPERS = ['$getPairedItem', '$evaluateExpression'];

interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
}

function n8nThreeProblems(workflow: { nodes: WorkflowNode[] }): string[] {
	const problems: string[] = [];
	for (const node of workflow.nodes) {
		if (REMOVED_NODE_TYPES.includes(node.type))
			problems.push(`${node.name}: ${node.type} is removed`);
		if (node.type === 'n8n-nodes-base.executeWorkflow' && node.parameters.mode === 'each')
			problems.push(`${node.name}: Execute Workflow's "Run once for each item" mode is removed`);
		const text = JSON.stringify(node.parameters);
		for (const helper of REMOVED_EXPRESSION_HELPERS)
			if (text.includes(helper)) problems.push(`${node.name}: ${helper} is removed`);
	}
	return problems;
}

function bundledWorkflows(): Array<[string, { nodes: WorkflowNode[] }]> {
	return ['examples', 'jobs/workflows'].flatMap((folder) =>
		readdirSync(path.join(REPO_ROOT, folder))
			.filter((file) => file.endsWith('.json'))
			.map((file): [string, { nodes: WorkflowNode[] }] => [
				`${folder}/${file}`,
				JSON.parse(readFileSync(path.join(REPO_ROOT, folder, file), 'utf8')),
			]),
	);
}

describe('the bundled workflows use nothing n8n 3.0 removes', () => {
	it('finds the removed mode, nodes and helpers when a workflow uses them', () => {
		const node = (type: string, parameters: Record<string, unknown> = {}) => ({
			name: type,
			type,
			parameters,
		});
		expect(
			n8nThreeProblems({
				nodes: [
					node('n8n-nodes-base.executeWorkflow', { mode: 'each' }),
					node('n8n-nodes-base.executeWorkflow', { mode: 'once' }),
					node('n8n-nodes-base.functionItem'),
					node('n8n-nodes-base.code', { jsCode: 'return $evaluateExpression("{{ 1 }}")' }),
				],
			}),
		).toEqual([
			expect.stringContaining('"Run once for each item" mode is removed'),
			expect.stringContaining('functionItem is removed'),
			expect.stringContaining('$evaluateExpression is removed'),
		]);
	});

	it('holds for every example and job template', () => {
		const workflows = bundledWorkflows();
		expect(workflows.map(([file]) => file)).toContain('examples/oy-approve-large-payouts.json');
		for (const [file, workflow] of workflows) expect(n8nThreeProblems(workflow), file).toEqual([]);
	});
});
