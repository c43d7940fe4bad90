import { readPath } from '../../json';
import type { CodeMeaning } from '../../types';
import { defined, isoDate, readingOf, rupiah, text } from '../fields';
import type {
	CallbackDefinition,
	ConfirmContext,
	ConfirmedState,
	ConfirmProblem,
	OyReader,
} from '../types';

const PAID: CodeMeaning = { outcome: 'success', meaning: 'A payment arrived in the VA' };
const NOT_PAID: CodeMeaning = {
	outcome: 'failed',
	meaning: 'The VA callback reports a payment that did not succeed',
};

// `dd/MM/yyyy'T'HH:mm:ss.SSSZ`: the value's own offset wins over the documented UTC+7 (OY API docs: VA Aggregator › VA Payment Callback).
const when = (body: unknown, path: string) =>
	isoDate(body, path, 'dd/MM/yyyyTHH:mm:ss.SSSZ', 'WIB');

const PAGE = 100;
/** Pages read at most while looking for a VA or a payment (100 records each). */
const MAX_PAGES = 200;

type Row = Record<string, unknown>;

async function findRow(
	reader: OyReader,
	operation: string,
	input: Record<string, unknown>,
	matches: (row: Row) => boolean,
): Promise<{ row: Row | null } | ConfirmProblem> {
	for (let page = 0; page < MAX_PAGES; page++) {
		const result = await reader.call(operation, { ...input, offset: page * PAGE, limit: PAGE });
		if (result.outcome !== 'success') {
			return {
				problem: `${result.meaning}${result.code ? ` (OY! code ${result.code})` : ''}`,
				unavailable: true,
			};
		}
		const rows = readPath(result.body, 'data');
		const list = Array.isArray(rows) ? (rows as Row[]) : [];
		const row = list.find(matches);
		if (row) return { row };
		if (list.length < PAGE) return { row: null };
	}
	return {
		problem: `no answer within ${MAX_PAGES * PAGE} records of ${operation}`,
		unavailable: true,
	};
}

/** The VA's id for a VA number: remembered, or found in Get Many VAs (the callback has no VA id). */
async function vaIdOf(
	vaNumber: string,
	context: ConfirmContext,
): Promise<{ row: Row | null } | ConfirmProblem> {
	const cacheKey = `va:${vaNumber}`;
	const remembered = context.cache?.get(cacheKey);
	if (remembered) return { row: { id: remembered } };
	const found = await findRow(
		context.reader,
		'virtualAccount.getMany',
		{},
		(row) => row.va_number === vaNumber,
	);
	const id = 'row' in found && found.row ? text(found.row, 'id') : null;
	if (id) context.cache?.set(cacheKey, id);
	return found;
}

function notFound(): ConfirmedState {
	return {
		found: false,
		status: null,
		outcome: 'rejected',
		statusMeaning: 'OY! lists no such payment',
		amount: null,
		settlementStatus: null,
		partnerTrxId: null,
		oyTrxId: null,
	};
}

/** OY's account of a payment it lists in a VA's history (Get List of Transaction for VA). */
export function vaPaymentListed(payment: Row, vaId: string): ConfirmedState {
	return {
		found: true,
		status: 'SUCCESS',
		outcome: PAID.outcome,
		statusMeaning: `${PAID.meaning}: OY! lists it in the VA's payments`,
		amount: rupiah(payment, 'amount'),
		settlementStatus: text(payment, 'settlement_status'),
		partnerTrxId: text(payment, 'partner_trx_id'),
		oyTrxId: text(payment, 'id'),
		details: { vaId },
	};
}

/**
 * VA payment callback, OY API docs: VA Aggregator › VA Payment Callback (OY API docs (older version): VA Aggregator › VA Payment Callback; OY API docs (oldest version): VA Aggregator › VA Payment Callback had only the first four
 * fields). Sent for each successful payment into a static or customized VA. It carries no VA id:
 * the confirmation finds the VA by its number, then the payment by `trx_id` in the VA's history.
 */
export const vaPaymentCallback: CallbackDefinition = {
	kind: 'vaPayment',
	name: 'VA Payment',
	product: 'VA Aggregator',
	description: 'A payer paid into a static or customized virtual account',
	money: true,
	setup:
		'OY! dashboard: Settings → Developer Option → Callback Configuration, the VA Aggregator field',
	docs: 'OY API docs: VA Aggregator › VA Payment Callback',
	// What every example carries, the oldest (OY API docs (oldest version): VA Aggregator › VA Payment Callback) included; OY API docs: VA Aggregator › VA Payment Callback adds the rest.
	shape: { va_number: 'text', amount: 'amount', partner_user_id: 'text', success: 'boolean' },
	read(body) {
		const paid = body.success !== false;
		const trxId = text(body, 'trx_id');
		const vaNumber = text(body, 'va_number');
		return readingOf({
			// The oldest API docs' callback has no trx_id: the VA number and payment time name the payment then.
			transactionId:
				trxId ?? [vaNumber, text(body, 'tx_date'), text(body, 'amount')].filter(Boolean).join('/'),
			partnerTrxId: text(body, 'partner_trx_id'),
			oyTrxId: trxId,
			amount: rupiah(body, 'amount'),
			state: paid ? { status: 'SUCCESS', meaning: PAID } : { status: 'FAILED', meaning: NOT_PAID },
			settlementStatus: text(body, 'settlement_status'),
			occurredAt: when(body, 'tx_date'),
			details: defined({
				vaNumber,
				partnerUserId: text(body, 'partner_user_id'),
				usernameDisplay: text(body, 'username_display'),
				fullName: text(body, 'full_name'),
				transactionExpiresAt: when(body, 'trx_expiration_date'),
				settlementTime: when(body, 'settlement_time'),
			}),
		});
	},
	confirm: {
		operations: ['virtualAccount.getMany', 'virtualAccount.getTransactions'],
		async read(claim, body, context) {
			const vaNumber = text(body, 'va_number');
			if (!claim.oyTrxId || !vaNumber) {
				return {
					problem: 'the callback carries no trx_id, so OY! cannot tell which payment it reports',
				};
			}
			const va = await vaIdOf(vaNumber, context);
			if (!('row' in va)) return va;
			const vaId = va.row ? text(va.row, 'id') : null;
			if (vaId === null) return notFound();
			const found = await findRow(
				context.reader,
				'virtualAccount.getTransactions',
				{ id: vaId },
				(row) => text(row, 'id') === claim.oyTrxId,
			);
			if (!('row' in found)) return found;
			const payment = found.row;
			if (payment === null) return notFound();
			return vaPaymentListed(payment, vaId);
		},
	},
};
