// Benchmark of the scheduled jobs (issue 6): AR reminders over 100,000 invoices and a 100,000-row
// Excel report, each scenario in its own process, printing wall time and peak RSS, with baselines
// side by side. Needs `npm run build` first.
// Usage: npm run bench:jobs [-- --invoices 100000 --rows 100000 --rounds 2]
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
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
/**
 * Sending 10,000 messages with a synchronous commit each swings by a third from run to run on a
 * shared machine: the first run and the three floors run this many times, compared at their fastest.
 */
const ROUNDS = argument('rounds', 2);
/** Commits of the ledger timed alone in each round: the disk's pace at that moment. */
const COMMITS = 300;

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
	const ar = (dryRun, inDir = dir) => runScenario('ar-reminders', { config, dir: inDir, dryRun });
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
	const commitLatency = (inDir, tag = '') => [
		`ledger commits alone, ${COMMITS} one after the other${tag}`,
		() =>
			runScenario('commit-latency', {
				ledger: path.join(inDir, 'commit-latency.sqlite'),
				commits: COMMITS,
			}),
		'commit',
	];
	/** The first run and the floors again, the job with a fresh ledger: a round of its own. */
	const sendingRound = (round) => {
		const roundDir = path.join(dir, `round-${round}`);
		mkdirSync(roundDir);
		const tag = `, round ${round}`;
		return [
			[`AR reminders, first run${tag}, fresh ledger`, () => ar(false, roundDir), 'job'],
			[`floor${tag}`, () => runScenario('smtp-floor', firstRunMessages()), 'floor'],
			[
				`necessary floor${tag}`,
				() =>
					runScenario('necessary-floor', {
						...firstRunMessages(),
						url: sandbox.url,
						ledger: path.join(roundDir, 'necessary-floor.sqlite'),
					}),
				'necessary',
			],
			[
				`necessary floor without the ledger${tag}`,
				() => runScenario('necessary-floor', { ...firstRunMessages(), url: sandbox.url }),
				'necessaryNoLedger',
			],
			commitLatency(roundDir, tag),
		];
	};
	for (const [label, run, kind] of [
		['AR reminders, dry run (read, decide, aging report)', () => ar(true)],
		[
			"baseline: the same dry run with V8's default young generation",
			() => runScenario('ar-reminders', { config, dir, dryRun: true }, []),
		],
		['AR reminders, first run (e-mail every due reminder)', () => ar(false), 'job'],
		['AR reminders, second run (all sent: ledger lookups only)', () => ar(false)],
		[
			"floor: the first run's messages, same size, same mailer and parallelism, nothing else",
			() => runScenario('smtp-floor', firstRunMessages()),
			'floor',
		],
		[
			'necessary floor: list, re-read, claim, send, settle; no job logic',
			() =>
				runScenario('necessary-floor', {
					...firstRunMessages(),
					url: sandbox.url,
					ledger: path.join(dir, 'necessary-floor.sqlite'),
				}),
			'necessary',
		],
		[
			'necessary floor without the ledger: list, re-read, send',
			() => runScenario('necessary-floor', { ...firstRunMessages(), url: sandbox.url }),
			'necessaryNoLedger',
		],
		commitLatency(dir),
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
		[
			"baseline: the same report with exceljs' streaming writer",
			() => runScenario('excel-exceljs-streaming', { dir, rows: ROWS }),
		],
		...Array.from({ length: ROUNDS - 1 }, (_, index) => sendingRound(index + 2)).flat(),
	]) {
		process.stdout.write(`  running: ${label}\n`);
		const before = { count: smtp.count(), bytes: smtp.bytes() };
		rows.push([label, await run(), kind]);
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
		,
		,
		listed,
		streaming,
		inMemory,
		exceljsStreaming,
	] = rows.map(([, figures]) => figures);
	const fastest = (kind) =>
		rows
			.filter(([, , rowKind]) => rowKind === kind)
			.map(([, figures]) => figures)
			.reduce((best, figures) => (figures.wallMs < best.wallMs ? figures : best));
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
	const job = fastest('job');
	const floors = {
		floor: fastest('floor'),
		necessary: fastest('necessary'),
		noLedger: fastest('necessaryNoLedger'),
	};
	/** A floor of the safety steps above the target means the target asks for less than they take. */
	const againstTarget = (figures) =>
		figures.wallMs / floors.floor.wallMs > FLOOR_TARGET
			? `: above ${FLOOR_TARGET}x, so the ${FLOOR_TARGET}x target is below what the safety steps need`
			: `: within the ${FLOOR_TARGET}x target`;
	console.log(
		`necessary floor: ${necessary.reminders} reminders and the summary, ${mailed[5].count} messages of ${perMail(mailed[5])} bytes (${necessary.stopped} invoices no longer overdue at the re-read), after listing ${necessary.listed} invoices`,
	);
	const commits = rows.filter(([, , kind]) => kind === 'commit').map(([, figures]) => figures);
	console.log(
		`each at its fastest of ${ROUNDS} round(s) (a ledger commit took ${commits.map(({ msPerCommit }) => `${msPerCommit} ms`).join(', ')} alone, by round):`,
	);
	versus('  job / floor', job, floors.floor);
	versus(
		'  necessary floor / floor',
		floors.necessary,
		floors.floor,
		againstTarget(floors.necessary),
	);
	versus(
		'  job / necessary floor (our overhead beyond what safety requires)',
		job,
		floors.necessary,
	);
	versus('  necessary floor / the same without the ledger', floors.necessary, floors.noLedger);
	versus(
		'  necessary floor without the ledger / floor',
		floors.noLedger,
		floors.floor,
		againstTarget(floors.noLedger),
	);
	console.log(
		`AR run peak RSS vs holding the open invoices in memory: ${(first.peakRssMb / listed.peakRssMb).toFixed(2)}x`,
	);
	console.log(
		`Excel streaming (ours) vs exceljs' streaming writer: time ${(streaming.wallMs / exceljsStreaming.wallMs).toFixed(2)}x, peak RSS ${(streaming.peakRssMb / exceljsStreaming.peakRssMb).toFixed(2)}x`,
	);
	console.log(
		`Excel streaming vs in memory: time ${(streaming.wallMs / inMemory.wallMs).toFixed(2)}x, peak RSS ${(streaming.peakRssMb / inMemory.peakRssMb).toFixed(2)}x`,
	);
	const worst = Math.max(
		dry.peakRssMb,
		second.peakRssMb,
		streaming.peakRssMb,
		...rows.filter(([, , kind]) => kind === 'job').map(([, figures]) => figures.peakRssMb),
	);
	console.log(
		`target: peak RSS < ${RSS_TARGET_MB} MB for the jobs; worst ${worst.toFixed(0)} MB: ${worst < RSS_TARGET_MB ? 'met' : 'NOT MET'}`,
	);
} finally {
	sandbox.stop();
	await smtp.close();
	rmSync(dir, { recursive: true, force: true });
}
