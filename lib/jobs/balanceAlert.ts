import { formatRupiah } from '../amounts';
import { count, newSummary, recoverInterrupted, sendOnce } from './effects';
import { normalized, numeric, text } from './fields';
import {
	LOOK_AHEAD_COLUMNS,
	lookAhead,
	lookAheadLine,
	lookAheadRows,
	type ExpectedPayout,
	type LookAhead,
} from './lookAhead';
import { addDays, dayIn } from './time';
import type { JobContext, JobSummary, ReportColumn, ReportFile } from './types';

/**
 * Job 4: the daily balance alert. Reads the OY! balance (and child balances with Multi Account),
 * compares the available amounts with thresholds, and e-mails an alert with the balance history
 * when one is low: at most once a day, at most `maxConsecutiveDays` days in a row, a notice when
 * the balances recover, and a daily digest otherwise if asked for. It also looks ahead: when the
 * main balance will not cover the inquiry invoices falling due and the payouts the caller expects
 * in the next `lookAheadDays` days (and still stay above its threshold), it warns once a day.
 */
export const BALANCE_ALERT_JOB = 'balance-alert';

export const MAIN_ACCOUNT = 'main';

export interface BalanceAlertOptions {
	/** alert when the main account's available balance is below this (rupiah) */
	threshold: number;
	/** Multi Account child usernames and their thresholds */
	children: Readonly<Record<string, number>>;
	to: readonly string[];
	/** a daily digest of the balances when nothing is low */
	digest: boolean;
	/** after this many days of alerts in a row, stay silent until the balances recover; 0: no cap */
	maxConsecutiveDays: number;
	recoveredNotice: boolean;
	/** days of readings in the attached history */
	historyDays: number;
	/** also warn when the main balance will not cover what is scheduled in this many days; 0: off */
	lookAheadDays: number;
	/** payouts the caller expects to make (their own list), counted in the look-ahead */
	expectedPayouts: readonly ExpectedPayout[];
}

export interface BalanceReading {
	account: string;
	/** ISO-8601 UTC of the reading */
	at: string;
	balance: number;
	available: number;
	pending: number;
	threshold: number;
	low: boolean;
}

export function readingOf(
	account: string,
	record: Record<string, unknown>,
	threshold: number,
	at: string,
): BalanceReading | undefined {
	const available = numeric(record.availableBalance);
	if (available === undefined) return undefined;
	return {
		account,
		at,
		balance: numeric(record.balance) ?? 0,
		available,
		pending: numeric(record.pendingBalance) ?? 0,
		threshold,
		low: available < threshold,
	};
}

/** Consecutive days before `today` with an alert (sent or held back by the cap). */
export function alertStreak(today: string, alertDays: ReadonlySet<string>): number {
	let streak = 0;
	for (let day = addDays(today, -1); alertDays.has(day); day = addDays(day, -1)) streak++;
	return streak;
}

const HISTORY_COLUMNS: readonly ReportColumn[] = [
	{ key: 'at', header: 'Read at (UTC)', kind: 'date', width: 20 },
	{ key: 'account', header: 'Account', width: 18 },
	{ key: 'available', header: 'Available (IDR)', kind: 'rupiah', width: 18 },
	{ key: 'balance', header: 'Balance (IDR)', kind: 'rupiah', width: 18 },
	{ key: 'pending', header: 'Pending (IDR)', kind: 'rupiah', width: 16 },
	{ key: 'threshold', header: 'Threshold (IDR)', kind: 'rupiah', width: 16 },
	{ key: 'low', header: 'Low', width: 6 },
];

/** Reads every configured balance now. Problems (a child OY! does not know) are reported, not thrown. */
export async function readBalances(
	ctx: JobContext,
	options: BalanceAlertOptions,
	summary: JobSummary,
): Promise<BalanceReading[]> {
	const at = new Date(ctx.clock.now()).toISOString();
	const readings: BalanceReading[] = [];
	const main = await ctx.client.callOrThrow('balance.get', {});
	const mainReading = readingOf(
		MAIN_ACCOUNT,
		normalized('balance.get', main.body),
		options.threshold,
		at,
	);
	if (!mainReading) throw new Error('OY! answered the balance without an availableBalance');
	readings.push(mainReading);
	const wanted = Object.keys(options.children);
	if (wanted.length === 0) return readings;
	let records: unknown[];
	try {
		records = await ctx.client.listAll('multiAccount.getChildBalance', {});
	} catch (error) {
		summary.problems.push(
			`Child balances could not be read: ${error instanceof Error ? error.message : String(error)}`,
		);
		return readings;
	}
	const byName = new Map(
		records.map((record) => {
			const child = normalized('multiAccount.getChildBalance', record);
			return [text(child.username), child] as const;
		}),
	);
	for (const username of wanted) {
		const record = byName.get(username);
		const reading = record
			? readingOf(username, record, options.children[username], at)
			: undefined;
		if (reading) readings.push(reading);
		else summary.problems.push(`OY! reports no balance for the child account "${username}"`);
	}
	return readings;
}

