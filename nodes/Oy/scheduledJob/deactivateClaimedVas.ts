import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { deactivateVa, deactivationVerdict } from '../../../lib/jobs/vaSweep';
import type { SweptVa } from '../../../lib/jobs/vaSweep';
import { oyClientFor } from '../../shared/client';
import { actOnClaims } from './claims';
import { jobContext, ReportRows, runIdOf } from './context';
import { MemoryLedger } from '../../../lib/jobs/memoryLedger';
import { thrown } from './payClaimedInvoices';

/**
 * Deactivates each VA whose ledger row this run claimed (as the Data Table stored it), as oy-jobs
 * does (a static VA by Update VA, a customized one at BRI or CIMB by its delete), and outputs each
 * row as it must be recorded.
 */
export async function deactivateClaimedVas(
	this: IExecuteFunctions,
): Promise<INodeExecutionData[][]> {
	const client = await oyClientFor(this);
	const context = jobContext(
		this,
		client,
		new MemoryLedger([], () => Date.now()),
		runIdOf(this),
		new ReportRows(),
	);
	return await actOnClaims(
		this,
		'deactivate:',
		async (id, detail) => {
			const va = { id, bankCode: String(detail.bankCode ?? '') } as SweptVa;
			try {
				const { result, kind } = await deactivateVa(context, va);
				return deactivationVerdict(result, kind);
			} catch (error) {
				return thrown(error);
			}
		},
		{ state: 'failed', action: 'not tried', detail: '', record: {} },
	);
}
