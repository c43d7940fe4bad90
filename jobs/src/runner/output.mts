import { formatRupiah } from '#oy/lib';
import type { ClientEvent } from '#oy/lib';
import type * as jobs from '#oy/lib/jobs';

export interface Output {
	/** a new run begins: per-run counters start again */
	begin(): void;
	line(text: string): void;
	progress: jobs.Progress;
	clientEvent(event: ClientEvent): void;
	summary(summary: jobs.JobSummary, status: RunStatus, seconds: number): void;
}

export type RunStatus = 'ok' | 'problems' | 'failed' | 'busy';

/** Replaces every secret (API key, SMTP password) in a line by asterisks: a last guard, should one ever reach a message. */
export function redactor(secrets: ReadonlyArray<string | undefined>): (text: string) => string {
	const present = secrets.filter(
		(secret): secret is string => typeof secret === 'string' && secret.length >= 4,
	);
	return (text) => present.reduce((current, secret) => current.split(secret).join('****'), text);
}

/** problems listed in a summary; a run with thousands (a mail server down) would drown the rest */
const PROBLEM_LINES = 50;

/** per-item progress lines shown per phase of a run */
const ITEM_LINES = 20;

const clock = () => new Date().toISOString().slice(11, 19);

/**
 * Progress and the summary for people (stdout). Counting progress (pages read) is printed at most
 * every two seconds; everything else as it happens.
 */
export function consoleOutput(
	redact: (text: string) => string = (text) => text,
	write: (text: string) => void = (text) => process.stdout.write(`${text}\n`),
): Output {
	let lastCounting = 0;
	const itemLines = new Map<string, number>();
	const line = (text: string) => write(redact(text));
	return {
		begin: () => itemLines.clear(),
		line,
		progress(event) {
			const counting = event.done !== undefined && /^(scanning|reading|paying)/.test(event.phase);
			if (counting && event.done !== event.total) {
				const now = Date.now();
				if (now - lastCounting < 2_000) return;
				lastCounting = now;
			} else if (event.done === undefined) {
				// One line per item for the first ones; beyond that the counting lines carry the totals.
				const key = `${event.job}:${event.phase}`;
				const shown = (itemLines.get(key) ?? 0) + 1;
				itemLines.set(key, shown);
				if (shown === ITEM_LINES + 1)
					line(
						`${clock()} [${event.job}] ... further ${event.phase} lines are not shown; the totals follow`,
					);
				if (shown > ITEM_LINES) return;
			}
			line(`${clock()} [${event.job}] ${event.message}`);
		},
		clientEvent(event) {
			if (event.type === 'retry')
				line(
					`${clock()}   OY! ${event.operation}: ${event.meaning}; trying again in ${event.delayMs} ms (attempt ${event.attempt + 1})`,
				);
			else if (event.type === 'statusCheck')
				line(
					`${clock()}   OY! ${event.operation}: ${event.reason}; asking ${event.statusOperation} with the same id`,
				);
			else line(`${clock()}   OY! ${event.operation}: ${event.reason}`);
		},
		summary(summary, status, seconds) {
			const heading = {
				ok: 'done',
				problems: 'done, with problems',
				failed: 'FAILED',
				busy: 'not run',
			}[status];
			line('');
			line(
				`== ${summary.job}${summary.dryRun ? ' (dry run: nothing paid, changed, sent or recorded)' : ''}: ${heading} in ${seconds.toFixed(1)} s`,
			);
			const counts = Object.entries(summary.counts).filter(([name]) => name !== '');
			if (counts.length > 0)
				line(`   ${counts.map(([name, value]) => `${name}: ${value}`).join(' | ')}`);
			const amounts = Object.entries(summary.amounts);
			if (amounts.length > 0)
				line(`   ${amounts.map(([name, value]) => `${name}: ${formatRupiah(value)}`).join(' | ')}`);
			for (const note of summary.notes) line(`   ${note}`);
			line(`   messages ${summary.dryRun ? 'that would be sent' : 'sent'}: ${summary.messages}`);
			for (const report of summary.reports) line(`   report: ${report.path} (${report.rows} rows)`);
			if (summary.problems.length > 0) {
				line(`   problems (${summary.problems.length}):`);
				for (const problem of summary.problems.slice(0, PROBLEM_LINES)) line(`   - ${problem}`);
				if (summary.problems.length > PROBLEM_LINES) {
					line(
						`   ... and ${summary.problems.length - PROBLEM_LINES} more (all of them: --json, or the runs table of the ledger)`,
					);
				}
			}
		},
	};
}

/** `--json`: progress on stderr, the summary as one JSON object on stdout. */
export function jsonOutput(redact: (text: string) => string = (text) => text): Output {
	const human = consoleOutput(redact, (text) => process.stderr.write(`${text}\n`));
	return {
		...human,
		summary(summary, status, seconds) {
			process.stdout.write(`${redact(JSON.stringify({ status, seconds, ...summary }))}\n`);
		},
	};
}
