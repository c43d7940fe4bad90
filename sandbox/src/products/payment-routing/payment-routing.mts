/**
 * Payment Routing (OY API docs: Payment Routing): create, deactivate (QRIS API-only) and check status, with
 * the partner callback in every documented structure, the delayed-settlement double callback and
 * the staging mock recipients. Control endpoints play the payer; the payouts to the recipients
 * are paid from what the payer sent, never from the partner's own balance.
 */
import { ControlError, requireBody } from '../../core/control-routes.mjs';
import { DAY_MS, startOfWibDay } from '../../core/formats.mjs';
import type { Answer, ProductDefinition, RefusalReason, SandboxRequest } from '../product.mjs';
import { linkedAccountsOf } from '../account-linking/linked-accounts.mjs';
import { statusAnswer } from '../shared/status-envelope.mjs';
import { isNonEmptyString, isTrue } from '../shared/validation.mjs';
import { checkCreateRouting, type RoutingRequest } from './routing-requests.mjs';
import {
	callbackView,
	concludedState,
	createdView,
	isUnpaid,
	routingStatus,
	statusView,
	type Recipient,
	type RoutingTransaction,
} from './routing-model.mjs';
import {
	isPayoutFailed,
	isPayoutUnsettled,
	MOCK_RECIPIENT_OUTCOMES,
	PAYOUT_OUTCOMES,
	ROUTING_CODES,
	SOF_WITH_FRONTEND,
	type PaymentMethod,
	type PayoutStatus,
	type RoutingCode,
} from './routing-rules.mjs';

export const PAYMENT_ROUTING = 'payment-routing';
const DEFAULT_PROCESSING_MS = 1000;
/** The account OY! asks BCA unique-code payers to transfer to; the name is the one in the docs' example. */
const UNIQUE_CODE_ACCOUNT = { number: '8000000014', name: 'PT. Dompet Harapan Bangsa' };
/** Non-realtime money settles at 15:00 UTC+7 the next day, as the delayed-settlement example reads (OY API docs: Payment Routing › Partner Callback Payment Routing › delayed settlement). */
const SETTLEMENT_MINUTE_OF_DAY = 15 * 60;

interface RoutingSettings {
	admin_fee: number;
	settlement_type: 'realtime' | 'non_realtime';
	bca_unique_code: boolean;
}

const DEFAULT_SETTINGS: RoutingSettings = {
	admin_fee: 0,
	settlement_type: 'realtime',
	bca_unique_code: false,
};

const reply = ([code, message]: RoutingCode, fields: Record<string, unknown> = {}): Answer =>
	statusAnswer(code, message, fields);

function refuse(reason: RefusalReason, request: SandboxRequest): Answer {
	switch (reason) {
		case 'unknown-user':
		case 'wrong-key':
			// The only credential code of the table names deactivation; the sandbox answers it for every route.
			return request.method === 'DELETE'
				? reply(ROUTING_CODES.credentialsOnDeactivation)
				: reply(['254', 'Request is Rejected (User credential not found, blocked, or invalid)']);
		case 'malformed-body':
			return reply(ROUTING_CODES.generalError);
		case 'too-many-requests':
			return reply(ROUTING_CODES.tooManyRequests);
	}
}

