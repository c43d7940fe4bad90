// Benchmark of the scheduled jobs (issue 6): AR reminders over 100,000 invoices and a 100,000-row
// Excel report, each scenario in its own process, printing wall time and peak RSS, with baselines
// side by side. Needs `npm run build` first. Usage: npm run bench:jobs [-- --invoices 100000 --rows 100000]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
	JOBS_FLAGS,
	benchConfig,
	runScenario,
	startSandboxProcess,
	startSmtpSink,
} from './processes.mjs';

const argument = (name, fallback) => {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const INVOICES = argument('invoices', 100_000);
const ROWS = argument('rows', 100_000);
const RSS_TARGET_MB = 150;
/** The AR run against sending the same messages and nothing else (issue 13). */
const FLOOR_TARGET = 1.3;
const AR_CONCURRENCY = 4;

const dir = mkdtempSync(path.join(os.tmpdir(), 'oy-jobs-bench-'));
const sandbox = await startSandboxProcess();
const smtp = await startSmtpSink();
try {
	const generated = await (
		await fetch(`${sandbox.url}/__sandbox/generate`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ 'account-receivable': { invoices: INVOICES } }),
		})
	).json();
	console.log(
		`jobs benchmark (scenarios run with ${JOBS_FLAGS.join(' ')}, as the oy-jobs command): ${INVOICES.toLocaleString('en')} AR invoices in the sandbox (generated in ${generated.took_ms} ms), ${ROWS.toLocaleString('en')}-row report; node ${process.version}, ${os.cpus().length} cores`,
	);
	const config = benchConfig(sandbox, smtp, {
		'ar-reminders': { quietHours: null, summaryTo: ['finance@example.co.id'] },
	});
	const ar = (dryRun) => runScenario('ar-reminders', { config, dir, dryRun });
	/** As many messages as the first run sent, of the same size, at the same parallelism. */
	const firstRunMessages = () => {
		const { count, bytes } = mailed[2];
		// The floors' own headers are about this long; their text makes up the rest.
		const textLength = Math.max(100, Math.round(bytes / count) - 450);
		return { port: smtp.port, messages: count, textLength, concurrency: AR_CONCURRENCY };
	};
	// One after the other: on two cores, scenarios side by side would measure each other.
	const rows = [];
	/** What the SMTP sink received during each scenario. */
	const mailed = [];
	for (const [label, run] of [
		['AR reminders, dry run (read, decide, aging report)', () => ar(true)],
		[
			"baseline: the same dry run with V8's default young generation",
			() => runScenario('ar-reminders', { config, dir, dryRun: true }, []),
		],
		['AR reminders, first run (e-mail every due reminder)', () => ar(false)],
		['AR reminders, second run (all sent: ledger lookups only)', () => ar(false)],
		[
			"floor: the first run's messages, same size, same mailer and parallelism, nothing else",
			() => runScenario('smtp-floor', firstRunMessages()),
		],
		[
			'necessary floor: list, re-read, claim, send, settle; no job logic',
			() =>
				runScenario('necessary-floor', {
					...firstRunMessages(),
					url: sandbox.url,
					ledger: path.join(dir, 'necessary-floor.sqlite'),
				}),
		],
		[
			'necessary floor without the ledger: list, re-read, send',
			() => runScenario('necessary-floor', { ...firstRunMessages(), url: sandbox.url }),
		],
		[
			'baseline: all open invoices listed into memory',
			() => runScenario('list-in-memory', { url: sandbox.url }),
		],
		[
			`Excel report, ${ROWS.toLocaleString('en')} rows, streaming writer (ours)`,
			() => runScenario('excel-streaming', { dir, rows: ROWS }),
		],
		[
			'baseline: the same report with exceljs in memory',
			() => runScenario('excel-in-memory', { dir, rows: ROWS }),
		],
	]) {
		process.stdout.write(`  running: ${label}\n`);
		const before = { count: smtp.count(), bytes: smtp.bytes() };
		rows.push([label, await run()]);
		mailed.push({ count: smtp.count() - before.count, bytes: smtp.bytes() - before.bytes });
	}
	console.log('');
	console.log(
		`${'scenario'.padEnd(60)} ${'wall s'.padStart(8)} ${'peak RSS MB'.padStart(12)}  detail`,
	);
	for (const [label, figures] of rows) {
		const { scenario, wallMs, peakRssMb, ...detail } = figures;
		console.log(
			`${label.padEnd(60)} ${(wallMs / 1000).toFixed(1).padStart(8)} ${peakRssMb.toFixed(0).padStart(12)}  ${JSON.stringify(detail)}`,
		);
	}
	const [
		dry,
		dryDefault,
		first,
		second,
		floor,
		necessary,
		necessaryNoLedger,
		listed,
		streaming,
		inMemory,
	] = rows.map(([, figures]) => figures);
	console.log('');
	console.log(
		`e-mails received by the SMTP sink: ${smtp.count()} (first run reported ${first.reminders}); ledger ${(statSync(path.join(dir, 'ledger.sqlite')).size / 1_048_576).toFixed(1)} MB`,
	);
	console.log(
		`dry run with ${JOBS_FLAGS.join(' ')} vs V8 defaults: time ${(dry.wallMs / dryDefault.wallMs).toFixed(2)}x, peak RSS ${(dry.peakRssMb / dryDefault.peakRssMb).toFixed(2)}x`,
	);
	console.log(
		`first run: ${(first.reminders / (first.wallMs / 1000)).toFixed(0)} reminders/s; second run ${(second.wallMs / dry.wallMs).toFixed(2)}x the dry run's time`,
	);
	const perMail = ({ count, bytes }) => (count ? Math.round(bytes / count) : 0);
	const floorRatio = first.wallMs / floor.wallMs;
	console.log(
		`first run vs the floor (${mailed[4].count} messages of ${perMail(mailed[4])} bytes against the run's ${mailed[2].count} of ${perMail(mailed[2])}): time ${floorRatio.toFixed(2)}x (target <= ${FLOOR_TARGET}x: ${floorRatio <= FLOOR_TARGET ? 'met' : 'NOT MET'}), peak RSS ${(first.peakRssMb / floor.peakRssMb).toFixed(2)}x`,
	);
	const versus = (label, a, b, note = '') =>
		console.log(
			`${label}: time ${(a.wallMs / b.wallMs).toFixed(2)}x (${(a.wallMs / 1000).toFixed(1)} s vs ${(b.wallMs / 1000).toFixed(1)} s), peak RSS ${(a.peakRssMb / b.peakRssMb).toFixed(2)}x (${a.peakRssMb.toFixed(0)} MB vs ${b.peakRssMb.toFixed(0)} MB)${note}`,
		);
	/** A floor of the safety steps above the target means the target asks for less than they take. */
	const againstTarget = (figures) =>
		figures.wallMs / floor.wallMs > FLOOR_TARGET
			? `: above ${FLOOR_TARGET}x, so the ${FLOOR_TARGET}x target is below what the safety steps need`
			: `: within the ${FLOOR_TARGET}x target`;
	console.log(
		`necessary floor: ${necessary.reminders} reminders and the summary, ${mailed[5].count} messages of ${perMail(mailed[5])} bytes (${necessary.stopped} invoices no longer overdue at the re-read), after listing ${necessary.listed} invoices`,
	);
	versus('job / floor', first, floor);
	versus('necessary floor / floor', necessary, floor, againstTarget(necessary));
	versus('job / necessary floor (our overhead beyond what safety requires)', first, necessary);
	versus('necessary floor / the same without the ledger', necessary, necessaryNoLedger);
	versus(
		'necessary floor without the ledger / floor',
		necessaryNoLedger,
		floor,
		againstTarget(necessaryNoLedger),
	);
	console.log(
		`AR run peak RSS vs holding the open invoices in memory: ${(first.peakRssMb / listed.peakRssMb).toFixed(2)}x`,
	);
	console.log(
		`Excel streaming vs in memory: time ${(streaming.wallMs / inMemory.wallMs).toFixed(2)}x, peak RSS ${(streaming.peakRssMb / inMemory.peakRssMb).toFixed(2)}x`,
	);
	const worst = Math.max(dry.peakRssMb, first.peakRssMb, second.peakRssMb, streaming.peakRssMb);
	console.log(
		`target: peak RSS < ${RSS_TARGET_MB} MB for the jobs; worst ${worst.toFixed(0)} MB: ${worst < RSS_TARGET_MB ? 'met' : 'NOT MET'}`,
	);
} finally {
	sandbox.stop();
	await smtp.close();
	rmSync(dir, { recursive: true, force: true });
}
