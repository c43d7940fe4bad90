/**
 * API Account Linking (e-wallet, OY API docs: API Account Linking): get a linking URL, unlink (ShopeePay), read
 * the linked e-wallet's balance, and the linking callback (successful linkings only) with the
 * browser redirect. A control endpoint plays the user finishing (or failing) on the linking page.
 */
import { ControlError, requireBody } from '../../core/control-routes.mjs';
import { vaCallbackTime } from '../../core/formats.mjs';
import type { Answer, ProductDefinition, RefusalReason, SandboxRequest } from '../product.mjs';
import { isNonEmptyString } from '../shared/validation.mjs';
import {
	isLinked,
	LINKABLE_CHANNELS,
	linkedAccountsOf,
	type LinkableChannel,
	type LinkedAccount,
} from './linked-accounts.mjs';

export const ACCOUNT_LINKING = 'account-linking';
/** How long a linking lasts; the docs show an expiration_time but no rule. */
const LINK_VALIDITY_MS = 365 * 86_400_000;
const DEFAULT_E_WALLET_BALANCE = 150_000;
const PHONE_NUMBER = /^08\d{8,12}$/;

type Failure = readonly [code: number, message: string];

/** "Response Codes" (OY API docs: API Account Linking response codes), worded as the table quotes them. */
const FAILURES = {
	userNotFound: [201, 'User not found'],
	wrongKey: [208, 'API Key is not valid'],
	invalidParameter: [290, 'Parameter / object is not valid'],
	unsupportedChannel: [400, 'Unsupported e-wallet type for tokenization'],
	phoneLinked: [400, 'Phone number is linked'],
	notLinked: [400, 'User account is not linked'],
	tooManyRequests: [429, 'Too Many Request'],
} as const satisfies Record<string, Failure>;

/** Linking and unlinking answer `{success, error, data, reason, status_code}`, with no status object. */
const linkingFailure = ([code, message]: Failure): Answer => ({
	status: 200,
	body: {
		success: false,
		error: { code: String(code), message },
		data: null,
		reason: message,
		status_code: code,
	},
});

const linkingSuccess = (data: Record<string, unknown>): Answer => ({
	status: 200,
	body: { success: true, error: null, data, reason: null, status_code: 200 },
});

/** Get E-Wallet Account Balance answers a flat object with a status object (OY API docs: API Account Linking › Get E-Wallet Account Balance). */
const balanceAnswer = (
	[code, message]: readonly [string, string],
	body: Record<string, unknown>,
	amount: number | null,
): Answer => ({
	status: 200,
	body: {
		status: { code, message },
		partner_user_id: body.partner_user_id ?? null,
		channel_code: body.channel_code ?? null,
		amount,
	},
});

const REFUSAL_FAILURES: Record<RefusalReason, Failure> = {
	'unknown-user': FAILURES.userNotFound,
	'wrong-key': FAILURES.wrongKey,
	'malformed-body': FAILURES.invalidParameter,
	'too-many-requests': FAILURES.tooManyRequests,
};

function refuse(reason: RefusalReason, request: SandboxRequest): Answer {
	const [code, message] = REFUSAL_FAILURES[reason];
	if (request.path === '/api/account/balance')
		return balanceAnswer([String(code), message], request.body ?? {}, null);
	return linkingFailure(REFUSAL_FAILURES[reason]);
}

function isLinkableChannel(value: unknown): value is LinkableChannel {
	return (LINKABLE_CHANNELS as readonly unknown[]).includes(value);
}

