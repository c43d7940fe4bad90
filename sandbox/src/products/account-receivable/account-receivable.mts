/**
 * API Account Receivable (OY API docs: API Account Receivable): customers (create, edit, retrieve, filter) and
 * invoices (create & send, cancel, details, filter, resend). Invoices turn OVERDUE after their due
 * day (UTC+7); a control endpoint plays the customer paying one. The docs define no AR callback.
 */
import { ControlError } from '../../core/control-routes.mjs';
import { DAY_MS, parseWibDate, startOfWibDay, wibDate } from '../../core/formats.mjs';
import type { Answer, ProductDefinition, SandboxRequest } from '../product.mjs';
import { isNonEmptyString, pageParameters } from '../shared/validation.mjs';
import {
	checkCustomer,
	customerDetailView,
	customerView,
	type Customer,
	type Receivable,
} from './ar-customers.mjs';
import { AR_ERRORS, ArError, arFailure, arSuccess, refuseAr } from './ar-envelope.mjs';
import {
	arInvoiceStatus,
	amountBilled,
	checkInvoice,
	createdInvoiceView,
	invoiceDetailView,
	invoiceListView,
	NO_EVENTS,
	type ArInvoice,
	type InvoiceLine,
} from './ar-invoices.mjs';

export const ACCOUNT_RECEIVABLE = 'account-receivable';

export interface InvoiceSend {
	invoice_id: string;
	channel: 'EMAIL' | 'WHATSAPP';
	to: string | null;
	at: string;
}

