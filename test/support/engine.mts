import { createRunExecutionData, ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import { OyApi } from '../../credentials/OyApi.credentials.js';
import { Oy } from '../../nodes/Oy/Oy.node.js';

const OY_NODE_TYPE = 'n8n-nodes-oy.oy';
const NODE_TYPES: Record<string, INodeType | IVersionedNodeType> = { [OY_NODE_TYPE]: new Oy() };
const CREDENTIAL_TYPES: Record<string, ICredentialType> = { oyApi: new OyApi() };

/** Makes another node type (e.g. n8n's HTTP Request node) runnable by `runNode`. */
export function registerNodeType(name: string, type: INodeType | IVersionedNodeType): void {
	NODE_TYPES[name] = type;
}

/** The node types a test workflow may use (by default the OY! node and those registered). */
export class NodeTypes implements INodeTypes {
	constructor(
		private readonly types: Record<string, INodeType | IVersionedNodeType> = NODE_TYPES,
	) {}

	getByName(type: string): INodeType {
		return this.getByNameAndVersion(type);
	}

	getByNameAndVersion(type: string, version?: number): INodeType {
		const nodeType = this.types[type];
		if (!nodeType) throw new Error(`Unknown node type ${type}`);
		return NodeHelpers.getVersionedNodeType(nodeType, version);
	}

	getKnownTypes() {
		return {};
	}
}

/**
 * n8n's credentials helper, reduced to what a workflow execution needs. `authenticate` resolves a
 * generic credential's expressions (`={{$credentials.apiKey}}`) with n8n's own expression engine,
 * as n8n's CLI does, so the headers OY! receives are the ones n8n would send.
 */
export class CredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = CREDENTIAL_TYPES[typeName];
		const authenticate = type?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (!authenticate || authenticate.type !== 'generic') return requestOptions;
		const resolve = (value: unknown) =>
			typeof value === 'string' && value.startsWith('=')
				? workflow.expression.getSimpleParameterValue(
						node,
						value,
						'internal',
						{ $credentials: credentials },
						undefined,
						'',
					)
				: value;
		const headers: IDataObject = { ...(requestOptions.headers as IDataObject) };
		for (const [key, value] of Object.entries(authenticate.properties.headers ?? {})) {
			headers[key] = resolve(value) as string;
		}
		return { ...requestOptions, headers };
	}

	async preAuthentication() {
		return undefined;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const credentials = this.credentials[type];
		if (!credentials) throw new Error(`No test credentials of type ${type}`);
		return credentials;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used in tests');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return [];
	}
}

export interface NodeRun {
	status: IRun['status'];
	items: INodeExecutionData[];
	/** the error output's items, when the node routes failed items there (On Error › Continue (using error output)) */
	errorItems: INodeExecutionData[];
	error?: {
		message: string;
		description?: string | null;
		itemIndex?: number;
		httpCode?: string | null;
		context?: IDataObject;
	};
}

interface NodeOptions {
	parameters: INodeParameters;
	/** credential data by credential type; the node is given a reference to each */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	continueOnFail?: boolean;
	/** n8n's "Continue (using error output)": failed items go to a second output */
	errorOutput?: boolean;
}

function nodeOf(type: string, typeVersion: number, options: NodeOptions): INode {
	return {
		id: 'node-under-test',
		name: type === OY_NODE_TYPE ? 'OY!' : 'Node',
		type,
		typeVersion,
		position: [0, 0],
		parameters: options.parameters,
		credentials: Object.fromEntries(
			Object.keys(options.credentials).map((credentialType) => [
				credentialType,
				{ id: `cred-${credentialType}`, name: credentialType },
			]),
		),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(options.errorOutput ? { onError: 'continueErrorOutput' as const } : {}),
	};
}

function workflowOf(node: INode): Workflow {
	return new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		nodeTypes: new NodeTypes(),
		active: false,
		settings: {},
	});
}

/** What n8n hands a node besides its parameters: credentials, URLs, lifecycle hooks. */
export function testAdditionalData(
	executionId: string,
	hooks: ExecutionLifecycleHooks,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): IWorkflowExecuteAdditionalData {
	return {
		executionId,
		hooks,
		credentialsHelper: new CredentialsHelper(credentials),
		variables: {},
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		instanceBaseUrl: 'http://localhost/',
		restApiUrl: 'http://localhost/rest',
		currentNodeParameters: undefined,
		executeWorkflow: async () => {
			throw new Error('not used in tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not used in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * Runs one node of any registered type with the given parameters and input items through
 * n8n-core's WorkflowExecute, the engine n8n itself runs workflows with.
 */
export async function runNode(
	options: NodeOptions & {
		type: string;
		typeVersion?: number;
		input?: IDataObject[];
		mode?: WorkflowExecuteMode;
	},
): Promise<NodeRun> {
	const node = nodeOf(options.type, options.typeVersion ?? 1, options);
	const workflow = workflowOf(node);
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-1', {
		id: 'test-workflow',
		nodes: [node],
		connections: {},
	} as never);
	let finish: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (finish = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finish(run));
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node, data: { main: [(options.input ?? [{}]).map((json) => ({ json }))] }, source: null },
			],
		},
	});
	const execute = new WorkflowExecute(
		testAdditionalData('exec-1', hooks, options.credentials),
		options.mode ?? 'manual',
		runExecutionData,
	);
	await execute.processRunExecutionData(workflow);
	const run = await finished;
	const nodeRun = run.data.resultData.runData[node.name]?.[0];
	const error = nodeRun?.error ?? run.data.resultData.error;
	const result: NodeRun = {
		status: run.status,
		items: nodeRun?.data?.main?.[0] ?? [],
		errorItems: nodeRun?.data?.main?.[1] ?? [],
	};
	if (error) {
		const context = (error as { context?: IDataObject & { itemIndex?: number } }).context;
		result.error = {
			message: error.message,
			description: (error as { description?: string | null }).description,
			itemIndex: context?.itemIndex,
			httpCode: (error as { httpCode?: string | null }).httpCode,
			context,
		};
	}
	return result;
}

/** Runs the OY! node with its oyApi credential (see runNode). */
export async function runOyNode(options: {
	parameters: INodeParameters;
	input?: IDataObject[];
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	errorOutput?: boolean;
	mode?: WorkflowExecuteMode;
}): Promise<NodeRun> {
	return await runNode({
		...options,
		type: OY_NODE_TYPE,
		credentials: { oyApi: options.credentials },
	});
}

/**
 * The context n8n gives the OY! node's list searches and option loaders while a user edits the
 * node with these parameters (n8n's own LoadOptionsContext).
 */
export function oyLoadOptionsContext(options: {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
}): LoadOptionsContext {
	const node = nodeOf(OY_NODE_TYPE, 1, {
		parameters: options.parameters,
		credentials: { oyApi: options.credentials },
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-1', {
		id: 'test-workflow',
		nodes: [node],
		connections: {},
	} as never);
	return new LoadOptionsContext(
		workflowOf(node),
		node,
		testAdditionalData('exec-1', hooks, { oyApi: options.credentials }),
		'',
	);
}
