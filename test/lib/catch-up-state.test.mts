import { describe, expect, it } from 'vitest';
import { catchUpState, idList } from '../../lib/catchUp/index.js';

describe('catch-up cursor and inputs', () => {
	it('a first activation starts now minus the look-back, and says it is new', () => {
		const now = new Date('2026-12-06T05:00:00.000Z');
		expect(catchUpState(undefined, now, 0)).toMatchObject({
			version: 1,
			isNew: true,
			since: '2026-12-06T05:00:00.000Z',
			emitted: {},
		});
		expect(catchUpState({}, now, 90).since).toBe('2026-12-06T03:30:00.000Z');
	});

	it('a remembered cursor is kept as it was, whatever the look-back says now', () => {
		const stored = {
			version: 1,
			since: '2026-12-01T00:00:00.000Z',
			emitted: { 'vaPayment:x': '2026-12-01T01:00:00.000Z' },
		};
		const state = catchUpState(stored, new Date('2026-12-06T05:00:00.000Z'), 600);
		expect(state).toMatchObject({
			since: '2026-12-01T00:00:00.000Z',
			emitted: { 'vaPayment:x': '2026-12-01T01:00:00.000Z' },
			settled: {},
			noticed: {},
		});
		expect(state.isNew).toBeUndefined();
	});

	it('reads watched ids separated by commas, semicolons, spaces or new lines, or given as a list, once each', () => {
		expect(idList('A-1, A-2\nA-3;A-1  ')).toEqual(['A-1', 'A-2', 'A-3']);
		expect(idList(['B-1', ' B-2 ', 'B-1'])).toEqual(['B-1', 'B-2']);
		expect(idList('')).toEqual([]);
		expect(idList(undefined)).toEqual([]);
	});
});