export const accountReceivableProduct: ProductDefinition = {
	name: ACCOUNT_RECEIVABLE,
	docsProduct: 'Account Receivable',
	create(context) {
		const { clock, ledger } = context;
		const customers = new Map<string, Customer>();
		const invoices = new Map<string, ArInvoice>();
		const receivables = new Map<string, Receivable>();
		const sends: InvoiceSend[] = [];

		/** Runs a handler, turning a thrown ArError into the documented failure envelope. */
		const guarded =
			(handle: (request: SandboxRequest) => Answer) =>
			(request: SandboxRequest): Answer => {
				try {
					return handle(request);
				} catch (error) {
					if (error instanceof ArError) return arFailure(error);
					throw error;
				}
			};

		const paymentUrl = (invoice: ArInvoice) =>
			`${context.baseUrl()}/__sandbox/${ACCOUNT_RECEIVABLE}/invoices/${invoice.id}`;

		const owe = (customerId: string, amount: number, count: number) => {
			const receivable = receivables.get(customerId) ?? { count: 0, amount: 0 };
			receivable.count += count;
			receivable.amount += amount;
			receivables.set(customerId, receivable);
		};

		const findCustomer = (request: SandboxRequest) => {
			const customer = customers.get(request.params.id);
			if (!customer) throw AR_ERRORS.customerNotFound();
			return customer;
		};

		const findInvoice = (id: string) => {
			const invoice = invoices.get(id);
			if (!invoice) throw AR_ERRORS.txNotFound();
			return invoice;
		};

		const addCustomer = (fields: Omit<Customer, 'id'>, id = context.newId()): Customer => {
			const customer = { id, ...fields };
			customers.set(id, customer);
			return customer;
		};

		const createCustomer = (request: SandboxRequest): Answer =>
			arSuccess(customerView(addCustomer(checkCustomer(request.body ?? {}, false))), 'status');

		const editCustomer = (request: SandboxRequest): Answer => {
			const customer = findCustomer(request);
			const fields = checkCustomer(request.body ?? {}, true);
			const owed = receivables.get(customer.id);
			if (customer.status === 'ACTIVE' && fields.status === 'INACTIVE' && owed && owed.count > 0) {
				throw AR_ERRORS.badRequest(
					'Customer still has outstanding invoices and cannot be deactivated',
				);
			}
			Object.assign(customer, fields);
			return arSuccess(customerView(customer), 'status');
		};

		const filterCustomers = (request: SandboxRequest): Answer => {
			const { query } = request;
			const { offset, limit } = page(query);
			const name = query.get('name')?.toLowerCase();
			const matches = [...customers.values()].filter(
				(customer) =>
					(!query.get('status') || customer.status === query.get('status')) &&
					(!query.get('partner_customer_id') ||
						customer.partner_customer_id === query.get('partner_customer_id')) &&
					(!name || customer.name.toLowerCase().includes(name)) &&
					(!query.get('tax_type') || customer.tax_type === query.get('tax_type')) &&
					(!query.get('pph_tax') || customer.pph_tax === query.get('pph_tax')),
			);
			const data = matches
				.slice(offset, offset + limit)
				.map((customer) => customerDetailView(customer, receivables.get(customer.id)));
			return arSuccess(data, 'status');
		};

		const addInvoice = (invoice: ArInvoice) => {
			invoices.set(invoice.id, invoice);
			if (!invoice.final_status)
				owe(invoice.customer_id, invoice.amount_billed - invoice.amount_received, 1);
		};

		const createInvoice = (request: SandboxRequest): Answer => {
			const now = clock.now();
			const checked = checkInvoice(request.body ?? {}, now, (id) => customers.get(id));
			const { customer, ...fields } = checked;
			const invoice: ArInvoice = {
				...fields,
				id: context.newId(),
				customer_id: customer.id,
				source_data: 'API',
				amount_received: 0,
				admin_fee: null,
				payment_method: null,
				payment_date: null,
				final_status: null,
				created_by: context.config.username,
				events: NO_EVENTS,
				created: now,
			};
			addInvoice(invoice);
			// "Create & Send": the invoice goes to the customer at once.
			sends.push({
				invoice_id: invoice.id,
				channel: 'EMAIL',
				to: customer.email,
				at: new Date(now).toISOString(),
			});
			return arSuccess(createdInvoiceView(invoice, paymentUrl(invoice)), 'status');
		};

		const finish = (invoice: ArInvoice, status: 'PAID' | 'CANCELLED', stakeholder: string) => {
			const now = clock.now();
			owe(invoice.customer_id, -(invoice.amount_billed - invoice.amount_received), -1);
			invoice.final_status = status;
			invoice.payment_date = now;
			invoice.events = [
				...invoice.events,
				{ status, action_stakeholder: stakeholder, action_date: now },
			];
		};

		const cancelInvoice = (request: SandboxRequest): Answer => {
			const invoice = findInvoice(request.params.id);
			if (invoice.final_status) throw AR_ERRORS.notCancellable();
			finish(invoice, 'CANCELLED', context.config.username);
			return arSuccess(invoice.id, 'success');
		};

		const getInvoice = (request: SandboxRequest): Answer => {
			const invoice = findInvoice(request.params.id);
			return arSuccess(
				invoiceDetailView(
					invoice,
					customers.get(invoice.customer_id),
					clock.now(),
					paymentUrl(invoice),
				),
				'success',
			);
		};

		const filterInvoices = (request: SandboxRequest): Answer => {
			const { query } = request;
			const { offset, limit } = page(query);
			const now = clock.now();
			const number = query.get('invoice_number')?.toLowerCase();
			const customerName = query.get('customer_name')?.toLowerCase();
			const minimum = numberOrUndefined(query.get('min_invoice_amount'));
			const maximum = numberOrUndefined(query.get('max_invoice_amount'));
			const matches: ArInvoice[] = [];
			for (const invoice of invoices.values()) {
				if (query.get('source_data') && invoice.source_data !== query.get('source_data')) continue;
				if (query.get('status') && arInvoiceStatus(invoice, now) !== query.get('status')) continue;
				if (number && !invoice.invoice_number.toLowerCase().includes(number)) continue;
				if (minimum !== undefined && invoice.amount_billed < minimum) continue;
				if (maximum !== undefined && invoice.amount_billed > maximum) continue;
				if (
					customerName &&
					!customers.get(invoice.customer_id)?.name.toLowerCase().includes(customerName)
				)
					continue;
				matches.push(invoice);
			}
			const data = matches
				.slice(offset, offset + limit)
				.map((invoice) =>
					invoiceListView(invoice, customers.get(invoice.customer_id), now, paymentUrl(invoice)),
				);
			return arSuccess(
				{ page: limit > 0 ? Math.floor(offset / limit) : 0, total: matches.length, limit, data },
				'success',
			);
		};

		const resendInvoice = (request: SandboxRequest): Answer => {
			const invoice = findInvoice(request.params.id);
			const channel = request.body?.channel;
			if (channel !== 'EMAIL' && channel !== 'WHATSAPP')
				throw AR_ERRORS.badRequest('Channel must be EMAIL or WHATSAPP');
			const customer = customers.get(invoice.customer_id);
			sends.push({
				invoice_id: invoice.id,
				channel,
				to: (channel === 'EMAIL' ? customer?.email : customer?.phone_number) ?? null,
				at: new Date(clock.now()).toISOString(),
			});
			return arSuccess({ channel, id: invoice.id }, 'success');
		};

		/** Control: the customer pays an invoice on its payment page. */
		const payInvoice = (request: SandboxRequest): Answer => {
			const invoice = invoices.get(request.params.id);
			if (!invoice) throw new ControlError(`no invoice "${request.params.id}"`);
			const now = clock.now();
			const status = arInvoiceStatus(invoice, now);
			if (status === 'PAID' || status === 'CANCELLED')
				throw new ControlError(`the invoice cannot be paid: its status is ${status}`);
			if (invoice.expiration !== null && now >= invoice.expiration)
				throw new ControlError('the invoice link has expired');
			const body = request.body ?? {};
			invoice.payment_method = typeof body.payment_method === 'string' ? body.payment_method : 'VA';
			invoice.admin_fee = typeof body.admin_fee === 'number' ? body.admin_fee : 0;
			finish(invoice, 'PAID', customers.get(invoice.customer_id)?.name ?? 'customer');
			invoice.amount_received = invoice.amount_billed;
			ledger.credit(undefined, invoice.amount_billed);
			return {
				status: 200,
				body: invoiceDetailView(
					invoice,
					customers.get(invoice.customer_id),
					now,
					paymentUrl(invoice),
				),
			};
		};

		const seedCustomer = (entry: Record<string, unknown>) => {
			try {
				addCustomer(checkCustomer(entry, false), isNonEmptyString(entry.id) ? entry.id : undefined);
			} catch (error) {
				if (error instanceof ArError)
					throw new ControlError(`seeded customer refused: ${error.message}`);
				throw error;
			}
		};

		const seedInvoice = (entry: Record<string, unknown>) => {
			const customer = customers.get(entry.customer_id as string);
			if (!customer)
				throw new ControlError(
					`seeded invoice names unknown customer_id ${String(entry.customer_id)}`,
				);
			const items = (entry.invoice_items as InvoiceLine[] | undefined) ?? [
				{ price_per_item: Number(entry.amount ?? 10_000), description: 'item', quantity: 1 },
			];
			const additional = (entry.additional_items as InvoiceLine[] | undefined) ?? [];
			const invoiceDate = (entry.invoice_date as string | undefined) ?? wibDate(clock.now());
			const dueDate = (entry.due_date as string | undefined) ?? invoiceDate;
			const status = entry.status === 'PAID' || entry.status === 'CANCELLED' ? entry.status : null;
			const created = clock.now();
			const billed = amountBilled(items, additional, customer);
			addInvoice({
				id: isNonEmptyString(entry.id) ? entry.id : context.newId(),
				invoice_number: (entry.invoice_number as string | undefined) ?? `SEED/${invoices.size + 1}`,
				invoice_date: invoiceDate,
				due_date: dueDate,
				due_day_start: parseWibDate(dueDate),
				customer_id: customer.id,
				expiration: null,
				invoice_items: items,
				additional_items: additional,
				message: null,
				attachments: [],
				save_as_default_message: false,
				payment_configuration: {},
				source_data: entry.source_data === 'DASHBOARD' ? 'DASHBOARD' : 'API',
				amount_billed: billed,
				amount_received: status === 'PAID' ? billed : 0,
				admin_fee: null,
				payment_method: null,
				payment_date: status ? created : null,
				final_status: status,
				created_by: context.config.username,
				events: NO_EVENTS,
				created,
			});
		};

		return {
			routes: [
				{
					method: 'POST',
					path: '/api/account-receivable/customers',
					handle: guarded(createCustomer),
				},
				{
					method: 'PUT',
					path: '/api/account-receivable/customers/{id}',
					handle: guarded(editCustomer),
				},
				{
					method: 'GET',
					path: '/api/account-receivable/customers/{id}',
					handle: guarded((request) => {
						const customer = findCustomer(request);
						return arSuccess(customerDetailView(customer, receivables.get(customer.id)), 'status');
					}),
				},
				{
					method: 'GET',
					path: '/api/account-receivable/customers',
					handle: guarded(filterCustomers),
				},
				{
					method: 'POST',
					path: '/api/account-receivable/invoices',
					handle: guarded(createInvoice),
				},
				// The same URL as Get Invoice Details: PUT cancels (OY API docs: Account Receivable › Cancel Invoice).
				{
					method: 'PUT',
					path: '/api/account-receivable/invoices/{id}',
					handle: guarded(cancelInvoice),
				},
				{
					method: 'GET',
					path: '/api/account-receivable/invoices/{id}',
					handle: guarded(getInvoice),
				},
				{
					method: 'GET',
					path: '/api/account-receivable/invoices',
					handle: guarded(filterInvoices),
				},
				{
					method: 'POST',
					path: '/api/account-receivable/invoices/{id}/send',
					handle: guarded(resendInvoice),
				},
			],
			control: [
				{ method: 'POST', path: '/invoices/{id}/pay', handle: payInvoice },
				{
					method: 'GET',
					path: '/invoices/{id}',
					handle: (request) => {
						const invoice = invoices.get(request.params.id);
						if (!invoice) throw new ControlError(`no invoice "${request.params.id}"`);
						return {
							status: 200,
							body: invoiceDetailView(
								invoice,
								customers.get(invoice.customer_id),
								clock.now(),
								paymentUrl(invoice),
							),
						};
					},
				},
				{
					method: 'GET',
					path: '/sends',
					handle: (request) => {
						const invoiceId = request.query.get('invoice_id');
						return {
							status: 200,
							body: {
								sends: invoiceId ? sends.filter((send) => send.invoice_id === invoiceId) : sends,
							},
						};
					},
				},
			],
			refuse: refuseAr,
			seed(section) {
				const { customers: seededCustomers = [], invoices: seededInvoices = [] } = (section ??
					{}) as {
					customers?: Record<string, unknown>[];
					invoices?: Record<string, unknown>[];
				};
				seededCustomers.forEach(seedCustomer);
				seededInvoices.forEach(seedInvoice);
				return seededCustomers.length + seededInvoices.length;
			},
			generate(spec) {
				const invoiceCount = spec.invoices ?? 0;
				const customerCount =
					spec.customers ?? (invoiceCount > 0 ? Math.max(1, Math.ceil(invoiceCount / 100)) : 0);
				const made: Customer[] = [];
				for (let i = 0; i < customerCount; i++) {
					made.push(
						addCustomer({
							partner_customer_id: `GEN-CUST-${customers.size + 1}`,
							name: `Generated Customer ${customers.size + 1}`,
							tax_type: i % 3 === 0 ? 'PPN_11_EXCLUSIVE' : 'NO_TAX',
							address: null,
							email: `customer${customers.size + 1}@example.com`,
							pic_name: null,
							phone_number: '081200000000',
							pph_tax: i % 2 === 0 ? 'PPH_23_NPWP' : 'NO_TAX',
							status: 'ACTIVE',
						}),
					);
				}
				if (made.length === 0 && invoiceCount > 0)
					throw new ControlError('generating invoices needs customers');
				const today = startOfWibDay(clock.now());
				// Generated invoices share their (never mutated) item lists, empty lists and day strings:
				// 100k invoices then cost little more than the invoice objects themselves.
				const days = new Map<number, string>();
				const day = (ms: number) => days.get(ms) ?? days.set(ms, wibDate(ms)).get(ms)!;
				const itemLists = new Map<number, InvoiceLine[]>();
				const none: InvoiceLine[] = [];
				const noConfiguration = {};
				for (let i = 0; i < invoiceCount; i++) {
					const customer = made[i % made.length];
					const invoiceDay = today - (i % 90) * DAY_MS;
					const dueDay = invoiceDay + (7 + (i % 30)) * DAY_MS;
					const itemKey = i % 1000;
					let items = itemLists.get(itemKey);
					if (!items) {
						items = [
							{
								price_per_item: 10_000 + (itemKey % 200) * 1_000,
								description: 'Generated item',
								quantity: 1 + (itemKey % 5),
							},
						];
						itemLists.set(itemKey, items);
					}
					const billed = amountBilled(items, none, customer);
					const finalStatus = i % 4 === 0 ? 'PAID' : i % 17 === 0 ? 'CANCELLED' : null;
					const invoiceDate = day(invoiceDay);
					addInvoice({
						id: context.newId(),
						invoice_number: `GEN/${invoiceDate.slice(0, 7)}/${i + 1}`,
						invoice_date: invoiceDate,
						due_date: day(dueDay),
						due_day_start: dueDay,
						customer_id: customer.id,
						expiration: null,
						invoice_items: items,
						additional_items: none,
						message: null,
						attachments: none as unknown as string[],
						save_as_default_message: false,
						payment_configuration: noConfiguration,
						source_data: i % 10 === 0 ? 'DASHBOARD' : 'API',
						amount_billed: billed,
						amount_received: finalStatus === 'PAID' ? billed : 0,
						admin_fee: null,
						payment_method: finalStatus === 'PAID' ? 'VA' : null,
						payment_date: finalStatus ? invoiceDay + DAY_MS : null,
						final_status: finalStatus,
						created_by: context.config.username,
						events: NO_EVENTS,
						created: invoiceDay,
					});
				}
				return customerCount + invoiceCount;
			},
			snapshot: () => ({
				customers: [...customers.values()].map((customer) =>
					customerDetailView(customer, receivables.get(customer.id)),
				),
				invoices: [...invoices.values()].map((invoice) => ({
					...invoice,
					status: arInvoiceStatus(invoice, clock.now()),
				})),
				sends,
			}),
			reset() {
				customers.clear();
				invoices.clear();
				receivables.clear();
				sends.length = 0;
			},
		};
	},
};

function page(query: URLSearchParams): { offset: number; limit: number } {
	const parameters = pageParameters(query);
	if (!parameters)
		throw AR_ERRORS.badRequest('limit and offset must be non-negative whole numbers');
	return parameters;
}

function numberOrUndefined(value: string | null): number | undefined {
	if (value === null || value === '') return undefined;
	const number = Number(value);
	if (!Number.isFinite(number))
		throw AR_ERRORS.badRequest('min_invoice_amount and max_invoice_amount must be numbers');
	return number;
}
