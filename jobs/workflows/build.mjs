// Writes the four n8n workflow templates (jobs/workflows/*.json) from their readable definitions
// here. Run `node jobs/workflows/build.mjs` after a change; a test checks the JSON files match.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LEDGER_TABLE } from './ledgerTable.mjs';
import { EXPECTED_TABLE } from './expectedTable.mjs';

const folder = path.dirname(fileURLToPath(import.meta.url));

const OY = 'n8n-nodes-oy.oy';
const TIME_ZONE = 'Asia/Jakarta';

let counter = 0;
/** Stable node ids, so a rebuilt template does not differ from the committed one. */
const nodeId = (workflow) => `${workflow}-${String(++counter).padStart(2, '0')}`;

function node(workflow, name, type, typeVersion, position, parameters, extra = {}) {
	return { parameters, id: nodeId(workflow), name, type, typeVersion, position, ...extra };
}

const schedule = (workflow, name, cron) =>
	node(workflow, name, 'n8n-nodes-base.scheduleTrigger', 1.2, [0, 300], {
		rule: { interval: [{ field: 'cronExpression', expression: cron }] },
	});

const oy = (workflow, name, position, parameters, extra = {}) =>
	node(workflow, name, OY, 1, position, parameters, extra);

const code = (workflow, name, position, jsCode, extra = {}, parameters = {}) =>
	node(
		workflow,
		name,
		'n8n-nodes-base.code',
		2,
		position,
		{ ...parameters, jsCode: jsCode.trim() },
		extra,
	);

const email = (workflow, name, position, { to, subject, text, attachments }, extra = {}) =>
	node(
		workflow,
		name,
		'n8n-nodes-base.emailSend',
		2.1,
		position,
		{
			fromEmail: 'OY! jobs <oy-jobs@example.co.id>',
			toEmail: to,
			subject,
			emailFormat: 'text',
			text,
			options: { appendAttribution: false, ...(attachments ? { attachments: 'data' } : {}) },
		},
		extra,
	);

const xlsx = (workflow, name, position, fileName, sheetName) =>
	node(workflow, name, 'n8n-nodes-base.convertToFile', 1.1, position, {
		operation: 'xlsx',
		binaryPropertyName: 'data',
		options: { fileName, sheetName },
	});

const when = (workflow, name, position, leftValue, operation, rightValue) =>
	node(workflow, name, 'n8n-nodes-base.if', 2.2, position, {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
			conditions: [
				{
					id: `${name}-condition`,
					leftValue,
					rightValue,
					operator: { type: typeof rightValue === 'boolean' ? 'boolean' : 'string', operation },
				},
			],
			combinator: 'and',
		},
		options: {},
	});

const note = (workflow, content, position, height = 300) =>
	node(workflow, 'About this workflow', 'n8n-nodes-base.stickyNote', 1, position, {
		content: content.trim(),
		height,
		width: 420,
	});

/** `[from, to]` or `[from, to, outputIndex]` pairs into n8n's connections object. */
function connect(pairs) {
	const connections = {};
	for (const [from, to, output = 0] of pairs) {
		connections[from] ??= { main: [] };
		while (connections[from].main.length <= output) connections[from].main.push([]);
		connections[from].main[output].push({ node: to, type: 'main', index: 0 });
	}
	return connections;
}

function workflow(name, nodes, pairs) {
	return {
		name,
		nodes,
		connections: connect(pairs),
		settings: { executionOrder: 'v1', timezone: TIME_ZONE },
		pinData: {},
		meta: { templateCredsSetupCompleted: false },
	};
}

// --- The jobs' ledger: n8n's Data Table -------------------------------------------------------

/** A run's lock lasts this long; a run that stopped (crash, restart) holds it until then. */
const LEASE_MS = 60 * 60 * 1000;
/** When this run's lease ends, as the lock node wrote it: nothing is acted on after that. */
const LEASE_UNTIL = "={{ $('Take the job lock').first().json.leaseUntil }}";

const dataTable = (workflow, name, position, parameters, extra = {}) =>
	node(
		workflow,
		name,
		'n8n-nodes-base.dataTable',
		1,
		position,
		{
			resource: 'row',
			dataTableId: { __rl: true, mode: 'name', value: LEDGER_TABLE },
			...parameters,
		},
		extra,
	);

const conditions = (pairs) => ({
	conditions: pairs.map(([keyName, condition, keyValue]) => ({ keyName, condition, keyValue })),
});

