/**
 * E-Wallet Aggregator (OY API docs: API E-Wallet Aggregator): create a transaction, check its status, refund it (full or
 * partial per issuer), read one refund or a transaction's refunds, and the transaction and refund
 * callbacks. Control endpoints play the payer (complete, fail, expire) and the issuer (refund outcome).
 *
 * A paid transaction is called back at once with settlement WAITING and again with SUCCESS when it
 * settles (H+1 at 15:00 WIB by default, OY API docs: API E-Wallet Aggregator › E-Wallet Transaction Callback); the balance is credited at settlement.
 * A refund holds its amount from the balance while REFUND_ONPROCESS.
 */
import { ControlError, requireBody } from '../../core/control-routes.mjs';
import { startOfWibDay } from '../../core/formats.mjs';
import type { Answer, ProductDefinition, SandboxRequest } from '../product.mjs';
import { createOrRefuse, seedEntries } from '../shared/seeding.mjs';
import { refuseWith, status, statusAnswer } from '../shared/status-envelope.mjs';
import { isNonEmptyString } from '../shared/validation.mjs';
import { EWALLET_MESSAGES, type EwalletResponseCode } from './ewallet-codes.mjs';
import { EWALLET_ISSUERS } from './ewallet-issuers.mjs';
import {
	checkStatusView,
	committedRefundAmount,
	createdView,
	paymentCallback,
	refundCallback,
	refundedAmount,
	refundView,
	settlementTime,
	trxStatus,
	type EwalletRefund,
	type EwalletTransaction,
	type RefundStatus,
} from './ewallet-model.mjs';
import { asAmount, checkCreate } from './ewallet-requests.mjs';

export const E_WALLET = 'e-wallet';
const DEFAULT_REFUND_PROCESSING_MS = 1000;
const HOUR_MS = 3_600_000;
const REFUND_OUTCOMES: ReadonlySet<string> = new Set(['REFUNDED', 'REFUND_FAILED', 'SUSPECTED']);
const SEEDABLE_STATUSES: ReadonlySet<string> = new Set([
	'WAITING_PAYMENT',
	'COMPLETE',
	'FAILED',
	'EXPIRED',
]);

interface EwalletSettings {
	/** Days until a payment settles; 0 is real-time settlement (one callback, SUCCESS). */
	settlement_days: number;
	/** Issuers switched off for this partner: 251. */
	disabled_ewallet_codes: Set<string>;
	/** OVO numbers with no (or a blocked) OVO account: 254. */
	unregistered_mobile_numbers: Set<string>;
	/** What the issuer decides for a refund once the processing delay has passed. */
	refund_outcome: RefundStatus;
}

const defaultSettings = (): EwalletSettings => ({
	settlement_days: 1,
	disabled_ewallet_codes: new Set(),
	unregistered_mobile_numbers: new Set(),
	refund_outcome: 'REFUNDED',
});

const reply = (code: EwalletResponseCode, fields: Record<string, unknown> = {}): Answer =>
	statusAnswer(code, EWALLET_MESSAGES[code], fields);

