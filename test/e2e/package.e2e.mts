import { beforeAll, describe, expect, it } from 'vitest';
import {
	listedCredentialTypes,
	listedNodeTypes,
	packageManifest,
} from '../../scripts/n8n/communityPackage.mjs';
import { connectToStack } from './support/stack.mjs';

type Stack = Awaited<ReturnType<typeof connectToStack>>;

describe('n8n loads the package installed from its tarball', () => {
	let stack: Stack;
	let nodeTypes: Array<{
		name: string;
		displayName: string;
		iconUrl?: { light: string; dark: string };
		properties: any[];
	}>;
	beforeAll(async () => {
		stack = await connectToStack();
		const { status, body } = await stack.n8n.rest('GET', '/types/nodes.json');
		expect(status).toBe(200);
		nodeTypes = body;
	});

	it('lists every node package.json names (the OY! node, and the OY! Trigger once it is listed)', async () => {
		const expected = await listedNodeTypes();
		expect(expected.map((node) => node.type)).toContain('n8n-nodes-oy.oy');
		for (const node of expected) {
			const listed = nodeTypes.find((type) => type.name === node.type);
			expect(listed, `${node.type} from ${node.file}`).toBeDefined();
			expect(listed?.displayName).toBe(node.displayName);
		}
	});

	it("serves each node's icon, light and dark, as SVG", async () => {
		for (const node of await listedNodeTypes()) {
			const listed = nodeTypes.find((type) => type.name === node.type);
			for (const icon of [listed?.iconUrl?.light, listed?.iconUrl?.dark]) {
				expect(icon, `${node.type} icon`).toMatch(/^icons\/n8n-nodes-oy\/.+\.svg$/);
				const response = await fetch(`${stack.context.n8nUrl}/${icon}`);
				expect(response.status).toBe(200);
				expect(await response.text()).toContain('<svg');
			}
		}
	});

	it('offers the OY! node as an AI tool too', () => {
		expect(nodeTypes.map((type) => type.name)).toContain('n8n-nodes-oy.oyTool');
	});

	it('lists the OY! API and OY! Callback API credentials with their fields', async () => {
		const { body } = await stack.n8n.rest('GET', '/types/credentials.json');
		const expected: Record<string, { displayName: string; fields: string[] }> = {
			oyApi: { displayName: 'OY! API', fields: ['environment', 'baseUrl', 'username', 'apiKey'] },
			oyCallbackTokenApi: { displayName: 'OY! Callback API', fields: ['token'] },
		};
		expect((await listedCredentialTypes()).sort()).toEqual(Object.keys(expected).sort());
		for (const [name, { displayName, fields }] of Object.entries(expected)) {
			const credential = body.find((type: { name: string }) => type.name === name);
			expect(credential, name).toBeDefined();
			expect(credential.displayName).toBe(displayName);
			expect(credential.properties.map((property: { name: string }) => property.name)).toEqual(
				expect.arrayContaining(fields),
			);
		}
	});

	it('has every n8n-listed file in the packed tarball (what users install)', async () => {
		const manifest = await packageManifest();
		const installed = `${stack.context.userFolder}/.n8n/nodes/node_modules/${manifest.name}`;
		const { existsSync } = await import('node:fs');
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials])
			expect(existsSync(`${installed}/${file}`), file).toBe(true);
	});
});
