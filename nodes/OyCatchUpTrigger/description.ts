import type { INodeProperties } from 'n8n-workflow';

export const MAX_REQUESTS_DEFAULT = 30;

export const catchUpProperties: INodeProperties[] = [
	{
		displayName:
			"Finds what OY's callbacks would have told while n8n could not receive them, by reading OY's status and list APIs at each poll. Feed it and the OY! Trigger into OY! › Callback › Pass Once (Event Key: {{ $json.dedupKey }}) so each event passes once. Payouts, payment links and e-wallet transactions cannot be listed by OY!: only the IDs you give here are watched.",
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'sources',
		type: 'multiOptions',
		options: [
			{
				name: 'Disbursement',
				value: 'disbursement',
				description:
					'Watched payouts (by partner_trx_id) that ended: success (000) or failed (300)',
			},
			{
				name: 'E-Wallet Payment',
				value: 'eWalletPayment',
				description:
					'Watched e-wallet transactions (by partner_trx_id) that were paid (COMPLETE), failed or expired',
			},
			{
				name: 'Payment Link or Invoice',
				value: 'paymentLink',
				description:
					'Watched payment links and invoices (by partner_tx_id) that were paid, expired or closed',
			},
			{
				name: 'VA Payment',
				value: 'vaPayment',
				description:
					"Payments into any static or customized VA, from each VA's payment history (last 3 months)",
			},
		],
		default: ['vaPayment'],
		required: true,
		description:
			'The callbacks to catch up on (OY! offers no way to find the others again, see the docs)',
	},
	{
		displayName: 'Payout IDs to Watch',
		name: 'payoutIds',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'PAYOUT-2026-0001, PAYOUT-2026-0002',
		displayOptions: { show: { sources: ['disbursement'] } },
		description:
			'The partner_trx_id of payouts to watch, separated by commas or new lines (an expression may give a list). Each is asked about at each poll until OY! reports it final.',
	},
	{
		displayName: 'Payment Link IDs to Watch',
		name: 'linkIds',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'INV-2026-0001, INV-2026-0002',
		displayOptions: { show: { sources: ['paymentLink'] } },
		description:
			'The partner_tx_id of payment links and invoices to watch, separated by commas or new lines. Each is asked about at each poll until it is paid, expired or closed.',
	},
	{
		displayName: 'E-Wallet Transaction IDs to Watch',
		name: 'eWalletIds',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'EW-2026-0001, EW-2026-0002',
		displayOptions: { show: { sources: ['eWalletPayment'] } },
		description:
			'The partner_trx_id of e-wallet transactions to watch, separated by commas or new lines. Each is asked about at each poll until it is paid, failed or expired.',
	},
	{
		displayName: 'E-Wallet Settlement',
		name: 'eWalletSettlement',
		type: 'options',
		options: [
			{
				name: 'Delayed (H+1 or Later)',
				value: 'delayed',
				description:
					'OY! calls back twice: when paid (settlement WAITING), then when settled (SUCCESS)',
			},
			{
				name: 'Real Time',
				value: 'realTime',
				description: 'OY! calls back once, when paid and settled (settlement SUCCESS)',
			},
		],
		default: 'delayed',
		displayOptions: { show: { sources: ['eWalletPayment'] } },
		description:
			"How your OY! account's e-wallet payments settle (ask OY! if unsure). OY's status answer says nothing of settlement, so a paid transaction is emitted with the key of its first callback: set this wrong and Pass Once lets a payment through twice. The settlement callback itself cannot be caught up.",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Look Back (Minutes)',
				name: 'lookBackMinutes',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 129600 },
				default: 0,
				description:
					'At the first poll, also catch up VA payments made this long before the trigger was activated (0: from activation on)',
			},
			{
				displayName: 'Max Requests per Poll',
				name: 'maxRequests',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: MAX_REQUESTS_DEFAULT,
				description:
					'Requests to OY! per poll at most; what is left is read by the next polls, and a notice says so',
			},
		],
	},
];