/**
 * One conditional UPDATE: the lock row is taken only when its lease ended. n8n runs it as one
 * statement (Postgres) or inside one IMMEDIATE transaction on its single SQLite write connection,
 * so of two runs at once one writes its execution id; the next node checks whose id is there.
 */
const takeLock = (workflow, job, position) =>
	updateLockRow(
		workflow,
		job,
		['Take the job lock', position],
		['leaseUntil', 'lt', '={{ $now.toMillis() }}'],
		{
			state: 'held',
			runId: '={{ $execution.id }}',
			leaseUntil: `={{ $now.toMillis() + ${LEASE_MS} }}`,
		},
		{ alwaysOutputData: true },
	);

const releaseLock = (workflow, job, position) =>
	updateLockRow(
		workflow,
		job,
		['Release the job lock', position],
		['runId', 'eq', '={{ $execution.id }}'],
		{ state: 'free', leaseUntil: 0 },
		{ executeOnce: true, alwaysOutputData: true },
	);

/** The job's lock row, updated to `value` only where `condition` holds too. */
function updateLockRow(workflow, job, [name, position], condition, value, extra) {
	return dataTable(
		workflow,
		name,
		position,
		{
			operation: 'update',
			matchType: 'allConditions',
			filters: conditions([['job', 'eq', job], ['key', 'eq', 'lock'], condition]),
			columns: { mappingMode: 'defineBelow', value },
			options: {},
		},
		extra,
	);
}

const lockRefused = (workflow, position) =>
	node(workflow, 'Another run holds the lock', 'n8n-nodes-base.stopAndError', 1, position, {
		errorMessage:
			"={{ $json.runId ? 'Another run of this job (execution ' + $json.runId + ') holds its lock; this run did nothing.' : 'This run did nothing: the lock row of this job is held by another run, or missing from the Data Table " +
			LEDGER_TABLE +
			" (see docs/jobs-in-n8n.md).' }}",
	});

const readLedger = (workflow, job, position) =>
	dataTable(
		workflow,
		'Read the ledger',
		position,
		{
			operation: 'get',
			matchType: 'allConditions',
			filters: conditions([['job', 'eq', job]]),
			returnAll: true,
		},
		{ executeOnce: true, alwaysOutputData: true },
	);

const ledgerWritesOnly = (workflow, position) =>
	node(workflow, 'Ledger writes only', 'n8n-nodes-base.filter', 2.2, position, {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
			conditions: [
				{
					id: 'ledger-write',
					leftValue: '={{ $json.ledger }}',
					rightValue: '',
					operator: { type: 'object', operation: 'exists', singleValue: true },
				},
			],
			combinator: 'and',
		},
		options: {},
	});

/** Writes each item's `ledger` row (job, key, state, runId, attempts, detail), found by job and key. */
const recordLedger = (workflow, name, position) =>
	dataTable(workflow, name, position, {
		operation: 'upsert',
		matchType: 'allConditions',
		filters: conditions([
			['job', 'eq', '={{ $json.ledger.job }}'],
			['key', 'eq', '={{ $json.ledger.key }}'],
		]),
		columns: {
			mappingMode: 'defineBelow',
			value: Object.fromEntries(
				['job', 'key', 'state', 'runId', 'attempts', 'detail'].map((column) => [
					column,
					`={{ $json.ledger.${column} }}`,
				]),
			),
		},
		options: {},
	});

/**
 * Take the job's lock, stop if another run holds it, then `read` (another node, e.g. a list the plan
 * needs) if there is one, then read the job's ledger rows.
 */
const lockedStart = (workflow, job, read) => [
	takeLock(workflow, job, [220, 300]),
	when(
		workflow,
		'Lock taken by this run?',
		[440, 300],
		'={{ $json.runId }}',
		'equals',
		'={{ $execution.id }}',
	),
	lockRefused(workflow, [660, 460]),
	...(read ? [read.node(workflow, [660, 300])] : []),
	readLedger(workflow, job, [read ? 880 : 660, 300]),
];

const lockedStartFrom = (trigger, plan, read) => [
	[trigger, 'Take the job lock'],
	['Take the job lock', 'Lock taken by this run?'],
	...(read
		? [
				['Lock taken by this run?', read.name],
				[read.name, 'Read the ledger'],
			]
		: [['Lock taken by this run?', 'Read the ledger']]),
	['Lock taken by this run?', 'Another run holds the lock', 1],
	['Read the ledger', plan],
];

