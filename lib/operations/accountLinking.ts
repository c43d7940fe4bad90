import {
	ACCOUNT_LINKING_CHANNELS,
	ACCOUNT_LINKING_METHODS,
} from '../tables/accountLinkingChannels';
import type { CodeMeaning, CodeTable, OperationDefinition, ParameterDefinition } from '../types';

/**
 * API Account Linking codes, OY API docs: API Account Linking response codes. Three different refusals share 400, so OY's
 * message is always shown next to ours. Linking and unlinking answer `success`/`error`/
 * `status_code`; the balance answers `status: {code, message}`. 999 is not final: the common
 * "unknown" applies. The documented client timeout is 100 s (OY API docs: Client timeout durations and the Timeout request header).
 */
const linkingCodes = (refused: CodeMeaning): CodeTable => ({
	'000': { outcome: 'success', meaning: 'Success' },
	'290': { outcome: 'rejected', meaning: 'OY! found a parameter not valid' },
	'400': refused,
});

const PARTNER_USER_ID: ParameterDefinition = {
	name: 'partner_user_id',
	displayName: 'Partner User ID',
	in: 'body',
	type: 'string',
	required: true,
	maxLength: 255,
	description: 'Your id for the user whose e-wallet is linked',
};

const PAYMENT_METHOD: ParameterDefinition = {
	name: 'payment_method',
	in: 'body',
	type: 'string',
	required: true,
	maxLength: 255,
	options: ACCOUNT_LINKING_METHODS,
	default: 'EWALLET',
	description: 'The kind of account: only EWALLET for now',
};

const channel = (channels: typeof ACCOUNT_LINKING_CHANNELS): ParameterDefinition => ({
	name: 'channel_code',
	in: 'body',
	type: 'string',
	required: true,
	maxLength: 255,
	options: channels.map(({ value, name }) => ({ value, name })),
	description: `The e-wallet: ${channels.map(({ name }) => name).join(' or ')}`,
});

const linking = {
	resource: 'eWallet',
	product: 'API Account Linking',
	timeoutSeconds: 100,
} as const;

export const accountLinkingOperations: readonly OperationDefinition[] = [
	{
		...linking,
		id: 'eWallet.getLinkingUrl',
		name: 'Get Linking URL',
		action: "Get a URL that links a user's e-wallet",
		description:
			"Returns the page where a user links their DANA or ShopeePay account to your partner_user_id. OY! calls back only when linking succeeds; a failure shows only in the user's redirect.",
		method: 'POST',
		path: '/api/account/linking',
		params: [
			PARTNER_USER_ID,
			{
				name: 'phone_number',
				in: 'body',
				type: 'digits',
				required: true,
				minLength: 10,
				maxLength: 20,
				pattern: {
					regex: /^08\d+$/,
					rule: 'must be a local number starting with 08 (e.g. 082114845847)',
				},
				description: "The phone number of the user's e-wallet, written 08…",
			},
			PAYMENT_METHOD,
			channel(ACCOUNT_LINKING_CHANNELS),
		],
		envelope: 'successError',
		codes: linkingCodes({
			outcome: 'rejected',
			meaning: 'Not linked: this e-wallet cannot be linked, or the phone number is linked already',
			hint: "OY's message says which.",
		}),
		recordPath: 'data',
		// Each call starts a linking session with OY! and the e-wallet; it is not sent twice on its own.
		safety: 'write',
		docs: 'OY API docs: API Account Linking › Get Linking URL',
	},
	{
		...linking,
		id: 'eWallet.unlinkAccount',
		name: 'Unlink Account',
		action: "Unlink a user's e-wallet account",
		description:
			'Removes the link between a user and their ShopeePay account (the only e-wallet OY! unlinks)',
		method: 'POST',
		path: '/api/account/unlink',
		params: [
			PARTNER_USER_ID,
			PAYMENT_METHOD,
			channel(ACCOUNT_LINKING_CHANNELS.filter((entry) => entry.unlink)),
		],
		envelope: 'successError',
		codes: linkingCodes({
			outcome: 'rejected',
			meaning: 'Not unlinked: OY! refused the request',
			hint: "OY's message says why.",
		}),
		// OY API docs: API Account Linking › Unlink Account: UNLINKED when it worked, any other status otherwise.
		stateField: {
			path: 'data.status',
			values: { UNLINKED: { outcome: 'success', meaning: 'The e-wallet is unlinked' } },
			otherwise: {
				outcome: 'rejected',
				meaning: 'OY! did not unlink the e-wallet',
				hint: 'data.status says its state.',
			},
		},
		recordPath: 'data',
		safety: 'idempotentWrite',
		docs: 'OY API docs: API Account Linking › Unlink Account',
	},
	{
		...linking,
		id: 'eWallet.getAccountBalance',
		name: 'Get Account Balance',
		action: "Get the balance of a user's linked e-wallet",
		description: "Reads the balance of a user's linked DANA or ShopeePay account",
		// A read, but the docs define it as POST (OY API docs: API Account Linking › Get E-Wallet Account Balance › endpoint).
		method: 'POST',
		path: '/api/account/balance',
		params: [
			{ ...PARTNER_USER_ID, description: 'Your id for the linked user' },
			channel(ACCOUNT_LINKING_CHANNELS),
		],
		envelope: 'statusObject',
		codes: linkingCodes({
			outcome: 'rejected',
			meaning: 'OY! refused: the user account is not linked, or this e-wallet is not supported',
			hint: 'Link the account first with Get Linking URL.',
		}),
		fields: { amounts: ['amount'], simplify: ['partner_user_id', 'channel_code', 'amount'] },
		safety: 'read',
		docs: 'OY API docs: API Account Linking › Get E-Wallet Account Balance',
	},
];
