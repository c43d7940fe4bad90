import type { ExpectedTransaction, OyObservation, ReconciledProduct } from './reconciliation';

/** What OY! said, as stored: 0 while OY! has not been read for the entry. */
const STATES: ReadonlyArray<OyObservation['state'] | undefined> = [
	undefined,
	'success',
	'pending',
	'failed',
	'absent',
	'unclear',
];

/** OY's words repeat (codes, state words, meanings, VA numbers): each distinct one is kept once. */
export class Words {
	private readonly list: string[] = [''];

	private readonly index = new Map<string, number>();

	/** 0 for nothing said */
	id(value: string | undefined): number {
		if (!value) return 0;
		let id = this.index.get(value);
		if (id === undefined) {
			id = this.list.push(value) - 1;
			this.index.set(value, id);
		}
		return id;
	}

	word(id: number): string | undefined {
		return id === 0 ? undefined : this.list[id];
	}
}

/** What is stored of OY's answer about one expected transaction. */
export interface OyAnswer {
	state: OyObservation['state'];
	amount?: number;
	madeAt?: number;
	word?: string;
	code?: string;
	meaning?: string;
}

/** One expected transaction with what OY! said, as the report reads it. */
export interface Entry extends Pick<ExpectedTransaction, 'product' | 'id' | 'amount'> {
	description: string;
	source: 'list' | 'ledger';
	oyState: OyObservation['state'] | undefined;
	oyAmount: number | undefined;
	madeAt: number | undefined;
	oyCode: string | undefined;
	oyWord: string | undefined;
	oyMeaning: string | undefined;
}

const orUndefined = (value: number) => (Number.isNaN(value) ? undefined : value);

/**
 * The expected transactions of one product, in the list's order, kept column by column: 100,000
 * of them stay in memory from the list's reading to the report's end, and one object per
 * transaction (with boxed numbers and a word per field) costs about three times these columns.
 * OY's answers go into typed arrays sized once the list is read (`close`).
 */
export class ProductEntries {
	private readonly ids: string[] = [];

	private readonly descriptions: string[] = [];

	private readonly amounts: number[] = [];

	private readonly fromLedger: number[] = [];

	/** our id → position; dropped once OY! is read (`forgetIds`) */
	private byId: Map<string, number> | undefined = new Map();

	private states = new Uint8Array(0);

	private oyAmounts = new Float64Array(0);

	private madeAts = new Float64Array(0);

	/** OY's state word, code and meaning: ids in `words`, three per entry */
	private said = new Uint32Array(0);

	constructor(
		readonly product: ReconciledProduct,
		private readonly words: Words,
	) {}

	get size(): number {
		return this.ids.length;
	}

	/** Adds a transaction; false when its id is already there (only the first is reconciled). */
	add(expected: Pick<ExpectedTransaction, 'id' | 'amount' | 'description' | 'source'>): boolean {
		if (this.states.length > 0) throw new Error('ProductEntries: add() after close()');
		const byId = this.known();
		if (byId.has(expected.id)) return false;
		byId.set(expected.id, this.ids.length);
		this.ids.push(expected.id);
		this.descriptions.push(expected.description);
		this.amounts.push(expected.amount);
		this.fromLedger.push(expected.source === 'ledger' ? 1 : 0);
		return true;
	}

	/** The list is read: room for OY's answers. */
	close(): void {
		const size = this.ids.length;
		this.states = new Uint8Array(size);
		this.oyAmounts = new Float64Array(size).fill(NaN);
		this.madeAts = new Float64Array(size).fill(NaN);
		this.said = new Uint32Array(size * 3);
	}

	idAt(index: number): string {
		return this.ids[index];
	}

	/** The position of our id, or undefined. */
	indexOf(id: string): number | undefined {
		return this.known().get(id);
	}

	/** Ids are no longer looked up (the list is read, or OY! is): they are only walked in order. */
	forgetIds(): void {
		this.byId = undefined;
	}

	answered(index: number): boolean {
		return this.states[index] !== 0;
	}

	answer(index: number, answer: OyAnswer): void {
		this.states[index] = STATES.indexOf(answer.state);
		this.oyAmounts[index] = answer.amount ?? NaN;
		this.madeAts[index] = answer.madeAt ?? NaN;
		this.said[index * 3] = this.words.id(answer.word);
		this.said[index * 3 + 1] = this.words.id(answer.code);
		this.said[index * 3 + 2] = this.words.id(answer.meaning);
	}

	entry(index: number): Entry {
		return {
			product: this.product,
			id: this.ids[index],
			amount: this.amounts[index],
			description: this.descriptions[index],
			source: this.fromLedger[index] === 1 ? 'ledger' : 'list',
			oyState: STATES[this.states[index]],
			oyAmount: orUndefined(this.oyAmounts[index]),
			madeAt: orUndefined(this.madeAts[index]),
			oyWord: this.words.word(this.said[index * 3]),
			oyCode: this.words.word(this.said[index * 3 + 1]),
			oyMeaning: this.words.word(this.said[index * 3 + 2]),
		};
	}

	private known(): Map<string, number> {
		if (!this.byId) throw new Error('ProductEntries: ids were already forgotten');
		return this.byId;
	}
}
