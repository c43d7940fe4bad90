import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { catchUpProperties } from './description';
import { pollCatchUp } from './poll';

export class OyCatchUpTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OY! Catch-Up Trigger',
		name: 'oyCatchUpTrigger',
		icon: { light: 'file:../../icons/oy.svg', dark: 'file:../../icons/oy.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Events: " + $parameter["sources"].length}}',
		description:
			"Finds, on a schedule, the OY! callbacks n8n missed, by reading OY's status and list APIs",
		defaults: {
			name: 'OY! Catch-Up Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Events', 'Notices'],
		credentials: [{ name: 'oyApi', required: true }],
		properties: catchUpProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollCatchUp(this);
	}
}
