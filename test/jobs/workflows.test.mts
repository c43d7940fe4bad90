import type { INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../jobs/workflows/build.mjs';
import { Oy } from '../../nodes/Oy/Oy.node.js';
import { FILES, read } from './support/templates.mjs';

const NODE_TYPES: Record<string, number[]> = {
	'n8n-nodes-oy.oy': [1],
	'n8n-nodes-base.scheduleTrigger': [1.2],
	'n8n-nodes-base.code': [2],
	'n8n-nodes-base.if': [2.2],
	'n8n-nodes-base.emailSend': [2.1],
	'n8n-nodes-base.convertToFile': [1.1],
	'n8n-nodes-base.stickyNote': [1],
	'n8n-nodes-base.dataTable': [1],
	'n8n-nodes-base.filter': [2.2],
	'n8n-nodes-base.stopAndError': [1],
	'n8n-nodes-base.splitInBatches': [3],
};

const OY_PROPERTIES = new Oy().description.properties;

function shownFor(property: INodeProperties, resource: string, operation: string): boolean {
	const show = property.displayOptions?.show;
	if (!show) return true;
	return (
		(!show.resource || show.resource.includes(resource)) &&
		(!show.operation || show.operation.includes(operation))
	);
}

/** Every parameter of an OY! node is one the node shows for its resource and operation, with a known value. */
function oyParameterProblems(parameters: Record<string, unknown>): string[] {
	const { resource, operation, ...rest } = parameters as {
		resource: string;
		operation: string;
	} & Record<string, unknown>;
	const problems: string[] = [];
	const resources = OY_PROPERTIES.find((property) => property.name === 'resource')!.options!.map(
		(option) => (option as { value: string }).value,
	);
	if (!resources.includes(resource)) return [`unknown resource ${resource}`];
	const operations = OY_PROPERTIES.find(
		(property) => property.name === 'operation' && shownFor(property, resource, ''),
	)!;
	if (!operations.options!.some((option) => (option as { value: string }).value === operation))
		return [`unknown operation ${resource}.${operation}`];
	for (const [name, value] of Object.entries(rest)) {
		const property = OY_PROPERTIES.find(
			(candidate) => candidate.name === name && shownFor(candidate, resource, operation),
		);
		if (!property) {
			problems.push(`${name} is not a parameter of ${resource}.${operation}`);
			continue;
		}
		if (property.type === 'collection') {
			for (const [key, inner] of Object.entries(value as object)) {
				const option = (property.options as INodeProperties[]).find(
					(candidate) => candidate.name === key,
				);
				if (!option) problems.push(`${name}.${key} is not an option of ${resource}.${operation}`);
				else if (
					option.type === 'options' &&
					!option.options!.some((choice) => (choice as { value: unknown }).value === inner)
				) {
					problems.push(`${name}.${key} = ${String(inner)} is not one of its choices`);
				}
			}
		}
	}
	for (const required of OY_PROPERTIES.filter(
		(property) => property.required && shownFor(property, resource, operation),
	)) {
		if (!(required.name in rest)) problems.push(`required ${required.name} is missing`);
	}
	return problems;
}

describe('n8n workflow templates (jobs/workflows)', () => {
	it('are the output of their builder', () => {
		for (const file of FILES)
			expect(read(file), file).toEqual(
				JSON.parse(JSON.stringify(TEMPLATES[file as keyof typeof TEMPLATES])),
			);
	});

	it.each(FILES)('%s is a well-formed n8n workflow', (file) => {
		const workflow = read(file);
		const names = workflow.nodes.map((node) => node.name);
		expect(new Set(names).size).toBe(names.length);
		expect(new Set(workflow.nodes.map((node) => node.id)).size).toBe(names.length);
		expect(workflow.settings).toEqual({ executionOrder: 'v1', timezone: 'Asia/Jakarta' });
		for (const node of workflow.nodes) {
			expect(NODE_TYPES[node.type], `${node.name}: ${node.type}`).toBeDefined();
			expect(NODE_TYPES[node.type]).toContain(node.typeVersion);
			expect(node.position).toHaveLength(2);
		}
		const targets = new Set<string>();
		for (const [from, { main }] of Object.entries(workflow.connections)) {
			expect(names).toContain(from);
			for (const output of main)
				for (const link of output) {
					expect(names).toContain(link.node);
					targets.add(link.node);
				}
		}
		const triggers = workflow.nodes.filter(
			(node) => node.type === 'n8n-nodes-base.scheduleTrigger',
		);
		expect(triggers).toHaveLength(1);
		for (const node of workflow.nodes) {
			if (
				node.type === 'n8n-nodes-base.scheduleTrigger' ||
				node.type === 'n8n-nodes-base.stickyNote'
			)
				continue;
			expect(targets.has(node.name), `${node.name} is connected`).toBe(true);
		}
		for (const node of workflow.nodes.filter((candidate) => candidate.type === 'n8n-nodes-oy.oy')) {
			expect(oyParameterProblems(node.parameters), node.name).toEqual([]);
		}
	});
});
