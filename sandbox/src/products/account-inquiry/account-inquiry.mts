/**
 * Account Inquiry (OY API docs: Account Inquiry): the inquiry itself, and its daily invoices: listed, read by ID
 * and paid from the balance. The first inquiry of a UTC+7 day opens that day's invoice (INITIATED);
 * from the next day it is UNPAID. A daily run pays UNPAID invoices while the balance allows; an
 * UNPAID invoice past the grace period blocks inquiries with 232.
 */
import { ControlError } from '../../core/control-routes.mjs';
import {
	DAY_MS,
	parseWibDate,
	startOfWibDay,
	utcIsoSeconds,
	wibDate,
} from '../../core/formats.mjs';
import { DISBURSEMENT_BANK_CODES } from '../../reference/disbursement-bank-codes.mjs';
import type { Answer, ProductDefinition, SandboxRequest } from '../product.mjs';
import { settingsRoutes, type Settings } from '../shared/settings-control.mjs';
import { refuseWith, status, statusAnswer, type RefusalTable } from '../shared/status-envelope.mjs';
import { isNonEmptyString, isWholeNumber, pageParameters } from '../shared/validation.mjs';
import {
	dueAt,
	invoiceStatus,
	invoiceView,
	InvoiceBook,
	type InquiryInvoice,
} from './inquiry-invoices.mjs';

export const ACCOUNT_INQUIRY = 'account-inquiry';

/** "Account Inquiry Response Codes" (OY API docs: Account Inquiry response codes); 000 is worded as the examples word it. */
const MESSAGES: Readonly<Record<string, string>> = {
	'000': 'Success',
	'204': 'Request is Rejected (Invoice ID is not found)',
	'205': 'Request is Rejected (Beneficiary Bank Code is Not Supported)',
	'206': 'Failed doing payment (Balance is not enough)',
	'209': 'Request is Rejected (Bank Account is not found)',
	'232': 'Request is Rejected (User has unpaid invoices)',
	'300': 'Failed doing payment (invoice is not on UNPAID status)',
	'990': 'Request is Rejected (Request Parameter is not Valid)',
};

const REFUSALS: RefusalTable = {
	'unknown-user': status('201', 'Request is Rejected (User ID is not Found)'),
	'wrong-key': status('208', 'Request is Rejected (API Key is not Valid)'),
	'malformed-body': status('990', MESSAGES['990']),
	'too-many-requests': status('429', 'Request Rejected (Too Many Request to specific endpoint)'),
};

const INVOICE_STATUSES = new Set(['INITIATED', 'UNPAID', 'PAID']);

export interface InquirySettings extends Settings {
	/** The docs' examples bill IDR 1,000 per inquiry (2 inquiries: 2000.0000; 10: 10000.0000). */
	fee_per_inquiry: number;
	/** "The agreed grace period" (OY API docs: Account Inquiry) is per contract; days after the due time before 232. */
	grace_days: number;
	/** OY!'s daily scheduler that pays UNPAID invoices from the balance (OY API docs: Account Inquiry). */
	auto_pay: boolean;
	/** When that scheduler runs, in hours after 00:00 UTC+7 (not documented). */
	auto_pay_hour_wib: number;
}

const DEFAULT_SETTINGS: InquirySettings = {
	fee_per_inquiry: 1000,
	grace_days: 7,
	auto_pay: true,
	auto_pay_hour_wib: 1,
};

