import { describe, expect, it } from 'vitest';
import { normalizeFields, simplifyRecord } from '../../lib/records.js';

describe('reading the fields of a record', () => {
	const fields = {
		dates: {
			created_date: { format: 'dd-MM-yyyy HH:mm:ss', zone: 'UTC' },
			'payment_routing[].created_date': { format: 'dd-MM-yyyy HH:mm:ss', zone: 'UTC' },
			expires: { format: 'epochMillis', zone: 'UTC' },
		},
		amounts: ['amount', 'payment_routing[].recipient_amount'],
		json: ['additional_data'],
		simplify: ['amount', 'created_date'],
	} as const;

	it('converts dates, amounts and JSON text, also inside lists, without touching the original', () => {
		const record = {
			created_date: '11-12-2023 05:06:16',
			amount: '10000.0000',
			expires: -1,
			additional_data: '{"months":3}',
			payment_routing: [
				{ recipient_amount: 5000.0, created_date: '11-12-2023 05:06:20' },
				{ recipient_amount: '2500.5', created_date: 'soon' },
			],
		};
		const frozen = JSON.stringify(record);
		expect(normalizeFields(record, fields)).toEqual({
			created_date: '2023-12-11T05:06:16.000Z',
			amount: 10000,
			expires: null,
			additional_data: { months: 3 },
			payment_routing: [
				{ recipient_amount: 5000, created_date: '2023-12-11T05:06:20.000Z' },
				{ recipient_amount: '2500.5', created_date: 'soon' },
			],
		});
		expect(JSON.stringify(record)).toBe(frozen);
	});

	it('leaves what is missing missing, and text that is no JSON as text', () => {
		expect(normalizeFields({ additional_data: 'months: 3' }, fields)).toEqual({
			additional_data: 'months: 3',
		});
		expect(normalizeFields({ payment_routing: null }, fields)).toEqual({ payment_routing: null });
	});

	it('keeps only the simplified fields, in their order', () => {
		expect(simplifyRecord({ created_date: 'x', other: 1, amount: 2 }, fields)).toEqual({
			amount: 2,
			created_date: 'x',
		});
	});
});
