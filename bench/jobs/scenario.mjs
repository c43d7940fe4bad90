// One benchmark scenario in its own process, so that its peak RSS is its own. Prints one JSON line.
// Usage: node bench/jobs/scenario.mjs <scenario> <json settings>
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
		const { OyClient } = await jobsDist('lib/index.js');
		const { httpSend } = await jobsDist('oy/httpSend.mjs');
		const client = new OyClient({
			send: httpSend(settings.url, { username: 'oy-sandbox', apiKey: 'sandbox-key' }),
			sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
		});
		const all = [];
		for (const status of ['OVERDUE', 'CREATED'])
			all.push(...(await client.listAll('accountReceivable.getManyInvoices', { status })));
		return { records: all.length };
	},
	/** The floor for the AR run's sending: as many messages of the same size through the same mailer and parallelism, nothing else. */
	async 'smtp-floor'() {
		const { Mailer } = await jobsDist('mail/notifier.mjs');
		const mailer = new Mailer({
			from: 'OY! jobs <jobs@example.co.id>',
			smtp: { host: '127.0.0.1', port: settings.port, secure: false },
			outbox: '',
		});
		const line =
			'Invoice INV/2026/000000 of Rp 100.000 was due on 2026-10-15. Pay at https://example.co.id/pay\n';
		const text = line.repeat(Math.max(1, Math.round(settings.textLength / line.length)));
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
	async 'excel-streaming'() {
		const { ExcelReports } = await jobsDist('reports/excelReports.mjs');
		const writer = await new ExcelReports(settings.dir).create('bench-streaming');
		await writer.sheet({ name: 'Open invoices', columns: COLUMNS });
		for (let index = 0; index < settings.rows; index++) await writer.addRow(row(index));
		const file = await writer.finish();
		return { rows: file.rows };
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
