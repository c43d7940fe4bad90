import type { OyResult } from '../types';
import { count, describeResult, newSummary, recoverInterrupted, sendOnce } from './effects';
import { normalized, instant, numeric, text } from './fields';
import { forEachChunk } from './paging';
import { dayIn } from './time';
import type { EffectState, JobContext, JobSummary, ReportColumn, ReportWriter } from './types';

/**
 * Job 2: the VA expiry sweep. Pages through every VA (Get VA list serves static and customized
 * VAs alike), finds those expired but still active and those expiring soon, and deactivates the
 * expired ones the policy names: static VAs with Update VA `expiration_time: 0`, customized VAs
 * with DELETE /api/custom-va/{id}.
 */
export const VA_SWEEP_JOB = 'va-sweep';

export interface VaSweepOptions {
	/** VAs (or their transaction windows) ending within this many hours are reported as expiring */
	expiringWithinHours: number;
	/** `expired`: deactivate VAs that are expired but still active; `none`: only report */
	deactivate: 'expired' | 'none';
	/**
	 * VAs without an expiry of their own (lifetime and customized VAs) whose transaction window
	 * ended are meant to be re-armed with Update VA: keep them unless this is false.
	 */
	keepLifetime: boolean;
	/** deactivate only what expired at least this many hours ago */
	graceHours: number;
	/** who gets the sweep report; nobody when empty */
	notify: readonly string[];
	/** at most this many deactivations per run */
	maxDeactivations?: number;
}

export interface SweptVa {
	id: string;
	vaNumber: string;
	bankCode: string;
	partnerUserId: string;
	partnerTrxId: string;
	status: string;
	amount: number;
	/** epoch ms; undefined: no expiry of its own (lifetime or customized) */
	expiresAt?: number;
	trxExpiresAt?: number;
	trxCounter?: number;
}

export type VaFinding =
	| { kind: 'closed' }
	| { kind: 'active' }
	| { kind: 'expiring'; what: 'VA' | 'transaction window'; at: number }
	| {
			kind: 'expired';
			reason:
				| 'the VA expiry passed'
				| 'the transaction window ended'
				| 'the payment counter is used up';
			/** when it expired, when known */
			since?: number;
	  };

const CLOSED = new Set(['EXPIRED', 'COMPLETE']);
/** Banks that issue customized VAs (OY API docs: VA Aggregator › Create Customized VA › request parameters): only there can a VA id be a customized one. */
const CUSTOMIZED_VA_BANKS = new Set(['002', '022']);

export function readVa(record: unknown): SweptVa {
	const va = normalized('virtualAccount.getMany', record);
	return {
		id: text(va.id),
		vaNumber: text(va.va_number),
		bankCode: text(va.bank_code),
		partnerUserId: text(va.partner_user_id),
		partnerTrxId: text(va.partner_trx_id),
		status: text(va.va_status).toUpperCase(),
		amount: numeric(va.amount) ?? 0,
		expiresAt: instant(va.expiration_time),
		trxExpiresAt: instant(va.trx_expiration_time),
		trxCounter: numeric(va.trx_counter),
	};
}

/** What the VA's fields say, at `now`. OY! may report a VA as waiting for a while after its expiry. */
export function findingFor(va: SweptVa, now: number, expiringWithinMs: number): VaFinding {
	if (CLOSED.has(va.status)) return { kind: 'closed' };
	if (va.expiresAt !== undefined && va.expiresAt <= now)
		return { kind: 'expired', reason: 'the VA expiry passed', since: va.expiresAt };
	if (
		va.status === 'STATIC_TRX_EXPIRED' ||
		(va.trxExpiresAt !== undefined && va.trxExpiresAt <= now) ||
		va.trxCounter === 0
	) {
		const windowEnded = va.trxExpiresAt !== undefined && va.trxExpiresAt <= now;
		return windowEnded
			? { kind: 'expired', reason: 'the transaction window ended', since: va.trxExpiresAt }
			: { kind: 'expired', reason: 'the payment counter is used up' };
	}
	const horizon = now + expiringWithinMs;
	if (va.expiresAt !== undefined && va.expiresAt <= horizon)
		return { kind: 'expiring', what: 'VA', at: va.expiresAt };
	if (va.trxExpiresAt !== undefined && va.trxExpiresAt <= horizon)
		return { kind: 'expiring', what: 'transaction window', at: va.trxExpiresAt };
	return { kind: 'active' };
}

export type SweepDecision =
	| 'deactivate'
	| 'keep: lifetime VA, re-arm it'
	| 'keep: within the grace period'
	| 'keep: policy is report only';

/** What the policy does with an expired VA. */
export function decide(
	va: SweptVa,
	finding: Extract<VaFinding, { kind: 'expired' }>,
	now: number,
	options: VaSweepOptions,
): SweepDecision {
	if (options.deactivate === 'none') return 'keep: policy is report only';
	if (
		finding.reason !== 'the VA expiry passed' &&
		va.expiresAt === undefined &&
		options.keepLifetime
	) {
		return 'keep: lifetime VA, re-arm it';
	}
	if (
		options.graceHours > 0 &&
		finding.since !== undefined &&
		now - finding.since < options.graceHours * 3_600_000
	) {
		return 'keep: within the grace period';
	}
	return 'deactivate';
}

