import { getOperation } from '../catalogue';
import { parseOyDate } from '../dates';
import { readPath } from '../json';
import { count, newSummary, sendOnce } from './effects';
import { instant, normalized, numeric, text } from './fields';
import { INQUIRY_INVOICES_JOB } from './inquiryInvoices';
import { forEachChunk, forEachLimited } from './paging';
import {
	RECONCILED_PRODUCTS,
	RECONCILIATION_JOB,
	RECON_COLUMNS,
	SUMMARY_COLUMNS,
	CLASSES,
	WHAT_TO_DO,
	addToTotals,
	attentionLines,
	classify,
	dayBounds,
	stateOf,
	summaryRows,
	unknownVerdict,
	type ClassTotals,
	type ExpectedTransaction,
	type ReconClass,
	type ReconRow,
	type ReconciledProduct,
	type Verdict,
} from './reconciliation';
import { ProductEntries, Words, type Entry } from './reconciliationEntries';
import { addDays, dayIn } from './time';
import type { JobContext, JobSummary } from './types';

export interface ReconciliationOptions {
	/** the day reconciled, `yyyy-MM-dd` in the jobs' zone; default yesterday */
	day?: string;
	/** a pending transaction older than this needs a person */
	pendingHours: number;
	to: readonly string[];
	products: readonly ReconciledProduct[];
	/** how the VA payment list's `created` is read: OY! does not document its zone */
	vaTimes: 'UTC' | 'WIB';
	/** status requests in flight at once */
	concurrency: number;
	/** requests to OY! at most in one run; beyond it, what is unread is reported `not checked` */
	maxRequests: number;
	/** the caller's list for the day (rows of other days are skipped by the reader or here) */
	expected?: (day: string) => AsyncIterable<ExpectedTransaction> | Iterable<ExpectedTransaction>;
}

/** How each product's transaction is read by our id, and where its amount and time are. */
const STATUS_READS: Partial<
	Record<
		ReconciledProduct,
		{ operation: string; input: (id: string) => Record<string, unknown>; madeAt?: string }
	>
> = {
	disbursement: {
		operation: 'disbursement.getStatus',
		input: (id) => ({ partner_trx_id: id }),
		madeAt: 'created_date',
	},
	'payment-link': {
		operation: 'paymentLink.getStatus',
		input: (id) => ({ partner_tx_id: id }),
		madeAt: 'created',
	},
	'e-wallet': { operation: 'eWallet.getStatus', input: (id) => ({ partner_trx_id: id }) },
	'inquiry-invoice': {
		operation: 'accountInquiry.getInvoice',
		input: (id) => ({ id }),
		madeAt: 'paid_at',
	},
};

/** A VA payment of the day that no list row names (or a further one under a listed id). */
interface UnknownPayment {
	id: string;
	paymentId: string;
	vaNumber: string;
	settlement: string;
	amount: number | undefined;
	madeAt: number;
	alsoExpected: boolean;
}

/** The expected transactions by product, in the order the products first appear. */
type Entries = Map<ReconciledProduct, ProductEntries>;

const INTERN_LIMIT = 1_000;

/** OY's codes and state words repeat: one string each instead of one per answer. */
function interner(): (value: string | undefined) => string | undefined {
	const seen = new Map<string, string>();
	return (value) => {
		if (!value) return undefined;
		const known = seen.get(value);
		if (known !== undefined) return known;
		if (seen.size < INTERN_LIMIT) seen.set(value, value);
		return value;
	};
}

const statusOf = (entry: Entry) =>
	[entry.oyWord ?? '', entry.oyCode ? `code ${entry.oyCode}` : '', entry.oyMeaning ?? '']
		.filter(Boolean)
		.join(', ');

