/**
 * VA Aggregator (OY API docs: Disbursement Bank Codes): static VAs (create, info, update, deactivate, list, payment
 * history), customized VAs (create, update, deactivate) and the payment callback. Control
 * endpoints play the payer: `POST /__sandbox/virtual-account/payments`.
 */
import { ControlError, requireBody } from '../../core/control-routes.mjs';
import { settingsRoutes } from '../shared/settings-control.mjs';
import type { Answer, ProductDefinition, SandboxRequest } from '../product.mjs';
import { refuseWith, status, statusAnswer } from '../shared/status-envelope.mjs';
import { isNonEmptyString, pageParameters } from '../shared/validation.mjs';
import { VA_BANKS } from './va-banks.mjs';
import { VA_CODES, type VaCode } from './va-codes.mjs';
import {
	customVaView,
	isFinal,
	NEVER,
	paymentCallback,
	paymentView,
	settlementTime,
	staticVaView,
	vaInfoView,
	vaStatus,
	type VaPayment,
	type VirtualAccount,
} from './va-model.mjs';
import {
	checkCreateCustom,
	checkCreateStatic,
	checkUpdateCustom,
	checkUpdateStatic,
} from './va-requests.mjs';

export const VIRTUAL_ACCOUNT = 'virtual-account';
/** "Only data updated within the last 3 months is returned" by the transaction history (OY API docs: VA Aggregator › Get List of Transaction for VA). */
const HISTORY_RETENTION_MS = 90 * 86_400_000;
/** The fee per VA payment, recorded in the history and kept from the credited amount (not documented; 0 by default). */
const DEFAULT_SETTINGS = { admin_fee: 0 };
/** Digits after the bank prefix that stand for this partner in its VA numbers. */
const PARTNER_DIGITS = '8000';