export const VA_COLUMNS: readonly ReportColumn[] = [
	{ key: 'id', header: 'VA ID', width: 38 },
	{ key: 'vaNumber', header: 'VA number', width: 22 },
	{ key: 'bankCode', header: 'Bank', width: 6 },
	{ key: 'partnerUserId', header: 'Partner user ID', width: 18 },
	{ key: 'partnerTrxId', header: 'Partner trx ID', width: 18 },
	{ key: 'amount', header: 'Amount (IDR)', kind: 'rupiah', width: 14 },
	{ key: 'status', header: 'Status (listed)', width: 20 },
	{ key: 'expires', header: 'VA expires (UTC)', kind: 'date', width: 20 },
	{ key: 'trxExpires', header: 'Window ends (UTC)', kind: 'date', width: 20 },
	{ key: 'finding', header: 'Finding', width: 36 },
	{ key: 'action', header: 'Action', width: 32 },
	{ key: 'kind', header: 'Kind', width: 11 },
	{ key: 'detail', header: 'Detail', width: 50 },
];

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

function describeFinding(finding: VaFinding): string {
	if (finding.kind === 'expired') return `expired: ${finding.reason}`;
	if (finding.kind === 'expiring')
		return `expiring: ${finding.what} ends ${new Date(finding.at).toISOString()}`;
	return finding.kind;
}

/** Deactivating is idempotent and the VA is re-read first: an earlier attempt in any state may be repeated. */
export const DEACTIVATION_RETAKE: readonly EffectState[] = [
	'claimed',
	'failed',
	'uncertain',
	'done',
	'skipped',
];

interface Deactivation {
	action: string;
	kind?: 'static' | 'customized';
	detail: string;
}

/**
 * OY's VA list does not say whether a VA is static or customized. The static update answers 216
 * ("VA id is empty") for an id it does not hold; customized VAs exist only at BRI and CIMB, so
 * there the delete for customized VAs follows. Both calls only ever end the VA they name.
 */
export async function deactivateVa(
	ctx: JobContext,
	va: SweptVa,
): Promise<{ result: OyResult; kind: 'static' | 'customized' }> {
	const asStatic = await ctx.client.call('virtualAccount.deactivate', { id: va.id });
	if (asStatic.code === '216' && CUSTOMIZED_VA_BANKS.has(va.bankCode)) {
		return {
			result: await ctx.client.call('virtualAccount.deactivateCustomized', { id: va.id }),
			kind: 'customized',
		};
	}
	return { result: asStatic, kind: 'static' };
}

async function sweepOne(
	ctx: JobContext,
	listed: SweptVa,
	options: VaSweepOptions,
	summary: JobSummary,
): Promise<Deactivation> {
	// The live VA, right before changing it: paid, re-armed or closed since the listing means hands off.
	const live = await ctx.client.call('virtualAccount.get', { id: listed.id });
	if (live.outcome !== 'success') {
		const detail = `could not re-read VA ${listed.id}: ${describeResult(live)}`;
		summary.problems.push(detail);
		return { action: 'failed', detail };
	}
	const va = readVa(live.body);
	const now = ctx.clock.now();
	const finding = findingFor(va, now, options.expiringWithinHours * 3_600_000);
	if (finding.kind !== 'expired' || decide(va, finding, now, options) !== 'deactivate') {
		return {
			action: 'left alone: changed since listed',
			detail: `now ${va.status}, ${describeFinding(finding)}`,
		};
	}
	if (ctx.dryRun) return { action: 'would deactivate', detail: '' };
	const key = `deactivate:${va.id}`;
	// Deactivating is idempotent and the VA was just re-read: an earlier attempt in any state may be repeated.
	await ctx.ledger.claim(
		VA_SWEEP_JOB,
		key,
		ctx.runId,
		{ vaNumber: va.vaNumber, bankCode: va.bankCode },
		DEACTIVATION_RETAKE,
	);
	ctx.progress({
		job: VA_SWEEP_JOB,
		phase: 'deactivating',
		message: `deactivating VA ${va.vaNumber} (${va.bankCode})`,
	});
	const { result, kind } = await deactivateVa(ctx, va);
	const verdict = deactivationVerdict(result, kind);
	await ctx.ledger.settle(VA_SWEEP_JOB, key, ctx.runId, verdict.state, verdict.record);
	if (verdict.state !== 'done')
		summary.problems.push(`VA ${va.vaNumber} (${va.id}) was not deactivated: ${verdict.detail}`);
	return { action: verdict.action, kind, detail: verdict.detail };
}

/**
 * How OY's answer to a deactivation is recorded: the one reading for oy-jobs and the OY! node's
 * Scheduled Job › Deactivate Claimed VAs.
 */
