// One benchmark scenario in its own process, so that its peak RSS is its own. Prints one JSON line.
// Usage: node bench/jobs/scenario.mjs <scenario> <json settings>
import { once } from 'node:events';
import path from 'node:path';

// Each scenario loads what it uses, as the `oy-jobs` command does: a module loaded by the
// benchmark itself would count in every scenario's peak RSS.
const jobsDist = (file) => import(new URL(`../../jobs/dist/${file}`, import.meta.url).href);
const { readConfig } = await jobsDist('config/config.mjs');
const { consoleOutput } = await jobsDist('runner/output.mjs');
const { runJob } = await jobsDist('runner/runJob.mjs');

const [scenario, json] = process.argv.slice(2);
const settings = JSON.parse(json);

const COLUMNS = [
	['number', 'Invoice number', 'text'],
	['id', 'Invoice ID', 'text'],
	['customerName', 'Customer', 'text'],
	['customerId', 'Customer ID', 'text'],
	['invoiceDate', 'Invoice date', 'text'],
	['dueDate', 'Due date', 'text'],
	['daysOverdue', 'Days overdue', 'number'],
	['bucket', 'Aging', 'text'],
	['billed', 'Billed (IDR)', 'rupiah'],
	['received', 'Received (IDR)', 'rupiah'],
	['outstanding', 'Outstanding (IDR)', 'rupiah'],
	['status', 'Status', 'text'],
	['lastStep', 'Last reminder (day)', 'number'],
	['action', 'This run', 'text'],
].map(([key, header, kind]) => ({ key, header, kind }));

const row = (index) => ({
	number: `INV/2026/${index}`,
	id: `0f6e2a4c-${String(index).padStart(12, '0')}`,
	customerName: `Generated Customer ${index % 1000}`,
	customerId: `cust-${index % 1000}`,
	invoiceDate: '2026-10-01',
	dueDate: '2026-10-15',
	daysOverdue: index % 120,
	bucket: '31-60 days',
	billed: 100_000 + index,
	received: 0,
	outstanding: 100_000 + index,
	status: 'OVERDUE',
	lastStep: 7,
	action: 'sent reminder (day 14)',
});

const JOB = 'ar-reminders';

/** An OY! client as the jobs make one: lib's client over the jobs' node:http transport. */
async function sandboxClient() {
	const { OyClient } = await jobsDist('lib/index.js');
	const { httpSend } = await jobsDist('oy/httpSend.mjs');
	return new OyClient({
		send: httpSend(settings.url, { username: 'oy-sandbox', apiKey: 'sandbox-key' }),
		sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
	});
}

/** The jobs' Mailer, to the benchmark's SMTP sink. */
async function sinkMailer() {
	const { Mailer } = await jobsDist('mail/notifier.mjs');
	return new Mailer({
		from: 'OY! jobs <jobs@example.co.id>',
		smtp: { host: '127.0.0.1', port: settings.port, secure: false },
		outbox: '',
	});
}

/** A message body of about `settings.textLength` characters. */
function messageText() {
	const line =
		'Invoice INV/2026/000000 of Rp 100.000 was due on 2026-10-15. Pay at https://example.co.id/pay\n';
	return line.repeat(Math.max(1, Math.round(settings.textLength / line.length)));
}

