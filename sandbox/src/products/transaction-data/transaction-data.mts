/**
 * API Transactions Data (OY API docs: API Transactions Data): link a user's internet-banking account (registration link
 * and temporary token, then a permanent token), list linked accounts, initialise an account statement
 * for a date range, follow it from "Preparing data" to "Data ready" (callback), read it page by page,
 * and unlink. Control endpoints play the user on the registration page and the bank.
 */
import { ControlError, requireBody } from '../../core/control-routes.mjs';
import { parseWibDate, wibDate } from '../../core/formats.mjs';
import type { Answer, ProductDefinition, SandboxRequest } from '../product.mjs';
import { seedEntries } from '../shared/seeding.mjs';
import { refuseWith, status, statusAnswer } from '../shared/status-envelope.mjs';
import { isNonEmptyString, isOptionalBoolean } from '../shared/validation.mjs';
import { TD_BANKS } from './td-banks.mjs';
import { STATEMENT_FAILURES, TD_CODES, type TdCode } from './td-codes.mjs';
import {
	generatedMutations,
	linkingView,
	statementCallback,
	statementPage,
	statementStatus,
	statementSummary,
	type Linking,
	type Mutation,
	type Registration,
	type Statement,
} from './td-model.mjs';

export const TRANSACTION_DATA = 'transaction-data';
/** Fetching a statement from the bank takes a while; tests set `processingDelays['transaction-data']`. */
const DEFAULT_PREPARATION_MS = 1000;
const DEFAULT_ROWS_PER_DAY = 3;

const reply = ([code, message]: TdCode, fields: Record<string, unknown> = {}): Answer =>
	statusAnswer(code, message, fields);

/** The same day `months` calendar months before `date` (yyyy-MM-dd). */
function monthsBefore(date: string, months: number): string {
	const [year, month, day] = date.split('-').map(Number);
	return new Date(Date.UTC(year, month - 1 - months, day)).toISOString().slice(0, 10);
}

