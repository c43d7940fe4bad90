import { describe, expect, it } from 'vitest';
import { createRunExecutionData, NodeConnectionTypes, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
} from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { Oy } from '../../nodes/Oy/Oy.node.js';
import { NodeTypes, registerNodeType, testAdditionalData } from '../support/engine.mjs';
import { useOyHarness } from './harness.mjs';

/**
 * Issue 15, item 4: the OY! node as an AI agent's tool, run by n8n-core the way n8n runs it. n8n
 * offers a `usableAsTool` node to agents as a second type, its name + `Tool` with an `ai_tool`
 * output (n8n's CLI `convertNodeToAiTool`); an agent asks n8n-core for its connected tools
 * (`getInputConnectionData(ai_tool)`), and n8n-core's `createNodeAsTool` wraps the node's `execute`
 * in a LangChain tool whose arguments are the `$fromAI()` parameters.
 */
const oy = useOyHarness({ processingDelays: { disbursement: 0 } });

const TOOL_TYPE = 'n8n-nodes-oy.oyTool';
const AGENT_TYPE = 'test.agent';

/** The OY! node's tool variant, as n8n's CLI derives it (name + Tool, no inputs, an ai_tool output). */
function oyTool(): INodeType {
	const node = new Oy();
	const description = structuredClone(node.description);
	description.name += 'Tool';
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete description.usableAsTool;
	return { description, methods: node.methods, execute: node.execute } as INodeType;
}

/** A minimal agent: calls each connected tool once with the arguments of its input item. */
const agent: INodeType = {
	description: {
		displayName: 'Test Agent',
		name: 'testAgent',
		group: ['transform'],
		version: 1,
		description: 'Calls its tools',
		defaults: { name: 'Agent' },
		inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, displayName: 'Tools' }],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const tools = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as Array<{
			name: string;
			description: string;
			invoke(args: IDataObject): Promise<string>;
		}>;
		const output: INodeExecutionData[] = [];
		for (const item of this.getInputData()) {
			for (const tool of tools) {
				try {
					const response = await tool.invoke(item.json);
					output.push({
						json: {
							tool: tool.name,
							description: tool.description,
							response: JSON.parse(response),
						},
					});
				} catch (error) {
					output.push({
						json: {
							tool: tool.name,
							description: tool.description,
							error: (error as Error).message,
						},
					});
				}
			}
		}
		return [output];
	},
};

registerNodeType(TOOL_TYPE, oyTool());
registerNodeType(AGENT_TYPE, agent);

interface AgentRun {
	calls: IDataObject[];
	/** the OY! tool's own runs, as n8n records them in the execution */
	toolRuns: unknown[];
}

async function runAgent(parameters: INodeParameters, args: IDataObject[]): Promise<AgentRun> {
	const credentials = { oyApi: oy.credentials as ICredentialDataDecryptedObject };
	const tool: INode = {
		id: 'oy-tool',
		name: 'OY! Tool',
		type: TOOL_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { oyApi: { id: 'cred-oyApi', name: 'oyApi' } },
	};
	const agentNode: INode = {
		id: 'agent',
		name: 'Agent',
		type: AGENT_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const connections = {
		[tool.name]: {
			[NodeConnectionTypes.AiTool]: [
				[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }],
			],
		},
	};
	const workflow = new Workflow({
		id: 'agent-workflow',
		nodes: [agentNode, tool],
		connections,
		nodeTypes: new NodeTypes(),
		active: false,
		settings: {},
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-agent', {
		id: 'agent-workflow',
		nodes: [agentNode, tool],
		connections,
	} as never);
	let finish: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (finish = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finish(run));
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: agentNode, data: { main: [args.map((json) => ({ json }))] }, source: null },
			],
		},
	});
	const execute = new WorkflowExecute(
		testAdditionalData('exec-agent', hooks, credentials),
		'manual',
		runExecutionData,
	);
	await execute.processRunExecutionData(workflow);
	const run = await finished;
	const agentRun = run.data.resultData.runData.Agent?.[0];
	if (!agentRun?.data)
		throw new Error(`the agent did not run: ${JSON.stringify(run.data.resultData.error)}`);
	return {
		calls: (agentRun.data.main[0] ?? []).map((item) => item.json),
		toolRuns: run.data.resultData.runData[tool.name] ?? [],
	};
}

/** Create Disbursement with the amount and id chosen by the agent. */
const PAYOUT_TOOL = {
	resource: 'disbursement',
	operation: 'create',
	partnerTrxId: "={{ $fromAI('partner_trx_id', 'Your unique id for this payout', 'string') }}",
	recipientBank: '014',
	recipientAccount: '1234567890',
	amount: "={{ $fromAI('amount', 'Whole rupiah, digits only', 'string') }}",
};