export const virtualAccountProduct: ProductDefinition = {
	name: VIRTUAL_ACCOUNT,
	docsProduct: 'VA Aggregator',
	create(context) {
		const { clock, ledger, callbacks } = context;
		const byId = new Map<string, VirtualAccount>();
		const byNumber = new Map<string, VirtualAccount>();
		const byPartnerTrxId = new Map<string, VirtualAccount>();
		/** Newest last: `partner_user_id|bank_code` → the VA that may still block a new one (217). */
		const byUserAndBank = new Map<string, VirtualAccount>();
		let sequence = 0;
		let settings = { ...DEFAULT_SETTINGS };

		const reply = ([code, message]: VaCode, fields: Record<string, unknown> = {}): Answer =>
			statusAnswer(code, message, fields);

		const register = (va: VirtualAccount) => {
			byId.set(va.id, va);
			byNumber.set(va.va_number, va);
			if (va.partner_trx_id) byPartnerTrxId.set(va.partner_trx_id, va);
			byUserAndBank.set(`${va.partner_user_id}|${va.bank_code}|${va.kind}`, va);
		};

		const partnerTrxIdTaken = (partnerTrxId: unknown, self?: VirtualAccount) =>
			isNonEmptyString(partnerTrxId) &&
			byPartnerTrxId.has(partnerTrxId) &&
			byPartnerTrxId.get(partnerTrxId) !== self;

		const setPartnerTrxId = (va: VirtualAccount, partnerTrxId: unknown) => {
			if (!isNonEmptyString(partnerTrxId)) return;
			if (va.partner_trx_id) byPartnerTrxId.delete(va.partner_trx_id);
			va.partner_trx_id = partnerTrxId;
			byPartnerTrxId.set(partnerTrxId, va);
		};

		const stillActive = (partnerUserId: string, bankCode: string, kind: VirtualAccount['kind']) => {
			const previous = byUserAndBank.get(`${partnerUserId}|${bankCode}|${kind}`);
			return previous !== undefined && !isFinal(vaStatus(previous, clock.now()));
		};

		const newNumber = (bankCode: string) =>
			`${VA_BANKS.get(bankCode)!.prefix}${PARTNER_DIGITS}${String(++sequence).padStart(10, '0')}`;

		type VaTerms = Pick<
			VirtualAccount,
			| 'kind'
			| 'va_number'
			| 'amount'
			| 'is_open'
			| 'is_single_use'
			| 'is_lifetime'
			| 'expiration'
			| 'trx_expiration'
			| 'trx_counter'
		>;

		/** A new VA from a checked create request and its kind's terms. */
		const open = (body: Record<string, unknown>, now: number, terms: VaTerms): VirtualAccount => {
			const va: VirtualAccount = {
				...terms,
				id: context.newId(),
				bank_code: body.bank_code as string,
				partner_user_id: body.partner_user_id as string,
				username_display: (body.username_display as string | undefined) || context.config.username,
				email: (body.email as string | undefined) || undefined,
				full_name: (body.full_name as string | undefined) || undefined,
				counter_incoming_payment: 0,
				amount_detected: 0,
				created: now,
				deactivated: false,
				completed: false,
				payments: [],
			};
			setPartnerTrxId(va, body.partner_trx_id);
			register(va);
			return va;
		};

		/** The fields both update endpoints change when they are given. */
		const applyUpdate = (va: VirtualAccount, body: Record<string, unknown>) => {
			if (body.amount != null) va.amount = body.amount as number;
			if (body.username_display) va.username_display = body.username_display as string;
			if (body.email) va.email = body.email as string;
			setPartnerTrxId(va, body.partner_trx_id);
		};

		/** The VA an update names, or the documented refusal: unknown (216) or no longer updatable (246). */
		const updatable = (
			request: SandboxRequest,
			kind: VirtualAccount['kind'],
			now: number,
		): VirtualAccount | Answer => {
			const va = find(request, kind);
			if (!va) return reply(VA_CODES.idEmpty);
			if (isFinal(vaStatus(va, now))) return reply(VA_CODES.updateFailed);
			return va;
		};

		const createStatic = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			const now = clock.now();
			const checked = checkCreateStatic(body, now);
			if (!checked.ok) return reply(checked.code);
			const settings = checked.value;
			if (partnerTrxIdTaken(body.partner_trx_id)) return reply(VA_CODES.duplicatePartnerTrxId);
			const bankCode = body.bank_code as string;
			if (stillActive(body.partner_user_id as string, bankCode, 'static'))
				return reply(VA_CODES.stillActive);
			const va = open(body, now, {
				kind: 'static',
				va_number: newNumber(bankCode),
				amount: settings.amount,
				is_open: settings.is_open,
				is_single_use: settings.is_single_use,
				is_lifetime: settings.is_lifetime,
				expiration: settings.expiration,
				trx_expiration: settings.trx_expiration,
				trx_counter: settings.trx_counter,
			});
			return reply(VA_CODES.success, staticVaView(va, now, false));
		};

		const find = (request: SandboxRequest, kind?: VirtualAccount['kind']) => {
			const va = byId.get(request.params.id);
			return va && (!kind || va.kind === kind) ? va : undefined;
		};

		const getInfo = (request: SandboxRequest): Answer => {
			const va = find(request);
			if (!va) return reply(VA_CODES.idEmpty);
			return reply(VA_CODES.success, vaInfoView(va, clock.now()));
		};

		const updateStatic = (request: SandboxRequest): Answer => {
			const now = clock.now();
			const va = updatable(request, 'static', now);
			if (!('id' in va)) return va;
			const body = request.body ?? {};
			const checked = checkUpdateStatic(body, VA_BANKS.get(va.bank_code)!, va.is_open, now);
			if (!checked.ok) return reply(checked.code);
			if (partnerTrxIdTaken(body.partner_trx_id, va)) return reply(VA_CODES.duplicatePartnerTrxId);
			const settings = checked.value;
			if (settings.deactivate) {
				va.deactivated = true;
				va.expiration = 0;
				va.trx_expiration = 0;
				return reply(VA_CODES.success, staticVaView(va, now, true));
			}
			applyUpdate(va, body);
			va.is_single_use = settings.is_single_use;
			va.is_lifetime = settings.is_lifetime;
			va.expiration = settings.expiration;
			va.trx_expiration = settings.trx_expiration;
			va.trx_counter = settings.trx_counter;
			return reply(VA_CODES.success, staticVaView(va, now, true));
		};

		const listStatic = (request: SandboxRequest): Answer => {
			const page = pageParameters(request.query);
			if (!page) return reply(VA_CODES.invalidFormat);
			const now = clock.now();
			const all = [...byId.values()];
			return {
				status: 200,
				body: {
					total: all.length,
					data: all.slice(page.offset, page.offset + page.limit).map((va) => vaInfoView(va, now)),
					status: status(...VA_CODES.success),
				},
			};
		};

		const history = (request: SandboxRequest): Answer => {
			const va = find(request);
			if (!va) return reply(VA_CODES.idEmpty);
			const page = pageParameters(request.query);
			if (!page) return reply(VA_CODES.invalidFormat);
			const since = clock.now() - HISTORY_RETENTION_MS;
			const recent = va.payments.filter((payment) => payment.created >= since);
			return {
				status: 200,
				body: {
					id: va.id,
					status: status(...VA_CODES.success),
					data: recent
						.slice(page.offset, page.offset + page.limit)
						.map((payment) => paymentView(va, payment, context.config.username)),
					number_of_transaction: recent.length,
					total_incoming_payment: recent.reduce((sum, payment) => sum + payment.amount, 0),
				},
			};
		};

		const createCustom = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			const now = clock.now();
			const checked = checkCreateCustom(body, now);
			if (!checked.ok) return reply(checked.code);
			const settings = checked.value;
			if (partnerTrxIdTaken(body.partner_trx_id)) return reply(VA_CODES.duplicatePartnerTrxId);
			// Bank prefix (4) + partner digits (2) + suffix (10-12) fits the 18-digit numbers of the docs' examples untrimmed.
			const vaNumber = `${settings.bank.prefix}${PARTNER_DIGITS.slice(0, 2)}${settings.suffix}`;
			const existing = byNumber.get(vaNumber);
			if (existing && !isFinal(vaStatus(existing, now))) return reply(VA_CODES.stillActive);
			const va = open(body, now, {
				kind: 'custom',
				va_number: vaNumber,
				amount: settings.amount,
				is_open: settings.is_open,
				is_single_use: false,
				is_lifetime: true,
				expiration: NEVER,
				trx_expiration: settings.trx_expiration,
				trx_counter: -1,
			});
			return reply(VA_CODES.success, customVaView(va, now));
		};

		const updateCustom = (request: SandboxRequest): Answer => {
			const now = clock.now();
			const va = updatable(request, 'custom', now);
			if (!('id' in va)) return va;
			const body = request.body ?? {};
			const checked = checkUpdateCustom(body, VA_BANKS.get(va.bank_code)!, va.is_open, now);
			if (!checked.ok) return reply(checked.code);
			if (partnerTrxIdTaken(body.partner_trx_id, va)) return reply(VA_CODES.duplicatePartnerTrxId);
			applyUpdate(va, body);
			if (checked.value.trx_expiration !== undefined)
				va.trx_expiration = checked.value.trx_expiration;
			return reply(VA_CODES.success, customVaView(va, now));
		};

		const deleteCustom = (request: SandboxRequest): Answer => {
			const va = find(request, 'custom');
			if (!va) return reply(VA_CODES.idEmpty);
			if (va.deactivated) return reply(VA_CODES.updateFailed);
			va.deactivated = true;
			return reply(VA_CODES.success);
		};

		/** A payer pays into a VA: the control endpoint behind `POST /__sandbox/virtual-account/payments`. */
		const pay = (request: SandboxRequest): Answer => {
			const body = requireBody(request);
			const va = typeof body.va_number === 'string' ? byNumber.get(body.va_number) : undefined;
			if (!va) throw new ControlError(`no VA with va_number "${String(body.va_number)}"`);
			const now = clock.now();
			const current = vaStatus(va, now);
			if (current !== 'WAITING_PAYMENT')
				throw new ControlError(`the VA cannot take payments: its status is ${current}`);
			const amount = body.amount ?? (va.is_open ? undefined : va.amount);
			if (typeof amount !== 'number' || !(amount > 0))
				throw new ControlError('"amount" must be a positive number');
			if (!va.is_open && amount !== va.amount)
				throw new ControlError(`a closed VA takes exactly ${va.amount}`);
			const payment: VaPayment = {
				id: context.newId(),
				amount,
				admin_fee: settings.admin_fee,
				partner_trx_id: va.partner_trx_id ?? '',
				created: now,
				settlement_time: settlementTime(now),
			};
			va.payments.push(payment);
			va.counter_incoming_payment++;
			va.amount_detected += amount;
			if (va.trx_counter > 0) va.trx_counter--;
			if (va.is_single_use) va.completed = true;
			// Funds received through a VA reach the balance in real time (OY product guide, FAQs).
			ledger.credit(undefined, amount - settings.admin_fee);
			// Transaction Detail covers single-use VAs only (OY API docs: Transaction Detail › Get Transaction Detail › product types).
			if (va.is_single_use) {
				context.transactions.publish({
					product_type: 'VA_AGGREGATOR',
					partner_tx_id: payment.partner_trx_id,
					direction: 'in',
					transfer_amount: payment.amount,
					admin_fee: payment.admin_fee,
					settles_at: payment.settlement_time,
				});
			}
			const delivery = callbacks.send(VIRTUAL_ACCOUNT, paymentCallback(va, payment));
			return { status: 200, body: { payment, va: vaInfoView(va, now), callback_id: delivery.id } };
		};

		/** Seeded VAs go through Create VA, so they obey the same rules. */
		const seedOne = (entry: Record<string, unknown>) => {
			const answer = createStatic({ body: entry } as SandboxRequest);
			const outcome = (answer.body as { status: { code: string; message: string } }).status;
			if (outcome.code !== '000')
				throw new ControlError(`seeded VA refused: ${outcome.message} (${JSON.stringify(entry)})`);
		};

		return {
			routes: [
				{ method: 'POST', path: '/api/generate-static-va', handle: createStatic },
				{ method: 'GET', path: '/api/static-virtual-account/{id}', handle: getInfo },
				{ method: 'PUT', path: '/api/static-virtual-account/{id}', handle: updateStatic },
				{ method: 'GET', path: '/api/static-virtual-account', handle: listStatic },
				{ method: 'GET', path: '/api/va-tx-history/{id}', handle: history },
				{ method: 'POST', path: '/api/custom-va', handle: createCustom },
				{ method: 'PUT', path: '/api/custom-va/{id}', handle: updateCustom },
				{ method: 'DELETE', path: '/api/custom-va/{id}', handle: deleteCustom },
			],
			control: [
				{ method: 'POST', path: '/payments', handle: pay },
				...settingsRoutes(
					DEFAULT_SETTINGS,
					() => settings,
					(next) => {
						settings = next;
					},
				),
			],
			refuse: refuseWith({
				'unknown-user': status('201', 'Request is Rejected (User ID is not found)'),
				'wrong-key': status('208', 'Request is Rejected (API key is not valid)'),
				'malformed-body': status(...VA_CODES.invalidFormat),
				'too-many-requests': status(
					'429',
					'Request Rejected (Too Many Request to specific endpoint)',
				),
			}),
			seed(section) {
				if (!Array.isArray(section))
					throw new ControlError(
						'seed section "virtual-account" must be an array of Create VA bodies',
					);
				for (const entry of section) seedOne(entry);
				return section.length;
			},
			generate(spec) {
				const count = spec.accounts ?? 0;
				const first = byId.size;
				const banks = [...VA_BANKS.keys()].filter((code) => !VA_BANKS.get(code)!.needsEmailAndName);
				for (let i = 0; i < count; i++) {
					const bankCode = banks[i % banks.length];
					const closedOnly = VA_BANKS.get(bankCode)!.closedAmountOnly;
					seedOne({
						partner_user_id: `GEN-USER-${first + i + 1}`,
						bank_code: bankCode,
						is_open: !closedOnly,
						amount: closedOnly ? 10_000 + (i % 50) * 5_000 : 0,
						is_lifetime: VA_BANKS.get(bankCode)!.lifetimeSupported && i % 3 === 0,
						expiration_time: 60 * 24 * (1 + (i % 30)),
						partner_trx_id: `GEN-VA-TRX-${first + i + 1}`,
					});
				}
				return count;
			},
			snapshot: () => ({
				admin_fee: settings.admin_fee,
				virtual_accounts: [...byId.values()].map((va) => vaInfoView(va, clock.now())),
			}),
			reset() {
				byId.clear();
				byNumber.clear();
				byPartnerTrxId.clear();
				byUserAndBank.clear();
				sequence = 0;
				settings = { ...DEFAULT_SETTINGS };
			},
		};
	},
};
