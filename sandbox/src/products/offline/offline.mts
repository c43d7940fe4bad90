/**
 * API Offline (OY API docs: API Offline): cash-in and cash-out codes at CRM, Alfamart and Indomaret; cancel,
 * status (optionally re-sending the callback), refresh of a lapsed code, and the callback once a
 * transaction is final. Control endpoints play the customer at the counter: start, complete, fail.
 *
 * A transaction waits (102) for 24 hours, then expires (222). A cash-out holds its total from the
 * partner's balance until it is final; a completed cash-in credits its amount.
 */
import { ControlError, requireBody } from '../../core/control-routes.mjs';
import type { Answer, ProductDefinition, SandboxRequest } from '../product.mjs';
import { createOrRefuse, seedEntries } from '../shared/seeding.mjs';
import { refuseWith, status, statusAnswer, type RefusalTable } from '../shared/status-envelope.mjs';
import { isNonEmptyString, isOptionalBoolean, isTrue } from '../shared/validation.mjs';
import {
	CODE_LIFETIME_MS,
	hasRefreshableCode,
	TRANSACTION_LIFETIME_MS,
} from './offline-channels.mjs';
import {
	isFinalState,
	OFFLINE_MESSAGES,
	type OfflineResponseCode,
	type OfflineState,
} from './offline-codes.mjs';
import {
	callbackBody,
	createdView,
	infoBody,
	offlineState,
	offlineTime,
	type OfflineTransaction,
} from './offline-model.mjs';
import { checkCreate } from './offline-requests.mjs';

export const OFFLINE = 'offline';
/** The fee of the newer (2022) examples: 4505 admin + 495 tax (OY API docs: API Offline › Transaction Info). */
const DEFAULT_FEE = 5_000;

const REFUSALS: RefusalTable = {
	'unknown-user': status('201', OFFLINE_MESSAGES['201']),
	'wrong-key': status('208', OFFLINE_MESSAGES['208']),
	'malformed-body': status('990', OFFLINE_MESSAGES['990']),
	'too-many-requests': status('429', OFFLINE_MESSAGES['429']),
};