export function deactivationVerdict(
	result: OyResult,
	kind: 'static' | 'customized',
): {
	state: 'done' | 'failed' | 'uncertain';
	action: string;
	detail: string;
	record: Record<string, unknown>;
} {
	if (result.outcome === 'success')
		return { state: 'done', action: 'deactivated', detail: '', record: { kind } };
	const state = result.outcome === 'unknown' ? 'uncertain' : 'failed';
	return {
		state,
		action: state === 'uncertain' ? 'unconfirmed' : 'failed',
		detail: describeResult(result),
		record: { kind, code: result.code, meaning: result.meaning },
	};
}

export async function recoverInterruptedDeactivations(
	ctx: JobContext,
	summary: JobSummary,
): Promise<void> {
	await recoverInterrupted(ctx, VA_SWEEP_JOB, summary, {
		'deactivate:': async (entry) => {
			const live = await ctx.client.call('virtualAccount.get', {
				id: entry.key.slice('deactivate:'.length),
			});
			const closed =
				live.outcome === 'success' &&
				findingFor(readVa(live.body), ctx.clock.now(), 0).kind === 'closed';
			await ctx.ledger.settle(VA_SWEEP_JOB, entry.key, ctx.runId, closed ? 'done' : 'failed', {
				confirmedBy: 'VA status after an interrupted run',
			});
		},
	});
}

export async function sweepVirtualAccounts(
	ctx: JobContext,
	options: VaSweepOptions,
): Promise<JobSummary> {
	const summary = newSummary(VA_SWEEP_JOB, ctx.dryRun);
	await recoverInterruptedDeactivations(ctx, summary);
	const day = dayIn(ctx.clock.now(), ctx.timeZone);
	const writer: ReportWriter = await ctx.reports.create(
		`va-sweep-${day}${ctx.dryRun ? '-dry-run' : ''}`,
	);
	await writer.sheet({ name: 'VAs', columns: VA_COLUMNS });
	let deactivations = 0;
	const expiringWithinMs = options.expiringWithinHours * 3_600_000;
	await forEachChunk(
		ctx.client,
		'virtualAccount.getMany',
		{},
		async (records) => {
			for (const record of records) {
				const va = readVa(record);
				count(summary, 'scanned');
				const now = ctx.clock.now();
				const finding = findingFor(va, now, expiringWithinMs);
				if (finding.kind === 'closed' || finding.kind === 'active') continue;
				count(summary, finding.kind);
				let outcome: Deactivation = { action: 'reported', detail: '' };
				if (finding.kind === 'expired') {
					const decision = decide(va, finding, now, options);
					if (decision !== 'deactivate') outcome = { action: decision, detail: '' };
					else if (
						options.maxDeactivations !== undefined &&
						deactivations >= options.maxDeactivations
					) {
						outcome = {
							action: 'deferred: run limit',
							detail: `at most ${options.maxDeactivations} per run`,
						};
					} else {
						outcome = await sweepOne(ctx, va, options, summary);
						if (outcome.action === 'deactivated' || outcome.action === 'would deactivate')
							deactivations++;
					}
				}
				count(summary, outcome.action);
				await writer.addRow({
					...va,
					expires: iso(va.expiresAt),
					trxExpires: iso(va.trxExpiresAt),
					finding: describeFinding(finding),
					...outcome,
				});
			}
		},
		{
			chunkSize: 500,
			onProgress: (seen, total) =>
				ctx.progress({
					job: VA_SWEEP_JOB,
					phase: 'scanning',
					message: `scanned ${seen}${total ? ` of ${total}` : ''} VAs`,
					done: seen,
					total,
				}),
		},
	);
	const report = await writer.finish();
	summary.reports.push(report);
	const expired = summary.counts.expired ?? 0;
	const expiring = summary.counts.expiring ?? 0;
	const changed = ctx.dryRun
		? `would deactivate ${summary.counts['would deactivate'] ?? 0}`
		: `deactivated ${summary.counts.deactivated ?? 0}`;
	summary.notes.push(
		`${summary.counts.scanned ?? 0} VAs scanned: ${expired} expired but active (${changed}), ${expiring} expiring within ${options.expiringWithinHours} h.`,
	);
	if ((expired > 0 || expiring > 0) && options.notify.length > 0) {
		await sendOnce(
			ctx,
			VA_SWEEP_JOB,
			{
				// A run that changed VAs reports them; otherwise one report a day is enough.
				key: (summary.counts.deactivated ?? 0) > 0 ? `report:${ctx.runId}` : `report:${day}`,
				to: options.notify,
				subject: `OY! VA sweep ${day}: ${expired} expired, ${expiring} expiring`,
				text: [
					`VA sweep of ${day}.`,
					summary.notes[summary.notes.length - 1],
					'',
					'Each VA is in the attached report with what was done. Lifetime VAs whose transaction window ended',
					'are kept by default: re-arm them with Update VA, or set keepLifetime to false to deactivate them.',
				].join('\n'),
				attachments: [report],
			},
			summary,
		);
	}
	return summary;
}
