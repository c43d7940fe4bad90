import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { EVENTS_REMEMBERED_DEFAULT } from './description';
import { oneAtATime } from './oneAtATime';

function eventKeyOf(context: IExecuteFunctions, itemIndex: number): string {
	const key = context.getNodeParameter('eventKey', itemIndex, '') as unknown;
	if (
		(typeof key === 'string' && key.trim() !== '') ||
		(typeof key === 'number' && Number.isFinite(key))
	) {
		return String(key);
	}
	throw new NodeOperationError(context.getNode(), "'Event Key' is empty", {
		itemIndex,
		description:
			"Map it from the OY! Trigger's dedupKey ({{ $json.dedupKey }}). Nothing was let through, nothing was recorded.",
	});
}

/**
 * Lets each event key through once. n8n's deduplication store (the one the Remove Duplicates node
 * uses) reads, compares and writes back in separate steps, so two runs at the same moment could
 * both pass: within this n8n process the check-and-record of one node runs one at a time.
 */
export async function passOnce(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const workflowId = this.getWorkflow().id;
	if (!workflowId) {
		throw new NodeOperationError(
			this.getNode(),
			'Save the workflow before it passes callback events',
			{
				description: 'Event keys are kept per saved workflow and node.',
			},
		);
	}
	// Every key is read before any is recorded: a bad item records nothing.
	const keys = items.map((_, itemIndex) => eventKeyOf(this, itemIndex));
	const markOnly = this.getNodeParameter('duplicates', 0, 'drop') === 'mark';
	const maxEntries = Number(
		this.getNodeParameter('eventsRemembered', 0, EVENTS_REMEMBERED_DEFAULT),
	);
	const distinct = [...new Set(keys)];
	const { new: firstSeen } = await oneAtATime(`${workflowId}:${this.getNode().id}`, () =>
		this.helpers.checkProcessedAndRecord(distinct, 'node', { mode: 'entries', maxEntries }),
	);
	// A key is new once: its first item in this run passes, later ones are duplicates.
	const unseen = new Set(firstSeen.map(String));
	const output: INodeExecutionData[] = [];
	keys.forEach((key, itemIndex) => {
		const isNew = unseen.delete(key);
		if (!isNew && !markOnly) return;
		output.push({
			json: { ...items[itemIndex].json, isDuplicate: !isNew },
			pairedItem: { item: itemIndex },
		});
	});
	return [output];
}
