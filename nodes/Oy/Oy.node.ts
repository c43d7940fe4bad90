import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { executeOy } from './actions/execute';
import { withBulkFile } from './bulkFile/description';
import { buildBulkFile } from './bulkFile/execute';
import { BULK_FILE_OPERATION } from './bulkFile/options';
import { CALLBACK_RESOURCE, callbackProperties, withResources } from './callback/description';
import { passOnce } from './callback/passOnce';
import { buildProperties } from './description/properties';
import {
	DEACTIVATE_CLAIMED_VAS,
	PAY_CLAIMED_INVOICES,
	PLAN_AR_REMINDERS,
	PLAN_BALANCE_ALERT,
	PLAN_VA_SWEEP,
	RECONCILE_DAY,
	SCHEDULED_JOB_RESOURCE,
	scheduledJobProperties,
} from './scheduledJob/description';
import { payClaimedInvoices } from './scheduledJob/payClaimedInvoices';
import { planBalanceAlert } from './scheduledJob/planBalanceAlert';
import { planArReminders } from './scheduledJob/planArReminders';
import { planVaSweep } from './scheduledJob/planVaSweep';
import { deactivateClaimedVas } from './scheduledJob/deactivateClaimedVas';
import { planInvoicePayments } from './scheduledJob/planInvoicePayments';
import { reconcileDay } from './scheduledJob/reconcileDay';
import { listSearch } from './methods/listSearch';
import { loadOptions } from './methods/loadOptions';

/**
 * Programmatic for every operation, not declarative routing. Every call goes through lib's client:
 * OY! answers most refusals with HTTP 200 and a per-product code in the body, so each answer is
 * read with the operation's own code table into one outcome (the same reading the trigger and the
 * jobs use); reads are retried after transient failures; lists page with a guard against endless
 * paging; and a money-moving create whose answer is lost is resolved by a status check under the
 * same ID, never sent anew. Declarative routing can map a response, but it cannot make that second,
 * dependent call, and one path for all 61 operations keeps their behaviour the same. Disbursement ›
 * Build Bulk Disburse File is the one local operation: it writes a file and asks nothing of OY!.
 */
/** OY's operations, the Callback resource that passes each callback event once, and the Scheduled Job resource. */
function withCallback(properties: INodeProperties[]): INodeProperties[] {
	const [resource, ...rest] = properties;
	const options = withResources(
		resource.options as INodePropertyOptions[],
		CALLBACK_RESOURCE,
		SCHEDULED_JOB_RESOURCE,
	);
	// The request options (timeout, parallel requests) have no meaning for them.
	const shown = rest.map((property) =>
		property.name === 'options'
			? {
					...property,
					displayOptions: {
						hide: { resource: [CALLBACK_RESOURCE.value, SCHEDULED_JOB_RESOURCE.value] },
					},
				}
			: property,
	);
	return [{ ...resource, options }, ...callbackProperties, ...scheduledJobProperties, ...shown];
}

export class Oy implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OY!',
		name: 'oy',
		icon: { light: 'file:../../icons/oy.svg', dark: 'file:../../icons/oy.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Send disbursements, manage virtual accounts, payment links, invoices and more with OY! Indonesia',
		defaults: {
			name: 'OY!',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'oyApi',
				required: true,
				// Build Bulk Disburse File asks nothing of OY!: it needs no credential
				displayOptions: {
					hide: { resource: [CALLBACK_RESOURCE.value], operation: [BULK_FILE_OPERATION] },
				},
			},
		],
		properties: withCallback(withBulkFile(buildProperties())),
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0);
		if (resource === CALLBACK_RESOURCE.value) return await passOnce.call(this);
		if (resource === SCHEDULED_JOB_RESOURCE.value) {
			const operation = this.getNodeParameter('operation', 0);
			if (operation === PAY_CLAIMED_INVOICES) return await payClaimedInvoices.call(this);
			if (operation === PLAN_BALANCE_ALERT) return await planBalanceAlert.call(this);
			if (operation === PLAN_VA_SWEEP) return await planVaSweep.call(this);
			if (operation === PLAN_AR_REMINDERS) return await planArReminders.call(this);
			if (operation === DEACTIVATE_CLAIMED_VAS) return await deactivateClaimedVas.call(this);
			if (operation === RECONCILE_DAY) return await reconcileDay.call(this);
			return await planInvoicePayments.call(this);
		}
		if (
			resource === 'disbursement' &&
			this.getNodeParameter('operation', 0) === BULK_FILE_OPERATION
		) {
			return await buildBulkFile.call(this);
		}
		return executeOy.call(this);
	}
}
