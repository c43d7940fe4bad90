import type { INodeProperties } from 'n8n-workflow';

export const SCHEDULED_JOB_RESOURCE = {
	value: 'scheduledJob',
	name: 'Scheduled Job',
	description:
		"The decisions of the oy-jobs scheduled jobs, for n8n workflows that keep their ledger in n8n's Data Table",
} as const;

export const PLAN_INVOICE_PAYMENTS = 'planInvoicePayments';
export const PAY_CLAIMED_INVOICES = 'payClaimedInvoices';
export const PLAN_BALANCE_ALERT = 'planBalanceAlert';
export const PLAN_VA_SWEEP = 'planVaSweep';
export const PLAN_AR_REMINDERS = 'planArReminders';
export const DEACTIVATE_CLAIMED_VAS = 'deactivateClaimedVas';
export const RECONCILE_DAY = 'reconcileDay';

const displayOptions = { show: { resource: [SCHEDULED_JOB_RESOURCE.value] } };

/** The Scheduled Job resource's operations and parameters. */
export const scheduledJobProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions,
		options: [
			{
				name: 'Deactivate Claimed VAs',
				value: DEACTIVATE_CLAIMED_VAS,
				action: 'Deactivate the virtual accounts this run claimed',
				description:
					'Deactivates each expired VA whose ledger row this run claimed, as oy-jobs does, and outputs the row as it must be recorded',
			},
			{
				name: 'Pay Claimed Invoices',
				value: PAY_CLAIMED_INVOICES,
				action: 'Pay the account inquiry invoices this run claimed',
				description:
					"Pays each invoice whose ledger row this run claimed, oldest first, and outputs the row as it must be recorded; stops paying at OY's code 206 (balance too low)",
			},
			{
				name: 'Plan AR Reminders',
				value: PLAN_AR_REMINDERS,
				action: 'Plan the overdue invoice reminders',
				description:
					"Takes the job's ledger rows as input and decides which overdue AR invoice gets which reminder e-mail, as oy-jobs does (each step once); sends nothing",
			},
			{
				name: 'Plan Balance Alert',
				value: PLAN_BALANCE_ALERT,
				action: 'Plan the daily balance alert',
				description:
					"Takes the job's ledger rows as input, reads and records the balance, and decides the day's e-mail as oy-jobs does (at most one alert a day); sends nothing",
			},
			{
				name: 'Plan Invoice Payments',
				value: PLAN_INVOICE_PAYMENTS,
				action: 'Plan the account inquiry invoice payments',
				description:
					"Takes the job's ledger rows as input, resolves payments a stopped run left claimed, and decides which UNPAID invoices to pay, as oy-jobs does; pays nothing",
			},
			{
				name: 'Plan VA Sweep',
				value: PLAN_VA_SWEEP,
				action: 'Plan the VA expiry sweep',
				description:
					"Takes the job's ledger rows as input, resolves deactivations a stopped run left claimed, and decides which expired VAs to deactivate, as oy-jobs does; changes nothing",
			},
			{
				name: 'Reconcile Day',
				value: RECONCILE_DAY,
				action: 'Reconcile the day with the expected list',
				description:
					"Takes the expected transactions as input and compares them with what OY! reports for the day, as oy-jobs' reconciliation does: one item per transaction with its class, then a summary; changes nothing",
			},
		],
		default: PLAN_INVOICE_PAYMENTS,
	},
	{
		displayName:
			"Use inside the OY! job templates only after their Data Table node took the job's lock: the ledger rows are safe to act on only while no other run writes them.",
		name: 'scheduledJobNotice',
		type: 'notice',
		default: '',
		// Reconcile Day only reads OY!: it needs no lock.
		displayOptions: { ...displayOptions, hide: { operation: [RECONCILE_DAY] } },
	},
	{
		displayName: 'Run ID',
		name: 'runId',
		type: 'string',
		required: true,
		default: '={{ $execution.id }}',
		description:
			"Recorded with every claim; a claim of another run ID found in the ledger was left by a run that stopped. Keep n8n's execution ID.",
		displayOptions,
	},
	{
		displayName: 'Lock Held Until',
		name: 'leaseUntil',
		// A string so that its default can be the expression the templates use; read as a number.
		type: 'string',
		required: true,
		default: "={{ $('Take the job lock').first().json.leaseUntil }}",
		description:
			"When this run's job lock ends (milliseconds since 1970), as the lock node wrote it: from then on nothing more is acted on and the node stops with an error, since another run may hold the lock",
		displayOptions: {
			show: { ...displayOptions.show, operation: [PAY_CLAIMED_INVOICES, DEACTIVATE_CLAIMED_VAS] },
		},
	},
	{
		displayName: 'Low-Balance Alert To',
		name: 'alertTo',
		type: 'string',
		default: '',
		placeholder: 'e.g. finance@example.com',
		description:
			'Who gets the alert when OY! refuses a payment for the balance (code 206), at most one a day; nobody when empty',
		displayOptions: { show: { ...displayOptions.show, operation: [PAY_CLAIMED_INVOICES] } },
	},
	{
		displayName: 'Max Payments',
		name: 'maxPayments',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10_000 },
		default: 0,
		description: 'At most this many payments per run, the oldest invoices first; 0: no limit',
		displayOptions: { show: { ...displayOptions.show, operation: [PLAN_INVOICE_PAYMENTS] } },
	},
	{
		displayName: 'Recipients',
		name: 'recipients',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. finance@example.com',
		description: 'Who gets the alert; several addresses separated by commas',
		displayOptions: { show: { ...displayOptions.show, operation: [PLAN_BALANCE_ALERT] } },
	},
	{
		displayName: 'Threshold (IDR)',
		name: 'threshold',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 10_000_000,
		description: 'Alert when the available balance is below this many rupiah',
		displayOptions: { show: { ...displayOptions.show, operation: [PLAN_BALANCE_ALERT] } },
	},
	{
		displayName: 'Max Days in a Row',
		name: 'maxConsecutiveDays',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 365 },
		default: 3,
		description:
			'After this many days of alerts in a row, stay silent until the balance recovers; 0: no limit',
		displayOptions: { show: { ...displayOptions.show, operation: [PLAN_BALANCE_ALERT] } },
	},
	{
		displayName: 'Recovered Notice',
		name: 'recoveredNotice',
		type: 'boolean',
		default: true,
		description: 'Whether to send one e-mail when the balance is above the threshold again',
		displayOptions: { show: { ...displayOptions.show, operation: [PLAN_BALANCE_ALERT] } },
	},
	{
		displayName: 'Look-Ahead Days',
		name: 'lookAheadDays',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 365 },
		default: 7,
		description:
			'Also warn, at most once a day, when the UNPAID account-inquiry invoices falling due and the expected payouts of the next this many days would take the available balance below the threshold; 0: off',
		displayOptions: { show: { ...displayOptions.show, operation: [PLAN_BALANCE_ALERT] } },
	},
	{
		displayName: 'Expected Payouts',
		name: 'expectedPayouts',
		type: 'json',
		default: '',
		description:
			"Rows of your expected list (date yyyy-MM-dd, amount, product, description), e.g. the rows of the reconciliation list's Data Table; rows with product empty or disbursement are payouts counted in the look-ahead. A row that cannot be read stops the run.",
		displayOptions: {
			show: { ...displayOptions.show, operation: [PLAN_BALANCE_ALERT] },
			hide: { lookAheadDays: [0] },
		},
	},
	{
		displayName: 'Expiring Within (Hours)',
		name: 'expiringWithinHours',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 8760 },
		default: 72,
		description:
			'VAs (or their transaction windows) ending within this many hours are reported as expiring',
		displayOptions: { show: { ...displayOptions.show, operation: [PLAN_VA_SWEEP] } },
	},
	{
		displayName: 'Keep Lifetime VAs',
		name: 'keepLifetime',
		type: 'boolean',
		default: true,
		description:
			'Whether VAs without an expiry of their own whose transaction window ended are kept (to be re-armed with Update VA) instead of deactivated',
		displayOptions: { show: { ...displayOptions.show, operation: [PLAN_VA_SWEEP] } },
	},
	{
		displayName: 'Max Deactivations',
		name: 'maxDeactivations',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100_000 },
		default: 0,
		description: 'At most this many deactivations per run; 0: no limit',
		displayOptions: { show: { ...displayOptions.show, operation: [PLAN_VA_SWEEP] } },
	},
	{
		displayName: 'Reminder Days',
		name: 'steps',
		type: 'string',
		default: '1, 3, 7, 14',
		description: 'Days past the due date at which a reminder goes out, separated by commas',
		displayOptions: { show: { ...displayOptions.show, operation: [PLAN_AR_REMINDERS] } },
	},
	{
		displayName: 'Opted Out',
		name: 'optOut',
		type: 'string',
		default: '',
		description:
			"Customers (OY!'s customer IDs or e-mail addresses, separated by commas) that get no reminders",
		displayOptions: { show: { ...displayOptions.show, operation: [PLAN_AR_REMINDERS] } },
	},
	{
		displayName: 'Quiet Hours',
		name: 'quietHours',
		type: 'string',
		default: '',
		placeholder: 'e.g. 21:00-08:00',
		description:
			'No reminder and no summary goes out between these times (Asia/Jakarta, 24-hour; may run over midnight); they wait for the next run. Empty: none.',
		displayOptions: { show: { ...displayOptions.show, operation: [PLAN_AR_REMINDERS] } },
	},
	{
		displayName: 'Summary To',
		name: 'summaryTo',
		type: 'string',
		default: '',
		placeholder: 'e.g. finance@example.com',
		description: "Who gets the day's summary of the reminders; nobody when empty",
		displayOptions: { show: { ...displayOptions.show, operation: [PLAN_AR_REMINDERS] } },
	},
	{
		displayName: 'Max Reminders per Run',
		name: 'maxPerRun',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100_000 },
		default: 0,
		description: 'At most this many reminders per run, the rest wait for the next run; 0: no limit',
		displayOptions: { show: { ...displayOptions.show, operation: [PLAN_AR_REMINDERS] } },
	},
	{
		displayName: 'Day',
		name: 'day',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-12-05',
		description: 'The day to reconcile (yyyy-MM-dd, Asia/Jakarta); empty: yesterday',
		displayOptions: { show: { ...displayOptions.show, operation: [RECONCILE_DAY] } },
	},
	{
		displayName: 'Products',
		name: 'products',
		type: 'multiOptions',
		options: [
			{ name: 'Disbursement', value: 'disbursement' },
			{ name: 'E-Wallet', value: 'e-wallet' },
			{ name: 'Inquiry Invoice (Jobs Ledger)', value: 'inquiry-invoice' },
			{ name: 'Payment Link', value: 'payment-link' },
			{ name: 'VA', value: 'va' },
		],
		default: ['disbursement', 'va', 'payment-link', 'e-wallet'],
		description:
			"Which products to compare; list rows of other products are left out (the summary says how many). Inquiry Invoice: the payments the jobs' ledger recorded on the day (Ledger Rows).",
		displayOptions: { show: { ...displayOptions.show, operation: [RECONCILE_DAY] } },
	},
	{
		displayName: 'Ledger Rows',
		name: 'ledgerRows',
		type: 'json',
		default: '',
		description:
			"With Inquiry Invoice in Products: the rows of the jobs' ledger Data Table (oy_jobs_ledger); each account-inquiry invoice payment recorded done on the day is compared with OY!",
		displayOptions: { show: { ...displayOptions.show, operation: [RECONCILE_DAY] } },
	},
	{
		displayName: 'Pending Hours',
		name: 'pendingHours',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 2160 },
		default: 24,
		description: 'A transaction still pending this many hours after OY! made it needs a person',
		displayOptions: { show: { ...displayOptions.show, operation: [RECONCILE_DAY] } },
	},
	{
		displayName: 'Report Recipients',
		name: 'reportTo',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. finance@example.com',
		description:
			'Who gets the report; several addresses separated by commas. The summary item carries the e-mail for them.',
		displayOptions: { show: { ...displayOptions.show, operation: [RECONCILE_DAY] } },
	},
	{
		displayName: 'VA Payment Times',
		name: 'vaTimes',
		type: 'options',
		options: [
			{ name: 'UTC', value: 'UTC' },
			{ name: 'WIB (UTC+7)', value: 'WIB' },
		],
		default: 'UTC',
		description:
			"How the times in OY's list of VA payments are read: choose WIB if OY's dashboard shows times 7 hours later than the report",
		displayOptions: { show: { ...displayOptions.show, operation: [RECONCILE_DAY] } },
	},
	{
		displayName: 'Max Requests',
		name: 'maxRequests',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1_000_000 },
		default: 300_000,
		description:
			'At most this many requests to OY! per run; what is not read then is "not checked"',
		displayOptions: { show: { ...displayOptions.show, operation: [RECONCILE_DAY] } },
	},
];