/** Stops the run, loudly, before an e-mail is claimed once the lease of its lock has ended. */
const leaseStillHeld = (workflow, name, position) =>
	code(
		workflow,
		name,
		position,
		`
// After the lease of this run's lock ended another run may hold the lock: no e-mail is claimed or sent then.
const leaseUntil = Number($('Take the job lock').first().json.leaseUntil);
const key = ($json.ledger || $json).key;
if (!(Date.now() < leaseUntil)) throw new Error('The lease of this run\\'s job lock ended at ' + new Date(leaseUntil).toISOString() + ', before ' + key + ' was sent: stopped. Nothing more is sent by this run; the next run decides again. Keep the lease (the lock node\\'s leaseUntil) longer than the longest run.');
return { json: $json };`,
		{},
		{ mode: 'runOnceForEachItem' },
	);

/** Records an e-mail sent: its claim row (as `claimNode` wrote it) set done, with the receipt. */
const recordSent = (workflow, name, position, claimNode) =>
	dataTable(workflow, name, position, {
		operation: 'update',
		matchType: 'allConditions',
		filters: conditions([
			['job', 'eq', `={{ $('${claimNode}').item.json.job }}`],
			['key', 'eq', `={{ $('${claimNode}').item.json.key }}`],
		]),
		columns: {
			mappingMode: 'defineBelow',
			value: {
				state: 'done',
				detail: `={{ JSON.stringify({ ...JSON.parse($('${claimNode}').item.json.detail), text: undefined, accepted: ($json.accepted || []).join(', '), messageId: $json.messageId }) }}`,
			},
		},
		options: {},
	});

/**
 * The e-mails a plan claimed, one at a time: each claim recorded, the e-mail sent, then recorded
 * done, as oy-jobs does. A run stopped between the claim and the record leaves one claim: the next
 * run reports that e-mail as maybe sent and never sends it again. The plan's other rows (readings,
 * settled claims, the run's own row: never empty) are recorded in the lower branch, which n8n
 * (execution order v1) runs once the upper one is done; the lock is released last.
 */
const sendClaimedEmails = (workflow, job, [x, y]) => [
	node(workflow, 'E-mail to send?', 'n8n-nodes-base.if', 2.2, [x, y], {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
			conditions: [
				{
					id: 'claimed-email-state',
					leftValue: '={{ $json.ledger.state }}',
					rightValue: 'claimed',
					operator: { type: 'string', operation: 'equals' },
				},
			],
			combinator: 'and',
		},
		options: {},
	}),
	node(workflow, 'One e-mail at a time', 'n8n-nodes-base.splitInBatches', 3, [x + 220, y - 160], {
		batchSize: 1,
		options: {},
	}),
	leaseStillHeld(workflow, 'Lease still held?', [x + 440, y - 160]),
	recordLedger(workflow, 'Record the claim', [x + 660, y - 160]),
	code(
		workflow,
		'Attach the report',
		[x + 880, y - 160],
		`
// The e-mails oy-jobs sends with its Excel report (the daily summary, the alert) get the workbook made above.
const wanted = JSON.parse($json.detail).attachments || [];
if (wanted.length === 0) return { json: $json };
const report = $('Report as Excel').first();
if (report.binary.data.fileName !== wanted[0]) throw new Error('The report made (' + report.binary.data.fileName + ') is not the one this e-mail needs (' + wanted[0] + '); nothing was sent.');
return { json: $json, binary: { data: report.binary.data } };`,
		{},
		{ mode: 'runOnceForEachItem' },
	),
	email(workflow, 'Send the claimed e-mail', [x + 1100, y - 160], {
		to: '={{ JSON.parse($json.detail).to }}',
		subject: '={{ JSON.parse($json.detail).subject }}',
		text: '={{ JSON.parse($json.detail).text }}',
		attachments: true,
	}),
	recordSent(workflow, 'Record the e-mail sent', [x + 1320, y - 160], 'Record the claim'),
	recordLedger(workflow, 'Record the other rows', [x + 220, y + 160]),
	releaseLock(workflow, job, [x + 440, y + 160]),
];

/**
 * The report oy-jobs attaches (the first sheet of its workbook), as n8n binary data: the plan's
 * `report row` items into one Excel file. Placed above the ledger branch, so n8n makes it first.
 */
const reportAsExcel = (workflow, plan, [x, y], sheetName) => [
	code(
		workflow,
		'Report rows',
		[x, y],
		`
// The rows of the report oy-jobs would attach; nothing when it has none.
return $input.all().filter(item => item.json.action === 'report row').map(item => ({ json: item.json.row }));`,
	),
	node(workflow, 'Report as Excel', 'n8n-nodes-base.convertToFile', 1.1, [x + 220, y], {
		operation: 'xlsx',
		binaryPropertyName: 'data',
		options: {
			fileName: `={{ $('${plan}').all().find(item => item.json.action === 'report row').json.report }}`,
			sheetName,
		},
	}),
];

