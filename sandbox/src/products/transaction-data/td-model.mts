import { DAY_MS, parseWibDate, wibDate, wibDateTime } from '../../core/formats.mjs';
import { TD_CODES, type TdCode } from './td-codes.mjs';

/** "each page contains max. of 1000 row of transactions" (OY API docs: API Transactions Data › Get Account Statement › request query parameters). */
export const PAGE_SIZE = 1000;

/** One Account Linking request: its temporary token, until the user finishes (or fails) the bank login. */
export interface Registration {
	token: string;
	partner_user_id: string;
	state: 'pending' | 'linked' | 'failed';
	permanent_token?: string;
	created: number;
}

/** A successful linking; re-linking the same account makes another one with its own token (OY API docs: API Transactions Data › List of Registered Accounts). */
export interface Linking {
	permanent_token: string;
	partner_user_id: string;
	bank_code: string;
	account_numbers: string[];
	linking_date: number;
	/** False once unlinked: the token no longer opens anything. */
	active: boolean;
}

export interface Mutation {
	id: string;
	date: string;
	description: string;
	type: 'CR' | 'DB';
	amount: number;
}

export interface Statement {
	id: string;
	permanent_token: string;
	bank_code: string;
	account_number: string;
	start_date: string;
	end_date: string;
	state: 'preparing' | 'ready' | 'failed';
	failure?: TdCode;
	rows: Mutation[];
	created: number;
}

/** List of Registered Accounts items (OY API docs: API Transactions Data › List of Registered Accounts). */
export function linkingView(linking: Linking): Record<string, unknown> {
	return {
		bank_code: linking.bank_code,
		account_numbers: linking.account_numbers,
		permanent_token: linking.permanent_token,
		linking_date: wibDateTime(linking.linking_date),
		account_status: 'ACTIVE',
		account_type: 'INDIVIDUAL',
	};
}

export function statementStatus(statement: Statement): TdCode {
	if (statement.state === 'ready') return TD_CODES.dataReady;
	return statement.state === 'failed' ? statement.failure! : TD_CODES.preparingData;
}

/** Check Account Statement Status (OY API docs: API Transactions Data › Check Account Statement Status / re-send callback); the figures are 0 until the data is ready. */
export function statementSummary(statement: Statement): Record<string, unknown> {
	const [code, message] = statementStatus(statement);
	return {
		total_transactions: statement.rows.length,
		total_pages: Math.ceil(statement.rows.length / PAGE_SIZE),
		status: { code, message },
	};
}

/**
 * The account-statement callback. Its payload is not documented (OY API docs: API Transactions Data › Initialize Account Statement only says a callback
 * tells that the data is ready); the sandbox sends the status answer plus the statement's id.
 */
export function statementCallback(statement: Statement): Record<string, unknown> {
	return { account_statement_id: statement.id, ...statementSummary(statement) };
}

/** Page `page` (1-based, as every example asks for page 1) of a ready statement. */
export function statementPage(statement: Statement, page: number): Mutation[] {
	return statement.rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
}

const COUNTERPARTIES = [
	'Aldo Adiyasa',
	'Budi Santoso',
	'Citra Lestari',
	'Dewi Anggraini',
	'Eko Prasetyo',
	'PT Sumber Makmur',
];

/** FNV-1a: the same account and day always give the same made-up rows. */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
	return h >>> 0;
}

/** `rowsPerDay` made-up bank rows a day from `startDate` to `endDate` (yyyy-MM-dd, inclusive). */
export function generatedMutations(
	accountNumber: string,
	startDate: string,
	endDate: string,
	rowsPerDay: number,
): Mutation[] {
	const rows: Mutation[] = [];
	for (let day = parseWibDate(startDate); day <= parseWibDate(endDate); day += DAY_MS) {
		const date = wibDate(day);
		for (let k = 0; k < rowsPerDay; k++) {
			const h = hash(`${accountNumber}|${date}|${k}`);
			const type = h % 2 === 0 ? 'CR' : 'DB';
			const counterparty = COUNTERPARTIES[(h >>> 1) % COUNTERPARTIES.length];
			rows.push({
				id: String(rows.length + 1),
				date,
				description: `${type === 'CR' ? 'Transfer from' : 'Transfer to'} ${counterparty}`,
				type,
				amount: (((h >>> 4) % 1000) + 1) * 1000,
			});
		}
	}
	return rows;
}
