/**
 * Fund Disbursement: Create Disbursement (POST /api/remit, OY API docs: Fund Disbursement › Create Disbursement, with `child_balance`
 * as in OY API docs: API Multi Account Management › Disburse with Child Balance) and Get Disbursement Status (POST /api/remit-status, OY API docs: Fund Disbursement › Get Disbursement Status),
 * with the Disbursement Callback (OY API docs: Fund Disbursement › Disbursement Callback) and the staging mock rule (OY API docs: Mock Data in Demo Environment).
 *
 * A payout answers 101, holds its amount in the pending balance, and settles after the processing
 * delay: 000 (debited) unless the recipient's bank account or the balance says otherwise, or a
 * control endpoint chose another outcome.
 */
import { ControlError, requireBody } from '../../core/control-routes.mjs';
import { utcDayFirst } from '../../core/formats.mjs';
import {
	DISBURSEMENT_BANK_CODES,
	E_WALLET_CODES,
} from '../../reference/disbursement-bank-codes.mjs';
import type { Answer, ProductDefinition, SandboxRequest } from '../product.mjs';
import { COMMON_REFUSALS, refuseWith, statusAnswer } from '../shared/status-envelope.mjs';
import {
	isEmailList,
	isNonEmptyString,
	isOptionalString,
	isTrue,
	isWholeNumber,
} from '../shared/validation.mjs';
import { CREATE_MESSAGES, FAILED_REASONS, FINAL_CODES, MOCKABLE_CREATE_CODES } from './codes.mjs';
import { callbackBody, isInProcess, statusBody, type Payout } from './payout.mjs';

export const DISBURSEMENT = 'disbursement';
const DEFAULT_PROCESSING_MS = 1000;
const MIN_BANK_AMOUNT = 10_000;
const MIN_E_WALLET_AMOUNT = 100;

/** `<code>` followed by 4 to 15 zeros (OY API docs: Mock Data in Demo Environment). */
const MOCK_ACCOUNT = /^(\d{3})(0{4,15})$/;

/** How a payout ends (or pauses, 301); 206 only arises from a short balance, never by choice. */
interface Outcome {
	code: '000' | '206' | '300' | '301';
	tx_status_description?: string;
}