/**
 * One item per run, as oy-jobs' summary: counts, amounts, problems and notes from the plan, what the
 * acting node did, and the Excel report (when one was made) as binary data.
 */
const runSummary = (workflow, job, position, { plan, acted, excel }) =>
	code(
		workflow,
		'Run summary',
		position,
		`
const run = $('${plan}').all().map(item => item.json).find(json => json.action === 'run');
const done = {};
// In the e-mail loop the node runs once per e-mail: every run counts.
const items = [];
for (let runIndex = 0; $('${acted}').isExecuted; runIndex++) {
  let ran = [];
  try { ran = $('${acted}').all(0, runIndex); } catch (error) { break; }
  if (ran.length === 0) break;
  items.push(...ran);
}
for (const item of items) {
  // The OY! step's items say what they did; the e-mail templates' rows recorded done are e-mails sent.
  const action = item.json.action ? String(item.json.action) : item.json.state === 'done' ? 'e-mail sent' : '';
  if (action) done[action] = (done[action] || 0) + 1;
}
const binary = $('${excel}').isExecuted ? $('${excel}').first().binary : undefined;
return [{ json: { job: ${JSON.stringify(job)}, run: run.run, counts: run.counts, amounts: run.amounts, done, problems: run.problems, notes: run.notes || [] }, ...(binary ? { binary } : {}) }];`,
		{ executeOnce: true },
	);

/** The connections of `sendClaimedEmails`, from the node that hands on the plan's ledger rows. */
const sendClaimedEmailsFrom = (from) => [
	[from, 'E-mail to send?'],
	['E-mail to send?', 'One e-mail at a time'],
	['E-mail to send?', 'Record the other rows', 1],
	['One e-mail at a time', 'Lease still held?', 1],
	['Lease still held?', 'Record the claim'],
	['Record the claim', 'Attach the report'],
	['Attach the report', 'Send the claimed e-mail'],
	['Send the claimed e-mail', 'Record the e-mail sent'],
	['Record the e-mail sent', 'One e-mail at a time'],
	['Record the other rows', 'Release the job lock'],
];

/**
 * A job template with the ledger, as all four run: the trigger, the job's lock taken and its ledger
 * read, the job's own plan (an OY! › Scheduled Job step), then the job's own `steps`, which end by
 * releasing the lock, and one Run summary. `read` ({ name, node(key, position) }), if given, is read
 * after the lock is taken, before the ledger. `steps(key, job, plan)` gives its nodes, their
 * connections and what the summary counts: `{ nodes, pairs, summary: { position, acted, excel } }`.
 */
function ledgerTemplate(key, job, { name, about, trigger, read, plan, steps }) {
	counter = 0;
	const [planName, planParameters] = plan;
	// A node read before the ledger moves the plan and the steps after it one place to the right.
	const moved = (step) =>
		read ? { ...step, position: [step.position[0] + 220, step.position[1]] } : step;
	const start = [
		note(key, about.text, [-40, -40], about.height),
		schedule(key, trigger.name, trigger.cron),
		...lockedStart(key, job, read),
		oy(key, planName, [880, 300], {
			resource: 'scheduledJob',
			operation: planParameters.operation,
			runId: '={{ $execution.id }}',
			...planParameters,
		}),
	];
	const own = steps(key, job, planName);
	return workflow(
		name,
		[
			...start.slice(0, -1),
			...[
				start.at(-1),
				...own.nodes,
				runSummary(key, job, own.summary.position, { plan: planName, ...own.summary }),
			].map(moved),
		],
		[
			...lockedStartFrom(trigger.name, planName, read),
			...own.pairs,
			['Release the job lock', 'Run summary'],
		],
	);
}

/**
 * The steps of a job that acts at OY! (pays, deactivates): the plan's claims recorded, `act` (an
 * OY! step) on them, how each ended recorded; `alongside(workflow, ended)` adds a branch off that
 * record (nodes and pairs); the lock released; then the report, its workbook and its e-mail.
 */
