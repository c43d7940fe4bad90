/**
 * Payment Checkout (Fund Acceptance, OY API docs: Fund Acceptance): payment links and invoice links, their
 * status (optionally re-sending the callback), get and delete, and the callback. Control endpoints
 * play the payer: pick a method, pay, or fail.
 */
import { ControlError } from '../../core/control-routes.mjs';
import type { Answer, ProductDefinition, RefusalReason, SandboxRequest } from '../product.mjs';
import { settingsRoutes } from '../shared/settings-control.mjs';
import { isTrue } from '../shared/validation.mjs';
import {
	callbackView,
	dataView,
	linkStatus,
	statusView,
	type LinkState,
	type PaymentLink,
} from './link-model.mjs';
import { checkLink } from './link-requests.mjs';

export const PAYMENT_CHECKOUT = 'payment-checkout';

/** Failure messages of the Delete and Get tables (OY API docs: Payment Checkout › Delete Payment / Invoice Link › messages, Payment Checkout › Get Payment / Invoice Link Data › failure messages). */
const MESSAGES = {
	notFound: 'The payment_link_id or partner_trx_id cannot be found in our system',
	invalidId: 'The payment_link_id or partner_trx_id is null or invalid',
	usernameNotFound: 'Username is not found',
	invalidApiKey: 'Invalid API Key',
	notDeletable: 'Cannot delete payment link status other than CREATED/INITIATIED',
};

const PAYMENT_METHODS = new Set(['VA', 'CC', 'QRIS', 'EWALLET', 'BANK_TRANSFER']);

/**
 * `status_envelope`: Get Payment Status answers `{success, error, data, reason, status_code}`, the
 * shape two OY! clients read (nadhirfr/oy-go `CheckoutGet`, AMETORY/ametory-erp-modules
 * `OyPaymentResponse`), instead of the bare record of the docs (OY API docs: Payment Checkout › Get Payment Status).
 */
const DEFAULT_SETTINGS = { status_envelope: false };

const failure = (message: string, httpStatus = 200): Answer => ({
	status: httpStatus,
	body: { status: false, message },
});

/** Refusals answer the product's `{status: false, message}` with HTTP 403, the family's "forbidden" (OY API docs: Fund Acceptance HTTP status codes). */
function refuse(reason: RefusalReason): Answer {
	switch (reason) {
		case 'unknown-user':
			return failure(MESSAGES.usernameNotFound, 403);
		case 'wrong-key':
			return failure(MESSAGES.invalidApiKey, 403);
		case 'malformed-body':
			return failure('Request body is not valid JSON');
		case 'too-many-requests':
			return failure('Too Many Request');
	}
}