export const disbursementProduct: ProductDefinition = {
	name: DISBURSEMENT,
	docsProduct: 'Fund Disbursement',
	create(context) {
		const { clock, ledger, scheduler, callbacks, bankAccounts } = context;
		const payouts = new Map<string, Payout>();
		let defaultOutcome: Outcome | undefined;
		const chosenOutcomes = new Map<string, Outcome>();

		const createAnswer = (code: string, body: Record<string, unknown>, trxId: string): Answer =>
			statusAnswer(code, CREATE_MESSAGES[code], {
				amount: body.amount ?? null,
				recipient_bank: body.recipient_bank ?? null,
				recipient_account: body.recipient_account ?? null,
				trx_id: trxId,
				partner_trx_id: body.partner_trx_id ?? null,
				timestamp: utcDayFirst(clock.now()),
			});

		const notify = (payout: Payout) => {
			const payload = callbackBody(payout, clock.now());
			if (payload) callbacks.send(DISBURSEMENT, payload);
		};

		const conclude = (payout: Payout, outcome: Outcome) => {
			if (!isInProcess(payout)) return;
			if (!payout.held && outcome.code !== '300') {
				payout.held = ledger.hold(payout.child_balance, payout.amount);
				if (!payout.held) {
					outcome = { code: '206', tx_status_description: FAILED_REASONS['insufficient-balance'] };
				}
			}
			payout.code = outcome.code;
			payout.tx_status_description = outcome.tx_status_description ?? '';
			payout.updated = clock.now();
			if (payout.held && FINAL_CODES.has(payout.code)) {
				if (payout.code === '000') {
					ledger.settleHold(payout.child_balance, payout.amount);
					// Transaction Detail reads it; the sandbox charges disbursements no fee.
					context.transactions.publish({
						product_type: 'API_DISBURSE',
						partner_tx_id: payout.partner_trx_id,
						direction: 'out',
						transfer_amount: payout.amount,
						admin_fee: 0,
					});
				} else ledger.releaseHold(payout.child_balance, payout.amount);
				payout.held = false;
			}
			notify(payout);
		};

		const naturalOutcome = (payout: Payout): Outcome => {
			const chosen = chosenOutcomes.get(payout.partner_trx_id) ?? defaultOutcome;
			if (chosen) return chosen;
			const account = bankAccounts.lookup(payout.recipient_bank, payout.recipient_account);
			if (account.state === 'active') return { code: '000' };
			return { code: '300', tx_status_description: FAILED_REASONS[account.state] };
		};

		const schedule = (payout: Payout) => {
			const round = ++payout.round;
			scheduler.after(context.processingDelay(DISBURSEMENT, DEFAULT_PROCESSING_MS), () => {
				// A control endpoint may have settled or rescheduled the payout meanwhile.
				if (payout.round === round && isInProcess(payout)) conclude(payout, naturalOutcome(payout));
			});
		};

		const createDisbursement = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			const bank = body.recipient_bank;
			const account = body.recipient_account;
			const amount = body.amount;
			const partnerTrxId = body.partner_trx_id;
			const childBalance = body.child_balance;
			const wellFormed =
				isNonEmptyString(bank) &&
				isNonEmptyString(account) &&
				/^\d+$/.test(account) &&
				isWholeNumber(amount) &&
				isNonEmptyString(partnerTrxId) &&
				isOptionalString(body.note) &&
				isOptionalString(body.email) &&
				(body.email == null || body.email === '' || isEmailList(body.email, ' ', 5)) &&
				isOptionalString(childBalance) &&
				isValidAdditionalData(body.additional_data);
			if (!wellFormed) return createAnswer('990', body, '');

			const mock = MOCK_ACCOUNT.exec(account);
			if (mock && MOCKABLE_CREATE_CODES.has(mock[1]) && mock[1] !== '300')
				return createAnswer(mock[1], body, '');

			const existing = payouts.get(partnerTrxId);
			if (existing) return createAnswer(isInProcess(existing) ? '257' : '203', body, '');
			if (!DISBURSEMENT_BANK_CODES.has(bank)) return createAnswer('205', body, '');
			const minimum = E_WALLET_CODES.has(bank) ? MIN_E_WALLET_AMOUNT : MIN_BANK_AMOUNT;
			if (amount < minimum) return createAnswer('210', body, '');
			const child = childBalance || undefined;
			// No MAM-specific code is documented; an unknown child is an unknown user.
			if (child !== undefined && !ledger.hasChild(child)) return createAnswer('201', body, '');
			const holder = bankAccounts.lookup(bank, account);
			if (holder.state === 'not-found') return createAnswer('209', body, '');

			const now = clock.now();
			const payout: Payout = {
				trx_id: context.newId(),
				partner_trx_id: partnerTrxId,
				amount,
				recipient_bank: bank,
				recipient_account: account,
				recipient_name: holder.account_name,
				note: (body.note as string | undefined) ?? undefined,
				email: (body.email as string | undefined) ?? undefined,
				child_balance: child,
				code: '101',
				tx_status_description: '',
				held: ledger.hold(child, amount),
				round: 0,
				created: now,
				updated: now,
			};
			payouts.set(partnerTrxId, payout);
			if (mock?.[1] === '300') {
				// The mock's "Transaction Failed" is a transaction that exists and failed at once.
				conclude(payout, { code: '300', tx_status_description: FAILED_REASONS['system-error'] });
				return createAnswer('300', body, payout.trx_id);
			}
			schedule(payout);
			return createAnswer('101', body, payout.trx_id);
		};

		const disbursementStatus = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			const partnerTrxId = body.partner_trx_id;
			if (
				!isNonEmptyString(partnerTrxId) ||
				!(
					body.send_callback === undefined ||
					typeof body.send_callback === 'boolean' ||
					body.send_callback === 'true' ||
					body.send_callback === 'false'
				)
			) {
				return statusAnswer('990', CREATE_MESSAGES['990'], {
					partner_trx_id: partnerTrxId ?? null,
					timestamp: utcDayFirst(clock.now()),
				});
			}
			const payout = payouts.get(partnerTrxId);
			if (!payout) return notFound(partnerTrxId);
			if (isTrue(body.send_callback)) notify(payout);
			return { status: 200, body: statusBody(payout, clock.now()) };
		};

		const notFound = (partnerTrxId: unknown): Answer =>
			statusAnswer('204', 'Transaction do not exist (Partner Tx ID is Not Found)', {
				partner_trx_id: partnerTrxId,
				timestamp: utcDayFirst(clock.now()),
			});

		const findPayout = (request: SandboxRequest): Payout => {
			const payout = payouts.get(request.params.partner_trx_id);
			if (!payout)
				throw new ControlError(
					`no disbursement with partner_trx_id "${request.params.partner_trx_id}"`,
				);
			return payout;
		};

		return {
			routes: [
				{ method: 'POST', path: '/api/remit', handle: createDisbursement },
				{ method: 'POST', path: '/api/remit-status', handle: disbursementStatus },
			],
			control: [
				{
					method: 'GET',
					path: '/payouts/{partner_trx_id}',
					handle: (request) => ({ status: 200, body: findPayout(request) }),
				},
				{
					method: 'POST',
					path: '/payouts/{partner_trx_id}/settle',
					handle: (request) => {
						const payout = findPayout(request);
						const outcome = readOutcome(requireBody(request));
						if (!isInProcess(payout))
							throw new ControlError(`disbursement is already final (${payout.code})`);
						conclude(payout, outcome);
						if (isInProcess(payout)) schedule(payout);
						return { status: 200, body: payout };
					},
				},
				{
					method: 'PUT',
					path: '/payouts/{partner_trx_id}/outcome',
					handle: (request) => {
						chosenOutcomes.set(request.params.partner_trx_id, readOutcome(requireBody(request)));
						return { status: 200, body: { ok: true } };
					},
				},
				{
					method: 'PUT',
					path: '/outcome',
					handle: (request) => {
						const body = requireBody(request);
						defaultOutcome = body.code === null ? undefined : readOutcome(body);
						return { status: 200, body: { outcome: defaultOutcome ?? null } };
					},
				},
			],
			refuse: refuseWith(COMMON_REFUSALS),
			timeoutAnswer(request) {
				if (request.path !== '/api/remit') return statusAnswer('504', 'Gateway Timeout', {}, 504);
				return createAnswer('504', request.body ?? {}, '');
			},
			notFoundAnswer: (request) => notFound(request.body?.partner_trx_id),
			seed(section) {
				if (!Array.isArray(section))
					throw new ControlError('seed section "disbursement" must be an array of payouts');
				for (const entry of section) addSeededPayout(entry as Partial<Payout>);
				return section.length;
			},
			generate(spec) {
				const count = spec.payouts ?? 0;
				const now = clock.now();
				for (let i = 0; i < count; i++) {
					addSeededPayout({
						partner_trx_id: `GEN-PAYOUT-${i + 1}`,
						amount: 10_000 + (i % 100) * 1_000,
						recipient_bank: i % 2 ? '014' : '002',
						recipient_account: String(1_000_000_000 + i),
						created: now - (i % 90) * 86_400_000,
						code: '000',
					});
				}
				return count;
			},
			snapshot: () => ({ payouts: [...payouts.values()], default_outcome: defaultOutcome ?? null }),
			reset() {
				payouts.clear();
				chosenOutcomes.clear();
				defaultOutcome = undefined;
			},
		};

		function addSeededPayout(entry: Partial<Payout>): void {
			if (!isNonEmptyString(entry.partner_trx_id) || !isWholeNumber(entry.amount)) {
				throw new ControlError('each seeded payout needs partner_trx_id and amount');
			}
			const bank = entry.recipient_bank ?? '014';
			const account = entry.recipient_account ?? '1234567890';
			const created = entry.created ?? clock.now();
			payouts.set(entry.partner_trx_id, {
				trx_id: entry.trx_id ?? context.newId(),
				partner_trx_id: entry.partner_trx_id,
				amount: entry.amount,
				recipient_bank: bank,
				recipient_account: account,
				recipient_name: entry.recipient_name ?? bankAccounts.lookup(bank, account).account_name,
				code: entry.code ?? '000',
				tx_status_description: entry.tx_status_description ?? '',
				held: false,
				round: 0,
				created,
				updated: entry.updated ?? created,
			});
		}
	},
};

function readOutcome(body: Record<string, unknown>): Outcome {
	if (body.code !== '000' && body.code !== '300' && body.code !== '301') {
		throw new ControlError('"code" must be "000", "300" or "301"');
	}
	if (body.tx_status_description !== undefined && typeof body.tx_status_description !== 'string') {
		throw new ControlError('"tx_status_description" must be a string');
	}
	const description =
		(body.tx_status_description as string | undefined) ??
		(body.code === '300' ? FAILED_REASONS['system-error'] : undefined);
	return { code: body.code, tx_status_description: description };
}

function isValidAdditionalData(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value !== 'object' || Array.isArray(value)) return false;
	return isOptionalString((value as Record<string, unknown>).partner_merchant_id, 64);
}
