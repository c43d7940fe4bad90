import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Oy } from '../../nodes/Oy/Oy.node.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Findings of a rule that is wrong about a text, each with the reason. n8n's own nodes carry the
 * same texts and silence the rule in place ("Create an e-commerce order", "Get a user's issues").
 */
const FALSE_POSITIVES = [
	{
		rule: 'n8n-nodes-base/node-param-operation-option-action-miscased',
		why: "its sentence-case check splits e-wallet, user's and WhatsApp into separate words",
		applies: (line: string) => /^action: '.*(\w-\w|\\'|WhatsApp)/.test(line),
	},
];

/** A value as TypeScript source: identifier keys unquoted, as n8n's lint rules expect to read them. */
function toSource(value: unknown, indent = ''): string {
	const inner = `${indent}\t`;
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		return `[\n${value.map((entry) => `${inner}${toSource(entry, inner)}`).join(',\n')},\n${indent}]`;
	}
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value).filter(([, entry]) => entry !== undefined);
		if (entries.length === 0) return '{}';
		const lines = entries.map(
			([key, entry]) =>
				`${inner}${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: ${toSource(entry, inner)}`,
		);
		return `{\n${lines.join(',\n')},\n${indent}}`;
	}
	return typeof value === 'string'
		? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
		: JSON.stringify(value);
}

/**
 * The node's properties are generated from lib's catalogue at load time, so `n8n-node lint` sees
 * only the generator. This writes the description n8n actually receives as a literal node file and
 * lints it with the very config `n8n-node lint` uses (eslint-plugin-n8n-nodes-base's node rules and
 * n8n's community rules): a generated name, default or description that breaks n8n's conventions
 * fails here.
 */
describe('the generated node description passes n8n lint', () => {
	let folder: string;
	let messages: Array<{ rule: string | null; message: string; line: number; text: string }>;
	let source: string[];

	beforeAll(async () => {
		folder = mkdtempSync(path.join(tmpdir(), 'oy-description-lint-'));
		// what the package's own rules look at: the icons, the credential it declares, package.json
		for (const entry of ['node_modules', 'icons', 'credentials', 'package.json']) {
			symlinkSync(path.resolve(entry), path.join(folder, entry));
		}
		mkdirSync(path.join(folder, 'nodes', 'Oy'), { recursive: true });
		const description = { ...new Oy().description, inputs: '@@inputs', outputs: '@@outputs' };
		const literal = toSource(description, '\t').replace(
			/'@@(inputs|outputs)'/g,
			'[NodeConnectionTypes.Main]',
		);
		const file = [
			"import { NodeConnectionTypes } from 'n8n-workflow';",
			"import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';",
			'',
			'export class Oy implements INodeType {',
			`\tdescription: INodeTypeDescription = ${literal};`,
			'',
			'\tasync execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {',
			'\t\treturn [this.getInputData().map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];',
			'\t}',
			'}',
			'',
		].join('\n');
		source = file.split('\n');
		const filePath = path.join(folder, 'nodes', 'Oy', 'Oy.node.ts');
		writeFileSync(filePath, file);
		// eslint-plugin-n8n-nodes-base reads NODE_ENV=test (which vitest sets) as its own test run
		// and then skips its file-name checks; load it as `n8n-node lint` does.
		const nodeEnv = process.env.NODE_ENV;
		process.env.NODE_ENV = 'production';
		const { config } = await import('@n8n/node-cli/eslint');
		process.env.NODE_ENV = nodeEnv;
		const eslint = new ESLint({
			cwd: folder,
			overrideConfigFile: true,
			overrideConfig: config as Linter.Config[],
		});
		const [result] = await eslint.lintFiles([filePath]);
		messages = result.messages.map((message) => ({
			rule: message.ruleId,
			message: message.message,
			line: message.line,
			text: source[message.line - 1]?.trim() ?? '',
		}));
	}, 120_000);
	afterAll(() => rmSync(folder, { recursive: true, force: true }));

	it('is linted at all (the node rules see the parameters)', () => {
		expect(source.length).toBeGreaterThan(1000);
		expect(source.some((line) => line.includes("name: 'partnerTrxId'"))).toBe(true);
	});

	it('has no lint errors or warnings', () => {
		const real = messages.filter(
			(message) =>
				!FALSE_POSITIVES.some(
					(known) => known.rule === message.rule && known.applies(message.text),
				),
		);
		expect(real).toEqual([]);
	});

	it('is checked by the rules it is excused from elsewhere', () => {
		const actionRule = messages.filter((message) => message.rule === FALSE_POSITIVES[0].rule);
		expect(actionRule.length).toBeGreaterThan(0);
		expect(actionRule.every((message) => FALSE_POSITIVES[0].applies(message.text))).toBe(true);
	});
});