const actOnClaims =
	({ claims, act: [actName, actParameters], ended, alongside, report }) =>
	(workflow, job, plan) => {
		const acting = [
			ledgerWritesOnly(workflow, [1100, 300]),
			recordLedger(workflow, claims, [1320, 300]),
			oy(workflow, actName, [1540, 300], {
				resource: 'scheduledJob',
				operation: actParameters.operation,
				runId: '={{ $execution.id }}',
				...actParameters,
			}),
			recordLedger(workflow, ended, [1760, 300]),
		];
		const branch = alongside ? alongside(workflow, ended) : { nodes: [], pairs: [] };
		const [excelName, fileName, sheetName] = report.excel;
		const [emailName, emailParameters] = report.email;
		return {
			nodes: [
				...acting,
				...branch.nodes,
				releaseLock(workflow, job, [1980, 300]),
				code(workflow, 'Report', [2200, 300], report.code, { executeOnce: true }),
				xlsx(workflow, excelName, [2420, 300], fileName, sheetName),
				email(workflow, emailName, [2640, 300], { ...emailParameters, attachments: true }),
			],
			pairs: [
				[plan, 'Ledger writes only'],
				['Ledger writes only', claims],
				[claims, actName],
				[actName, ended],
				...branch.pairs,
				[ended, 'Release the job lock'],
				['Release the job lock', 'Report'],
				['Report', excelName],
				[excelName, emailName],
			],
			summary: { position: [2200, 500], acted: actName, excel: excelName },
		};
	};

/**
 * The steps of a job whose effects are e-mails: the plan's report rows made into the workbook
 * oy-jobs attaches, then its e-mails sent one at a time (`sendClaimedEmails`), the lock released.
 */
const sendPlannedEmails = (sheetName) => (workflow, job, plan) => ({
	nodes: [
		...reportAsExcel(workflow, plan, [1100, 0], sheetName),
		ledgerWritesOnly(workflow, [1100, 300]),
		...sendClaimedEmails(workflow, job, [1320, 300]),
	],
	pairs: [
		[plan, 'Report rows'],
		['Report rows', 'Report as Excel'],
		[plan, 'Ledger writes only'],
		...sendClaimedEmailsFrom('Ledger writes only'),
	],
	summary: { position: [1980, 460], acted: 'Record the e-mail sent', excel: 'Report as Excel' },
});

/** Every row of the team's expected list (the reconciliation's Data Table); one empty item when none. */
const readExpectedList = (workflow, name, position) =>
	dataTable(
		workflow,
		name,
		position,
		{
			dataTableId: { __rl: true, mode: 'name', value: EXPECTED_TABLE },
			operation: 'get',
			matchType: 'allConditions',
			filters: { conditions: [] },
			returnAll: true,
		},
		{ executeOnce: true, alwaysOutputData: true },
	);

// --- 1. Account-inquiry invoice payment -------------------------------------------------------