export const accountInquiryProduct: ProductDefinition = {
	name: ACCOUNT_INQUIRY,
	docsProduct: 'Account Inquiry',
	create(context) {
		const { clock, ledger, bankAccounts, scheduler } = context;
		const book = new InvoiceBook();
		let settings = { ...DEFAULT_SETTINGS };

		const answer = (code: string, fields: Record<string, unknown> = {}): Answer =>
			statusAnswer(code, MESSAGES[code], { ...fields, timestamp: utcIsoSeconds(clock.now()) });

		const blocked = (now: number) =>
			book
				.newestFirst()
				.some(
					(invoice) =>
						invoice.paid_at === null && now > dueAt(invoice) + settings.grace_days * DAY_MS,
				);

		const pay = (invoice: InquiryInvoice): boolean => {
			if (!ledger.debit(undefined, invoice.amount)) return false;
			invoice.paid_at = clock.now();
			return true;
		};

		const armDailyRun = () => {
			const next = startOfWibDay(clock.now()) + settings.auto_pay_hour_wib * 3_600_000;
			scheduler.at(next > clock.now() ? next : next + DAY_MS, () => {
				if (settings.auto_pay) {
					const now = clock.now();
					for (const invoice of [...book.newestFirst()].reverse()) {
						if (invoiceStatus(invoice, now) === 'UNPAID') pay(invoice);
					}
				}
				armDailyRun();
			});
		};
		armDailyRun();

		const inquire = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			const bankCode = body.bank_code;
			const accountNumber = body.account_number;
			const echo = {
				bank_code: bankCode ?? null,
				account_number: accountNumber ?? null,
				account_name: null,
				id: null,
				invoice_id: null,
			};
			if (!isNonEmptyString(bankCode) || !isNonEmptyString(accountNumber))
				return answer('990', echo);
			if (!DISBURSEMENT_BANK_CODES.has(bankCode)) return answer('205', echo);
			const now = clock.now();
			if (blocked(now)) return answer('232', echo);
			const invoice = book.forDay(now, context.newId);
			invoice.total_inquiry++;
			invoice.amount += settings.fee_per_inquiry;
			const holder = bankAccounts.lookup(bankCode, accountNumber);
			const found = holder.state !== 'not-found';
			return answer(found ? '000' : '209', {
				bank_code: bankCode,
				account_number: accountNumber,
				account_name: found ? holder.account_name : null,
				id: context.newId(),
				invoice_id: invoice.invoice_id,
			});
		};

		const listInvoices = (request: SandboxRequest): Answer => {
			const page = pageParameters(request.query);
			const wanted = request.query.get('status') || undefined;
			if (!page || (wanted && !INVOICE_STATUSES.has(wanted)))
				return answer('990', { total: 0, data: [] });
			const now = clock.now();
			const all = book.newestFirst();
			const matching = wanted
				? all.filter((invoice) => invoiceStatus(invoice, now) === wanted)
				: all;
			return answer('000', {
				total: matching.length,
				data: matching
					.slice(page.offset, page.offset + page.limit)
					.map((invoice) => invoiceView(invoice, now)),
			});
		};

		const getInvoice = (request: SandboxRequest): Answer => {
			const invoice = book.get(request.params.id);
			if (!invoice) return answer('204');
			return answer('000', invoiceView(invoice, clock.now()));
		};

		const payInvoice = (request: SandboxRequest): Answer => {
			const invoiceId = request.body?.invoice_id;
			if (!isNonEmptyString(invoiceId)) return answer('990');
			const invoice = book.get(invoiceId);
			if (!invoice) return answer('204');
			const now = clock.now();
			if (invoiceStatus(invoice, now) !== 'UNPAID') return answer('300', invoiceView(invoice, now));
			if (!pay(invoice)) return answer('206', invoiceView(invoice, now));
			return answer('000', invoiceView(invoice, now));
		};

		const addSeeded = (entry: Record<string, unknown>) => {
			const dayStart = typeof entry.tx_date === 'string' ? parseWibDate(entry.tx_date) : NaN;
			if (Number.isNaN(dayStart))
				throw new ControlError('each seeded inquiry invoice needs tx_date as yyyy-MM-dd');
			const total = isWholeNumber(entry.total_inquiry) ? entry.total_inquiry : 1;
			book.add({
				invoice_id: isNonEmptyString(entry.invoice_id) ? entry.invoice_id : context.newId(),
				tx_date: entry.tx_date as string,
				day_start: dayStart,
				total_inquiry: total,
				amount: typeof entry.amount === 'number' ? entry.amount : total * settings.fee_per_inquiry,
				paid_at:
					typeof entry.paid_at === 'string'
						? Date.parse(entry.paid_at.endsWith('Z') ? entry.paid_at : `${entry.paid_at}Z`)
						: null,
			});
		};

		return {
			routes: [
				{ method: 'POST', path: '/api/account-inquiry', handle: inquire },
				{ method: 'GET', path: '/api/account-inquiry/invoices', handle: listInvoices },
				{ method: 'GET', path: '/api/account-inquiry/invoices/{id}', handle: getInvoice },
				// The docs' curl sends GET with a body; the HTTPS Request line says POST. Both are served.
				{ method: 'POST', path: '/api/account-inquiry/invoices/pay', handle: payInvoice },
				{ method: 'GET', path: '/api/account-inquiry/invoices/pay', handle: payInvoice },
			],
			control: [
				...settingsRoutes(
					DEFAULT_SETTINGS,
					() => settings,
					(next) => {
						settings = next;
					},
				),
			],
			refuse: refuseWith(REFUSALS),
			seed(section) {
				if (!Array.isArray(section))
					throw new ControlError('seed section "account-inquiry" must be an array of invoices');
				for (const entry of section) addSeeded(entry);
				return section.length;
			},
			generate(spec) {
				// `days` invoices, one per UTC+7 day before today; all paid but yesterday's, which is UNPAID.
				const days = spec.days ?? 0;
				const today = startOfWibDay(clock.now());
				for (let day = 1; day <= days; day++) {
					const dayStart = today - day * DAY_MS;
					const total = 1 + ((day * 7919) % 50);
					book.add({
						invoice_id: context.newId(),
						tx_date: wibDate(dayStart),
						day_start: dayStart,
						total_inquiry: total,
						amount: total * settings.fee_per_inquiry,
						paid_at: day === 1 ? null : dayStart + DAY_MS + settings.auto_pay_hour_wib * 3_600_000,
					});
				}
				return days;
			},
			snapshot: () => ({
				settings,
				invoices: book.newestFirst().map((invoice) => invoiceView(invoice, clock.now())),
			}),
			reset() {
				book.clear();
				settings = { ...DEFAULT_SETTINGS };
				armDailyRun();
			},
		};
	},
};