export const eWalletProduct: ProductDefinition = {
	name: E_WALLET,
	docsProduct: 'API E-Wallet Aggregator',
	create(context) {
		const { clock, ledger, scheduler, callbacks } = context;
		const byPartnerTrxId = new Map<string, EwalletTransaction>();
		/** trx_id and ref_number, OY!'s two identifiers of a transaction. */
		const byOyId = new Map<string, EwalletTransaction>();
		const refunds = new Map<string, EwalletRefund>();
		let settings = defaultSettings();
		let refSequence = 0;

		const createTransaction = (request: SandboxRequest): Answer => {
			const checked = checkCreate(request.body ?? {});
			if (!checked.ok) return reply(checked.code);
			const order = checked.value;
			if (settings.disabled_ewallet_codes.has(order.ewallet_code)) return reply('251');
			if (byPartnerTrxId.has(order.partner_trx_id)) return reply('203');
			if (
				order.issuer.needsMobileNumber &&
				settings.unregistered_mobile_numbers.has(order.mobile_number!)
			)
				return reply('254');
			const now = clock.now();
			const trxId = context.newId();
			// Every field written out, so that all transactions share one object shape.
			const trx: EwalletTransaction = {
				partner_trx_id: order.partner_trx_id,
				customer_id: order.customer_id,
				sub_merchant_id: order.sub_merchant_id,
				amount: order.amount,
				email: order.email,
				ewallet_code: order.ewallet_code,
				mobile_number: order.mobile_number,
				success_redirect_url: order.success_redirect_url,
				trx_id: trxId,
				ref_number: `OYEW${String(++refSequence).padStart(12, '0')}`,
				ewallet_url: order.issuer.hasPaymentUrl
					? `${context.baseUrl()}/__sandbox/${E_WALLET}/transactions/${trxId}`
					: '',
				created: now,
				expires_at: now + order.lifetimeMs,
				state: 'WAITING_PAYMENT',
				reason: 'marked as WAITING_PAYMENT by creation service',
				paid_at: undefined,
				settlement_time: undefined,
				settlement_status: undefined,
				refunds: [],
			};
			byPartnerTrxId.set(trx.partner_trx_id, trx);
			byOyId.set(trx.trx_id, trx);
			byOyId.set(trx.ref_number, trx);
			return reply('000', createdView(trx, now));
		};

		const checkStatus = (request: SandboxRequest): Answer => {
			const partnerTrxId = request.body?.partner_trx_id;
			if (!isNonEmptyString(partnerTrxId)) return reply('990');
			const trx = byPartnerTrxId.get(partnerTrxId);
			if (!trx) return reply('204');
			return reply('000', checkStatusView(trx, clock.now()));
		};

		const refund = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			const amount = asAmount(body.refund_amount);
			if (!isNonEmptyString(body.partner_trx_id) || amount === undefined || !(amount > 0))
				return reply('990');
			const trx = byPartnerTrxId.get(body.partner_trx_id);
			if (!trx) return reply('204');
			const issuer = EWALLET_ISSUERS.get(trx.ewallet_code)!;
			// Only a COMPLETE payment is refunded, within what earlier refunds left, and as the issuer allows.
			if (trx.state !== 'COMPLETE' || issuer.refunds === 'none') return reply('990');
			if (amount > trx.amount - committedRefundAmount(trx)) return reply('990');
			if (issuer.refunds === 'full' && amount !== trx.amount) return reply('990');
			const now = clock.now();
			// "Can't do refund between 00.00 - 05.00 WIB": the issuer turns it down; worth retrying later.
			if (
				issuer.refundBlackoutUntilWibHour !== undefined &&
				now - startOfWibDay(now) < issuer.refundBlackoutUntilWibHour * HOUR_MS
			) {
				return reply('252');
			}
			if (!ledger.hold(undefined, amount)) return reply('206');
			const entry: EwalletRefund = {
				refund_id: context.newId(),
				partner_trx_id: trx.partner_trx_id,
				amount,
				status: 'REFUND_ONPROCESS',
				held: true,
				created: now,
				updated: now,
			};
			trx.refunds.push(entry);
			refunds.set(entry.refund_id, entry);
			scheduler.after(context.processingDelay(E_WALLET, DEFAULT_REFUND_PROCESSING_MS), () => {
				if (entry.status === 'REFUND_ONPROCESS') concludeRefund(entry, settings.refund_outcome);
			});
			return reply('000', {
				refund_id: entry.refund_id,
				trx_id: trx.trx_id,
				partner_trx_id: trx.partner_trx_id,
				refund_amount: entry.amount,
				refund_status: entry.status,
			});
		};

		const getRefund = (request: SandboxRequest): Answer => {
			const refundId = request.query.get('refund_id');
			if (!refundId) return reply('990');
			const entry = refunds.get(refundId);
			if (!entry) return reply('255');
			return reply('000', refundView(entry));
		};

		const listRefunds = (request: SandboxRequest): Answer => {
			const partnerTrxId = request.query.get('partner_trx_id');
			if (!partnerTrxId) return reply('990');
			const trx = byPartnerTrxId.get(partnerTrxId);
			if (!trx) return reply('204');
			return reply('000', { total: trx.refunds.length, data: trx.refunds.map(refundView) });
		};

		function concludeRefund(entry: EwalletRefund, outcome: RefundStatus): void {
			const trx = byPartnerTrxId.get(entry.partner_trx_id)!;
			entry.status = outcome;
			entry.updated = clock.now();
			// SUSPECTED: the issuer is still checking, so the money stays held.
			if (entry.held && outcome !== 'SUSPECTED') {
				if (outcome === 'REFUNDED') ledger.settleHold(undefined, entry.amount);
				else ledger.releaseHold(undefined, entry.amount);
				entry.held = false;
			}
			if (outcome === 'REFUNDED' && refundedAmount(trx) >= trx.amount) {
				trx.state = 'REFUNDED';
				trx.reason = 'marked as REFUNDED by refund service';
			}
			callbacks.send(E_WALLET, refundCallback(entry), 'e-wallet-refund');
		}

		/** The funds reach the balance; with delayed settlement this is the second callback. */
		function settle(trx: EwalletTransaction): void {
			if (trx.settlement_status === 'SUCCESS') return;
			trx.settlement_status = 'SUCCESS';
			ledger.credit(undefined, trx.amount);
			callbacks.send(E_WALLET, paymentCallback(trx), 'e-wallet-payment');
		}

		const findTransaction = (request: SandboxRequest): EwalletTransaction => {
			const id = request.params.id;
			const trx = byPartnerTrxId.get(id) ?? byOyId.get(id);
			if (!trx)
				throw new ControlError(
					`no e-wallet transaction with partner_trx_id, trx_id or ref_number "${id}"`,
				);
			return trx;
		};

		const waitingTransaction = (request: SandboxRequest): EwalletTransaction => {
			const trx = findTransaction(request);
			const current = trxStatus(trx, clock.now());
			if (current !== 'WAITING_PAYMENT')
				throw new ControlError(
					`the transaction is no longer waiting for payment: its status is ${current}`,
				);
			return trx;
		};

		const view = (trx: EwalletTransaction): Answer => ({
			status: 200,
			body: { ...trx, ewallet_trx_status: trxStatus(trx, clock.now()) },
		});

		/** The payer pays: COMPLETE and the first callback. */
		const complete = (request: SandboxRequest): Answer => {
			const trx = waitingTransaction(request);
			const mobile = request.body?.mobile_number;
			if (mobile !== undefined) {
				if (typeof mobile !== 'string') throw new ControlError('"mobile_number" must be a string');
				trx.mobile_number = mobile;
			}
			const now = clock.now();
			trx.state = 'COMPLETE';
			trx.reason = 'marked as COMPLETE by e-wallet issuer payment notification';
			trx.paid_at = now;
			trx.settlement_time = settlementTime(now, settings.settlement_days);
			// The docs state no e-wallet fee, so the sandbox charges none.
			context.transactions.publish({
				product_type: 'EWALLET_AGGREGATOR',
				partner_tx_id: trx.partner_trx_id,
				direction: 'in',
				transfer_amount: trx.amount,
				admin_fee: 0,
				settles_at: trx.settlement_time,
			});
			if (settings.settlement_days === 0) {
				settle(trx);
			} else {
				trx.settlement_status = 'WAITING';
				callbacks.send(E_WALLET, paymentCallback(trx), 'e-wallet-payment');
				scheduler.at(trx.settlement_time, () => settle(trx));
			}
			return view(trx);
		};

		/** Failed or expired payments are not called back (OY API docs: API E-Wallet Aggregator › E-Wallet Transaction Callback): the partner polls Check Status. */
		const endUnpaid = (request: SandboxRequest, state: 'FAILED' | 'EXPIRED'): Answer => {
			const trx = waitingTransaction(request);
			const reason = request.body?.reason;
			if (reason !== undefined && typeof reason !== 'string')
				throw new ControlError('"reason" must be a string');
			trx.state = state;
			trx.reason = reason ?? `marked as ${state} by e-wallet issuer`;
			return view(trx);
		};

		const concludeRefundControl = (request: SandboxRequest): Answer => {
			const entry = refunds.get(request.params.refund_id);
			if (!entry) throw new ControlError(`no refund "${request.params.refund_id}"`);
			const outcome = requireBody(request).refund_status;
			if (typeof outcome !== 'string' || !REFUND_OUTCOMES.has(outcome))
				throw new ControlError(`"refund_status" must be one of ${[...REFUND_OUTCOMES].join(', ')}`);
			if (entry.status !== 'REFUND_ONPROCESS' && entry.status !== 'SUSPECTED')
				throw new ControlError(`the refund is already final: ${entry.status}`);
			if (entry.status === outcome) throw new ControlError(`the refund is already ${outcome}`);
			concludeRefund(entry, outcome as RefundStatus);
			return { status: 200, body: entry };
		};

		const updateSettings = (request: SandboxRequest): Answer => {
			const body = requireBody(request);
			const next = { ...settings };
			if (body.settlement_days !== undefined) {
				if (!Number.isInteger(body.settlement_days) || (body.settlement_days as number) < 0)
					throw new ControlError(
						'"settlement_days" must be a whole number of days, 0 for real time',
					);
				next.settlement_days = body.settlement_days as number;
			}
			if (body.disabled_ewallet_codes !== undefined)
				next.disabled_ewallet_codes = stringSet(
					body.disabled_ewallet_codes,
					'disabled_ewallet_codes',
				);
			if (body.unregistered_mobile_numbers !== undefined)
				next.unregistered_mobile_numbers = stringSet(
					body.unregistered_mobile_numbers,
					'unregistered_mobile_numbers',
				);
			if (body.refund_outcome !== undefined) {
				if (typeof body.refund_outcome !== 'string' || !REFUND_OUTCOMES.has(body.refund_outcome))
					throw new ControlError(
						`"refund_outcome" must be one of ${[...REFUND_OUTCOMES].join(', ')}`,
					);
				next.refund_outcome = body.refund_outcome as RefundStatus;
			}
			settings = next;
			return { status: 200, body: settingsView() };
		};

		const settingsView = () => ({
			settlement_days: settings.settlement_days,
			disabled_ewallet_codes: [...settings.disabled_ewallet_codes],
			unregistered_mobile_numbers: [...settings.unregistered_mobile_numbers],
			refund_outcome: settings.refund_outcome,
		});

		/** Seeded and generated transactions go through Create, then take their status without callbacks or balance moves. */
		const seedOne = (entry: Record<string, unknown>) => {
			// Create ignores the extra `ewallet_trx_status`.
			const wanted = entry.ewallet_trx_status ?? 'WAITING_PAYMENT';
			if (typeof wanted !== 'string' || !SEEDABLE_STATUSES.has(wanted))
				throw new ControlError(
					`"ewallet_trx_status" must be one of ${[...SEEDABLE_STATUSES].join(', ')}`,
				);
			createOrRefuse(createTransaction, entry, '000', 'e-wallet transaction');
			const trx = byPartnerTrxId.get(entry.partner_trx_id as string)!;
			if (wanted === 'COMPLETE') {
				trx.paid_at = trx.created;
				trx.settlement_time = trx.created;
				trx.settlement_status = 'SUCCESS';
			}
			if (wanted !== 'WAITING_PAYMENT') {
				trx.state = wanted as EwalletTransaction['state'];
				trx.reason = `marked as ${wanted} by seed`;
			}
		};

		return {
			routes: [
				{
					method: 'POST',
					path: '/api/e-wallet-aggregator/create-transaction',
					handle: createTransaction,
				},
				{ method: 'POST', path: '/api/e-wallet-aggregator/check-status', handle: checkStatus },
				{ method: 'POST', path: '/api/e-wallet-aggregator/refund', handle: refund },
				{ method: 'GET', path: '/api/e-wallet-aggregator/get-refund', handle: getRefund },
				{ method: 'GET', path: '/api/e-wallet-aggregator/list-refund', handle: listRefunds },
			],
			control: [
				// The `ewallet_url` handed out: the sandbox's stand-in for the issuer's payment page.
				{
					method: 'GET',
					path: '/transactions/{id}',
					handle: (request) => view(findTransaction(request)),
				},
				{ method: 'POST', path: '/transactions/{id}/complete', handle: complete },
				{
					method: 'POST',
					path: '/transactions/{id}/fail',
					handle: (request) => endUnpaid(request, 'FAILED'),
				},
				{
					method: 'POST',
					path: '/transactions/{id}/expire',
					handle: (request) => endUnpaid(request, 'EXPIRED'),
				},
				{ method: 'POST', path: '/refunds/{refund_id}/conclude', handle: concludeRefundControl },
				{ method: 'GET', path: '/settings', handle: () => ({ status: 200, body: settingsView() }) },
				{ method: 'PUT', path: '/settings', handle: updateSettings },
			],
			refuse: refuseWith({
				// The e-wallet table has no "user not found"; an unknown username is a user not registered for the feature.
				'unknown-user': status('202', EWALLET_MESSAGES['202']),
				'wrong-key': status('208', EWALLET_MESSAGES['208']),
				'malformed-body': status('990', EWALLET_MESSAGES['990']),
				'too-many-requests': status(
					'429',
					'Request Rejected (Too Many Request to specific endpoint)',
				),
			}),
			seed(section) {
				const entries = seedEntries(section, E_WALLET, 'Create E-Wallet Transaction bodies');
				for (const entry of entries) seedOne(entry);
				return entries.length;
			},
			generate(spec) {
				const count = spec.transactions ?? 0;
				const first = byPartnerTrxId.size;
				const codes = [...EWALLET_ISSUERS.keys()];
				// Mostly paid, as real traffic is; the rest expired, failed or still waiting.
				const statuses = [
					...Array(6).fill('COMPLETE'),
					'EXPIRED',
					'EXPIRED',
					'FAILED',
					'WAITING_PAYMENT',
				];
				for (let i = 0; i < count; i++) {
					const n = first + i + 1;
					seedOne({
						partner_trx_id: `GEN-EWALLET-${n}`,
						customer_id: `GEN-CUSTOMER-${n % 1000}`,
						amount: 10_000 + (n % 100) * 1_000,
						ewallet_code: codes[i % codes.length],
						mobile_number: `62812${String(n % 100_000_000).padStart(8, '0')}`,
						success_redirect_url: 'https://example.com/return',
						ewallet_trx_status: statuses[i % statuses.length],
					});
				}
				return count;
			},
			snapshot: () => ({
				settings: settingsView(),
				transactions: [...byPartnerTrxId.values()].map((trx) => ({
					...trx,
					ewallet_trx_status: trxStatus(trx, clock.now()),
				})),
			}),
			reset() {
				byPartnerTrxId.clear();
				byOyId.clear();
				refunds.clear();
				settings = defaultSettings();
				refSequence = 0;
			},
		};
	},
};

function stringSet(value: unknown, name: string): Set<string> {
	if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
		throw new ControlError(`"${name}" must be an array of strings`);
	return new Set(value);
}
