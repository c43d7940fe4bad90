import { getOperation } from '../../catalogue';
import type { CodeMeaning } from '../../types';
import { byId, singleStatusCheck } from '../confirm';
import { defined, firstText, has, readCode, readingOf, statusCode } from '../fields';
import type { CallbackDefinition } from '../types';

const STATUS = getOperation('transactionData.getStatementStatus');

const ID_FIELDS = ['account_statement_id', 'statement_id', 'id'];

// The only thing the docs say of this callback (OY API docs: API Transactions Data › Initialize Account Statement).
const READY: CodeMeaning = {
	outcome: 'success',
	meaning:
		'OY! says the account statement is ready (the callback carries no status this package can read)',
};

/**
 * Account-statement-ready callback of API Transactions Data. Its payload is NOT documented: the OY API docs
 * (API Transactions Data › Initialize Account Statement) say only that a callback tells the data is ready, and (API Transactions Data › Check Account Statement Status / re-send callback) that Check Account Statement
 * Status re-sends it. Read liberally: any statement id field or the status answer's figures mark it,
 * `status.code` is read with the status table when present, and the whole body is kept.
 */
export const accountStatementCallback: CallbackDefinition = {
	kind: 'accountStatement',
	name: 'Account Statement Ready',
	product: 'API Transactions Data',
	description:
		'An account statement asked for with Initialize Statement is ready (payload not documented by OY!)',
	money: false,
	setup: 'OY! support (the docs do not say where this URL is set)',
	docs: 'OY API docs: API Transactions Data › Initialize Account Statement, API Transactions Data › Check Account Statement Status / re-send callback (payload undocumented)',
	// Only when no documented callback's shape matches the body.
	fallback: (body) =>
		has(body, 'account_statement_id') ||
		has(body, 'statement_id') ||
		has(body, 'total_pages') ||
		has(body, 'total_transactions'),
	read(body) {
		const code = statusCode(body);
		const totalPages = body.total_pages;
		const totalTransactions = body.total_transactions;
		return readingOf({
			partnerTrxId: null,
			oyTrxId: firstText(body, ...ID_FIELDS),
			amount: null,
			state: code === null ? { status: 'READY', meaning: READY } : readCode(STATUS.codes, code),
			details: defined({
				statementId: firstText(body, ...ID_FIELDS),
				totalPages: typeof totalPages === 'number' ? totalPages : undefined,
				totalTransactions: typeof totalTransactions === 'number' ? totalTransactions : undefined,
			}),
		});
	},
	confirm: singleStatusCheck(
		'transactionData.getStatementStatus',
		(claim) => byId('id', claim.oyTrxId, { send_callback: false }),
		{
			notFound: (result) => result.code === '239',
			status: (result) => result.code,
			oyTrxId: () => null,
		},
	),
};