const inquiry = ledgerTemplate('inquiry', 'inquiry-invoices', {
	name: 'OY! - pay account-inquiry invoices',
	about: {
		text: `
## Pay UNPAID account-inquiry invoices (with a ledger)
Every morning: takes this job's lock in the Data Table "${LEDGER_TABLE}", resolves what a stopped run left, pays the UNPAID invoices oldest first, records each payment before and after it is made, and e-mails finance what was paid.
- The decisions are oy-jobs' own (OY! › Scheduled Job): an invoice a stopped run claimed is recorded paid if OY! shows it PAID, paid again only if OY! shows it UNPAID.
- A second run while one holds the lock stops with an error and touches nothing.
- Code 206 (balance too low) stops paying and e-mails one low-balance alert a day (Low-Balance Alert To on "Pay claimed invoices"); the next scheduled run tries again.
- A run still paying when its lock's lease (1 hour) ends stops with an error; the next run records what it paid.
Create the Data Table first (docs/jobs-in-n8n.md); set the OY! credential on the OY! nodes and an SMTP credential on the e-mail node; change the recipients.`,
		height: 320,
	},
	trigger: { name: 'Every day at 07:30', cron: '30 7 * * *' },
	plan: ['Plan payments (as oy-jobs)', { operation: 'planInvoicePayments', maxPayments: 0 }],
	steps: actOnClaims({
		claims: 'Record claims before paying',
		act: [
			'Pay claimed invoices',
			{
				operation: 'payClaimedInvoices',
				leaseUntil: LEASE_UNTIL,
				alertTo: 'finance@example.co.id',
			},
		],
		ended: 'Record how each payment ended',
		// Code 206: the day's low-balance alert the pay step claimed (recorded above), sent, recorded done.
		alongside: (workflow, ended) => ({
			nodes: [
				node(workflow, 'Low-balance alert to send?', 'n8n-nodes-base.filter', 2.2, [1980, 100], {
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
						conditions: [
							{
								id: 'low-balance-alert',
								leftValue:
									"={{ String($json.key).startsWith('alert:low-balance:') && $json.state === 'claimed' && $json.runId === $execution.id }}",
								rightValue: true,
								operator: { type: 'boolean', operation: 'true', singleValue: true },
							},
						],
						combinator: 'and',
					},
					options: {},
				}),
				leaseStillHeld(workflow, 'Lease held for the alert?', [2200, 100]),
				email(workflow, 'Send the low-balance alert', [2420, 100], {
					to: '={{ JSON.parse($json.detail).to }}',
					subject: '={{ JSON.parse($json.detail).subject }}',
					text: '={{ JSON.parse($json.detail).text }}',
				}),
				recordSent(workflow, 'Record the alert sent', [2640, 100], ended),
			],
			pairs: [
				[ended, 'Low-balance alert to send?'],
				['Low-balance alert to send?', 'Lease held for the alert?'],
				['Lease held for the alert?', 'Send the low-balance alert'],
				['Send the low-balance alert', 'Record the alert sent'],
			],
		}),
		report: {
			code: `
// One row per invoice considered (as oy-jobs' report), with how its payment ended; nothing when nothing was paid or refused.
const paid = new Map($('Pay claimed invoices').all().filter(item => item.json.invoiceId).map(item => [item.json.key, item.json]));
const rows = $('Plan payments (as oy-jobs)').all().map(item => item.json).filter(row => row.invoiceId).map(row => {
  const payment = paid.get('pay:' + row.invoiceId);
  return { invoiceId: row.invoiceId, txDate: row.txDate, totalInquiry: row.totalInquiry, amount: row.amount, dueAt: row.dueAt,
    action: payment ? payment.action : row.action, detail: payment ? payment.detail : row.detail };
});
const tell = rows.some(row => row.action.startsWith('paid') || row.action === 'balance too low');
return tell ? rows.map(json => ({ json })) : [];`,
			excel: ['Payments as Excel', 'inquiry-invoices.xlsx', 'Invoices'],
			email: [
				'E-mail finance',
				{
					to: 'finance@example.co.id',
					subject:
						"={{ $('Report').all().filter(item => item.json.action.startsWith('paid')).length }} OY! account-inquiry invoice(s) paid",
					text: "=Account-inquiry invoices handled this morning:\n{{ $('Report').all().map(item => `- ${item.json.txDate} ${item.json.invoiceId}: ${item.json.action}${item.json.detail ? ` (${item.json.detail})` : ''}`).join('\\n') }}\n{{ ($('Plan payments (as oy-jobs)').last().json.problems || []).map(problem => 'Needs attention: ' + problem).join('\\n') }}",
				},
			],
		},
	}),
});

// --- 2. VA expiry sweep --------------------------------------------------------------------------

const vaSweep = ledgerTemplate('va', 'va-sweep', {
	name: 'OY! - sweep expired virtual accounts',
	about: {
		text: `
## VA expiry sweep (with a ledger)
Every night: takes this job's lock in the Data Table "${LEDGER_TABLE}", resolves what a stopped run left, finds the VAs expired but still active and those expiring within 72 hours, deactivates the expired ones (each recorded before and after), and e-mails a report.
- The decisions are oy-jobs' own (OY! › Scheduled Job › Plan VA Sweep): a deactivation a stopped run claimed is recorded done if OY! shows the VA closed, done again otherwise.
- Static VAs are deactivated with Update VA (expiration 0); a customized VA (BRI, CIMB) with its own DELETE endpoint.
- Lifetime VAs whose transaction window ended are kept unless "Keep Lifetime VAs" is off.
Create the Data Table first (docs/jobs-in-n8n.md); set the OY! credential on the OY! nodes and an SMTP credential on the e-mail node.`,
		height: 340,
	},
	trigger: { name: 'Every night at 02:00', cron: '0 2 * * *' },
	plan: [
		'Plan the sweep (as oy-jobs)',
		{ operation: 'planVaSweep', expiringWithinHours: 72, keepLifetime: true, maxDeactivations: 0 },
	],
	steps: actOnClaims({
		claims: 'Record claims before deactivating',
		act: ['Deactivate claimed VAs', { operation: 'deactivateClaimedVas', leaseUntil: LEASE_UNTIL }],
		ended: 'Record how each deactivation ended',
		report: {
			code: `
// One row per VA found expired or expiring (as oy-jobs' report), with what was done; nothing when none.
const done = new Map($('Deactivate claimed VAs').all().filter(item => item.json.id).map(item => [item.json.key, item.json]));
return $('Plan the sweep (as oy-jobs)').all().map(item => item.json).filter(row => row.vaNumber !== undefined).map(row => {
  const deactivation = done.get('deactivate:' + row.id);
  return { json: { id: row.id, vaNumber: row.vaNumber, bankCode: row.bankCode, status: row.status, expires: row.expires, trxExpires: row.trxExpires, finding: row.finding,
    action: deactivation ? deactivation.action : row.action, detail: deactivation ? deactivation.detail : row.detail } };
});`,
			excel: ['Report as Excel', 'va-sweep.xlsx', 'VAs'],
			email: [
				'E-mail the report',
				{
					to: 'ops@example.co.id',
					subject:
						"=OY! VA sweep: {{ $('Report').all().filter(item => item.json.finding.startsWith('expired')).length }} expired, {{ $('Report').all().filter(item => item.json.finding.startsWith('expiring')).length }} expiring",
					text: "=The VAs found expired or expiring, with what the sweep did with each, are in the attached report.\n{{ ($('Plan the sweep (as oy-jobs)').last().json.problems || []).map(problem => 'Needs attention: ' + problem).join('\\n') }}",
				},
			],
		},
	}),
});

