import { createRunExecutionData, ICredentialsHelper, Workflow } from 'n8n-workflow';
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
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import { OyApi } from '../../credentials/OyApi.credentials.js';
import { Oy } from '../../nodes/Oy/Oy.node.js';

const NODE_TYPES: Record<string, INodeType> = { 'n8n-nodes-oy.oy': new Oy() };
const CREDENTIAL_TYPES: Record<string, ICredentialType> = { oyApi: new OyApi() };

/** The node types a test workflow may use (by default the OY! node). */
export class NodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType> = NODE_TYPES) {}

	getByName(type: string): INodeType {
		const nodeType = this.types[type];
		if (!nodeType) throw new Error(`Unknown node type ${type}`);
		return nodeType;
	}

	getByNameAndVersion(type: string): INodeType {
		return this.getByName(type);
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
				? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '')
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
	error?: { message: string; description?: string | null; itemIndex?: number; httpCode?: string | null };
}

/**
 * Runs one OY! node with the given parameters and input items through n8n-core's WorkflowExecute,
 * the engine n8n itself runs workflows with.
 */
export async function runOyNode(options: {
	parameters: INodeParameters;
	input?: IDataObject[];
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	mode?: WorkflowExecuteMode;
}): Promise<NodeRun> {
	const node: INode = {
		id: 'oy-node',
		name: 'OY!',
		type: 'n8n-nodes-oy.oy',
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { oyApi: { id: 'cred-1', name: 'OY! test' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		nodeTypes: new NodeTypes(),
		active: false,
		settings: {},
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-1', { id: 'test-workflow', nodes: [node], connections: {} } as never);
	let finish: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (finish = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finish(run));
	const additionalData = testAdditionalData('exec-1', hooks, { oyApi: options.credentials });
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node, data: { main: [(options.input ?? [{}]).map((json) => ({ json }))] }, source: null },
			],
		},
	});
	const execute = new WorkflowExecute(additionalData, options.mode ?? 'manual', runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await finished;
	const nodeRun = run.data.resultData.runData[node.name]?.[0];
	const error = nodeRun?.error ?? run.data.resultData.error;
	const result: NodeRun = { status: run.status, items: nodeRun?.data?.main?.[0] ?? [] };
	if (error) {
		const context = (error as { context?: { itemIndex?: number } }).context;
		result.error = {
			message: error.message,
			description: (error as { description?: string | null }).description,
			itemIndex: context?.itemIndex,
			httpCode: (error as { httpCode?: string | null }).httpCode,
		};
	}
	return result;
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
