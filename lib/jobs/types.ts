import type { OyClient } from '../client';

/**
 * What the scheduled jobs need from the world, as interfaces: the jobs package implements them
 * (SQLite ledger, nodemailer, an Excel writer, the system clock), tests can too. The job functions in
 * lib/jobs decide what to do; they never touch files, timers or the network themselves.
 */

/** The state of one side effect (a payment, a deactivation, an e-mail) in the ledger. */
export type EffectState =
	/** taken by a run that has not said how it ended: in progress, or the run died */
	| 'claimed'
	/** it happened */
	| 'done'
	/** it did not happen; a later run may try again */
	| 'failed'
	/** it may or may not have happened (a crash or a lost answer); never repeated automatically */
	| 'uncertain'
	/** decided against (e.g. a reminder step overtaken by a later one) */
	| 'skipped';

export interface LedgerEntry {
	job: string;
	key: string;
	state: EffectState;
	/** the run that last claimed or settled it */
	runId: string;
	/** ISO-8601 UTC of the last change */
	at: string;
	/** how many times it was claimed */
	attempts: number;
	detail: Record<string, unknown>;
}

export type ClaimResult = { claimed: true } | { claimed: false; entry: LedgerEntry };

/**
 * A durable record of side effects, shared by every runner on the machine. `claim` is atomic: of
 * two runs claiming the same key, one wins. A claimed effect is settled once it is known how it
 * ended; a claim left behind by a dead run stays `claimed` until a later run resolves it.
 */
export interface JobLedger {
	find(job: string, key: string): Promise<LedgerEntry | undefined>;
	/** Entries whose key starts with `prefix`, in key order; `from`: only keys at or after it; `state`: only in that state. */
	list(
		job: string,
		prefix: string,
		options?: { from?: string; limit?: number; state?: EffectState },
	): Promise<LedgerEntry[]>;
	/**
	 * Claims `key` for `runId`. Succeeds when the key is new, or when its state is one of `retake`
	 * (e.g. a `failed` payment may be tried again; a `claimed` one left by a dead run may be resolved).
	 */
	claim(
		job: string,
		key: string,
		runId: string,
		detail: Record<string, unknown>,
		retake?: readonly EffectState[],
	): Promise<ClaimResult>;
	/** Records how a claimed effect ended; `detail` is merged into what is recorded. */
	settle(
		job: string,
		key: string,
		runId: string,
		state: Exclude<EffectState, 'claimed'>,
		detail?: Record<string, unknown>,
	): Promise<void>;
	/** Records an observation (e.g. a balance reading) under a new key. */
	note(job: string, key: string, runId: string, detail: Record<string, unknown>): Promise<void>;
}

export interface Clock {
	/** epoch milliseconds */
	now(): number;
}

export interface ProgressEvent {
	job: string;
	/** what is happening: 'listing', 'paying', 'sending' … */
	phase: string;
	message: string;
	done?: number;
	total?: number;
}

export type Progress = (event: ProgressEvent) => void;

export interface ReportColumn {
	key: string;
	header: string;
	/** rupiah and count cells are numbers; dates are ISO strings shown as dates */
	kind?: 'text' | 'rupiah' | 'number' | 'date';
	width?: number;
}

export interface ReportSheet {
	name: string;
	columns: readonly ReportColumn[];
}

export interface ReportFile {
	/** where the file was written */
	path: string;
	/** the name an e-mail attachment gets */
	filename: string;
	/** data rows of the first sheet (the listing; later sheets hold totals) */
	rows: number;
}

/** An Excel workbook written row by row: memory stays flat however many rows it gets. */
export interface ReportWriter {
	/** Starts the next sheet; rows go to the newest sheet. */
	sheet(sheet: ReportSheet): Promise<void>;
	addRow(row: Record<string, unknown>): Promise<void>;
	finish(): Promise<ReportFile>;
}

export interface Reports {
	/** A new workbook; `name` becomes part of the file name (e.g. `ar-aging-2026-11-23`). */
	create(name: string): Promise<ReportWriter>;
}

export interface MailMessage {
	/** the ledger key this message is recorded under; also its Message-ID, so receivers can drop repeats */
	key: string;
	to: readonly string[];
	subject: string;
	text: string;
	attachments?: readonly ReportFile[];
}

export interface MailReceipt {
	messageId: string;
	accepted: string[];
	rejected: string[];
}

/**
 * Sends e-mail. Throws when nothing was sent; an error with `certain: false` says the message may
 * have left (e.g. the connection broke after the data was sent).
 */
export interface Notifier {
	send(message: MailMessage): Promise<MailReceipt>;
}

export interface JobContext {
	client: OyClient;
	ledger: JobLedger;
	clock: Clock;
	progress: Progress;
	notifier: Notifier;
	reports: Reports;
	/** unique per run; recorded with every claim */
	runId: string;
	/** list and report what would be done; no money moves, no messages, nothing recorded */
	dryRun: boolean;
	/** IANA zone for "today", quiet hours and once-a-day rules; default Asia/Jakarta */
	timeZone: string;
}

/** What a run did, for the summary on stdout, the exit code and the run record. */
export interface JobSummary {
	job: string;
	dryRun: boolean;
	/** named figures: paid, skipped, deactivated, reminded … */
	counts: Record<string, number>;
	/** rupiah totals: paid, overdue … */
	amounts: Record<string, number>;
	/** lines a person should read */
	notes: string[];
	/** things that need attention; any problem makes the run exit non-zero */
	problems: string[];
	reports: ReportFile[];
	/** messages sent (or, in a dry run, that would have been) */
	messages: number;
}