export const offlineProduct: ProductDefinition = {
	name: OFFLINE,
	docsProduct: 'API Offline',
	create(context) {
		const { clock, ledger, scheduler, callbacks } = context;
		const byPartnerTrxId = new Map<string, OfflineTransaction>();
		/** Only each transaction's current code: a refreshed code no longer works. */
		const byCode = new Map<string, OfflineTransaction>();
		const byPhone = new Map<string, OfflineTransaction>();
		let fee = DEFAULT_FEE;
		let codeSequence = 0;

		const reply = (code: OfflineResponseCode, fields: Record<string, unknown> = {}): Answer =>
			statusAnswer(code, OFFLINE_MESSAGES[code], fields);

		/** Cancel's answer (OY API docs: API Offline › Cancel Transaction): the code, the id and the time; rejections answer the same way. */
		const answerWithId = (code: OfflineResponseCode, body: Record<string, unknown>): Answer =>
			reply(code, {
				partner_trx_id: body.partner_trx_id ?? null,
				timestamp: offlineTime(clock.now()),
			});

		/** CRM codes are 6 digits, as the table's String(6) and the refresh example; store codes are 16, as the info example. */
		const newCode = (trx: Pick<OfflineTransaction, 'offline_channel'>) => {
			codeSequence++;
			// 7919 is coprime with 10^6, so the first million CRM codes are all different.
			if (trx.offline_channel === 'CRM')
				return String((codeSequence * 7919) % 1_000_000).padStart(6, '0');
			return `1911${String(codeSequence).padStart(12, '0')}`;
		};

		const notify = (trx: OfflineTransaction) =>
			callbacks.send(OFFLINE, callbackBody(trx, clock.now()));

		/** A transaction reaches a final state: money moves, the code is retired, the partner is called back. */
		const finish = (trx: OfflineTransaction, state: OfflineState) => {
			trx.state = state;
			trx.updated = clock.now();
			if (trx.held) {
				if (state === '000') ledger.settleHold(undefined, trx.total_amount);
				else ledger.releaseHold(undefined, trx.total_amount);
				trx.held = false;
			}
			if (state === '000' && trx.transaction_type === 'CASH_IN')
				ledger.credit(undefined, trx.amount);
			byCode.delete(trx.code);
			notify(trx);
		};

		const find = (request: SandboxRequest): OfflineTransaction | undefined => {
			const partnerTrxId = request.body?.partner_trx_id;
			return isNonEmptyString(partnerTrxId) ? byPartnerTrxId.get(partnerTrxId) : undefined;
		};

		const initiate = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			const checked = checkCreate(body, fee);
			if (!checked.ok) return answerWithId(checked.code, body);
			const order = checked.value;
			if (byPartnerTrxId.has(order.partner_trx_id)) return answerWithId('203', body);
			const now = clock.now();
			const previous = order.receiver_phone_number
				? byPhone.get(order.receiver_phone_number)
				: undefined;
			if (previous && !isFinalState(offlineState(previous, now))) return answerWithId('296', body);
			const held = order.transaction_type === 'CASH_OUT';
			if (held && !ledger.hold(undefined, order.total_amount)) return answerWithId('206', body);
			const expiredAt = now + TRANSACTION_LIFETIME_MS;
			const trx: OfflineTransaction = {
				...order,
				trx_id: context.newId(),
				code: newCode(order),
				state: '102',
				held,
				created: now,
				updated: now,
				// A cash-in code lives as long as the transaction (the examples' inactive_at equals expired_at).
				inactive_at: hasRefreshableCode(order.offline_channel, order.transaction_type)
					? Math.min(now + CODE_LIFETIME_MS, expiredAt)
					: expiredAt,
				expired_at: expiredAt,
			};
			byPartnerTrxId.set(trx.partner_trx_id, trx);
			byCode.set(trx.code, trx);
			if (trx.receiver_phone_number) byPhone.set(trx.receiver_phone_number, trx);
			scheduler.at(expiredAt, () => {
				if (!isFinalState(trx.state)) finish(trx, '222');
			});
			return reply('102', createdView(trx, now));
		};

		const cancel = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			if (!isNonEmptyString(body.partner_trx_id)) return answerWithId('990', body);
			const trx = find(request);
			if (!trx) return answerWithId('204', body);
			const state = offlineState(trx, clock.now());
			// Cancelling twice answers as the first time did.
			if (state === '299') return answerWithId('299', body);
			if (state !== '102' || !hasRefreshableCode(trx.offline_channel, trx.transaction_type))
				return answerWithId('298', body);
			finish(trx, '299');
			return answerWithId('299', body);
		};

		const info = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			if (
				!isNonEmptyString(body.partner_trx_id) ||
				!(
					isOptionalBoolean(body.send_callback) ||
					body.send_callback === 'true' ||
					body.send_callback === 'false'
				)
			) {
				return answerWithId('990', body);
			}
			const trx = find(request);
			if (!trx) return answerWithId('204', body);
			if (isTrue(body.send_callback)) notify(trx);
			return { status: 200, body: infoBody(trx, clock.now()) };
		};

		const refreshCode = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			if (!isNonEmptyString(body.partner_trx_id)) return answerWithId('990', body);
			const trx = find(request);
			if (!trx) return answerWithId('204', body);
			// No code is documented for refreshing a cash-in; 220 says the channel is not eligible for it.
			if (!hasRefreshableCode(trx.offline_channel, trx.transaction_type))
				return answerWithId('220', body);
			const now = clock.now();
			const state = offlineState(trx, now);
			if (state === '102') {
				byCode.delete(trx.code);
				trx.code = newCode(trx);
				trx.inactive_at = Math.min(now + CODE_LIFETIME_MS, trx.expired_at);
				trx.updated = now;
				byCode.set(trx.code, trx);
			}
			// A transaction that no longer waits keeps its code and answers its state (e.g. 222 once expired).
			return reply(state === '102' ? '000' : state, {
				code: trx.code,
				partner_trx_id: trx.partner_trx_id,
				inactive_at: offlineTime(trx.inactive_at),
				expired_at: offlineTime(trx.expired_at),
			});
		};

		const findForControl = (request: SandboxRequest): OfflineTransaction => {
			const key = request.params.key;
			const trx = byPartnerTrxId.get(key) ?? byCode.get(key);
			if (!trx)
				throw new ControlError(
					`no offline transaction with partner_trx_id or current code "${key}"`,
				);
			return trx;
		};

		const view = (trx: OfflineTransaction): Answer => ({
			status: 200,
			body: callbackBody(trx, clock.now()),
		});

		/** The customer at the counter or machine: the code must still be active to be used. */
		const counter = (request: SandboxRequest, action: 'start' | 'complete' | 'fail'): Answer => {
			const trx = findForControl(request);
			const now = clock.now();
			const state = offlineState(trx, now);
			if (isFinalState(state))
				throw new ControlError(`the transaction is final: ${state} ${OFFLINE_MESSAGES[state]}`);
			if (state === '102' && action !== 'fail' && now >= trx.inactive_at) {
				throw new ControlError(
					`the code ${trx.code} lapsed at ${offlineTime(trx.inactive_at)}; refresh it first`,
				);
			}
			if (action === 'start') {
				trx.state = '297';
				trx.updated = now;
			} else {
				finish(trx, action === 'complete' ? '000' : '300');
			}
			return view(trx);
		};

		return {
			routes: [
				{ method: 'POST', path: '/api/offline-create', handle: initiate },
				{ method: 'POST', path: '/api/offline-cancel', handle: cancel },
				{ method: 'POST', path: '/api/offline-info', handle: info },
				{ method: 'POST', path: '/api/offline-refresh-code', handle: refreshCode },
				// The docs' code samples call these paths (OY API docs: API Offline › Transaction Info, API Offline › Refresh Code); OY!'s gateway may well serve both.
				{ method: 'POST', path: '/api-offline/tx-info', handle: info },
				{ method: 'POST', path: '/api-offline/refresh-code', handle: refreshCode },
			],
			control: [
				{
					method: 'GET',
					path: '/transactions/{key}',
					handle: (request) => view(findForControl(request)),
				},
				{
					method: 'POST',
					path: '/transactions/{key}/start',
					handle: (request) => counter(request, 'start'),
				},
				{
					method: 'POST',
					path: '/transactions/{key}/complete',
					handle: (request) => counter(request, 'complete'),
				},
				{
					method: 'POST',
					path: '/transactions/{key}/fail',
					handle: (request) => counter(request, 'fail'),
				},
				{ method: 'GET', path: '/settings', handle: () => ({ status: 200, body: { fee } }) },
				{
					method: 'PUT',
					path: '/settings',
					handle: (request) => {
						const value = requireBody(request).fee;
						if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
							throw new ControlError('"fee" must be a whole, non-negative amount');
						fee = value;
						return { status: 200, body: { fee } };
					},
				},
			],
			refuse: refuseWith(REFUSALS),
			seed(section) {
				const entries = seedEntries(section, OFFLINE, 'Initiate Transaction bodies');
				for (const entry of entries) createOrRefuse(initiate, entry, '102', 'offline transaction');
				return entries.length;
			},
			snapshot: () => ({
				fee,
				transactions: [...byPartnerTrxId.values()].map((trx) => ({
					...trx,
					state: offlineState(trx, clock.now()),
				})),
			}),
			reset() {
				byPartnerTrxId.clear();
				byCode.clear();
				byPhone.clear();
				fee = DEFAULT_FEE;
				codeSequence = 0;
			},
		};
	},
};
