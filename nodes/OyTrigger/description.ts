import type { INodeProperties } from 'n8n-workflow';
import { CALLBACKS } from '../../lib/callbacks';
import { DEFAULT_MAX_BODY_KB, MIN_TOKEN_LENGTH } from './settings';

const EVENTS = [...CALLBACKS]
	.map((definition) => ({
		name: definition.name,
		value: definition.kind,
		description: definition.description,
		// n8n's node panel would otherwise derive "On e wallet payment" from the name
		action: `On ${definition.name}`,
	}))
	.sort((a, b) => a.name.localeCompare(b.name));

const CALLBACK_TOKEN: INodeProperties = {
	displayName: 'Callback Token',
	name: 'callbackToken',
	type: 'options',
	options: [
		{
			name: 'Required',
			value: 'required',
			description:
				'OY! must send the token of an OY! Callback API credential as ?token=… in the URL; calls without it are refused (401)',
		},
		{
			name: 'None',
			value: 'none',
			description:
				'Any caller that knows the URL gets past this check (not recommended: OY! does not sign callbacks)',
		},
	],
	default: 'required',
	description: `Whether the callback URL carries a secret token (at least ${MIN_TOKEN_LENGTH} characters, kept encrypted in a credential)`,
};

const CONFIRM_WITH_OY: INodeProperties = {
	displayName: 'Confirm With OY!',
	name: 'confirmWithOy',
	type: 'options',
	options: [
		{
			name: 'All Events OY! Can Confirm',
			value: 'all',
			description:
				'Money events, account statements and e-wallet account linking (OY! has no status API for WhatsApp messages)',
		},
		{
			name: 'Money Events',
			value: 'money',
			description:
				"Disbursements, payments, refunds, payment routing, API offline and bills are read back from OY's status API before they start the workflow",
		},
		{
			name: 'Off',
			value: 'off',
			description:
				'Believe nothing: every item has outcome "unconfirmed" and the callback\'s claim in confirmation.claimedOutcome',
		},
	],
	default: 'all',
	description:
		"Whether to read each callback's transaction back from OY! with the credential and emit only what OY! confirms (OY's state wins; a mismatch is refused with 403)",
};

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			"Paste this node's URL into OY's dashboard: Settings → Developer Option → Callback Configuration, one field per product (API Disbursement, VA Aggregator, Payment Link …). For API Offline, Biller, e-wallet, WhatsApp and account linking, send the URL to OY! support or your business representative. The Test URL works only while n8n listens for a test event; give OY! the Production URL once the workflow is published. With a callback token, add ?token=YOUR_TOKEN to the URL you give OY!.",
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: EVENTS,
		default: [...EVENTS.map((event) => event.value)],
		required: true,
		description:
			'The callbacks that start the workflow; the trigger recognises each kind, so one URL can serve every product',
	},
	{
		displayName:
			'Anyone who learns this URL can send callbacks: choose Callback Token: Required, or enter OY\'s callback IP addresses in Allowed IP Addresses. Callbacks OY! does not confirm reach the workflow with outcome "unconfirmed".',
		name: 'unprotectedNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { callbackToken: ['none'], allowedIpAddresses: [''] } },
	},
	// Version 1 asked for no token by default; saved version 1 nodes keep that (n8n stores only
	// the parameters that differ from their default), new nodes are version 2.
	{ ...CALLBACK_TOKEN, default: 'none', displayOptions: { show: { '@version': [1] } } },
	{
		...CALLBACK_TOKEN,
		default: 'required',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
	},
	{
		displayName: 'Allowed IP Addresses',
		name: 'allowedIpAddresses',
		type: 'string',
		default: '',
		placeholder: '203.0.113.10/32, 2001:db8::/32',
		description:
			"OY's static callback IP addresses as CIDR ranges (IPv4 or IPv6), separated by commas; calls from anywhere else are refused (403). Empty allows any address.",
	},
	{ ...CONFIRM_WITH_OY, default: 'money', displayOptions: { show: { '@version': [1] } } },
	{
		...CONFIRM_WITH_OY,
		default: 'all',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
	},
	{
		displayName: 'Callbacks OY! Cannot Confirm',
		name: 'unconfirmable',
		type: 'options',
		options: [
			{
				name: 'Pass as Unconfirmed',
				value: 'pass',
				description:
					'Start the workflow with outcome "unconfirmed" and confirmation.state "unconfirmable" (the claim stays in confirmation.claimedOutcome); check it yourself before acting on it',
			},
			{
				name: 'Refuse',
				value: 'refuse',
				description:
					"Answer 422 and start nothing; the reason goes to n8n's log. A genuine payment is then not passed on.",
			},
		],
		default: 'pass',
		displayOptions: { hide: { confirmWithOy: ['off'] } },
		description:
			"What to do with a callback that lacks what OY's status API needs (OY's own e-wallet callback example has no partner_trx_id, the only key of Check E-Wallet Transaction Status)",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Maximum Body Size (KB)',
				name: 'maxBodySizeKb',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_BODY_KB,
				description: 'Larger calls are refused (413); OY! callbacks are a few kilobytes',
			},
			{
				displayName: 'Trust X-Forwarded-For',
				name: 'trustForwardedFor',
				type: 'boolean',
				default: false,
				description:
					'Whether n8n runs behind proxies that append the caller to X-Forwarded-For; only then is that header used for the IP allow-list. Leave off otherwise: anyone can write the header.',
			},
			{
				displayName: 'Trusted Proxy Hops',
				name: 'proxyHops',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1,
				description:
					'With Trust X-Forwarded-For: how many proxies in front of n8n append to X-Forwarded-For; the caller is that many entries from the end',
			},
		],
	},
];
