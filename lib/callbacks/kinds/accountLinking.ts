import type { CodeTable } from '../../types';
import { byId, singleStatusCheck } from '../confirm';
import { defined, isoDate, readingOf, readState, text } from '../fields';
import type { CallbackDefinition } from '../types';

/** The linking states of the callback: only LINKED is documented (OY API docs: API Account Linking › Account linking result callback and redirect › send callback condition). */
export const ACCOUNT_LINKING_STATES: CodeTable = {
	LINKED: { outcome: 'success', meaning: "The user's e-wallet is linked" },
	UNLINKED: { outcome: 'failed', meaning: "The user's e-wallet is not linked" },
};

/**
 * E-wallet account linking callback, OY API docs: API Account Linking › Account linking result callback and redirect: sent only when a linking succeeds (a
 * failed one is told only by the browser redirect). Confirmed by reading the linked e-wallet's
 * balance, which OY! refuses (400) for an account that is not linked.
 */
export const accountLinkingCallback: CallbackDefinition = {
	kind: 'accountLinking',
	name: 'E-Wallet Account Linking',
	product: 'API Account Linking',
	description: 'A user linked a DANA or ShopeePay e-wallet to your partner_user_id',
	money: false,
	setup: 'OY! business representative (the docs do not say where this URL is set)',
	docs: 'OY API docs: API Account Linking › Account linking result callback and redirect',
	// The example (OY API docs: API Account Linking › Account linking result callback and redirect › send callback condition) and the table (OY API docs: API Account Linking › Account linking result callback and redirect), all non-nullable.
	shape: {
		username: 'text',
		partner_user_id: 'text',
		payment_method: 'string',
		channel_code: 'string',
		phone_number: 'text',
		status: 'string',
		expiration_time: 'string',
	},
	// A new linking of the same user and e-wallet is new news: its expiry names it.
	dedupId: (body) =>
		[text(body, 'partner_user_id'), text(body, 'channel_code'), text(body, 'expiration_time')].join(
			'/',
		),
	read(body) {
		const state = readState(
			{ path: 'status', values: ACCOUNT_LINKING_STATES },
			text(body, 'status'),
		);
		const user = text(body, 'partner_user_id');
		const channel = text(body, 'channel_code');
		return readingOf({
			transactionId: user && channel ? `${user}/${channel}` : user,
			partnerTrxId: null,
			oyTrxId: null,
			amount: null,
			state: { ...state, status: state.status.toUpperCase() },
			details: defined({
				partnerUserId: user,
				channelCode: channel,
				paymentMethod: text(body, 'payment_method'),
				phoneNumber: text(body, 'phone_number'),
				username: text(body, 'username'),
				linkExpiresAt: isoDate(body, 'expiration_time', 'dd/MM/yyyyTHH:mm:ss.SSSZ', 'WIB'),
			}),
		});
	},
	confirm: singleStatusCheck(
		'eWallet.getAccountBalance',
		(_claim, body) =>
			byId('partner_user_id', text(body, 'partner_user_id'), {
				channel_code: text(body, 'channel_code'),
			}),
		{
			notFound: (result) => result.code === '400',
			status: (result) => (result.outcome === 'success' ? 'LINKED' : null),
		},
	),
};