export const accountLinkingProduct: ProductDefinition = {
	name: ACCOUNT_LINKING,
	docsProduct: 'API Account Linking',
	create(context) {
		const { clock, callbacks } = context;
		const accounts = linkedAccountsOf(context);
		/** The partner's redirect URL, set with OY! out of band (the request has no field for it). */
		let redirectUrl: string | null = null;

		const getLinkingUrl = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			const {
				partner_user_id: user,
				phone_number: phone,
				payment_method: method,
				channel_code: channel,
			} = body;
			const wellFormed =
				isNonEmptyString(user) &&
				typeof phone === 'string' &&
				PHONE_NUMBER.test(phone) &&
				method === 'EWALLET' &&
				isNonEmptyString(channel);
			if (!wellFormed) return linkingFailure(FAILURES.invalidParameter);
			if (!isLinkableChannel(channel)) return linkingFailure(FAILURES.unsupportedChannel);
			const now = clock.now();
			if (accounts.holderOf(phone, channel, now) || accounts.linked(user, channel, now))
				return linkingFailure(FAILURES.phoneLinked);
			const account: LinkedAccount = {
				linking_id: context.newId(),
				partner_user_id: user,
				channel_code: channel,
				phone_number: phone,
				state: 'PENDING',
				balance: DEFAULT_E_WALLET_BALANCE,
				created: now,
			};
			accounts.add(account);
			return linkingSuccess({
				partner_user_id: user,
				payment_method: 'EWALLET',
				channel_code: channel,
				linking_url: `${context.baseUrl()}/__sandbox/${ACCOUNT_LINKING}/linkings/${account.linking_id}`,
			});
		};

		const unlink = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			if (
				!isNonEmptyString(body.partner_user_id) ||
				body.payment_method !== 'EWALLET' ||
				!isNonEmptyString(body.channel_code)
			) {
				return linkingFailure(FAILURES.invalidParameter);
			}
			// "Currently this feature support unlink user ShopeePay account."
			if (body.channel_code !== 'shopeepay_ewallet')
				return linkingFailure(FAILURES.unsupportedChannel);
			const account = accounts.linked(body.partner_user_id, body.channel_code, clock.now());
			if (!account) return linkingFailure(FAILURES.notLinked);
			accounts.setState(account, 'UNLINKED');
			return linkingSuccess({
				partner_user_id: account.partner_user_id,
				payment_method: 'EWALLET',
				channel_code: account.channel_code,
				status: 'UNLINKED',
			});
		};

		const eWalletBalance = (request: SandboxRequest): Answer => {
			const body = request.body ?? {};
			if (!isNonEmptyString(body.partner_user_id) || !isNonEmptyString(body.channel_code)) {
				return balanceAnswer(['290', FAILURES.invalidParameter[1]], body, null);
			}
			if (!isLinkableChannel(body.channel_code))
				return balanceAnswer(['400', FAILURES.unsupportedChannel[1]], body, null);
			const account = accounts.linked(body.partner_user_id, body.channel_code, clock.now());
			if (!account) return balanceAnswer(['400', FAILURES.notLinked[1]], body, null);
			return balanceAnswer(['000', 'Success'], body, account.balance);
		};

		const findLinking = (request: SandboxRequest): LinkedAccount => {
			const account = accounts.byId(request.params.linking_id);
			if (!account) throw new ControlError(`no linking "${request.params.linking_id}"`);
			return account;
		};

		const redirectTo = (account: LinkedAccount, result: 'SUCCESS' | 'FAILED') => {
			if (!redirectUrl) return null;
			const url = new URL(redirectUrl);
			url.searchParams.set('result', result);
			url.searchParams.set('partnerUserId', account.partner_user_id);
			url.searchParams.set('channelCode', account.channel_code);
			url.searchParams.set('paymentMethod', 'EWALLET');
			return url.toString();
		};

		/** Control: the user finishes on the linking page. Only a success is called back (OY API docs: API Account Linking › Account linking result callback and redirect › send callback condition). */
		const complete = (request: SandboxRequest): Answer => {
			const account = findLinking(request);
			if (account.state !== 'PENDING')
				throw new ControlError(`the linking is ${account.state}, not PENDING`);
			const body = request.body ?? {};
			const result = body.result ?? 'SUCCESS';
			if (result !== 'SUCCESS' && result !== 'FAILED')
				throw new ControlError('"result" must be SUCCESS or FAILED');
			if (body.balance !== undefined && !(typeof body.balance === 'number' && body.balance >= 0))
				throw new ControlError('"balance" must be a non-negative number');
			const now = clock.now();
			if (
				result === 'FAILED' ||
				accounts.holderOf(account.phone_number, account.channel_code, now)
			) {
				accounts.setState(account, 'FAILED');
				return {
					status: 200,
					body: { linking: account, redirect_to: redirectTo(account, 'FAILED') },
				};
			}
			if (typeof body.balance === 'number') account.balance = body.balance;
			accounts.setState(account, 'LINKED', now + LINK_VALIDITY_MS);
			callbacks.send(ACCOUNT_LINKING, {
				username: context.config.username,
				partner_user_id: account.partner_user_id,
				payment_method: 'EWALLET',
				channel_code: account.channel_code,
				phone_number: account.phone_number,
				status: 'LINKED',
				expiration_time: vaCallbackTime(account.expires_at!),
			});
			return {
				status: 200,
				body: { linking: account, redirect_to: redirectTo(account, 'SUCCESS') },
			};
		};

		return {
			routes: [
				{ method: 'POST', path: '/api/account/linking', handle: getLinkingUrl },
				{ method: 'POST', path: '/api/account/unlink', handle: unlink },
				{ method: 'POST', path: '/api/account/balance', handle: eWalletBalance },
			],
			control: [
				// The linking_url handed out: the sandbox's stand-in for the e-wallet's linking page.
				{
					method: 'GET',
					path: '/linkings/{linking_id}',
					handle: (request) => ({ status: 200, body: findLinking(request) }),
				},
				{ method: 'POST', path: '/linkings/{linking_id}/complete', handle: complete },
				{
					method: 'PUT',
					path: '/accounts/{partner_user_id}/{channel_code}',
					handle: (request) => {
						const account = accounts.latest(
							request.params.partner_user_id,
							request.params.channel_code,
						);
						if (!account || !isLinked(account, clock.now()))
							throw new ControlError('no linked account for this user and channel');
						const balance = requireBody(request).balance;
						if (typeof balance !== 'number' || balance < 0)
							throw new ControlError('"balance" must be a non-negative number');
						account.balance = balance;
						return { status: 200, body: account };
					},
				},
				{
					method: 'PUT',
					path: '/settings',
					handle: (request) => {
						const url = requireBody(request).redirect_url;
						if (url !== null && !(typeof url === 'string' && URL.canParse(url)))
							throw new ControlError('"redirect_url" must be an absolute URL or null');
						redirectUrl = url;
						return { status: 200, body: { redirect_url: redirectUrl } };
					},
				},
			],
			refuse,
			/** `[{ partner_user_id, channel_code, phone_number, balance? }]`: accounts already linked. */
			seed(section) {
				if (!Array.isArray(section))
					throw new ControlError(
						'seed section "account-linking" must be an array of linked accounts',
					);
				const now = clock.now();
				for (const entry of section as Record<string, unknown>[]) {
					const {
						partner_user_id: user,
						channel_code: channel,
						phone_number: phone,
						balance = DEFAULT_E_WALLET_BALANCE,
					} = entry ?? {};
					if (
						!isNonEmptyString(user) ||
						!isLinkableChannel(channel) ||
						typeof phone !== 'string' ||
						!PHONE_NUMBER.test(phone) ||
						typeof balance !== 'number'
					) {
						throw new ControlError(
							'each linked account needs partner_user_id, channel_code (dana_ewallet or shopeepay_ewallet), phone_number 08… and a numeric balance',
						);
					}
					const account: LinkedAccount = {
						linking_id: context.newId(),
						partner_user_id: user,
						channel_code: channel,
						phone_number: phone,
						state: 'PENDING',
						balance,
						created: now,
					};
					accounts.add(account);
					accounts.setState(account, 'LINKED', now + LINK_VALIDITY_MS);
				}
				return section.length;
			},
			snapshot: () => ({ redirect_url: redirectUrl, accounts: accounts.all() }),
			reset() {
				accounts.clear();
				redirectUrl = null;
			},
		};
	},
};
