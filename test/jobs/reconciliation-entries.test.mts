import { describe, expect, it } from 'vitest';
import { forEachLimited } from '../../lib/jobs/paging.js';
import { ProductEntries, Words } from '../../lib/jobs/reconciliationEntries.js';

/**
 * The reconciliation keeps its expected transactions column by column (typed arrays for OY's
 * answers): what goes in must come out unchanged, "nothing said" must stay distinct from zero, and
 * the list's order and first-row-wins rule must hold.
 */
describe('reconciliation entries: the compact store of expected transactions', () => {
	const listed = (id: string, amount: number, source: 'list' | 'ledger' = 'list') => ({
		id,
		amount,
		description: `row ${id}`,
		source,
	});

	it('gives back each transaction and OY! answer as stored, in the order of the list', () => {
		const store = new ProductEntries('disbursement', new Words());
		expect(store.add(listed('B', 5_000_000_000))).toBe(true);
		expect(store.add(listed('A', 1))).toBe(true);
		expect(store.add(listed('B', 7))).toBe(false);
		expect(store.add(listed('C', 300, 'ledger'))).toBe(true);
		store.close();
		expect(store.size).toBe(3);
		expect(store.indexOf('A')).toBe(1);
		expect(store.indexOf('Z')).toBeUndefined();
		expect(store.answered(0)).toBe(false);

		store.answer(0, {
			state: 'success',
			amount: 5_000_000_001,
			madeAt: Date.parse('2026-12-05T23:59:59.999Z'),
			word: 'Success',
			code: '000',
			meaning: 'the payout was sent',
		});
		store.answer(1, { state: 'absent', amount: 0, code: '204' });
		store.answer(2, { state: 'unclear', meaning: 'timeout of 30000ms exceeded' });

		expect(store.entry(0)).toEqual({
			product: 'disbursement',
			id: 'B',
			amount: 5_000_000_000,
			description: 'row B',
			source: 'list',
			oyState: 'success',
			oyAmount: 5_000_000_001,
			madeAt: Date.parse('2026-12-05T23:59:59.999Z'),
			oyWord: 'Success',
			oyCode: '000',
			oyMeaning: 'the payout was sent',
		});
		// An amount of 0 said by OY! is not "no amount".
		expect(store.entry(1)).toMatchObject({ id: 'A', oyState: 'absent', oyAmount: 0 });
		expect(store.entry(1).oyWord).toBeUndefined();
		expect(store.entry(2)).toMatchObject({
			id: 'C',
			source: 'ledger',
			oyState: 'unclear',
			oyAmount: undefined,
			madeAt: undefined,
			oyCode: undefined,
			oyMeaning: 'timeout of 30000ms exceeded',
		});
		expect(store.answered(1)).toBe(true);
	});

	it('refuses rows after the list is read, and lookups once the ids are forgotten', () => {
		const store = new ProductEntries('va', new Words());
		store.add(listed('VA-1', 10_000));
		store.close();
		expect(() => store.add(listed('VA-2', 10_000))).toThrow(/after close/);
		store.forgetIds();
		expect(() => store.indexOf('VA-1')).toThrow(/forgotten/);
		expect(store.idAt(0)).toBe('VA-1');
	});

	it('keeps each of OY! words once, shared by the products', () => {
		const words = new Words();
		expect(words.id(undefined)).toBe(0);
		expect(words.id('')).toBe(0);
		const first = words.id('settlement SUCCESS');
		expect(words.id(`settlement ${'SUCCESS'}`)).toBe(first);
		expect(words.word(first)).toBe('settlement SUCCESS');
		expect(words.word(0)).toBeUndefined();
	});

	it('works through a generator at most `limit` at a time, each item once', async () => {
		let inFlight = 0;
		let most = 0;
		const seen: number[] = [];
		function* items() {
			for (let index = 0; index < 25; index++) yield index;
		}
		await forEachLimited(items(), 4, async (item) => {
			inFlight++;
			most = Math.max(most, inFlight);
			await new Promise((resolve) => setImmediate(resolve));
			seen.push(item);
			inFlight--;
		});
		expect(most).toBe(4);
		expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, index) => index));
	});
});