// --- 3. AR overdue reminders ------------------------------------------------------------------

const arReminders = ledgerTemplate('ar', 'ar-reminders', {
	name: 'OY! - remind overdue AR invoices',
	about: {
		text: `
## AR overdue reminders (with a ledger)
Every morning: takes this job's lock in the Data Table "${LEDGER_TABLE}", reads the OVERDUE Account Receivable invoices and e-mails each customer the reminder step due (1, 3, 7, 14 days overdue), each step once per invoice, not to customers who opted out. Each invoice is read again right before its reminder is decided: one paid meanwhile gets none.
- The decisions are oy-jobs' own (OY! › Scheduled Job › Plan AR Reminders). Each e-mail is recorded before it is sent and after; one a stopped run may have sent is reported, never sent again.
Create the Data Table first (docs/jobs-in-n8n.md); set the days, opted-out customers and the summary recipients on "Plan reminders (as oy-jobs)", the OY! credential on it and an SMTP credential on the e-mail node.`,
		height: 340,
	},
	trigger: { name: 'Every day at 09:00', cron: '0 9 * * *' },
	plan: [
		'Plan reminders (as oy-jobs)',
		{
			operation: 'planArReminders',
			steps: '1, 3, 7, 14',
			optOut: '',
			quietHours: '',
			summaryTo: 'finance@example.co.id',
			maxPerRun: 0,
		},
	],
	steps: sendPlannedEmails('Open invoices'),
});

// --- 4. Daily balance alert -------------------------------------------------------------------

const balance = ledgerTemplate('balance', 'balance-alert', {
	name: 'OY! - daily balance alert',
	about: {
		text: `
## Daily balance alert (with a ledger)
Every morning: takes this job's lock in the Data Table "${LEDGER_TABLE}", reads the OY! balance and records the reading there. When the available balance is below the threshold it e-mails an alert: at most one a day, at most three days in a row until the balance recovers, then one "recovered" notice.
- Look-ahead: when the UNPAID account-inquiry invoices falling due and the payouts in the Data Table "${EXPECTED_TABLE}" (rows with product empty or disbursement) of the next 7 days would take the balance below the threshold, it warns, at most once a day.
- The decisions are oy-jobs' own (OY! › Scheduled Job › Plan Balance Alert). Each e-mail is recorded before it is sent and after; one a stopped run may have sent is reported, never sent again.
Create the Data Tables first (docs/jobs-in-n8n.md); set the threshold, recipients and look-ahead days on "Plan the alert (as oy-jobs)", the OY! credential on it and an SMTP credential on the e-mail node.`,
		height: 400,
	},
	trigger: { name: 'Every day at 08:00', cron: '0 8 * * *' },
	read: {
		name: 'Read the expected payouts',
		node: (key, position) => readExpectedList(key, 'Read the expected payouts', position),
	},
	plan: [
		'Plan the alert (as oy-jobs)',
		{
			operation: 'planBalanceAlert',
			recipients: 'finance@example.co.id',
			threshold: 10_000_000,
			maxConsecutiveDays: 3,
			recoveredNotice: true,
			lookAheadDays: 7,
			expectedPayouts: "={{ $('Read the expected payouts').all().map(item => item.json) }}",
		},
	],
	steps: sendPlannedEmails('Balance history'),
});

export const TEMPLATES = {
	'inquiry-invoices.json': inquiry,
	'va-sweep.json': vaSweep,
	'ar-reminders.json': arReminders,
	'balance-alert.json': balance,
};

// --- 5. Daily reconciliation -------------------------------------------------------------------
// No lock: the template reads OY! (and the jobs' ledger) and e-mails a report; it changes nothing.

