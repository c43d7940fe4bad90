import { formatRupiah } from '../amounts';
import { DAY_MS, wallClock } from './time';
import type { ReportColumn } from './types';

/**
 * The daily reconciliation's decisions (job `reconciliation`): what a transaction we expected and
 * what OY! reports about it make together. Pure functions; reading OY! is in reconciliationRun.ts.
 */
export const RECONCILIATION_JOB = 'reconciliation';

/** The products compared, as the expected list's `product` column names them. */
export const RECONCILED_PRODUCTS = [
	'disbursement',
	'va',
	'payment-link',
	'e-wallet',
	'inquiry-invoice',
] as const;
export type ReconciledProduct = (typeof RECONCILED_PRODUCTS)[number];

/** Products the caller's list may name (inquiry invoices come from the jobs' ledger). */
export const LISTED_PRODUCTS: readonly ReconciledProduct[] = [
	'disbursement',
	'va',
	'payment-link',
	'e-wallet',
];

export const CLASSES = [
	'matched',
	'missing at OY',
	'unknown to us',
	'amount differs',
	'failed at OY',
	'pending too long',
	'not checked',
	'pending',
] as const;
export type ReconClass = (typeof CLASSES)[number];

/** Classes that need a person (all but matched and pending): any of them makes the run exit non-zero. */
export const NEEDS_A_PERSON: ReadonlySet<ReconClass> = new Set(
	CLASSES.filter((name) => name !== 'matched' && name !== 'pending'),
);

/** A transaction we expected on the day: a row of the caller's list, or a payment the ledger recorded. */
export interface ExpectedTransaction {
	product: ReconciledProduct;
	/** our id: partner_trx_id (payouts, VAs, e-wallet), partner_tx_id (links), invoice_id (inquiry invoices) */
	id: string;
	/** `yyyy-MM-dd` in the jobs' zone */
	day: string;
	amount: number;
	description: string;
	source: 'list' | 'ledger';
}

/** What OY! says about one transaction. */
export interface OyObservation {
	/** `absent`: OY! does not know the id; `unclear`: OY's answer says nothing about it */
	state: 'success' | 'pending' | 'failed' | 'absent' | 'unclear';
	amount?: number;
	/** epoch ms when OY! says the transaction was made */
	madeAt?: number;
	/** OY's own status words, for people */
	status: string;
}

export interface Verdict {
	class: ReconClass;
	detail: string;
}

/**
 * One expected transaction against OY's word. An amount that differs wins over the state (the
 * money is wrong whatever happens next); a pending one is late once `pendingHours` have passed
 * since OY! made it (or, when OY! gives no time, since the end of the day reconciled).
 */
export function classify(
	expected: Pick<ExpectedTransaction, 'amount' | 'product'>,
	observed: OyObservation,
	context: { now: number; dayEnd: number; pendingHours: number },
): Verdict {
	const status = observed.status ? ` (OY!: ${observed.status})` : '';
	if (observed.state === 'unclear')
		return { class: 'not checked', detail: `OY's answer says nothing about it${status}` };
	if (observed.state === 'absent')
		return { class: 'missing at OY', detail: `OY! does not know this id${status}` };
	if (observed.amount !== undefined && observed.amount !== expected.amount)
		return {
			class: 'amount differs',
			detail: `expected ${formatRupiah(expected.amount)}, OY! has ${formatRupiah(observed.amount)}${status}`,
		};
	if (expected.product === 'inquiry-invoice' && observed.state !== 'success')
		return {
			class: 'missing at OY',
			detail: `the inquiry-invoices job recorded it paid, OY! does not show it paid${status}`,
		};
	if (observed.state === 'failed') return { class: 'failed at OY', detail: status.trim() };
	if (observed.state === 'pending') {
		const since = observed.madeAt ?? context.dayEnd;
		const hours = Math.floor((context.now - since) / 3_600_000);
		return hours >= context.pendingHours
			? {
					class: 'pending too long',
					detail: `pending for ${hours} hours (limit ${context.pendingHours})${status}`,
				}
			: { class: 'pending', detail: `pending for ${Math.max(0, hours)} hours${status}` };
	}
	return { class: 'matched', detail: '' };
}

/** What OY! reports that nobody expected (a VA payment on the day that no list row names). */
export function unknownVerdict(observed: OyObservation, alsoExpected: boolean): Verdict {
	return {
		class: 'unknown to us',
		detail: alsoExpected
			? `a further payment under an id the list names once${observed.status ? ` (OY!: ${observed.status})` : ''}`
			: `no list row or ledger entry names it${observed.status ? ` (OY!: ${observed.status})` : ''}`,
	};
}

/** Maps a client outcome to an observation state: only OY's "no such id" is `absent`. */
export function stateOf(outcome: string): OyObservation['state'] {
	if (outcome === 'success' || outcome === 'pending' || outcome === 'failed') return outcome;
	return outcome === 'rejected' ? 'absent' : 'unclear';
}

/**
 * The instants [start, end) of a calendar day in a zone. Indonesia's zones have fixed offsets; a
 * zone with daylight saving is read with the offset of the day's start.
 */