async function history(
	ctx: JobContext,
	options: BalanceAlertOptions,
	current: readonly BalanceReading[],
): Promise<BalanceReading[]> {
	const since = new Date(ctx.clock.now() - options.historyDays * 86_400_000).toISOString();
	const entries = await ctx.ledger.list(BALANCE_ALERT_JOB, 'reading:', {
		from: `reading:${since}`,
	});
	const past = entries.map((entry) => entry.detail as unknown as BalanceReading);
	// In a dry run the current readings are not in the ledger yet.
	return ctx.dryRun ? [...past, ...current] : past;
}

/** The day's report (balance history, and the look-ahead when there is one), added to the summary. */
async function historyReport(
	ctx: JobContext,
	options: BalanceAlertOptions,
	today: string,
	readings: readonly BalanceReading[],
	summary: JobSummary,
	look?: LookAhead,
): Promise<ReportFile> {
	const writer = await ctx.reports.create(
		`balance-history-${today}${ctx.dryRun ? '-dry-run' : ''}`,
	);
	await writer.sheet({ name: 'Balance history', columns: HISTORY_COLUMNS });
	for (const reading of await history(ctx, options, readings))
		await writer.addRow({ ...reading, low: reading.low ? 'yes' : '' });
	if (look) {
		await writer.sheet({ name: 'Look-ahead', columns: LOOK_AHEAD_COLUMNS });
		for (const row of lookAheadRows(look)) await writer.addRow({ ...row });
	}
	const report = await writer.finish();
	summary.reports.push(report);
	return report;
}

/** The look-ahead of the main balance; a failure to read what is scheduled is a problem, not a crash. */
async function readLookAhead(
	ctx: JobContext,
	options: BalanceAlertOptions,
	readings: readonly BalanceReading[],
	summary: JobSummary,
): Promise<LookAhead | undefined> {
	const main = readings.find((reading) => reading.account === MAIN_ACCOUNT);
	if (options.lookAheadDays <= 0 || !main) return undefined;
	try {
		const look = await lookAhead(ctx, options, main.available);
		summary.amounts.scheduled = look.total;
		summary.notes.push(lookAheadLine(look));
		if (look.short) count(summary, 'will not cover');
		return look;
	} catch (error) {
		summary.problems.push(
			`What is scheduled could not be read: ${error instanceof Error ? error.message : String(error)}`,
		);
		return undefined;
	}
}

const line = (reading: BalanceReading) =>
	`  ${reading.account.padEnd(16)} available ${formatRupiah(reading.available).padStart(18)}   threshold ${formatRupiah(reading.threshold)}${reading.low ? '   LOW' : ''}`;

export async function checkBalances(
	ctx: JobContext,
	options: BalanceAlertOptions,
): Promise<JobSummary> {
	const summary = newSummary(BALANCE_ALERT_JOB, ctx.dryRun);
	await recoverInterrupted(ctx, BALANCE_ALERT_JOB, summary);
	const today = dayIn(ctx.clock.now(), ctx.timeZone);
	ctx.progress({ job: BALANCE_ALERT_JOB, phase: 'reading', message: 'reading balances' });
	const readings = await readBalances(ctx, options, summary);
	if (!ctx.dryRun) {
		for (const reading of readings)
			await ctx.ledger.note(
				BALANCE_ALERT_JOB,
				`reading:${reading.at}:${reading.account}`,
				ctx.runId,
				{ ...reading },
			);
	}
	for (const reading of readings) {
		count(summary, reading.low ? 'low' : 'ok');
		summary.amounts[reading.account] = reading.available;
		summary.notes.push(line(reading).trim());
	}
	const look = await readLookAhead(ctx, options, readings, summary);
	const low = readings.filter((reading) => reading.low);
	if (low.length > 0) await alert(ctx, options, today, low, summary, look);
	else if (look?.short) await shortfallWarning(ctx, options, today, readings, look, summary);
	else await allClear(ctx, options, today, readings, summary);
	return summary;
}

/** Nothing is low yet, but what is scheduled will take the main balance below its threshold. */
async function shortfallWarning(
	ctx: JobContext,
	options: BalanceAlertOptions,
	today: string,
	readings: BalanceReading[],
	look: LookAhead,
	summary: JobSummary,
) {
	const report = await historyReport(ctx, options, today, readings, summary, look);
	if (options.to.length === 0) return;
	await sendOnce(
		ctx,
		BALANCE_ALERT_JOB,
		{
			key: `lookahead:${today}`,
			to: options.to,
			subject: `OY! balance will not cover the next ${look.days} days: ${formatRupiah(look.total)} scheduled, ${formatRupiah(look.available)} available`,
			text: [
				`On ${today} the available OY! balance is above its threshold, but what is scheduled until ${look.until} would take it below:`,
				...readings.map(line),
				'',
				lookAheadLine(look),
				...lookAheadRows(look).map(
					(row) =>
						`  ${row.day}  ${row.source.padEnd(16)} ${formatRupiah(row.amount).padStart(16)}  ${row.description}`,
				),
				'',
				'Top up before those days so that the payouts and invoice payments do not fail (code 206). Details attached. At most one look-ahead warning a day.',
			].join('\n'),
			attachments: [report],
		},
		summary,
	);
}