export const transactionDataProduct: ProductDefinition = {
	name: TRANSACTION_DATA,
	docsProduct: 'API Transactions Data',
	create(context) {
		const { clock, scheduler, callbacks } = context;
		const registrations = new Map<string, Registration>();
		const linkings = new Map<string, Linking>();
		/** Newest first, as the docs' example lists them. */
		const linkingsByUser = new Map<string, Linking[]>();
		const statements = new Map<string, Statement>();
		/** Rows a test or seed gave an account, used instead of made-up ones. */
		const accountMutations = new Map<string, Omit<Mutation, 'id'>[]>();
		let rowsPerDay = DEFAULT_ROWS_PER_DAY;
		let accountSequence = 0;

		const newToken = () => context.newId().replaceAll('-', '');

		const activeLinking = (token: unknown) => {
			const linking = typeof token === 'string' ? linkings.get(token) : undefined;
			return linking?.active ? linking : undefined;
		};

		const register = (request: SandboxRequest): Answer => {
			const partnerUserId = request.body?.partner_user_id;
			if (!isNonEmptyString(partnerUserId)) return reply(TD_CODES.invalidPartnerUserId);
			const token = newToken();
			registrations.set(token, {
				token,
				partner_user_id: partnerUserId,
				state: 'pending',
				created: clock.now(),
			});
			if (!linkingsByUser.has(partnerUserId)) linkingsByUser.set(partnerUserId, []);
			return reply(TD_CODES.success, {
				registration_link: `${context.baseUrl()}/__sandbox/${TRANSACTION_DATA}/registrations/${token}`,
				token,
			});
		};

		const checkRegistration = (request: SandboxRequest): Answer => {
			const token = request.body?.registration_token;
			const registration = typeof token === 'string' ? registrations.get(token) : undefined;
			if (!registration) return reply(TD_CODES.invalidTemporaryToken, { permanent_token: null });
			if (registration.state === 'pending')
				return reply(TD_CODES.registrationInProgress, { permanent_token: null });
			if (registration.state === 'failed') return reply(TD_CODES.failed, { permanent_token: null });
			return reply(TD_CODES.success, { permanent_token: registration.permanent_token });
		};

		const registeredAccounts = (request: SandboxRequest): Answer => {
			const partnerUserId = request.body?.partner_user_id;
			// A user OY! never saw through Account Linking is not a valid partner user id.
			const list =
				typeof partnerUserId === 'string' ? linkingsByUser.get(partnerUserId) : undefined;
			if (!list) return reply(TD_CODES.invalidPartnerUserId);
			return reply(TD_CODES.success, {
				data: list.filter((linking) => linking.active).map(linkingView),
			});
		};

		const initStatement = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			const refused = (code: TdCode) => reply(code, { account_statement_id: null });
			const {
				bank_code: bankCode,
				account_number: accountNumber,
				start_date: startDate,
				end_date: endDate,
			} = body;
			const today = wibDate(clock.now());
			if (
				!isNonEmptyString(bankCode) ||
				!isNonEmptyString(accountNumber) ||
				// "currently only Individual is available"; the examples send INDIVIDUAL.
				typeof body.account_type !== 'string' ||
				body.account_type.toUpperCase() !== 'INDIVIDUAL' ||
				typeof startDate !== 'string' ||
				typeof endDate !== 'string' ||
				Number.isNaN(parseWibDate(startDate)) ||
				Number.isNaN(parseWibDate(endDate)) ||
				startDate > endDate ||
				endDate > today ||
				!isOptionalBoolean(body.ignore_start_date)
			) {
				return refused(TD_CODES.invalidParameter);
			}
			const bank = TD_BANKS.get(bankCode);
			if (!bank) return refused(TD_CODES.bankCodeNotAvailable);
			const linking = activeLinking(body.permanent_token);
			if (!linking) return refused(TD_CODES.invalidPermanentToken);
			if (linking.bank_code !== bankCode || !linking.account_numbers.includes(accountNumber))
				return refused(TD_CODES.bankAccountNotFound);
			// `ignore_start_date` is sent by every sample but not documented: read as "start at the oldest day the bank keeps".
			const earliest = monthsBefore(today, bank.historyMonths);
			let start = startDate;
			if (start < earliest) {
				if (body.ignore_start_date !== true || earliest > endDate)
					return refused(TD_CODES.startDateUnavailable);
				start = earliest;
			}
			const statement: Statement = {
				id: context.newId(),
				permanent_token: linking.permanent_token,
				bank_code: bankCode,
				account_number: accountNumber,
				start_date: start,
				end_date: endDate,
				state: 'preparing',
				rows: [],
				created: clock.now(),
			};
			statements.set(statement.id, statement);
			scheduler.after(context.processingDelay(TRANSACTION_DATA, DEFAULT_PREPARATION_MS), () => {
				if (statement.state === 'preparing') conclude(statement);
			});
			return reply(TD_CODES.preparingData, { account_statement_id: statement.id });
		};

		/** The statement a request names, or the code that answers instead. */
		const readableStatement = (id: unknown): { statement: Statement } | { refusal: TdCode } => {
			const statement = typeof id === 'string' ? statements.get(id) : undefined;
			if (!statement) return { refusal: TD_CODES.statementNotFound };
			// Unlinking revokes the token, and with it the statements fetched through it.
			return activeLinking(statement.permanent_token)
				? { statement }
				: { refusal: TD_CODES.invalidPermanentToken };
		};

		const mutations = (request: SandboxRequest): Answer => {
			const id = request.query.get('id');
			const page = Number(request.query.get('page'));
			if (!id || !Number.isInteger(page) || page < 1)
				return reply(TD_CODES.invalidParameter, { data: [] });
			const found = readableStatement(id);
			if ('refusal' in found) return reply(found.refusal, { data: [] });
			const { statement } = found;
			return reply(statementStatus(statement), {
				data: statement.state === 'ready' ? statementPage(statement, page) : [],
			});
		};

		const statementStatusAnswer = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			// `send_callback` is required here (OY API docs: API Transactions Data › Check Account Statement Status / re-send callback › request parameters), unlike in other products.
			if (!isNonEmptyString(body.id) || typeof body.send_callback !== 'boolean')
				return reply(TD_CODES.invalidParameter);
			const found = readableStatement(body.id);
			if ('refusal' in found) return reply(found.refusal);
			if (body.send_callback) callbacks.send(TRANSACTION_DATA, statementCallback(found.statement));
			return { status: 200, body: statementSummary(found.statement) };
		};

		const unlink = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			if (!isNonEmptyString(body.partner_user_id)) return reply(TD_CODES.invalidPartnerUserId);
			const linking = activeLinking(body.permanent_token);
			if (!linking || linking.partner_user_id !== body.partner_user_id)
				return reply(TD_CODES.invalidPermanentToken);
			linking.active = false;
			return reply(TD_CODES.success);
		};

		/** The bank answers: the statement is ready (its rows fixed now) or failed; either way the partner is called back. */
		function conclude(statement: Statement, failure?: TdCode): void {
			if (failure) {
				statement.state = 'failed';
				statement.failure = failure;
			} else {
				const given = accountMutations.get(statement.account_number);
				statement.rows = given
					? given
							.filter((row) => row.date >= statement.start_date && row.date <= statement.end_date)
							.map((row, i) => ({ id: String(i + 1), ...row }))
					: generatedMutations(
							statement.account_number,
							statement.start_date,
							statement.end_date,
							rowsPerDay,
						);
				statement.state = 'ready';
			}
			callbacks.send(TRANSACTION_DATA, statementCallback(statement));
		}

		function link(entry: {
			partner_user_id: string;
			bank_code: string;
			account_numbers: string[];
			permanent_token?: string;
		}): Linking {
			const linking: Linking = {
				permanent_token: entry.permanent_token ?? newToken() + newToken(),
				partner_user_id: entry.partner_user_id,
				bank_code: entry.bank_code,
				account_numbers: entry.account_numbers,
				linking_date: clock.now(),
				active: true,
			};
			linkings.set(linking.permanent_token, linking);
			linkingsByUser.set(linking.partner_user_id, [
				linking,
				...(linkingsByUser.get(linking.partner_user_id) ?? []),
			]);
			return linking;
		}

		/** What the user types on the registration page: the bank and, optionally, the accounts behind the login. */
		const readAccount = (body: Record<string, unknown>) => {
			const bankCode = body.bank_code ?? '014';
			if (typeof bankCode !== 'string' || !TD_BANKS.has(bankCode))
				throw new ControlError(`"bank_code" must be one of ${[...TD_BANKS.keys()].join(', ')}`);
			const accountNumbers = body.account_numbers ?? [String(9_520_000_000 + ++accountSequence)];
			if (
				!Array.isArray(accountNumbers) ||
				accountNumbers.length === 0 ||
				!accountNumbers.every((n) => typeof n === 'string' && /^\d+$/.test(n))
			) {
				throw new ControlError('"account_numbers" must be a non-empty array of digit strings');
			}
			return { bank_code: bankCode, account_numbers: accountNumbers as string[] };
		};

		const pendingRegistration = (request: SandboxRequest): Registration => {
			const registration = registrations.get(request.params.token);
			if (!registration)
				throw new ControlError(`no registration with token "${request.params.token}"`);
			if (registration.state !== 'pending')
				throw new ControlError(`the registration is already ${registration.state}`);
			return registration;
		};

		const preparingStatement = (request: SandboxRequest): Statement => {
			const statement = statements.get(request.params.id);
			if (!statement) throw new ControlError(`no account statement "${request.params.id}"`);
			if (statement.state !== 'preparing')
				throw new ControlError(`the statement is already ${statement.state}`);
			return statement;
		};

		const ok = (body: unknown): Answer => ({ status: 200, body });

		return {
			routes: [
				{ method: 'POST', path: '/api/transaction-data/account/register', handle: register },
				{
					method: 'POST',
					path: '/api/transaction-data/account/check-registration-status',
					handle: checkRegistration,
				},
				{
					method: 'POST',
					path: '/api/transaction-data/account/registered-accounts',
					handle: registeredAccounts,
				},
				{
					method: 'POST',
					path: '/api/transaction-data/account-statement/init',
					handle: initStatement,
				},
				{
					method: 'GET',
					path: '/api/transaction-data/account-statement/mutations',
					handle: mutations,
				},
				{
					method: 'POST',
					path: '/api/transaction-data/account-statement/status',
					handle: statementStatusAnswer,
				},
				{ method: 'POST', path: '/api/transaction-data/account/unlink', handle: unlink },
			],
			control: [
				// The `registration_link` handed out: the sandbox's stand-in for OY!'s registration page.
				{
					method: 'GET',
					path: '/registrations/{token}',
					handle: (request) => {
						const registration = registrations.get(request.params.token);
						if (!registration)
							throw new ControlError(`no registration with token "${request.params.token}"`);
						return ok({ ...registration, complete_with: `POST ${request.path}/complete` });
					},
				},
				{
					method: 'POST',
					path: '/registrations/{token}/complete',
					handle: (request) => {
						const registration = pendingRegistration(request);
						const linking = link({
							partner_user_id: registration.partner_user_id,
							...readAccount(request.body ?? {}),
						});
						registration.state = 'linked';
						registration.permanent_token = linking.permanent_token;
						return ok(linking);
					},
				},
				{
					method: 'POST',
					path: '/registrations/{token}/fail',
					handle: (request) => {
						const registration = pendingRegistration(request);
						registration.state = 'failed';
						return ok(registration);
					},
				},
				{
					method: 'POST',
					path: '/statements/{id}/ready',
					handle: (request) => {
						const statement = preparingStatement(request);
						conclude(statement);
						return ok(statementCallback(statement));
					},
				},
				{
					method: 'POST',
					path: '/statements/{id}/fail',
					handle: (request) => {
						const statement = preparingStatement(request);
						const code = request.body?.code ?? '300';
						const failure = typeof code === 'string' ? STATEMENT_FAILURES.get(code) : undefined;
						if (!failure)
							throw new ControlError(
								`"code" must be one of ${[...STATEMENT_FAILURES.keys()].join(', ')}`,
							);
						conclude(statement, failure);
						return ok(statementCallback(statement));
					},
				},
				{
					method: 'PUT',
					path: '/accounts/{account_number}/mutations',
					handle: (request) => {
						const rows = requireBody(request).mutations;
						if (!Array.isArray(rows) || !rows.every(isMutation)) {
							throw new ControlError(
								'"mutations" must be an array of { date: yyyy-MM-dd, description, type: CR|DB, amount }',
							);
						}
						const sorted = rows
							.map(({ date, description, type, amount }) => ({ date, description, type, amount }))
							.sort((a, b) => a.date.localeCompare(b.date));
						accountMutations.set(request.params.account_number, sorted);
						return ok({ account_number: request.params.account_number, mutations: sorted.length });
					},
				},
				{ method: 'GET', path: '/settings', handle: () => ok({ rows_per_day: rowsPerDay }) },
				{
					method: 'PUT',
					path: '/settings',
					handle: (request) => {
						const value = requireBody(request).rows_per_day;
						if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1000)
							throw new ControlError('"rows_per_day" must be a whole number from 0 to 1000');
						rowsPerDay = value;
						return ok({ rows_per_day: rowsPerDay });
					},
				},
			],
			refuse: refuseWith({
				'unknown-user': status('201', 'User is not found'),
				'wrong-key': status('208', 'API Key is not valid'),
				'malformed-body': status(...TD_CODES.invalidParameter),
				'too-many-requests': status('429', 'Too Many Requests'),
			}),
			seed(section) {
				const entries = seedEntries(
					section,
					TRANSACTION_DATA,
					'{ partner_user_id, bank_code, account_numbers, permanent_token? }',
				);
				for (const entry of entries) {
					if (!isNonEmptyString(entry.partner_user_id))
						throw new ControlError('each seeded linking needs a partner_user_id');
					if (entry.permanent_token !== undefined && !isNonEmptyString(entry.permanent_token))
						throw new ControlError('"permanent_token" must be a string');
					link({
						partner_user_id: entry.partner_user_id,
						permanent_token: entry.permanent_token as string | undefined,
						...readAccount(entry),
					});
				}
				return entries.length;
			},
			snapshot: () => ({
				rows_per_day: rowsPerDay,
				registrations: [...registrations.values()],
				linkings: [...linkings.values()],
				statements: [...statements.values()].map(({ rows, ...statement }) => ({
					...statement,
					total_transactions: rows.length,
				})),
			}),
			reset() {
				registrations.clear();
				linkings.clear();
				linkingsByUser.clear();
				statements.clear();
				accountMutations.clear();
				rowsPerDay = DEFAULT_ROWS_PER_DAY;
				accountSequence = 0;
			},
		};
	},
};

function isMutation(row: unknown): row is Omit<Mutation, 'id'> {
	if (row === null || typeof row !== 'object') return false;
	const { date, description, type, amount } = row as Record<string, unknown>;
	return (
		typeof date === 'string' &&
		!Number.isNaN(parseWibDate(date)) &&
		typeof description === 'string' &&
		(type === 'CR' || type === 'DB') &&
		typeof amount === 'number'
	);
}