counter = 0;
const RECONCILE = 'Reconcile yesterday (as oy-jobs)';
const reconciliation = workflow(
	'OY! - reconcile yesterday',
	[
		note(
			'recon',
			`
## Reconcile yesterday (Asia/Jakarta)
Every morning: reads the expected transactions from the Data Table "${EXPECTED_TABLE}" (columns date, amount, partner_trx_id, product, description) and the account-inquiry invoice payments the jobs' ledger "${LEDGER_TABLE}" recorded, compares yesterday's with what OY! reports, e-mails an Excel report with one row per transaction and its class, and ends in an error when something needs a person (as \`oy-jobs run reconciliation\` exits 1), so n8n's error workflow can alert.
- The decisions are oy-jobs' own (OY! › Scheduled Job › Reconcile Day); it changes nothing at OY!.
- A bad row in the list stops the run before OY! is asked anything.
Create the Data Tables first (docs/reconciliation.md, docs/jobs-in-n8n.md); set the OY! credential on the OY! node, an SMTP credential on the e-mail node, and the recipients.`,
			[-40, -40],
			340,
		),
		schedule('recon', 'Every day at 06:00', '0 6 * * *'),
		readLedger('recon', 'inquiry-invoices', [220, 300]),
		readExpectedList('recon', 'Read the expected list', [440, 300]),
		oy('recon', RECONCILE, [660, 300], {
			resource: 'scheduledJob',
			operation: 'reconcileDay',
			runId: '={{ $execution.id }}',
			day: '',
			products: ['disbursement', 'va', 'payment-link', 'e-wallet', 'inquiry-invoice'],
			ledgerRows: "={{ $('Read the ledger').all().map(item => item.json) }}",
			pendingHours: 24,
			reportTo: 'finance@example.co.id',
			vaTimes: 'UTC',
			maxRequests: 300_000,
		}),
		node(
			'recon',
			'Transactions only',
			'n8n-nodes-base.filter',
			2.2,
			[880, 300],
			{
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
					conditions: [
						{
							id: 'transaction-kind',
							leftValue: '={{ $json.kind }}',
							rightValue: 'transaction',
							operator: { type: 'string', operation: 'equals' },
						},
					],
					combinator: 'and',
				},
				options: {},
			},
			// A day without any transaction still gets its (empty) report.
			{ alwaysOutputData: true },
		),
		node('recon', 'Report as Excel', 'n8n-nodes-base.convertToFile', 1.1, [1100, 300], {
			operation: 'xlsx',
			binaryPropertyName: 'data',
			options: {
				fileName: `={{ 'oy-reconciliation-' + $('${RECONCILE}').last().json.day + '.xlsx' }}`,
				sheetName: 'Transactions',
			},
		}),
		email('recon', 'E-mail the report', [1320, 300], {
			to: `={{ $('${RECONCILE}').last().json.email.to }}`,
			subject: `={{ $('${RECONCILE}').last().json.email.subject }}`,
			text: `={{ $('${RECONCILE}').last().json.email.text }}`,
			attachments: true,
		}),
		node('recon', 'Needs a person?', 'n8n-nodes-base.if', 2.2, [1540, 300], {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
				conditions: [
					{
						id: 'needs-a-person',
						leftValue: `={{ $('${RECONCILE}').last().json.needsPerson }}`,
						rightValue: '',
						operator: { type: 'boolean', operation: 'true', singleValue: true },
					},
				],
				combinator: 'and',
			},
			options: {},
		}),
		node('recon', 'Stop: needs a person', 'n8n-nodes-base.stopAndError', 1, [1760, 200], {
			errorMessage: `={{ 'OY! reconciliation ' + $('${RECONCILE}').last().json.day + ' needs a person: ' + $('${RECONCILE}').last().json.problems.join(' ') }}`,
		}),
	],
	[
		['Every day at 06:00', 'Read the ledger'],
		['Read the ledger', 'Read the expected list'],
		['Read the expected list', RECONCILE],
		[RECONCILE, 'Transactions only'],
		['Transactions only', 'Report as Excel'],
		['Report as Excel', 'E-mail the report'],
		['E-mail the report', 'Needs a person?'],
		['Needs a person?', 'Stop: needs a person'],
	],
);
TEMPLATES['reconciliation.json'] = reconciliation;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	for (const [file, template] of Object.entries(TEMPLATES)) {
		writeFileSync(path.join(folder, file), `${JSON.stringify(template, null, 2)}\n`);
		console.log(`wrote jobs/workflows/${file}`);
	}
}