const scenarios = {
	async 'ar-reminders'() {
		const config = readConfig(settings.config, {
			file: path.join(settings.dir, 'oy-jobs.config.json'),
			env: {},
		});
		const result = await runJob(config, 'ar-reminders', {
			dryRun: settings.dryRun,
			output: consoleOutput(undefined, () => undefined),
		});
		if (result.status === 'failed') throw new Error(result.summary.problems.join('\n'));
		return {
			status: result.status,
			reminders: result.summary.messages,
			openInvoices: result.summary.reports[0]?.rows,
		};
	},
	async reconciliation() {
		const config = readConfig(settings.config, {
			file: path.join(settings.dir, 'oy-jobs.config.json'),
			env: {},
		});
		const result = await runJob(config, 'reconciliation', {
			dryRun: false,
			output: consoleOutput(undefined, () => undefined),
		});
		if (result.status === 'failed') throw new Error(result.summary.problems.join('\n'));
		return { status: result.status, counts: result.summary.counts, mails: result.summary.messages };
	},
	async 'list-in-memory'() {
		const client = await sandboxClient();
		const all = [];
		for (const status of ['OVERDUE', 'CREATED'])
			all.push(...(await client.listAll('accountReceivable.getManyInvoices', { status })));
		return { records: all.length };
	},
	/** The floor for the AR run's sending: as many messages of the same size through the same mailer and parallelism, nothing else. */
	async 'smtp-floor'() {
		const mailer = await sinkMailer();
		const text = messageText();
		let next = 0;
		const worker = async () => {
			while (next < settings.messages) {
				const index = next++;
				await mailer.send({
					key: `floor:${index}`,
					to: [`customer-${index % 1000}@example.co.id`],
					subject: `Reminder: invoice INV/2026/${index} is overdue`,
					text,
				});
			}
		};
		await Promise.all(Array.from({ length: settings.concurrency }, worker));
		mailer.close();
		return { messages: settings.messages };
	},
	/**
	 * The necessary floor: what any safe AR-reminder run must do, built from the jobs' parts and no
	 * job logic. The open invoices listed as the job lists them; for the first `messages - 1` overdue
	 * ones, `concurrency` at a time: the invoice re-read from OY! (paid since the listing: no
	 * reminder), a durable claim in a SqliteLedger, the message through the Mailer, the settle; then
	 * the summary to finance. Without `ledger`, the same without the claims and settles.
	 */
	async 'necessary-floor'() {
		const { forEachChunk, forEachLimited } = await jobsDist('lib/jobs/paging.js');
		const { SqliteLedger } = await jobsDist('ledger/sqliteLedger.mjs');
		const client = await sandboxClient();
		const ledger = settings.ledger ? new SqliteLedger(settings.ledger) : undefined;
		const mailer = await sinkMailer();
		const text = messageText();
		const runId = 'necessary-floor';
		let sent = 0;
		let stopped = 0;
		let listed = 0;
		const remind = async (record) => {
			const key = `remind:${record.id}:1`;
			if (ledger) {
				const claim = await ledger.claim(
					JOB,
					key,
					runId,
					{ invoice: record.invoice_number, step: 1, channel: 'email' },
					['failed'],
				);
				if (!claim.claimed) throw new Error(`${key} was claimed before`);
			}
			const live = await client.call('accountReceivable.getInvoice', { id: record.id });
			// As the job reads the answer: anything but rejected or unknown carries the invoice.
			if (live.outcome === 'rejected' || live.outcome === 'unknown')
				throw new Error(`re-reading ${record.id}: ${live.outcome}`);
			if (String(live.body?.data?.status).toUpperCase() !== 'OVERDUE') {
				await ledger?.settle(JOB, key, runId, 'skipped', { reason: 'no longer overdue' });
				stopped++;
				return;
			}
			const receipt = await mailer.send({
				key,
				to: [`customer-${sent % 1000}@example.co.id`],
				subject: `Reminder: invoice ${record.invoice_number} is overdue`,
				text,
			});
			await ledger?.settle(JOB, key, runId, 'done', {
				messageId: receipt.messageId,
				accepted: receipt.accepted.join(', '),
				rejected: receipt.rejected.join(', '),
			});
			sent++;
		};
		// The run's other message: the daily summary to finance, claimed, sent and settled, no re-read.
		const reminders = settings.messages - 1;
		let wanted = reminders;
		for (const status of ['OVERDUE', 'CREATED']) {
			await forEachChunk(
				client,
				'accountReceivable.getManyInvoices',
				{ status },
				async (records) => {
					listed += records.length;
					const due = records
						.filter((record) => String(record.status).toUpperCase() === 'OVERDUE')
						.slice(0, wanted);
					wanted -= due.length;
					await forEachLimited(due, settings.concurrency, remind);
				},
				{ chunkSize: 1_000 },
			);
		}
		if (sent + stopped < reminders)
			throw new Error(`only ${sent + stopped} overdue invoices for ${reminders} reminders`);
		const summaryKey = 'summary:today';
		await ledger?.claim(JOB, summaryKey, runId, { subject: 'AR overdue summary' });
		const receipt = await mailer.send({
			key: summaryKey,
			to: ['finance@example.co.id'],
			subject: 'AR overdue summary',
			text,
		});
		await ledger?.settle(JOB, summaryKey, runId, 'done', { messageId: receipt.messageId });
		mailer.close();
		await ledger?.close();
		return { listed, reminders: sent, stopped, messages: sent + 1 };
	},
	/** The ledger's synchronous commit alone, one after the other: what the shared disk gives now. */
	async 'commit-latency'() {
		const { SqliteLedger } = await jobsDist('ledger/sqliteLedger.mjs');
		const ledger = new SqliteLedger(settings.ledger);
		const started = performance.now();
		for (let index = 0; index < settings.commits; index++)
			await ledger.claim(JOB, `probe:${index}`, 'commit-latency', {});
		const msPerCommit = (performance.now() - started) / settings.commits;
		await ledger.close();
		return { commits: settings.commits, msPerCommit: Number(msPerCommit.toFixed(2)) };
	},
	async 'excel-streaming'() {
		const { ExcelReports } = await jobsDist('reports/excelReports.mjs');
		const writer = await new ExcelReports(settings.dir).create('bench-streaming');
		await writer.sheet({ name: 'Open invoices', columns: COLUMNS });
		for (let index = 0; index < settings.rows; index++) await writer.addRow(row(index));
		const file = await writer.finish();
		return { rows: file.rows };
	},
	/** What oy-jobs used before its own writer: exceljs' streaming writer, waiting for its pipes every 250 rows (it ignores backpressure). */
	async 'excel-exceljs-streaming'() {
		const { default: Writer } = await import('exceljs/lib/stream/xlsx/workbook-writer.js');
		const workbook = new Writer({
			filename: path.join(settings.dir, 'bench-exceljs-streaming.xlsx'),
			useStyles: true,
			useSharedStrings: false,
		});
		const sheet = workbook.addWorksheet('Open invoices', {
			views: [{ state: 'frozen', ySplit: 1 }],
		});
		sheet.columns = COLUMNS.map(({ key, header }) => ({ key, header, width: 16 }));
		const drained = async (stream) => {
			if (stream?._writableState?.needDrain) await once(stream, 'drain');
		};
		for (let index = 0; index < settings.rows; index++) {
			sheet.addRow(row(index)).commit();
			if (index % 250 === 249) {
				await drained(sheet._stream?.pipes?.[0]);
				await drained(workbook.stream);
				await new Promise((resolve) => setImmediate(resolve));
			}
		}
		sheet.commit();
		await workbook.commit();
		return { rows: settings.rows };
	},
	async 'excel-in-memory'() {
		const { default: ExcelJS } = await import('exceljs');
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Open invoices');
		sheet.columns = COLUMNS.map(({ key, header }) => ({ key, header }));
		for (let index = 0; index < settings.rows; index++) sheet.addRow(row(index));
		await workbook.xlsx.writeFile(path.join(settings.dir, 'bench-in-memory.xlsx'));
		return { rows: settings.rows };
	},
};

const started = process.hrtime.bigint();
const extra = await scenarios[scenario]();
const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(
	`${JSON.stringify({ scenario, wallMs, peakRssMb: process.resourceUsage().maxRSS / 1024, ...extra })}\n`,
);
process.exit(0);