class RequestBudget {
	used = 0;
	/** a read was refused: something is left unread */
	spent = false;
	constructor(private readonly max: number) {}
	take(requests = 1): boolean {
		if (this.spent || this.used + requests > this.max) {
			this.spent = true;
			return false;
		}
		this.used += requests;
		return true;
	}
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Job 5: the daily reconciliation. For one day, what we expected (the caller's list, the payments
 * the inquiry-invoices job recorded) against what OY! reports: each expected transaction read by
 * its id, and every VA payment of the day from OY's lists. Each ends in a class; an Excel report
 * (a summary and a sheet per class) is e-mailed, and any class that needs a person is a problem.
 */
export async function reconcile(
	ctx: JobContext,
	options: ReconciliationOptions,
): Promise<JobSummary> {
	const summary = newSummary(RECONCILIATION_JOB, ctx.dryRun);
	const now = ctx.clock.now();
	const day = options.day ?? addDays(dayIn(now, ctx.timeZone), -1);
	const bounds = dayBounds(day, ctx.timeZone);
	const budget = new RequestBudget(options.maxRequests);
	const wanted = new Set(options.products);
	const entries = await expectedEntries(ctx, options, day, bounds, wanted, summary);
	// Only VA payments are matched by id once the list is read; the other products are read in order.
	for (const store of entries.values()) if (store.product !== 'va') store.forgetIds();
	const expectedCount = [...entries.values()].reduce((sum, store) => sum + store.size, 0);
	ctx.progress({
		job: RECONCILIATION_JOB,
		phase: 'reading',
		message: `${day}: ${expectedCount} expected transaction(s); reading OY!`,
	});
	await readByIds(ctx, options, entries, budget, summary);
	const unknown: UnknownPayment[] = [];
	const vaComplete = wanted.has('va')
		? await readVaPayments(ctx, options, entries, unknown, bounds, budget, summary)
		: true;
	for (const store of entries.values()) store.forgetIds();
	if (budget.spent)
		summary.problems.push(
			`The run stopped reading OY! after ${budget.used} requests (maxRequests): what it did not read is "not checked".`,
		);
	const verdictOf = verdicts(
		{ now, dayEnd: bounds.end, pendingHours: options.pendingHours },
		vaComplete,
	);
	ctx.progress({
		job: RECONCILIATION_JOB,
		phase: 'writing the report',
		message: `${day}: classifying and writing the report`,
	});
	const totals = await writeReport(ctx, day, entries, unknown, verdictOf, summary);
	for (const name of CLASSES) {
		const value = totals.get(name)?.count ?? 0;
		if (value > 0) count(summary, name, value);
	}
	const attention = attentionLines(totals);
	if (attention.length > 0)
		summary.problems.push(`${day} needs a person: ${attention.join('; ')}. See the report.`);
	summary.notes.push(`Reconciled ${day} (${ctx.timeZone}) with ${budget.used} request(s) to OY!.`);
	await mailReport(ctx, options, day, totals, attention, summary);
	return summary;
}

/** How each entry is classified; worked out again for each use instead of stored. */
function verdicts(
	context: { now: number; dayEnd: number; pendingHours: number },
	vaComplete: boolean,
): (entry: Entry) => Verdict {
	return (entry) => {
		if (entry.oyState === undefined) {
			if (entry.product !== 'va')
				return { class: 'not checked', detail: 'not read: the run reached maxRequests' };
			return vaComplete
				? { class: 'missing at OY', detail: "no payment on the day in OY's VA lists" }
				: { class: 'not checked', detail: "OY's VA lists could not be read to the end" };
		}
		return classify(
			entry,
			{
				state: entry.oyState,
				amount: entry.oyAmount,
				madeAt: entry.madeAt,
				status: statusOf(entry),
			},
			context,
		);
	};
}

async function expectedEntries(
	ctx: JobContext,
	options: ReconciliationOptions,
	day: string,
	bounds: { start: number; end: number },
	wanted: ReadonlySet<ReconciledProduct>,
	summary: JobSummary,
): Promise<Entries> {
	const entries: Entries = new Map();
	const words = new Words();
	let duplicates = 0;
	let otherProducts = 0;
	// The products' own names, so that no entry holds a copy read from the list.
	const products = new Map(RECONCILED_PRODUCTS.map((name) => [name, name]));
	const add = (expected: ExpectedTransaction) => {
		if (expected.day !== day) return;
		const product = products.get(expected.product);
		if (!product || !wanted.has(product)) {
			otherProducts++;
			return;
		}
		let store = entries.get(product);
		if (!store) entries.set(product, (store = new ProductEntries(product, words)));
		if (!store.add(expected)) {
			duplicates++;
			if (duplicates <= 20)
				summary.problems.push(
					`The list names ${product} ${expected.id} twice on ${day}; only the first row is reconciled.`,
				);
		}
	};
	if (options.expected) for await (const entry of options.expected(day)) add(entry);
	if (wanted.has('inquiry-invoice')) {
		for (const paid of await ctx.ledger.list(INQUIRY_INVOICES_JOB, 'pay:', { state: 'done' })) {
			const at = Date.parse(paid.at);
			if (at < bounds.start || at >= bounds.end) continue;
			add({
				product: 'inquiry-invoice',
				id: paid.key.slice('pay:'.length),
				day,
				amount: numeric(paid.detail.amount) ?? 0,
				description: `paid by run ${paid.runId}`,
				source: 'ledger',
			});
		}
	}
	for (const store of entries.values()) store.close();
	if (duplicates > 20)
		summary.problems.push(`... ${duplicates} duplicate list rows in all on ${day}.`);
	if (otherProducts > 0)
		summary.notes.push(
			`${otherProducts} list row(s) of ${day} name products this run does not reconcile (see "products").`,
		);
	return entries;
}

async function readByIds(
	ctx: JobContext,
	options: ReconciliationOptions,
	entries: Entries,
	budget: RequestBudget,
	summary: JobSummary,
): Promise<void> {
	const stores = [...entries.values()].filter((store) => STATUS_READS[store.product]);
	const total = stores.reduce((sum, store) => sum + store.size, 0);
	function* positions() {
		for (const store of stores)
			for (let index = 0; index < store.size; index++) yield { store, index };
	}
	let done = 0;
	const problems = new Set<string>();
	await forEachLimited(positions(), options.concurrency, async ({ store, index }) => {
		if (!budget.take()) return;
		const read = STATUS_READS[store.product]!;
		try {
			const result = await ctx.client.call(read.operation, read.input(store.idAt(index)));
			const { recordPath } = getOperation(read.operation);
			const record = normalized(
				read.operation,
				recordPath ? readPath(result.body, recordPath) : result.body,
			);
			store.answer(index, {
				state: stateOf(result.outcome),
				amount: result.outcome === 'rejected' ? undefined : numeric(record.amount),
				madeAt: read.madeAt ? instant(record[read.madeAt]) : undefined,
				word: result.state,
				code: result.code ?? undefined,
				meaning: result.meaning,
			});
		} catch (error) {
			problems.add(`${read.operation}: ${describe(error)}`);
			store.answer(index, { state: 'unclear', meaning: describe(error) });
		}
		done++;
		ctx.progress({
			job: RECONCILIATION_JOB,
			phase: 'reading',
			message: `read ${done} of ${total} transaction(s) by id`,
			done,
			total,
		});
	});
	for (const problem of [...problems].slice(0, 10)) summary.problems.push(problem);
}

/**
 * Every VA with payments (Get List of Created VA), and each one's payments (Get List of
 * Transaction for VA), page by page; the payments made on the day are matched by partner_trx_id.
 * Returns whether the lists were read to the end.
 */
async function readVaPayments(
	ctx: JobContext,
	options: ReconciliationOptions,
	entries: Entries,
	unknown: UnknownPayment[],
	bounds: { start: number; end: number },
	budget: RequestBudget,
	summary: JobSummary,
): Promise<boolean> {
	const vaIds: string[] = [];
	let payments = 0;
	const listed = entries.get('va');
	const intern = interner();
	// Pages of 100 (the client's page size for both lists), counted against the run's budget.
	const pages = (records: number) => Math.max(1, Math.ceil(records / 100));
	try {
		await forEachChunk(
			ctx.client,
			'virtualAccount.getMany',
			{},
			async (records) => {
				if (!budget.take(pages(records.length))) throw new BudgetSpent();
				for (const record of records) {
					const va = normalized('virtualAccount.getMany', record);
					const created = instant(va.created);
					const received = numeric(va.counter_incoming_payment);
					// A VA made after the day, or that never received money, has no payment of the day.
					if ((created !== undefined && created >= bounds.end) || received === 0) continue;
					vaIds.push(text(va.id));
				}
			},
			{
				chunkSize: 1_000,
				onProgress: (seen, total) =>
					ctx.progress({
						job: RECONCILIATION_JOB,
						phase: 'reading VAs',
						message: `listed ${seen}${total === undefined ? '' : ` of ${total}`} VA(s)`,
						done: seen,
						total,
					}),
			},
		);
		for (const [index, vaId] of vaIds.entries()) {
			if (budget.spent) throw new BudgetSpent();
			let read = 0;
			await forEachChunk(
				ctx.client,
				'virtualAccount.getTransactions',
				{ id: vaId },
				async (records) => {
					read += records.length;
					if (!budget.take(pages(records.length))) throw new BudgetSpent();
					for (const record of records) vaPayment(options, record, listed, unknown, bounds, intern);
				},
				{ chunkSize: 1_000 },
			);
			if (read === 0) budget.take();
			payments += read;
			ctx.progress({
				job: RECONCILIATION_JOB,
				phase: 'reading VA payments',
				message: `read the payments of ${index + 1} of ${vaIds.length} VA(s) (${payments} payment(s) in their last 3 months)`,
				done: index + 1,
				total: vaIds.length,
			});
		}
		return true;
	} catch (error) {
		if (!(error instanceof BudgetSpent))
			summary.problems.push(`OY's VA lists could not be read to the end: ${describe(error)}`);
		return false;
	}
}

class BudgetSpent extends Error {}

function vaPayment(
	options: ReconciliationOptions,
	record: unknown,
	listed: ProductEntries | undefined,
	unknown: UnknownPayment[],
	bounds: { start: number; end: number },
	intern: (value: string | undefined) => string | undefined,
): void {
	const payment = normalized('virtualAccount.getTransactions', record);
	const madeAt =
		parseOyDate(payment.created, options.vaTimes, 'yyyy-MM-dd HH:mm:ss') ??
		parseOyDate(payment.created, options.vaTimes) ??
		undefined;
	if (madeAt === undefined || madeAt < bounds.start || madeAt >= bounds.end) return;
	const partnerTrxId = text(payment.partner_trx_id);
	const settlement = intern(text(payment.settlement_status)) ?? 'not said';
	const index = partnerTrxId ? listed?.indexOf(partnerTrxId) : undefined;
	if (index !== undefined && !listed!.answered(index)) {
		listed!.answer(index, {
			state: 'success',
			amount: numeric(payment.amount),
			madeAt,
			word: `paid into VA ${text(payment.va_number)}`,
			meaning: `settlement ${settlement}`,
		});
		return;
	}
	unknown.push({
		id: intern(partnerTrxId) ?? text(payment.id),
		paymentId: text(payment.id),
		vaNumber: intern(text(payment.va_number)) ?? '',
		settlement,
		amount: numeric(payment.amount),
		madeAt,
		alsoExpected: index !== undefined,
	});
}

function rowOf(entry: Entry, verdict: Verdict): ReconRow {
	return {
		class: verdict.class,
		product: entry.product,
		id: entry.id,
		source: entry.source,
		expectedAmount: entry.amount,
		oyAmount: entry.oyAmount,
		oyStatus: statusOf(entry),
		oyTime: entry.madeAt ? new Date(entry.madeAt).toISOString() : undefined,
		description: entry.description,
		detail: verdict.detail,
	};
}

function unknownRow(payment: UnknownPayment): ReconRow {
	const status = `paid into VA ${payment.vaNumber}, settlement ${payment.settlement}`;
	const verdict = unknownVerdict({ state: 'success', status }, payment.alsoExpected);
	return {
		class: verdict.class,
		product: 'va',
		id: payment.id,
		source: 'OY!',
		oyAmount: payment.amount,
		oyStatus: status,
		oyTime: new Date(payment.madeAt).toISOString(),
		description: `payment ${payment.paymentId}`,
		detail: verdict.detail,
	};
}

/** The summary sheet, then one sheet per class that has rows: written class by class, from the compact entries. */
async function writeReport(
	ctx: JobContext,
	day: string,
	entries: Entries,
	unknown: readonly UnknownPayment[],
	verdictOf: (entry: Entry) => Verdict,
	summary: JobSummary,
): Promise<Map<ReconClass, ClassTotals>> {
	const totals = new Map<ReconClass, ClassTotals>();
	// Each entry's class, worked out once: the class sheets skip the others without classifying again.
	const classes = new Map<ProductEntries, Uint8Array>();
	for (const store of entries.values()) {
		const classOf = new Uint8Array(store.size);
		for (let index = 0; index < store.size; index++) {
			const entry = store.entry(index);
			const { class: name } = verdictOf(entry);
			classOf[index] = CLASSES.indexOf(name);
			addToTotals(totals, { class: name, expectedAmount: entry.amount, oyAmount: entry.oyAmount });
		}
		classes.set(store, classOf);
	}
	for (const payment of unknown)
		addToTotals(totals, { class: 'unknown to us', oyAmount: payment.amount });
	const writer = await ctx.reports.create(`reconciliation-${day}${ctx.dryRun ? '-dry-run' : ''}`);
	await writer.sheet({ name: 'Summary', columns: SUMMARY_COLUMNS });
	for (const row of summaryRows(totals)) await writer.addRow({ ...row });
	for (const name of CLASSES) {
		if ((totals.get(name)?.count ?? 0) === 0) continue;
		await writer.sheet({ name: sheetName(name), columns: RECON_COLUMNS });
		if (name === 'unknown to us') {
			for (const payment of unknown) await writer.addRow({ ...unknownRow(payment) });
			continue;
		}
		const wanted = CLASSES.indexOf(name);
		for (const [store, classOf] of classes)
			for (let index = 0; index < store.size; index++) {
				if (classOf[index] !== wanted) continue;
				const entry = store.entry(index);
				await writer.addRow({ ...rowOf(entry, verdictOf(entry)) });
			}
	}
	summary.reports.push(await writer.finish());
	return totals;
}

/** Sheet names as people read them: "Missing at OY", "Unknown to us" … */
export function sheetName(name: ReconClass): string {
	return name.charAt(0).toUpperCase() + name.slice(1);
}

async function mailReport(
	ctx: JobContext,
	options: ReconciliationOptions,
	day: string,
	totals: ReadonlyMap<ReconClass, ClassTotals>,
	attention: readonly string[],
	summary: JobSummary,
): Promise<void> {
	if (options.to.length === 0) return;
	const all = CLASSES.reduce((sum, name) => sum + (totals.get(name)?.count ?? 0), 0);
	const present = CLASSES.filter((name) => (totals.get(name)?.count ?? 0) > 0);
	await sendOnce(
		ctx,
		RECONCILIATION_JOB,
		{
			key: `report:${day}:${ctx.runId}`,
			to: options.to,
			subject:
				attention.length > 0
					? `OY! reconciliation ${day}: needs a person (${attention.join(', ')})`
					: `OY! reconciliation ${day}: ${all} transaction(s), nothing needs a person`,
			text: [
				`OY! reconciliation of ${day} (${ctx.timeZone}), ${all} transaction(s):`,
				...present.map((name) => `  ${name.padEnd(17)} ${totals.get(name)!.count}`),
				'',
				...present
					.filter((name) => name !== 'matched')
					.map((name) => `${name}: ${WHAT_TO_DO[name]}`),
				'',
				'Every transaction is in the attached report: a summary, then a sheet per class.',
			].join('\n'),
			attachments: summary.reports.slice(-1),
		},
		summary,
	);
}
