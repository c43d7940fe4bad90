import type { OyResult } from '../types';
import type { JobContext, JobSummary, LedgerEntry, MailMessage } from './types';

/**
 * How side effects go through the ledger. The runner holds the job's lock while the job runs, so a
 * `claimed` entry of another run is a claim its run never settled: that run died mid-effect.
 */
export function leftByDeadRun(entry: LedgerEntry | undefined, runId: string): boolean {
	return entry?.state === 'claimed' && entry.runId !== runId;
}

export function newSummary(job: string, dryRun: boolean): JobSummary {
	return {
		job,
		dryRun,
		counts: {},
		amounts: {},
		notes: [],
		problems: [],
		reports: [],
		messages: 0,
	};
}

export function count(summary: JobSummary, name: string, by = 1): void {
	summary.counts[name] = (summary.counts[name] ?? 0) + by;
}

export function addAmount(summary: JobSummary, name: string, amount: number): void {
	summary.amounts[name] = (summary.amounts[name] ?? 0) + amount;
}

/** OY's verdict in one line: our meaning, OY's code and OY's message. */
export function describeResult(result: OyResult): string {
	return `${result.meaning}${result.code ? ` (OY! code ${result.code}${result.message ? `: ${result.message}` : ''})` : ''}`;
}

export type SendOutcome = 'sent' | 'dryRun' | 'alreadySent' | 'uncertain' | 'failed';

/** Nodemailer marks a refusal it is sure about; anything else may have left the machine. */
function certainlyNotSent(error: unknown): boolean {
	const certain = (error as { certain?: unknown } | null)?.certain;
	return certain !== false;
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Sends one message at most once. The key is claimed first; a message whose claim a dead run left
 * behind may have been sent, so it is recorded `uncertain` and never sent again automatically.
 */
export async function sendOnce(
	ctx: JobContext,
	job: string,
	message: MailMessage,
	summary: JobSummary,
): Promise<SendOutcome> {
	if (ctx.dryRun) {
		summary.messages++;
		return 'dryRun';
	}
	const claim = await ctx.ledger.claim(
		job,
		message.key,
		ctx.runId,
		{ to: message.to.join(', '), subject: message.subject },
		['failed'],
	);
	if (!claim.claimed) return await alreadyClaimed(ctx, job, claim.entry, message.subject, summary);
	return await sendClaimed(ctx, job, message, summary);
}

/** How a person recognises a message from its ledger entry. */
function describeMessage(entry: LedgerEntry): string {
	const { subject, to, invoice, step } = entry.detail;
	if (typeof invoice === 'string' && step !== undefined)
		return `The day-${String(step)} reminder of invoice ${invoice}`;
	if (typeof subject === 'string')
		return `"${subject}"${typeof to === 'string' ? ` to ${to}` : ''}`;
	return `The message ${entry.key}`;
}

export type Resolver = (entry: LedgerEntry) => Promise<void>;

/**
 * Effects a dead run claimed and never settled, resolved before anything else: each by the
 * resolver of its key prefix (a payment by reading the invoice again), any other (a message) as
 * uncertain: it may have been sent, so it is reported and never sent again.
 */
export async function recoverInterrupted(
	ctx: JobContext,
	job: string,
	summary: JobSummary,
	resolvers: Readonly<Record<string, Resolver>> = {},
): Promise<void> {
	if (ctx.dryRun) return;
	const stale = (await ctx.ledger.list(job, '', { state: 'claimed' })).filter(
		(entry) => entry.runId !== ctx.runId,
	);
	for (const entry of stale) {
		const prefix = Object.keys(resolvers).find((candidate) => entry.key.startsWith(candidate));
		if (prefix) await resolvers[prefix](entry);
		else await alreadyClaimed(ctx, job, entry, describeMessage(entry), summary);
	}
}

/** A message key someone claimed before: sent, uncertain, or left mid-send by a dead run. */
export async function alreadyClaimed(
	ctx: JobContext,
	job: string,
	entry: LedgerEntry,
	what: string,
	summary: JobSummary,
): Promise<SendOutcome> {
	if (leftByDeadRun(entry, ctx.runId)) {
		await ctx.ledger.settle(job, entry.key, ctx.runId, 'uncertain', {
			reason:
				'an earlier run stopped while sending; it may have been sent, so it is not sent again',
		});
		summary.problems.push(
			`${what} may or may not have been sent (an earlier run stopped while sending it); not sent again`,
		);
		return 'uncertain';
	}
	return entry.state === 'uncertain' ? 'uncertain' : 'alreadySent';
}

/** Sends a message whose key this run has claimed, and records how it went. */
export async function sendClaimed(
	ctx: JobContext,
	job: string,
	message: MailMessage,
	summary: JobSummary,
): Promise<SendOutcome> {
	const to = message.to.join(', ');
	try {
		const receipt = await ctx.notifier.send(message);
		await ctx.ledger.settle(job, message.key, ctx.runId, 'done', {
			messageId: receipt.messageId,
			accepted: receipt.accepted.join(', '),
			rejected: receipt.rejected.join(', '),
		});
		summary.messages++;
		if (receipt.rejected.length > 0)
			summary.problems.push(`"${message.subject}": refused for ${receipt.rejected.join(', ')}`);
		return 'sent';
	} catch (error) {
		const state = certainlyNotSent(error) ? 'failed' : 'uncertain';
		await ctx.ledger.settle(job, message.key, ctx.runId, state, { error: describe(error) });
		summary.problems.push(
			state === 'failed'
				? `"${message.subject}" to ${to} was not sent: ${describe(error)}`
				: `"${message.subject}" to ${to} may or may not have been sent (${describe(error)}); not sent again`,
		);
		return state;
	}
}