export const paymentCheckoutProduct: ProductDefinition = {
	name: PAYMENT_CHECKOUT,
	docsProduct: 'Payment Checkout',
	create(context) {
		const { clock, ledger, callbacks } = context;
		const byId = new Map<string, PaymentLink>();
		const byPartnerTxId = new Map<string, PaymentLink>();
		let refSequence = 0;
		let settings = { ...DEFAULT_SETTINGS };

		const find = (idOrPartnerTxId: string) =>
			byId.get(idOrPartnerTxId) ?? byPartnerTxId.get(idOrPartnerTxId);

		const notify = (link: PaymentLink) =>
			callbacks.send(PAYMENT_CHECKOUT, callbackView(link, clock.now()));

		const create = (request: SandboxRequest, isInvoice: boolean): Answer => {
			const now = clock.now();
			const checked = checkLink(request.body ?? {}, now, isInvoice);
			if (!checked.ok) return failure(checked.message);
			const settings = checked.value;
			if (settings.child_balance && !ledger.hasChild(settings.child_balance)) {
				return failure(
					`child_balance ${settings.child_balance} is not a child account of this username`,
				);
			}
			const previous = settings.partner_tx_id
				? byPartnerTxId.get(settings.partner_tx_id)
				: undefined;
			// "A partner_tx_id that has been successfully paid cannot be used anymore"; an unpaid one is replaced.
			if (previous?.state === 'complete')
				return failure('partner_tx_id has been paid and cannot be used anymore');
			if (previous) previous.state = 'closed';
			const id = context.newId();
			const link: PaymentLink = {
				...settings,
				payment_link_id: id,
				partner_tx_id: settings.partner_tx_id ?? id.replaceAll('-', ''),
				state: 'created',
				payment_method: '',
				sender_bank: '',
				tx_ref_number: null,
				created: now,
				updated: now,
			};
			byId.set(id, link);
			byPartnerTxId.set(link.partner_tx_id, link);
			return {
				status: 200,
				body: {
					status: true,
					url: `${context.baseUrl()}/__sandbox/${PAYMENT_CHECKOUT}/${isInvoice ? 'invoice' : 'links'}/${id}`,
					message: 'success',
					email_status: 'PROCESSED',
					payment_link_id: id,
					...(link.child_balance ? { child_balance: link.child_balance } : {}),
				},
			};
		};

		const enveloped = (answer: Answer, statusCode: number): Answer => {
			if (!settings.status_envelope) return answer;
			if (statusCode === 200)
				return {
					status: 200,
					body: { success: true, error: null, data: answer.body, reason: null, status_code: 200 },
				};
			const message = (answer.body as { message: string }).message;
			return {
				status: statusCode,
				body: {
					success: false,
					error: message,
					data: null,
					reason: message,
					status_code: statusCode,
				},
			};
		};

		const paymentStatus = (request: SandboxRequest): Answer => {
			const key =
				request.query.get('partner_tx_id') || request.query.get('payment_reference_number');
			if (!key) return enveloped(failure(MESSAGES.invalidId), 400);
			const link =
				byPartnerTxId.get(key) ??
				[...byId.values()].find((candidate) => candidate.payment?.payment_reference_number === key);
			if (!link) return enveloped(failure(MESSAGES.notFound), 404);
			if (isTrue(request.query.get('send_callback'))) notify(link);
			return enveloped({ status: 200, body: statusView(link, clock.now()) }, 200);
		};

		const deleteLink = (request: SandboxRequest): Answer => {
			const link = find(request.params.id);
			if (!link) return failure(MESSAGES.notFound);
			if (linkStatus(link, clock.now()) !== 'created') return failure(MESSAGES.notDeletable);
			link.state = 'closed';
			link.updated = clock.now();
			return {
				status: 200,
				body: {
					status: true,
					message: 'success delete payment checkout data',
					...(link.child_balance ? { child_balance: link.child_balance } : {}),
				},
			};
		};

		const getLink = (request: SandboxRequest): Answer => {
			const link = find(request.params.id);
			if (!link) return failure(MESSAGES.notFound);
			return {
				status: 200,
				body: {
					data: dataView(link, clock.now(), context.config.username),
					message: 'return payment checkout data',
					status: true,
				},
			};
		};

		/** Control: the payer acts on a link. */
		const payerAction = (
			request: SandboxRequest,
			action: 'select-method' | 'pay' | 'fail',
		): Answer => {
			const link = find(request.params.id);
			if (!link) throw new ControlError(`no payment link "${request.params.id}"`);
			const body = request.body ?? {};
			const now = clock.now();
			const current = linkStatus(link, now);
			if (current === 'complete' || current === 'closed' || current === 'expired') {
				throw new ControlError(`the link cannot be paid: its status is ${current}`);
			}
			const method = (body.payment_method as string | undefined) ?? (link.payment_method || 'VA');
			if (!PAYMENT_METHODS.has(method))
				throw new ControlError(`payment_method must be one of ${[...PAYMENT_METHODS].join(', ')}`);
			link.payment_method = method;
			link.sender_bank =
				(body.sender_bank as string | undefined) ??
				(link.sender_bank || (method === 'VA' || method === 'BANK_TRANSFER' ? '008' : ''));
			link.updated = now;
			let state: LinkState =
				action === 'select-method' ? 'waiting_payment' : action === 'fail' ? 'failed' : 'complete';
			if (action === 'pay') {
				const amount = body.amount ?? link.amount;
				if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0)
					throw new ControlError('"amount" must be a positive integer');
				if (!link.is_open && amount !== link.amount)
					throw new ControlError(`a closed link takes exactly ${link.amount}`);
				if (link.is_open && amount > link.amount)
					throw new ControlError(`an open link takes at most ${link.amount}`);
				const adminFee = link.include_admin_fee ? Number(body.admin_fee ?? 0) : 0;
				link.tx_ref_number = `SBX${String(++refSequence).padStart(9, '0')}`;
				link.payment = {
					payment_method: method,
					sender_bank: link.sender_bank,
					paid_amount: amount + adminFee,
					sender_phone: body.sender_phone as string | undefined,
					sender_note: body.sender_note as string | undefined,
					payment_reference_number: method === 'QRIS' ? link.tx_ref_number : '',
					received_at: now,
				};
				// Payments reach the (child's) balance in real time (OY product guide, FAQs).
				ledger.credit(link.child_balance, amount);
				context.transactions.publish({
					product_type: 'PAYMENT_LINK',
					partner_tx_id: link.partner_tx_id,
					direction: 'in',
					transfer_amount: amount,
					admin_fee: adminFee,
					settles_at: now,
				});
				state = 'complete';
			}
			link.state = state;
			if (state !== 'waiting_payment') notify(link);
			return { status: 200, body: callbackView(link, now) };
		};

		const controlRoutes = (['select-method', 'pay', 'fail'] as const).map((action) => ({
			method: 'POST' as const,
			path: `/links/{id}/${action}`,
			handle: (request: SandboxRequest) => payerAction(request, action),
		}));

		return {
			routes: [
				{
					method: 'POST',
					path: '/api/payment-checkout/create-v2',
					handle: (request) => create(request, false),
				},
				{
					method: 'POST',
					path: '/api/payment-checkout/create-invoice',
					handle: (request) => create(request, true),
				},
				{ method: 'GET', path: '/api/payment-checkout/status', handle: paymentStatus },
				{ method: 'DELETE', path: '/api/payment-checkout/{id}', handle: deleteLink },
				{ method: 'GET', path: '/api/payment-checkout/{id}', handle: getLink },
			],
			control: [
				...controlRoutes,
				...settingsRoutes(
					DEFAULT_SETTINGS,
					() => settings,
					(next) => {
						settings = next;
					},
				),
				// The `url` handed out for a link: the sandbox's stand-in for OY!'s hosted page.
				{ method: 'GET', path: '/links/{id}', handle: (request) => viewLink(request) },
				{ method: 'GET', path: '/invoice/{id}', handle: (request) => viewLink(request) },
			],
			refuse,
			seed(section) {
				if (!Array.isArray(section))
					throw new ControlError(
						'seed section "payment-checkout" must be an array of Create Payment Link bodies',
					);
				for (const entry of section) {
					const { is_invoice: isInvoice, ...body } = entry as Record<string, unknown>;
					const answer = create({ body } as SandboxRequest, isInvoice === true);
					const result = answer.body as { status: boolean; message: string };
					if (!result.status) throw new ControlError(`seeded link refused: ${result.message}`);
				}
				return section.length;
			},
			snapshot: () => ({
				links: [...byId.values()].map((link) => ({
					...link,
					status: linkStatus(link, clock.now()),
				})),
			}),
			reset() {
				byId.clear();
				byPartnerTxId.clear();
				refSequence = 0;
				settings = { ...DEFAULT_SETTINGS };
			},
		};

		function viewLink(request: SandboxRequest): Answer {
			const link = find(request.params.id);
			if (!link) throw new ControlError(`no payment link "${request.params.id}"`);
			return {
				status: 200,
				body: {
					...link,
					status: linkStatus(link, clock.now()),
					pay_with: `POST ${request.path.replace(/\/(links|invoice)\//, '/links/')}/pay`,
				},
			};
		}
	},
};
