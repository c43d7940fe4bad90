import { getOperation } from '../../catalogue';
import { adviceForFailedDisbursement } from '../../operations/disbursement';
import { partnerTrxStatusCheck } from '../confirm';
import { defined, isoDate, readCode, readingOf, rupiah, statusCode, text } from '../fields';
import type { CallbackDefinition } from '../types';

const STATUS = getOperation('disbursement.getStatus');

const when = (body: unknown, path: string) => isoDate(body, path, 'dd-MM-yyyy HH:mm:ss', 'UTC');

/**
 * Disbursement callback, OY API docs: Fund Disbursement › Disbursement Callback (also OY API docs (older version): Fund Disbursement › Disbursement Callback, OY product guide: API Disbursement › how to use): the payout's
 * status object (000 / 300 / 301) and the fields of Get Disbursement Status. Disburse with Child
 * Balance (OY API docs: API Multi Account Management › Disburse with Child Balance) is the same endpoint and sends the same callback.
 */
export const disbursementCallback: CallbackDefinition = {
	kind: 'disbursement',
	name: 'Disbursement',
	product: 'Fund Disbursement (and Disburse with Child Balance)',
	description: 'A payout ended: success (000), failed (300) or pending at the bank (301)',
	money: true,
	setup: 'OY! dashboard: Settings → Developer Option → Callback Configuration → "API Disbursement"',
	docs: 'OY API docs: Fund Disbursement › Disbursement Callback',
	// Every example (OY API docs: Fund Disbursement › Disbursement Callback, OY API docs (older version): Fund Disbursement › Disbursement Callback, OY product guide: API Disbursement › how to use) and the table (OY API docs: Fund Disbursement › Disbursement Callback).
	shape: {
		'status.code': 'text',
		partner_trx_id: 'text',
		trx_id: 'text',
		amount: 'amount',
		recipient_bank: 'text',
		recipient_account: 'text',
	},
	read(body) {
		const state = readCode(STATUS.codes, statusCode(body));
		const description = text(body, 'tx_status_description');
		const advice =
			state.meaning.outcome === 'failed' ? adviceForFailedDisbursement(description) : undefined;
		return readingOf({
			partnerTrxId: text(body, 'partner_trx_id'),
			oyTrxId: text(body, 'trx_id'),
			amount: rupiah(body, 'amount'),
			state,
			occurredAt: when(body, 'last_updated_date') ?? when(body, 'timestamp'),
			details: defined({
				recipientBank: text(body, 'recipient_bank'),
				recipientAccount: text(body, 'recipient_account'),
				recipientName: text(body, 'recipient_name'),
				statusDescription: description,
				retryMayHelp: advice?.retry,
				advice: advice?.advice,
				createdAt: when(body, 'created_date'),
			}),
		});
	},
	confirm: partnerTrxStatusCheck('disbursement.getStatus', { status: 'code' }),
};
