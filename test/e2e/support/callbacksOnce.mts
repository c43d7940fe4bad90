import type { Execution } from '../../../scripts/n8n/instance.mjs';
import { itemsOf, nodeErrors } from './workflows.mjs';

/** examples/oy-callbacks-once-across-processes.json: where a first delivery goes on, where a repeat is dropped */
const CONTINUED = 'The event, once';
const DROPPED = 'Delivered before: dropped';
const TAKE = 'Take the callbacks lock';

/** One finished run of the callbacks-once example, as its tests read it. */
export interface OnceRun {
	executionId: string;
	status: string;
	startedAt: string;
	partnerTrxId: string;
	/** the items the first-delivery branch went on with (none for a dropped or failed run) */
	continued: Array<Record<string, any>>;
	dropped: boolean;
	/** how often the run tried to take the lock */
	takes: number;
	errors: Record<string, string>;
}

export function onceRunOf(execution: Execution & { id: string; startedAt?: string }): OnceRun {
	const runData = execution.data.resultData.runData;
	return {
		executionId: String(execution.id),
		status: execution.status,
		startedAt: execution.startedAt ?? '',
		partnerTrxId: String(itemsOf(execution, 'OY! Trigger')[0]?.partnerTrxId ?? ''),
		continued: runData[CONTINUED] !== undefined ? itemsOf(execution, CONTINUED) : [],
		dropped: runData[DROPPED] !== undefined,
		takes: runData[TAKE]?.length ?? 0,
		errors: nodeErrors(execution),
	};
}
