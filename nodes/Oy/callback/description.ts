import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const CALLBACK_RESOURCE = {
	value: 'callback',
	name: 'Callback',
	description: 'Let each OY! callback event through once, however often it arrives',
} as const;

export const EVENTS_REMEMBERED_DEFAULT = 10_000;

const displayOptions = { show: { resource: [CALLBACK_RESOURCE.value] } };

/** The Callback resource's operation and parameters (no OY! request: n8n's own database is asked). */
export const callbackProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions,
		options: [
			{
				name: 'Pass Once',
				value: 'passOnce',
				action: 'Pass each callback event once',
				description:
					"Lets an event through the first time its key is seen, in n8n's database, and drops it (or marks it) every later time",
			},
		],
		default: 'passOnce',
	},
	{
		displayName:
			"Place this right after the OY! Trigger, before anything that acts on an event. Keys are kept in n8n's database per node, across restarts; test runs count too.",
		name: 'passOnceNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	{
		displayName: 'Event Key',
		name: 'eventKey',
		type: 'string',
		required: true,
		default: '={{ $json.dedupKey }}',
		description:
			"What makes an event unique. The OY! Trigger's dedup key is the same for every delivery of the same news (product, transaction, state).",
		displayOptions,
	},
	{
		displayName: 'Duplicates',
		name: 'duplicates',
		type: 'options',
		options: [
			{
				name: 'Drop',
				value: 'drop',
				description: 'Output only the first delivery of each event',
			},
			{
				name: 'Output Marked',
				value: 'mark',
				description: 'Output every item, with isDuplicate true on each delivery after the first',
			},
		],
		default: 'drop',
		displayOptions,
	},
	{
		displayName: 'Events Remembered',
		name: 'eventsRemembered',
		type: 'number',
		typeOptions: { minValue: 100, maxValue: 100_000 },
		default: EVENTS_REMEMBERED_DEFAULT,
		description:
			'How many event keys this node keeps; when there are more, the oldest are forgotten first',
		displayOptions,
	},
];

/** The node's resource options with the given resources among them, in alphabetical order. */
export function withResources(
	options: INodePropertyOptions[],
	...resources: Array<{ name: string; value: string; description: string }>
): INodePropertyOptions[] {
	return [
		...options,
		...resources.map(({ name, value, description }) => ({ name, value, description })),
	].sort((a, b) => a.name.localeCompare(b.name));
}
