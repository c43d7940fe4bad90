import type { INodeProperties } from 'n8n-workflow';
import { formatRupiah, toRupiah } from '../../../lib/amounts';
import type { ParameterDefinition, PickedRecord } from '../../../lib/types';

type Row = Record<string, unknown>;

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** How the user picks one record from a list OY! can give: the list operation and what to show. */
export interface RecordSearch {
	/** the parameters that name this list in their `pick` */
	pick: PickedRecord;
	/** the listSearch method name n8n calls */
	method: string;
	/** the list operation that finds the records (offset-paginated) */
	listOperation: string;
	/** the query parameter OY! filters with; without it, the typed text filters each page here */
	filterParam?: string;
	value: (record: Row) => string;
	label: (record: Row) => string;
}

export const RECORD_SEARCHES: readonly RecordSearch[] = [
	{
		pick: 'virtualAccount',
		method: 'searchVirtualAccounts',
		listOperation: 'virtualAccount.getMany',
		value: (record) => text(record.id),
		label: (record) =>
			`${text(record.va_number)} · ${text(record.partner_user_id)} · ${text(record.bank_code)} (${text(record.va_status)})`,
	},
	{
		pick: 'customer',
		method: 'searchCustomers',
		listOperation: 'accountReceivable.getManyCustomers',
		filterParam: 'name',
		value: (record) => text(record.id),
		label: (record) =>
			record.partner_customer_id
				? `${text(record.name)} (${text(record.partner_customer_id)})`
				: text(record.name),
	},
	{
		pick: 'invoice',
		method: 'searchInvoices',
		listOperation: 'accountReceivable.getManyInvoices',
		filterParam: 'invoice_number',
		value: (record) => text(record.id),
		label: (record) =>
			`${text(record.invoice_number)} · ${text(record.customer_name)} (${text(record.status)})`,
	},
	{
		pick: 'inquiryInvoice',
		method: 'searchInquiryInvoices',
		listOperation: 'accountInquiry.getInvoices',
		value: (record) => text(record.invoice_id),
		label: (record) => {
			const amount = toRupiah(record.amount);
			const inquiries =
				Number(record.total_inquiry) === 1
					? '1 inquiry'
					: `${text(record.total_inquiry)} inquiries`;
			return `${text(record.tx_date)} · ${inquiries} · ${amount === null ? text(record.amount) : formatRupiah(amount)} (${text(record.invoice_status)})`;
		},
	},
];

export function recordSearchFor(parameter: ParameterDefinition): RecordSearch | undefined {
	return parameter.pick && RECORD_SEARCHES.find((search) => search.pick === parameter.pick);
}

/** A resource locator: pick the record from OY's list, or give its ID (typed or by expression). */
export function locatorProperty(base: INodeProperties, search: RecordSearch): INodeProperties {
	return {
		displayName: base.displayName,
		name: base.name,
		description: base.description,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: search.method, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 12345678-1234-1234-1234-123456789012',
			},
		],
	};
}
