import { Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ExecutionLifecycleHooks, PollContext } from 'n8n-core';
import { OyCatchUpTrigger } from '../../../nodes/OyCatchUpTrigger/OyCatchUpTrigger.node.js';
import { NodeTypes, testAdditionalData } from '../../support/engine.mjs';

const TYPE = 'n8n-nodes-oy.oyCatchUpTrigger';
const NODE_TYPES = new NodeTypes({ [TYPE]: new OyCatchUpTrigger() });

export interface Poll {
	events: IDataObject[];
	notices: IDataObject[];
	/** the node returned null: nothing to start a workflow with */
	empty: boolean;
}

/**
 * The catch-up trigger polled the way n8n 2.41 polls it while a workflow is active: one Workflow
 * object (its static data in memory) for every poll, each poll in n8n-core's PollContext, and the
 * static data saved to the "database" only when a poll emits (n8n's __emit saves it; a poll that
 * returns null saves nothing). `restart()` is n8n started again: the saved static data only.
 */
export function startPoller(options: {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
}) {
	let saved: IDataObject = {};
	let executionCount = 0;
	const node: INode = {
		id: 'oy-catch-up',
		name: 'OY! Catch-Up Trigger',
		type: TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { oyApi: { id: 'cred-1', name: 'OY! sandbox' } },
	};
	const workflowOver = (staticData: IDataObject) =>
		new Workflow({
			id: 'wf-catch-up',
			nodes: [node],
			connections: {},
			nodeTypes: NODE_TYPES,
			active: true,
			settings: {},
			staticData,
		});
	let workflow = workflowOver({});

	async function poll(mode: WorkflowExecuteMode = 'trigger'): Promise<Poll> {
		const additionalData = testAdditionalData(
			`poll-${++executionCount}`,
			new ExecutionLifecycleHooks(mode, `poll-${executionCount}`, workflow as never),
			{
				oyApi: options.credentials,
			},
		);
		const target = mode === 'manual' ? workflowOver(structuredClone(saved)) : workflow;
		const context = new PollContext(
			target,
			node,
			additionalData,
			mode,
			mode === 'manual' ? 'manual' : 'activate',
		);
		const result = (await new OyCatchUpTrigger().poll.call(context)) as
			| INodeExecutionData[][]
			| null;
		if (result !== null && mode !== 'manual')
			saved = JSON.parse(JSON.stringify(workflow.staticData));
		const json = (output: INodeExecutionData[] | undefined) =>
			(output ?? []).map((item) => item.json);
		return { events: json(result?.[0]), notices: json(result?.[1]), empty: result === null };
	}

	return {
		poll,
		/** n8n stopped and started again: the active workflow is built from the saved static data. */
		restart() {
			workflow = workflowOver(structuredClone(saved));
		},
		setParameters(parameters: INodeParameters) {
			node.parameters = parameters;
		},
		/** the node's static data in the active workflow */
		get nodeStaticData() {
			return workflow.getStaticData('node', node);
		},
	};
}