export function dayBounds(day: string, timeZone: string): { start: number; end: number } {
	const midnightUtc = Date.parse(`${day}T00:00:00Z`);
	if (Number.isNaN(midnightUtc)) throw new Error(`not a day: "${day}"`);
	const wall = wallClock(midnightUtc, timeZone);
	const offset = Date.parse(`${wall.day}T00:00:00Z`) + wall.minutes * 60_000 - midnightUtc;
	return { start: midnightUtc - offset, end: midnightUtc - offset + DAY_MS };
}

/** A day named in the config: `yyyy-MM-dd` that exists in the calendar. */
export function isDay(value: string): boolean {
	return (
		/^\d{4}-\d{2}-\d{2}$/.test(value) &&
		new Date(Date.parse(`${value}T00:00:00Z`)).toISOString().slice(0, 10) === value
	);
}

export interface ReconRow {
	class: ReconClass;
	product: ReconciledProduct;
	id: string;
	source: 'list' | 'ledger' | 'OY!';
	expectedAmount?: number;
	oyAmount?: number;
	oyStatus: string;
	/** ISO-8601 UTC */
	oyTime?: string;
	description: string;
	detail: string;
}

export const RECON_COLUMNS: readonly ReportColumn[] = [
	{ key: 'product', header: 'Product', width: 16 },
	{ key: 'id', header: 'ID', width: 34 },
	{ key: 'source', header: 'Expected by', width: 11 },
	{ key: 'expectedAmount', header: 'Expected (IDR)', kind: 'rupiah', width: 16 },
	{ key: 'oyAmount', header: 'OY! amount (IDR)', kind: 'rupiah', width: 16 },
	{ key: 'oyStatus', header: 'OY! status', width: 22 },
	{ key: 'oyTime', header: 'OY! time (UTC)', kind: 'date', width: 20 },
	{ key: 'description', header: 'Description', width: 34 },
	{ key: 'detail', header: 'Detail', width: 60 },
];

export const SUMMARY_COLUMNS: readonly ReportColumn[] = [
	{ key: 'class', header: 'Class', width: 18 },
	{ key: 'count', header: 'Transactions', kind: 'number', width: 14 },
	{ key: 'expected', header: 'Expected (IDR)', kind: 'rupiah', width: 18 },
	{ key: 'reported', header: 'OY! amount (IDR)', kind: 'rupiah', width: 18 },
	{ key: 'needsPerson', header: 'Needs a person', width: 15 },
	{ key: 'todo', header: 'What to do', width: 90 },
];

/** What to do about each class: the summary sheet and the e-mail say it. */
export const WHAT_TO_DO: Readonly<Record<ReconClass, string>> = {
	matched: 'Nothing: OY! reports it as expected.',
	'missing at OY':
		'OY! has no such transaction (or, for an inquiry invoice, does not show it paid). Check whether it was ever sent; send it again only under the same id.',
	'unknown to us':
		'OY! reports money we did not expect. Find who made it; add it to the list or investigate.',
	'amount differs':
		"OY! has another amount than expected. Compare with OY's dashboard and the source of the list before paying any difference.",
	'failed at OY':
		'OY! reports it failed: no money moved. Read the reason; pay again with a new id once it is fixed.',
	'pending too long':
		'Still pending after the limit. Ask OY! support about it with the id; do not pay it again.',
	'not checked':
		"OY's answer did not say (an error or a timeout). Run the reconciliation again; ask OY! if it stays.",
	pending: 'Nothing yet: pending for less than the limit. The next run of this day checks again.',
};

export interface ClassTotals {
	count: number;
	expected: number;
	reported: number;
}

export function addToTotals(
	totals: Map<ReconClass, ClassTotals>,
	row: Pick<ReconRow, 'class' | 'expectedAmount' | 'oyAmount'>,
): void {
	const current = totals.get(row.class) ?? { count: 0, expected: 0, reported: 0 };
	current.count++;
	current.expected += row.expectedAmount ?? 0;
	current.reported += row.oyAmount ?? 0;
	totals.set(row.class, current);
}

/** The summary sheet's rows, every class in order (zero rows included, so nothing looks forgotten). */
export function summaryRows(totals: ReadonlyMap<ReconClass, ClassTotals>) {
	return CLASSES.map((name) => ({
		class: name,
		count: totals.get(name)?.count ?? 0,
		expected: totals.get(name)?.expected ?? 0,
		reported: totals.get(name)?.reported ?? 0,
		needsPerson: NEEDS_A_PERSON.has(name) ? 'yes' : '',
		todo: WHAT_TO_DO[name],
	}));
}

/** One line per class that needs a person, for the summary's problems and the e-mail. */
export function attentionLines(totals: ReadonlyMap<ReconClass, ClassTotals>): string[] {
	return CLASSES.filter(
		(name) => NEEDS_A_PERSON.has(name) && (totals.get(name)?.count ?? 0) > 0,
	).map((name) => {
		const { count, expected, reported } = totals.get(name)!;
		const money = name === 'unknown to us' ? reported : expected;
		return `${count} ${name} (${formatRupiah(money)})`;
	});
}
