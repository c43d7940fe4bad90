import { readPath } from '../json';
import { parseOyDate } from '../dates';
import { getCallback, transactionKeyOf, vaPaymentListed } from '../callbacks';
import { text } from '../callbacks/fields';
import { catchUpEvent } from './event';
import { markEmitted, notify } from './state';
import type { CatchUpContext, VaWalk } from './types';

type Row = Record<string, unknown>;

const PAGE = 100;
/** "Only data updated within the last 3 months is returned" (Get List of Transaction for VA, OY API docs: VA Aggregator › Get List of Transaction for VA). */
export const VA_HISTORY_DAYS = 90;
const DAY_MS = 86_400_000;
/**
 * A finished sweep moves `since` to its start minus this margin: the zone of a payment's `created`
 * is not documented, and the payments of the margin stay in `emitted`.
 */
export const SINCE_MARGIN_MS = DAY_MS;

const definition = getCallback('vaPayment');

function freshWalk(now: string): VaWalk {
	return { listOffset: 0, index: 0, historyOffset: 0, startedAt: now };
}

/**
 * When a payment was made. `created` is `yyyy-MM-dd HH:mm:ss` in an undocumented zone: read as UTC,
 * the latest instant it can mean (OY's other times are UTC or UTC+7), so no payment after the
 * cursor looks older than it; one made up to 7 hours before may be caught up too.
 */
function madeAt(row: Row): number | null {
	return parseOyDate(row.created, 'UTC', 'yyyy-MM-dd HH:mm:ss') ?? parseOyDate(row.created, 'UTC');
}

/** The fields the VA payment callback would have carried (OY API docs: VA Aggregator › VA Payment Callback), from the VA and its payment. */
function callbackFields(va: Row, payment: Row): Row {
	const fields: Row = {
		va_number: text(payment, 'va_number') ?? text(va, 'va_number'),
		amount: payment.amount,
		partner_user_id: text(va, 'partner_user_id'),
		success: true,
		trx_id: text(payment, 'id'),
		partner_trx_id: text(payment, 'partner_trx_id'),
		settlement_status: text(payment, 'settlement_status'),
		username_display: text(va, 'username_display'),
	};
	return Object.fromEntries(
		Object.entries(fields).filter(([, value]) => value !== null && value !== undefined),
	);
}

async function page(context: CatchUpContext, operation: string, input: Row): Promise<Row[] | null> {
	const result = await context.budget
		.counting(context.reader)
		.call(operation, { ...input, limit: PAGE });
	if (result.outcome !== 'success') {
		notify(
			context,
			'unavailable',
			'vaPayment',
			`${operation}:${context.now}`,
			`OY! did not list ${operation === 'virtualAccount.getMany' ? 'the VAs' : "a VA's payments"}: ${result.meaning}${result.code ? ` (OY! code ${result.code})` : ''}`,
			{
				details: { operation, ...input },
			},
		);
		return null;
	}
	const rows = readPath(result.body, 'data');
	return Array.isArray(rows) ? (rows as Row[]) : [];
}

function emitPayments(context: CatchUpContext, va: Row, payments: Row[], since: number): void {
	const vaId = text(va, 'id') ?? '';
	for (const payment of payments) {
		const made = madeAt(payment);
		const transactionKey = transactionKeyOf('vaPayment', { transactionId: text(payment, 'id') });
		// `created` has whole seconds: a payment of the cursor's own second is not older than it.
		if (transactionKey === null || (made !== null && made + 1000 <= since)) continue;
		if (context.state.emitted[transactionKey] !== undefined) continue;
		const fields = callbackFields(va, payment);
		const reading = definition.read(fields);
		if (made !== null) reading.occurredAt = new Date(made).toISOString();
		const event = catchUpEvent({
			definition,
			reading,
			callbackBody: fields,
			confirmed: vaPaymentListed(payment, vaId),
			answer: payment,
			now: context.now,
		});
		context.events.push(event);
		// One event per payment: a later settlement of a payment already told is not news of a callback.
		markEmitted(context.state, transactionKey, context.now);
	}
}

/** A gap notice (once) when `since` is older than OY's VA history, which then starts later. */
function checkRetention(context: CatchUpContext, now: number): void {
	const oldest = now - VA_HISTORY_DAYS * DAY_MS;
	if (Date.parse(context.state.since) >= oldest) return;
	notify(
		context,
		'gap',
		'vaPayment',
		context.state.since,
		`VA payments between ${context.state.since} and ${new Date(oldest).toISOString()} cannot be caught up: OY! lists only the last 3 months of a VA's payments`,
		{ once: true, details: { from: context.state.since, to: new Date(oldest).toISOString() } },
	);
	context.state.since = new Date(oldest).toISOString();
}

/**
 * Walks every VA (Get Many VAs) and its payments (Get List of Transaction for VA), page by page,
 * where the last poll stopped, within the request budget. Payments made since the cursor and not
 * emitted before are emitted. A finished sweep moves the cursor to its start minus a margin.
 */
export async function catchUpVaPayments(context: CatchUpContext): Promise<void> {
	const now = Date.parse(context.now);
	checkRetention(context, now);
	const since = Date.parse(context.state.since);
	let walk = context.state.va ?? freshWalk(context.now);
	let vas: Row[] | null = null;
	while (!context.budget.spent) {
		vas ??= await page(context, 'virtualAccount.getMany', { offset: walk.listOffset });
		if (vas === null) break;
		if (walk.index >= vas.length) {
			if (vas.length === PAGE) {
				walk = { ...walk, listOffset: walk.listOffset + PAGE, index: 0, historyOffset: 0 };
				vas = null;
				continue;
			}
			// The sweep is done: every payment made before it began has been read.
			context.state.since = new Date(
				Math.max(since, Date.parse(walk.startedAt) - SINCE_MARGIN_MS),
			).toISOString();
			// The next sweep starts at the next poll: one poll reads each VA once at most.
			walk = freshWalk(context.now);
			break;
		}
		const va = vas[walk.index];
		const payments = await page(context, 'virtualAccount.getTransactions', {
			id: text(va, 'id'),
			offset: walk.historyOffset,
		});
		if (payments === null) break;
		emitPayments(context, va, payments, since);
		walk =
			payments.length === PAGE
				? { ...walk, historyOffset: walk.historyOffset + PAGE }
				: { ...walk, index: walk.index + 1, historyOffset: 0 };
	}
	context.state.va = walk;
	if (context.budget.spent && walk.listOffset + walk.index + walk.historyOffset > 0) {
		notify(
			context,
			'moreRemaining',
			'vaPayment',
			`${walk.listOffset + walk.index}`,
			'The VA sweep stopped at the request limit; the next poll goes on from there',
			{
				details: {
					vaListOffset: walk.listOffset,
					vaIndex: walk.index,
					paymentOffset: walk.historyOffset,
				},
			},
		);
	}
}
