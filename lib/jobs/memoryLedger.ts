import type { ClaimResult, EffectState, JobLedger, LedgerEntry } from './types';

/**
 * A ledger held in memory, seeded with the entries a run read from a durable store (in n8n: the
 * OY! jobs ledger Data Table). Every claim and settlement is kept as a change, for the run to write
 * back. It is only as safe as the lock its caller holds: no other run may write meanwhile.
 */
export class MemoryLedger implements JobLedger {
	private readonly entries = new Map<string, LedgerEntry>();
	private readonly changed = new Set<string>();

	constructor(
		entries: readonly LedgerEntry[],
		private readonly now: () => number,
	) {
		for (const entry of entries) this.entries.set(this.id(entry.job, entry.key), { ...entry });
	}

	private id(job: string, key: string): string {
		return `${job}\u0000${key}`;
	}

	private at(): string {
		return new Date(this.now()).toISOString();
	}

	async find(job: string, key: string): Promise<LedgerEntry | undefined> {
		const entry = this.entries.get(this.id(job, key));
		return entry ? { ...entry, detail: { ...entry.detail } } : undefined;
	}

	async list(
		job: string,
		prefix: string,
		options: { from?: string; limit?: number; state?: EffectState } = {},
	): Promise<LedgerEntry[]> {
		const from = options.from !== undefined && options.from > prefix ? options.from : prefix;
		const found = [...this.entries.values()]
			.filter(
				(entry) =>
					entry.job === job &&
					entry.key.startsWith(prefix) &&
					entry.key >= from &&
					(options.state === undefined || entry.state === options.state),
			)
			.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
		return (options.limit === undefined ? found : found.slice(0, options.limit)).map((entry) => ({
			...entry,
			detail: { ...entry.detail },
		}));
	}

	async claim(
		job: string,
		key: string,
		runId: string,
		detail: Record<string, unknown>,
		retake: readonly EffectState[] = [],
	): Promise<ClaimResult> {
		const existing = this.entries.get(this.id(job, key));
		if (existing && !retake.includes(existing.state))
			return { claimed: false, entry: { ...existing, detail: { ...existing.detail } } };
		this.write({
			job,
			key,
			state: 'claimed',
			runId,
			at: this.at(),
			attempts: (existing?.attempts ?? 0) + 1,
			detail: { ...existing?.detail, ...detail },
		});
		return { claimed: true };
	}

	async settle(
		job: string,
		key: string,
		runId: string,
		state: Exclude<EffectState, 'claimed'>,
		detail: Record<string, unknown> = {},
	): Promise<void> {
		const existing = this.entries.get(this.id(job, key));
		if (!existing) throw new Error(`ledger: ${job} ${key} was never claimed`);
		this.write({
			...existing,
			state,
			runId,
			at: this.at(),
			detail: { ...existing.detail, ...detail },
		});
	}

	async note(job: string, key: string, runId: string, detail: Record<string, unknown>) {
		this.write({ job, key, state: 'done', runId, at: this.at(), attempts: 1, detail });
	}

	private write(entry: LedgerEntry): void {
		const id = this.id(entry.job, entry.key);
		this.entries.set(id, entry);
		this.changed.add(id);
	}

	/** The entries claimed, settled or noted since the ledger was seeded, in the order first changed. */
	changes(): LedgerEntry[] {
		return [...this.changed].map((id) => this.entries.get(id) as LedgerEntry);
	}
}