const remits = (requests: Array<{ path: string }>) =>
	requests.filter((request) => request.path === '/api/remit');

describe('the OY! node as an AI tool, in n8n-core', () => {
	it('refuses a money-moving operation when Allow Money-Moving Operations is off: nothing is sent', async () => {
		const before = (await oy.control('GET', '/state?product=disbursement')) as IDataObject;
		const { calls } = await runAgent(PAYOUT_TOOL, [{ partner_trx_id: 'AI-1', amount: '20000' }]);
		expect(calls).toHaveLength(1);
		expect(calls[0].error).toContain(
			'Create a disbursement moves money, and this OY! tool is not allowed to move money: nothing was sent',
		);
		expect(calls[0].error).toContain('Allow Money-Moving Operations (AI Tool)');
		const after = (await oy.control('GET', '/state?product=disbursement')) as IDataObject;
		expect(JSON.stringify(after)).not.toContain('AI-1');
		expect(JSON.stringify(after)).toBe(JSON.stringify(before));
	});

	it('reads (Balance › Get) without the setting', async () => {
		const { calls } = await runAgent({ resource: 'balance', operation: 'get' }, [{}]);
		expect(calls[0].error).toBeUndefined();
		expect((calls[0].response as IDataObject[])[0]).toMatchObject({ outcome: 'success' });
	});

	it('with the setting on, pays within the caps and reports the call as an AI tool call', async () => {
		const { calls } = await runAgent(
			{ ...PAYOUT_TOOL, options: { allowMoneyAsTool: true, maxAmountPerPayout: '50000' } },
			[{ partner_trx_id: 'AI-2', amount: '20000' }],
		);
		expect(calls[0].error).toBeUndefined();
		const [item] = calls[0].response as IDataObject[];
		expect(item).toMatchObject({
			outcome: 'pending',
			partner_trx_id: 'AI-2',
			oy: { aiToolCall: true },
		});
		const payout = await oy.control('GET', '/disbursement/payouts/AI-2');
		expect(JSON.stringify(payout)).toContain('20000');
	});

	it('with the setting on, the caps still bound the agent: a payout over the cap sends nothing', async () => {
		const { calls } = await runAgent(
			{ ...PAYOUT_TOOL, options: { allowMoneyAsTool: true, maxAmountPerPayout: '50000' } },
			[{ partner_trx_id: 'AI-3', amount: '50001' }],
		);
		expect(calls[0].error).toContain(
			'1 payout is over Max Amount per Payout (Rp50.000): item 0 (partner_trx_id AI-3) Rp50.001: nothing was sent',
		);
		const state = await oy.control('GET', '/state?product=disbursement');
		expect(JSON.stringify(state)).not.toContain('AI-3');
	});

	it('builds a bulk disburse file without the setting (it moves no money), within the caps', async () => {
		const fileTool = {
			resource: 'disbursement',
			operation: 'buildBulkFile',
			recipientName: 'Budi Santoso',
			email: 'budi@example.com',
			amount: "={{ $fromAI('amount', 'Whole rupiah, digits only', 'string') }}",
			recipientBank: '014',
			recipientAccount: '1234567890',
			phoneNumber: '62812341234',
			options: { maxAmountPerPayout: '50000' },
		};
		const built = await runAgent(fileTool, [{ amount: '20000' }]);
		expect(built.calls[0].error).toBeUndefined();
		expect((built.calls[0].response as IDataObject[])[0]).toMatchObject({
			count: 1,
			totalAmount: 20000,
			sentToOy: false,
		});
		expect(built.calls[0].description).toMatch(
			/Moves no money: a person uploads the file in the OY! dashboard and an approver approves it there/,
		);
		const capped = await runAgent(fileTool, [{ amount: '50001' }]);
		expect(capped.calls[0].error).toContain(
			'1 payout is over Max Amount per Payout (Rp50.000): item 0 Rp50.001: no file was built',
		);
	});

	it('tells the agent what the tool does and what it needs', async () => {
		const balance = await runAgent({ resource: 'balance', operation: 'get' }, [{}]);
		expect(balance.calls[0].description).toBe(
			'Reads your OY! balance, overdraft, pending and available amounts. Needs no input. Moves no money.',
		);
		const payout = await runAgent(PAYOUT_TOOL, [{ partner_trx_id: 'AI-4', amount: '20000' }]);
		expect(payout.calls[0].description).toBe(
			'Sends money from your OY! balance to a bank account or e-wallet. The answer is usually "in progress"; the result arrives by callback or Get Status. ' +
				'Needs: Partner Transaction ID, unique: a new ID makes a new transaction, the same ID never pays twice; Recipient Bank; Recipient Account; Amount, whole rupiah, digits only. ' +
				'Moves money: refused unless the user allowed money-moving operations for this tool; the amount caps set in the node apply and every call is reported.',
		);
	});
});