async function alert(
	ctx: JobContext,
	options: BalanceAlertOptions,
	today: string,
	low: BalanceReading[],
	summary: JobSummary,
	look?: LookAhead,
) {
	summary.notes.push(
		`Low balance: ${low.map((reading) => `${reading.account} ${formatRupiah(reading.available)} < ${formatRupiah(reading.threshold)}`).join('; ')}`,
	);
	const key = `alert:${today}`;
	const existing = await ctx.ledger.find(BALANCE_ALERT_JOB, key);
	if (existing && existing.state !== 'failed' && existing.state !== 'claimed') {
		summary.notes.push(
			`Today's low-balance alert was handled at ${existing.at} (${existing.state}); at most one a day.`,
		);
		return;
	}
	const alertDays = new Set(
		(
			await ctx.ledger.list(BALANCE_ALERT_JOB, 'alert:', {
				from: `alert:${addDays(today, -Math.max(1, options.maxConsecutiveDays) - 1)}`,
			})
		)
			.filter((entry) => entry.state === 'done' || entry.state === 'skipped')
			.map((entry) => entry.key.slice('alert:'.length)),
	);
	const streak = alertStreak(today, alertDays);
	if (options.maxConsecutiveDays > 0 && streak >= options.maxConsecutiveDays) {
		summary.notes.push(
			`Alerted ${streak} days in a row: silent until the balances recover (maxConsecutiveDays ${options.maxConsecutiveDays}).`,
		);
		if (!ctx.dryRun) {
			await ctx.ledger.claim(BALANCE_ALERT_JOB, key, ctx.runId, { suppressed: true });
			await ctx.ledger.settle(BALANCE_ALERT_JOB, key, ctx.runId, 'skipped', {
				reason: 'consecutive-day cap',
			});
		}
		return;
	}
	// Read again right before alerting: a top-up since the first reading cancels the alert.
	// (Its problems were reported by the first reading already.)
	const again = await readBalances(ctx, options, newSummary(BALANCE_ALERT_JOB, ctx.dryRun));
	const stillLow = again.filter((reading) => reading.low);
	if (stillLow.length === 0) {
		summary.notes.push('The balances recovered before the alert went out; no alert sent.');
		return;
	}
	const report = await historyReport(ctx, options, today, again, summary, look);
	if (options.to.length === 0) return;
	await sendOnce(
		ctx,
		BALANCE_ALERT_JOB,
		{
			key,
			to: options.to,
			subject: `Low OY! balance: ${stillLow.map((reading) => `${reading.account} ${formatRupiah(reading.available)}`).join(', ')}`,
			text: [
				`On ${today} the available OY! balance is below its threshold:`,
				...again.map(line),
				'',
				'Top up the balance so that disbursements and invoice payments do not fail (code 206).',
				...(look ? [lookAheadLine(look)] : []),
				`Balance history of the last ${options.historyDays} days attached. At most one alert a day` +
					(options.maxConsecutiveDays > 0
						? `, for at most ${options.maxConsecutiveDays} days in a row.`
						: '.'),
			].join('\n'),
			attachments: [report],
		},
		summary,
	);
}

async function allClear(
	ctx: JobContext,
	options: BalanceAlertOptions,
	today: string,
	readings: BalanceReading[],
	summary: JobSummary,
) {
	const lastAlert = (await ctx.ledger.list(BALANCE_ALERT_JOB, 'alert:'))
		.filter((entry) => entry.state === 'done')
		.pop();
	const lastRecovery = (await ctx.ledger.list(BALANCE_ALERT_JOB, 'recovered:')).pop();
	const recovered =
		options.recoveredNotice &&
		lastAlert !== undefined &&
		(lastRecovery === undefined || lastRecovery.at < lastAlert.at);
	if (!recovered && !options.digest) {
		summary.notes.push('All balances are above their thresholds.');
		return;
	}
	const report = await historyReport(ctx, options, today, readings, summary);
	if (options.to.length === 0) return;
	if (recovered) {
		await sendOnce(
			ctx,
			BALANCE_ALERT_JOB,
			{
				key: `recovered:${today}`,
				to: options.to,
				subject: 'OY! balance recovered: all balances are above their thresholds',
				text: [
					`The low-balance alert of ${lastAlert!.key.slice('alert:'.length)} is over. On ${today}:`,
					...readings.map(line),
				].join('\n'),
				attachments: [report],
			},
			summary,
		);
	}
	if (options.digest) {
		await sendOnce(
			ctx,
			BALANCE_ALERT_JOB,
			{
				key: `digest:${today}`,
				to: options.to,
				subject: `OY! balance digest ${today}`,
				text: [
					`OY! balances on ${today}, all above their thresholds:`,
					...readings.map(line),
					'',
					'History attached.',
				].join('\n'),
				attachments: [report],
			},
			summary,
		);
	}
}