export const paymentRoutingProduct: ProductDefinition = {
	name: PAYMENT_ROUTING,
	docsProduct: 'Payment Routing',
	create(context) {
		const { clock, ledger, scheduler, callbacks, bankAccounts, transactions } = context;
		const linkedAccounts = linkedAccountsOf(context);
		const byPartnerTrxId = new Map<string, RoutingTransaction>();
		const byTrxId = new Map<string, RoutingTransaction>();
		/** QRIS payment reference numbers, whole and as OVO shortens them (first 12 characters). */
		const byReference = new Map<string, RoutingTransaction>();
		/** `partner_user_id|bank` → the reusable VA number of that user. */
		const reusableVas = new Map<string, string>();
		let settings = { ...DEFAULT_SETTINGS };
		let sequence = 0;
		let references = 0;

		const notify = (transaction: RoutingTransaction) =>
			callbacks.send(PAYMENT_ROUTING, callbackView(transaction, clock.now()));

		const vaNumber = (request: RoutingRequest): string => {
			const key = request.partner_user_id
				? `${request.partner_user_id}|${request.sofs[0]}`
				: undefined;
			const existing = key && reusableVas.get(key);
			if (existing) return existing;
			const number = `${request.sofs[0]}8000${String(sequence).padStart(11, '0')}`;
			if (key) reusableVas.set(key, number);
			return number;
		};

		const register = (request: RoutingRequest): RoutingTransaction => {
			const now = clock.now();
			const trxId = context.newId();
			sequence++;
			const route = request.route;
			const transaction: RoutingTransaction = {
				...request,
				// "Will automatically be generated if left empty on VA payment method with need_frontend: false."
				partner_user_id:
					route === 'va'
						? (request.partner_user_id ?? `USR-${trxId.slice(0, 8)}`)
						: request.partner_user_id,
				trx_id: trxId,
				partner_trx_id: request.partner_trx_id ?? trxId,
				recipients: request.recipients.map((recipient) => ({
					...recipient,
					recipient_account_name: bankAccounts.lookup(
						recipient.recipient_bank,
						recipient.recipient_account,
					).account_name,
					disbursement_trx_id: context.newId(),
					status: 'WAITING',
				})),
				state: route === 'payment-link' ? 'CREATED' : 'WAITING_PAYMENT',
				pay_url: `${context.baseUrl()}/__sandbox/${PAYMENT_ROUTING}/transactions/${trxId}`,
				created: now,
				updated: now,
			};
			if (route === 'va') {
				transaction.account_number = vaNumber(request);
				transaction.account_name = request.va_display_name ?? context.config.username;
			} else if (route === 'unique-code') {
				transaction.account_number = UNIQUE_CODE_ACCOUNT.number;
				transaction.account_name = UNIQUE_CODE_ACCOUNT.name;
				transaction.unique_code = 100 + (sequence % 900);
			}
			byPartnerTrxId.set(transaction.partner_trx_id, transaction);
			byTrxId.set(trxId, transaction);
			return transaction;
		};

		const createTransaction = (request: SandboxRequest): Answer => {
			const now = clock.now();
			const checked = checkCreateRouting(request.body ?? {}, {
				now,
				bcaUniqueCode: settings.bca_unique_code,
				isLinked: (user, channel) => linkedAccounts.linked(user, channel, now) !== undefined,
			});
			if (!checked.ok) return reply(checked.code);
			const partnerTrxId = checked.value.partner_trx_id;
			// The heading promises updates through this endpoint, but no rule says how: an id is never reused (203).
			if (partnerTrxId && byPartnerTrxId.has(partnerTrxId)) return reply(ROUTING_CODES.duplicate);
			return reply(ROUTING_CODES.success, createdView(register(checked.value)));
		};

		const find = (request: SandboxRequest): RoutingTransaction | undefined => {
			const body = request.body ?? {};
			if (isNonEmptyString(body.partner_trx_id)) return byPartnerTrxId.get(body.partner_trx_id);
			if (isNonEmptyString(body.payment_reference_number))
				return byReference.get(body.payment_reference_number);
			return undefined;
		};

		const checkStatus = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			const sendCallback = body.send_callback;
			const validCallbackFlag =
				sendCallback === undefined ||
				sendCallback === null ||
				typeof sendCallback === 'boolean' ||
				sendCallback === 'true' ||
				sendCallback === 'false';
			if (
				(!isNonEmptyString(body.partner_trx_id) &&
					!isNonEmptyString(body.payment_reference_number)) ||
				!validCallbackFlag
			) {
				return reply([
					'400',
					'Request is rejected (partner_trx_id or payment_reference_number is required)',
				]);
			}
			const transaction = find(request);
			if (!transaction) return reply(['204', 'Request is Rejected (Partner Trx ID not found)']);
			if (isTrue(sendCallback)) notify(transaction);
			return reply(ROUTING_CODES.success, statusView(transaction, clock.now()));
		};

		const deactivate = (request: SandboxRequest): Answer => {
			const transaction = byPartnerTrxId.get(request.params.partnerTrxId);
			if (!transaction) return reply(ROUTING_CODES.notFoundOnDeactivation);
			const now = clock.now();
			const deactivatable =
				transaction.route === 'qris' &&
				isUnpaid(transaction) &&
				routingStatus(transaction, now) !== 'EXPIRED';
			if (!deactivatable) return reply(ROUTING_CODES.deactivationFailed);
			transaction.state = 'DEACTIVATED';
			transaction.updated = now;
			return reply(ROUTING_CODES.success);
		};

		/** What the partner keeps: the payment less the fee and the payouts that did not fail. */
		const partnerShare = (transaction: RoutingTransaction): number =>
			transaction.receive_amount -
			transaction.payment!.admin_fee -
			transaction.recipients.reduce(
				(sum, recipient) =>
					sum + (isPayoutFailed(recipient.status) ? 0 : recipient.recipient_amount),
				0,
			);

		const settle = (transaction: RoutingTransaction) => {
			const payment = transaction.payment!;
			if (payment.settled) return;
			payment.settled = true;
			ledger.credit(undefined, partnerShare(transaction));
		};

		const concludePayouts = (
			transaction: RoutingTransaction,
			outcomes: Map<Recipient, PayoutStatus>,
		) => {
			const now = clock.now();
			for (const [recipient, outcome] of outcomes) {
				recipient.status = outcome;
				// A failed payout leaves its money with the partner; before settlement the share already counts it.
				if (isPayoutFailed(outcome) && transaction.payment!.settled)
					ledger.credit(undefined, recipient.recipient_amount);
			}
			const state = concludedState(transaction.recipients);
			if (state !== 'DISBURSE_IN_PROGRESS' && transaction.completed_at === undefined)
				transaction.completed_at = now;
			transaction.state = state;
			transaction.updated = now;
			notify(transaction);
		};

		const naturalOutcome = (recipient: Recipient): PayoutStatus => {
			const mocked = MOCK_RECIPIENT_OUTCOMES.get(recipient.recipient_account);
			if (mocked) return mocked;
			return bankAccounts.lookup(recipient.recipient_bank, recipient.recipient_account).state ===
				'active'
				? 'SUCCESS'
				: 'FAILED';
		};

		const startPayouts = (transaction: RoutingTransaction) => {
			for (const recipient of transaction.recipients) recipient.status = 'IN_PROGRESS';
			scheduler.after(context.processingDelay(PAYMENT_ROUTING, DEFAULT_PROCESSING_MS), () => {
				const due = transaction.recipients.filter(
					(recipient) => recipient.status === 'IN_PROGRESS',
				);
				if (due.length > 0)
					concludePayouts(
						transaction,
						new Map(due.map((recipient) => [recipient, naturalOutcome(recipient)])),
					);
			});
		};

		const receivePayment = (
			transaction: RoutingTransaction,
			method: string,
			sof: string,
			reference: string | undefined,
			settlementType: RoutingSettings['settlement_type'],
		) => {
			const now = clock.now();
			const settlesAt =
				settlementType === 'realtime'
					? now
					: startOfWibDay(now) + DAY_MS + SETTLEMENT_MINUTE_OF_DAY * 60_000;
			transaction.payment = {
				paid_at: now,
				method,
				sof,
				payment_reference_number: reference,
				admin_fee: settings.admin_fee,
				settlement_type: settlementType,
				settles_at: settlesAt,
				settled: false,
			};
			if (reference) {
				byReference.set(reference, transaction);
				byReference.set(reference.slice(0, 12), transaction);
			}
			transactions.publish({
				product_type: 'PAYMENT_ROUTING',
				partner_tx_id: transaction.partner_trx_id,
				direction: 'in',
				transfer_amount: transaction.receive_amount,
				admin_fee: settings.admin_fee,
				settles_at: settlesAt,
			});
			if (settlementType === 'realtime') settle(transaction);
			else
				scheduler.at(settlesAt, () => {
					settle(transaction);
					notify(transaction);
				});
			transaction.updated = now;
			if (transaction.recipients.length === 0) {
				transaction.state = 'COMPLETE';
				transaction.completed_at = now;
				notify(transaction);
				return;
			}
			transaction.state = 'DISBURSE_IN_PROGRESS';
			startPayouts(transaction);
		};

		const findForControl = (request: SandboxRequest): RoutingTransaction => {
			const id = request.params.id;
			const transaction = byTrxId.get(id) ?? byPartnerTrxId.get(id);
			if (!transaction) throw new ControlError(`no payment routing transaction "${id}"`);
			return transaction;
		};

		const requirePayable = (transaction: RoutingTransaction) => {
			const status = routingStatus(transaction, clock.now());
			if (status !== 'CREATED' && status !== 'WAITING_PAYMENT')
				throw new ControlError(`the transaction cannot be paid: its status is ${status}`);
		};

		/** The payer's method and SOF: fixed without frontend, chosen among the enabled ones on OY!'s page. */
		const payerChoice = (
			transaction: RoutingTransaction,
			body: Record<string, unknown>,
		): { method: string; sof: string } => {
			if (!transaction.need_frontend)
				return { method: transaction.methods[0], sof: transaction.sofs[0] };
			const method = (body.payment_method as string | undefined) ?? transaction.methods[0];
			if (!transaction.methods.includes(method as PaymentMethod))
				throw new ControlError(`payment_method must be one of ${transaction.methods.join(', ')}`);
			const sofs = transaction.sofs.filter((sof) =>
				SOF_WITH_FRONTEND[method as PaymentMethod].includes(sof),
			);
			const sof = (body.sender_bank as string | undefined) ?? sofs[0];
			if (!sofs.includes(sof))
				throw new ControlError(`sender_bank must be one of ${sofs.join(', ')}`);
			return { method, sof };
		};

		const pay = (request: SandboxRequest): Answer => {
			const transaction = findForControl(request);
			requirePayable(transaction);
			const body = request.body ?? {};
			const { method, sof } = payerChoice(transaction, body);
			const settlementType = body.settlement_type ?? settings.settlement_type;
			if (settlementType !== 'realtime' && settlementType !== 'non_realtime')
				throw new ControlError('"settlement_type" must be "realtime" or "non_realtime"');
			if (transaction.use_linked_account) {
				// Direct Payment spends the linked ShopeePay balance; short of it, ShopeePay answers result=201.
				const account = linkedAccounts.linked(transaction.partner_user_id!, sof, clock.now());
				if (!account || account.balance < transaction.receive_amount) {
					transaction.state = 'PAYMENT_FAILED';
					transaction.updated = clock.now();
					return { status: 200, body: statusView(transaction, clock.now()) };
				}
				account.balance -= transaction.receive_amount;
			}
			// 18 digits like the docs' example, distinct in their first 12 (OVO's shortened form).
			const reference =
				method === 'QRIS'
					? ((body.payment_reference_number as string | undefined) ??
						`${100_000 + ++references}030342784191`)
					: undefined;
			receivePayment(transaction, method, sof, reference, settlementType);
			return { status: 200, body: statusView(transaction, clock.now()) };
		};

		const payerAction = (request: SandboxRequest, action: 'select-method' | 'fail'): Answer => {
			const transaction = findForControl(request);
			requirePayable(transaction);
			const { method } = payerChoice(transaction, request.body ?? {});
			if (action === 'select-method') {
				if (!transaction.need_frontend)
					throw new ControlError(
						'only a payment link (need_frontend: true) has a method to select',
					);
				transaction.state = 'WAITING_PAYMENT';
			} else {
				if (method !== 'EWALLET')
					throw new ControlError(
						'only an e-wallet payment can fail (PAYMENT_FAILED is "currently for EWALLET only")',
					);
				transaction.state = 'PAYMENT_FAILED';
			}
			transaction.updated = clock.now();
			return { status: 200, body: statusView(transaction, clock.now()) };
		};

		const settlePayout = (request: SandboxRequest): Answer => {
			const transaction = findForControl(request);
			const recipient = transaction.recipients.find(
				(candidate) => candidate.disbursement_trx_id === request.params.disbursement_trx_id,
			);
			if (!recipient)
				throw new ControlError(
					`no payout "${request.params.disbursement_trx_id}" in this transaction`,
				);
			if (!isPayoutUnsettled(recipient.status))
				throw new ControlError(`the payout cannot change: its status is ${recipient.status}`);
			const outcome = requireBody(request).status as PayoutStatus;
			if (!PAYOUT_OUTCOMES.includes(outcome))
				throw new ControlError(`"status" must be one of ${PAYOUT_OUTCOMES.join(', ')}`);
			concludePayouts(transaction, new Map([[recipient, outcome]]));
			return { status: 200, body: statusView(transaction, clock.now()) };
		};

		const updateSettings = (request: SandboxRequest): Answer => {
			const body = requireBody(request);
			const next = { ...settings, ...body } as RoutingSettings;
			if (typeof next.admin_fee !== 'number' || !(next.admin_fee >= 0))
				throw new ControlError('"admin_fee" must be a non-negative number');
			if (next.settlement_type !== 'realtime' && next.settlement_type !== 'non_realtime')
				throw new ControlError('"settlement_type" must be "realtime" or "non_realtime"');
			if (typeof next.bca_unique_code !== 'boolean')
				throw new ControlError('"bca_unique_code" must be a boolean');
			settings = {
				admin_fee: next.admin_fee,
				settlement_type: next.settlement_type,
				bca_unique_code: next.bca_unique_code,
			};
			return { status: 200, body: settings };
		};

		const view = (transaction: RoutingTransaction) => ({
			...transaction,
			payment_status: routingStatus(transaction, clock.now()),
		});

		return {
			routes: [
				{
					method: 'POST',
					path: '/api/payment-routing/create-transaction',
					handle: createTransaction,
				},
				{ method: 'POST', path: '/api/payment-routing/check-status', handle: checkStatus },
				{ method: 'DELETE', path: '/api/payment-routing/{partnerTrxId}', handle: deactivate },
			],
			control: [
				// The URL handed out as payment_checkout_url / qris_url / ewallet_url / cards_url.
				{
					method: 'GET',
					path: '/transactions/{id}',
					handle: (request) => ({ status: 200, body: view(findForControl(request)) }),
				},
				{
					method: 'POST',
					path: '/transactions/{id}/select-method',
					handle: (request) => payerAction(request, 'select-method'),
				},
				{ method: 'POST', path: '/transactions/{id}/pay', handle: pay },
				{
					method: 'POST',
					path: '/transactions/{id}/fail',
					handle: (request) => payerAction(request, 'fail'),
				},
				{
					method: 'POST',
					path: '/transactions/{id}/payouts/{disbursement_trx_id}/settle',
					handle: settlePayout,
				},
				{ method: 'PUT', path: '/settings', handle: updateSettings },
			],
			refuse,
			seed(section) {
				if (!Array.isArray(section))
					throw new ControlError(
						'seed section "payment-routing" must be an array of Create Payment Routing bodies',
					);
				for (const body of section) {
					const answer = createTransaction({ body } as SandboxRequest).body as {
						status: { code: string; message: string };
					};
					if (answer.status.code !== '000')
						throw new ControlError(`seeded transaction refused: ${answer.status.message}`);
				}
				return section.length;
			},
			snapshot: () => ({ settings, transactions: [...byTrxId.values()].map(view) }),
			reset() {
				byPartnerTrxId.clear();
				byTrxId.clear();
				byReference.clear();
				reusableVas.clear();
				settings = { ...DEFAULT_SETTINGS };
				sequence = 0;
				references = 0;
			},
		};
	},
};
