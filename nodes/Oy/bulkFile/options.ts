import type { INodeProperties } from 'n8n-workflow';
import { BULK_DISBURSE_FILE } from '../../../lib/bulkDisburseFile';
import { operationValueOf } from '../description/naming';

export const BULK_FILE_OPERATION = operationValueOf(BULK_DISBURSE_FILE.id);

export const DEFAULT_BULK_FILE_NAME = 'oy-bulk-disburse.csv';

/** Shown only for Build Bulk Disburse File (inside a collection, n8n reads `/`-rooted paths). */
export const ONLY_BULK_FILE = {
	show: { '/resource': [BULK_DISBURSE_FILE.resource], '/operation': [BULK_FILE_OPERATION] },
};

/** Options › that mean nothing to a file nobody sends (timeouts, parallel requests …) are hidden for it. */
export const NOT_FOR_BULK_FILE = { hide: { '/operation': [BULK_FILE_OPERATION] } };

/** Build Bulk Disburse File's own options; the caps (Max Amount per Payout, Max Total per Run) are shared. */
export const bulkFileOptions: INodeProperties[] = [
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: DEFAULT_BULK_FILE_NAME,
		description: 'Name of the CSV file; .csv is added when missing',
		displayOptions: ONLY_BULK_FILE,
	},
	{
		displayName: 'Allow Repeated Payouts',
		name: 'allowRepeatedPayouts',
		type: 'boolean',
		default: false,
		description:
			'Whether two rows may pay the same bank account the same amount. Off: such a file is refused, naming the rows (a repeated row pays twice). On: the file is built and the summary lists them.',
		displayOptions: ONLY_BULK_FILE,
	},
];
