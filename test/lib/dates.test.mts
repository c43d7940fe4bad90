import { describe, expect, it } from 'vitest';
import {
	detectDateFormat,
	formatOyDate,
	normalizeDateInput,
	parseOyDate,
	toIsoUtc,
} from '../../lib/dates.js';

describe('OY! date formats to ISO-8601 UTC', () => {
	it.each([
		// disbursement timestamp, OY API docs: Fund Disbursement › Create Disbursement: dd-MM-yyyy HH:mm:ss in UTC
		['11-12-2023 05:06:16', 'UTC', '2023-12-11T05:06:16.000Z'],
		// account inquiry, OY API docs: Account Inquiry › Account Inquiry: yyyy-MM-ddTHH:mm:ss in UTC
		['2020-11-19T17:01:17', 'UTC', '2020-11-19T17:01:17.000Z'],
		// VA callback tx_date, OY API docs: VA Aggregator › VA Payment Callback: dd/MM/yyyy'T'HH:mm:ss.SSSZ with its own offset
		['31/01/2020T01:01:01.000+0000', 'WIB', '2020-01-31T01:01:01.000Z'],
		['01/02/2020T15:00:00.000+0700', 'UTC', '2020-02-01T08:00:00.000Z'],
		// AR expiration_date in WIB: 2022-12-25 12:58:01 is epoch 1671947881000 in OY's own example (OY API docs: Account Receivable › Filter & Search Invoices)
		['2022-12-25 12:58:01', 'WIB', '2022-12-25T05:58:01.000Z'],
		// API Offline: yyyy-MM-dd HH:mm:ss.SSS
		['2021-04-05 20:38:23.953', 'UTC', '2021-04-05T20:38:23.953Z'],
		// a WIB calendar day starts at 17:00 UTC the day before
		['2020-12-03', 'WIB', '2020-12-02T17:00:00.000Z'],
		['10/11/2020', 'UTC', '2020-11-10T00:00:00.000Z'],
		// ISO with an offset keeps its offset whatever the zone says
		['2026-11-23T10:00:00+07:00', 'UTC', '2026-11-23T03:00:00.000Z'],
	] as const)('%s (%s) → %s', (value, zone, iso) => {
		expect(toIsoUtc(value, zone)).toBe(iso);
	});

	it('reads epoch milliseconds, as numbers or strings, and treats -1 and 0 as never', () => {
		expect(toIsoUtc(1582783668175, 'UTC')).toBe('2020-02-27T06:07:48.175Z');
		expect(toIsoUtc('1671947881000', 'WIB')).toBe('2022-12-25T05:58:01.000Z');
		expect(parseOyDate(-1, 'UTC')).toBeNull();
		expect(parseOyDate(0, 'UTC')).toBeNull();
	});

	it('agrees with the epoch OY! gives for the same AR date', () => {
		expect(parseOyDate('2022-12-25 12:58:01', 'WIB', 'yyyy-MM-dd HH:mm:ss')).toBe(1671947881000);
	});

	it('refuses what is no date instead of guessing', () => {
		expect(toIsoUtc('31-02-2023 10:00:00', 'UTC')).toBeNull();
		expect(toIsoUtc('2023-13-01', 'UTC')).toBeNull();
		expect(toIsoUtc('2020-10-1917:16:17', 'UTC')).toBeNull();
		expect(toIsoUtc('tomorrow', 'UTC')).toBeNull();
		expect(toIsoUtc('', 'UTC')).toBeNull();
		expect(toIsoUtc(null, 'UTC')).toBeNull();
		expect(toIsoUtc('11-12-2023 05:06:16', 'UTC', 'yyyy-MM-dd')).toBeNull();
	});

	it('names the format of a value', () => {
		expect(detectDateFormat('11-12-2023 05:06:16')).toBe('dd-MM-yyyy HH:mm:ss');
		expect(detectDateFormat('2021-06-14 13:00:00')).toBe('yyyy-MM-dd HH:mm:ss');
		expect(detectDateFormat('1582783668175')).toBe('epochMillis');
		expect(detectDateFormat('June 14')).toBeUndefined();
	});

	it('writes request dates in the zone OY! reads them in', () => {
		const instant = Date.UTC(2026, 10, 23, 3, 4, 5);
		expect(formatOyDate(instant, 'yyyy-MM-dd HH:mm:ss', 'WIB')).toBe('2026-11-23 10:04:05');
		expect(formatOyDate(instant, 'dd-MM-yyyy HH:mm:ss', 'UTC')).toBe('23-11-2026 03:04:05');
		expect(formatOyDate(instant, 'yyyy-MM-dd', 'WIB')).toBe('2026-11-23');
		expect(formatOyDate(Date.UTC(2026, 10, 23, 18), 'yyyy-MM-dd', 'WIB')).toBe('2026-11-24');
		expect(formatOyDate(instant, 'dd/MM/yyyyTHH:mm:ss.SSSZ', 'WIB')).toBe(
			'23/11/2026T10:04:05.000+0700',
		);
	});

	it('turns what a workflow supplies into the request format', () => {
		expect(normalizeDateInput('2026-11-23T03:00:00Z', 'yyyy-MM-dd HH:mm:ss', 'WIB')).toBe(
			'2026-11-23 10:00:00',
		);
		expect(normalizeDateInput('2026-11-23T03:00:00.123456Z', 'yyyy-MM-dd HH:mm:ss', 'WIB')).toBe(
			'2026-11-23 10:00:00',
		);
		// already in the requested format: passes through, meaning OY's zone
		expect(normalizeDateInput('2026-12-31 23:59:59', 'yyyy-MM-dd HH:mm:ss', 'WIB')).toBe(
			'2026-12-31 23:59:59',
		);
		// A bare number is a date only where OY! documents epoch milliseconds (issue 11 item 10).
		expect(normalizeDateInput(Date.UTC(2026, 0, 1), 'yyyy-MM-dd', 'WIB')).toBeNull();
		expect(normalizeDateInput(Date.UTC(2026, 0, 1), 'epochMillis', 'WIB')).toBe(
			String(Date.UTC(2026, 0, 1)),
		);
		expect(normalizeDateInput(new Date(Date.UTC(2026, 0, 1, 20)), 'yyyy-MM-dd', 'WIB')).toBe(
			'2026-01-02',
		);
		expect(normalizeDateInput('not a date', 'yyyy-MM-dd', 'WIB')).toBeNull();
		expect(normalizeDateInput('2026-02-30', 'yyyy-MM-dd', 'WIB')).toBeNull();
	});
});
