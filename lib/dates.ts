import type { DateFormat, OyZone } from './types';

/**
 * OY! writes dates in many shapes, and the zone depends on the product (see the catalogue's
 * "Date/time formats" tables): disbursement `dd-MM-yyyy HH:mm:ss` in UTC, account inquiry
 * `yyyy-MM-ddTHH:mm:ss` in UTC, VA epoch milliseconds, VA and e-wallet callbacks
 * `dd/MM/yyyy'T'HH:mm:ss.SSSZ` with an offset, payment links and AR `yyyy-MM-dd HH:mm:ss` in WIB.
 */
const WIB_OFFSET_MINUTES = 7 * 60;

function offsetMinutes(zone: OyZone): number {
	return zone === 'WIB' ? WIB_OFFSET_MINUTES : 0;
}

interface Parts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	millisecond: number;
	/** minutes east of UTC written in the value itself */
	offset?: number;
}

const PATTERNS: ReadonlyArray<{
	format: DateFormat;
	regex: RegExp;
	read: (m: RegExpMatchArray) => Parts;
}> = [
	{
		format: 'dd-MM-yyyy HH:mm:ss',
		regex: /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2}):(\d{2})$/,
		read: (m) => parts(m[3], m[2], m[1], m[4], m[5], m[6]),
	},
	{
		format: 'yyyy-MM-ddTHH:mm:ss',
		regex: /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})?$/,
		read: (m) => ({ ...parts(m[1], m[2], m[3], m[4], m[5], m[6], m[7]), ...zoneOf(m[8]) }),
	},
	{
		format: 'yyyy-MM-dd HH:mm:ss',
		regex: /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/,
		read: (m) => parts(m[1], m[2], m[3], m[4], m[5], m[6], m[7]),
	},
	{
		format: 'dd/MM/yyyyTHH:mm:ss.SSSZ',
		regex:
			/^(\d{2})\/(\d{2})\/(\d{4})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})?$/,
		read: (m) => ({ ...parts(m[3], m[2], m[1], m[4], m[5], m[6], m[7]), ...zoneOf(m[8]) }),
	},
	{
		format: 'yyyy-MM-dd',
		regex: /^(\d{4})-(\d{2})-(\d{2})$/,
		read: (m) => parts(m[1], m[2], m[3]),
	},
	{
		format: 'dd/MM/yyyy',
		regex: /^(\d{2})\/(\d{2})\/(\d{4})$/,
		read: (m) => parts(m[3], m[2], m[1]),
	},
];

function parts(
	year: string,
	month: string,
	day: string,
	hour = '0',
	minute = '0',
	second = '0',
	fraction?: string,
): Parts {
	return {
		year: Number(year),
		month: Number(month),
		day: Number(day),
		hour: Number(hour),
		minute: Number(minute),
		second: Number(second),
		millisecond: fraction ? Number(fraction.padEnd(3, '0')) : 0,
	};
}

function zoneOf(designator: string | undefined): { offset?: number } {
	if (!designator) return {};
	if (designator === 'Z') return { offset: 0 };
	const sign = designator.startsWith('-') ? -1 : 1;
	const digits = designator.slice(1).replace(':', '');
	return { offset: sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) };
}

function toEpoch(p: Parts, zone: OyZone): number | null {
	if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > 31) return null;
	if (p.hour > 23 || p.minute > 59 || p.second > 60) return null;
	const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
	const check = new Date(local);
	if (check.getUTCDate() !== p.day || check.getUTCMonth() !== p.month - 1) return null;
	return local - (p.offset ?? offsetMinutes(zone)) * 60_000;
}

/** Which of OY's formats a string is written in, if any. */
export function detectDateFormat(value: string): DateFormat | undefined {
	const trimmed = value.trim();
	if (/^-?\d{10,}$/.test(trimmed)) return 'epochMillis';
	return PATTERNS.find((pattern) => pattern.regex.test(trimmed))?.format;
}

/**
 * Converts an OY! date to epoch milliseconds. `zone` applies when the value carries no offset.
 * Returns null for empty values, for `-1`/`0` epochs (OY's "never"), and for text that is no date.
 */
export function parseOyDate(value: unknown, zone: OyZone, format?: DateFormat): number | null {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'number') {
		return Number.isFinite(value) && value > 0 ? value : null;
	}
	if (typeof value !== 'string') return null;
	const trimmed = value.trim();
	const chosen = format ?? detectDateFormat(trimmed);
	if (!chosen) return null;
	if (chosen === 'epochMillis') {
		const millis = Number(trimmed);
		return Number.isFinite(millis) && millis > 0 ? millis : null;
	}
	const pattern = PATTERNS.find((candidate) => candidate.format === chosen);
	const match = pattern ? trimmed.match(pattern.regex) : null;
	if (!pattern || !match) return null;
	return toEpoch(pattern.read(match), zone);
}

/** Converts an OY! date to ISO-8601 in UTC (`2023-12-11T05:06:16.000Z`), or null. */
export function toIsoUtc(value: unknown, zone: OyZone, format?: DateFormat): string | null {
	const epoch = parseOyDate(value, zone, format);
	return epoch === null ? null : new Date(epoch).toISOString();
}

function pad(value: number, width = 2): string {
	return String(value).padStart(width, '0');
}

/** Writes an instant in one of OY's request formats, in the given zone. */
export function formatOyDate(epochMillis: number, format: DateFormat, zone: OyZone): string {
	if (format === 'epochMillis') return String(epochMillis);
	const shifted = new Date(epochMillis + offsetMinutes(zone) * 60_000);
	const y = pad(shifted.getUTCFullYear(), 4);
	const mo = pad(shifted.getUTCMonth() + 1);
	const d = pad(shifted.getUTCDate());
	const h = pad(shifted.getUTCHours());
	const mi = pad(shifted.getUTCMinutes());
	const s = pad(shifted.getUTCSeconds());
	const ms = pad(shifted.getUTCMilliseconds(), 3);
	const offset = zone === 'WIB' ? '+0700' : '+0000';
	switch (format) {
		case 'yyyy-MM-dd':
			return `${y}-${mo}-${d}`;
		case 'yyyy-MM-dd HH:mm:ss':
			return `${y}-${mo}-${d} ${h}:${mi}:${s}`;
		case 'dd-MM-yyyy HH:mm:ss':
			return `${d}-${mo}-${y} ${h}:${mi}:${s}`;
		case 'yyyy-MM-ddTHH:mm:ss':
			return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
		case 'dd/MM/yyyy':
			return `${d}/${mo}/${y}`;
		case 'dd/MM/yyyyTHH:mm:ss.SSSZ':
			return `${d}/${mo}/${y}T${h}:${mi}:${s}.${ms}${offset}`;
	}
}

/** Formats that put the day before the month: `03/04/2027` is 3 April to OY! and 4 March to many people. */
const DAY_FIRST: ReadonlySet<DateFormat> = new Set([
	'dd/MM/yyyy',
	'dd/MM/yyyyTHH:mm:ss.SSSZ',
	'dd-MM-yyyy HH:mm:ss',
]);

/**
 * Why a value must not be taken as a date for a parameter written in `format`, or undefined. A bare
 * number is a date only where OY! documents epoch milliseconds (`20270315` would be 1970-01-01);
 * a day-first date only where it is the parameter's own format (`03/04/2027`: which month?).
 */
export function whyNotADate(value: unknown, format: DateFormat): string | undefined {
	if (format === 'epochMillis') return undefined;
	const written = typeof value === 'number' || typeof value === 'bigint' ? String(value) : value;
	if (typeof written !== 'string') return undefined;
	const trimmed = written.trim();
	if (/^[+-]?\d+(\.\d+)?$/.test(trimmed)) {
		return `must be a date written as text, not a number (got ${trimmed}): write it as ${format} or ISO-8601 (2027-03-15T10:00:00+07:00)`;
	}
	const detected = detectDateFormat(trimmed);
	const dayFirst =
		detected !== undefined
			? DAY_FIRST.has(detected)
			: /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(trimmed);
	if (dayFirst && detected !== format) {
		return `is ambiguous (got ${trimmed}: which is the day and which the month?): write it year first, as ${format} or ISO-8601 (2027-03-15T10:00:00+07:00)`;
	}
	return undefined;
}

/**
 * Reads what a person or an upstream node typed for a date parameter (an ISO string, an OY-format
 * string, a Date, or epoch milliseconds where OY! documents them) and writes it in the format OY!
 * expects. Values already in the expected format pass through untouched, so they keep their
 * meaning in OY's zone. Whatever `whyNotADate` refuses is null.
 */
export function normalizeDateInput(
	value: unknown,
	format: DateFormat,
	zone: OyZone,
): string | null {
	if (whyNotADate(value, format) !== undefined) return null;
	if (typeof value === 'string') {
		const trimmed = value.trim();
		const detected = detectDateFormat(trimmed);
		if (detected === format && parseOyDate(trimmed, zone, format) !== null) return trimmed;
		if (detected === undefined && /^\d{4}-\d{2}-\d{2}T/.test(trimmed)) {
			const epoch = Date.parse(trimmed);
			return Number.isNaN(epoch) ? null : formatOyDate(epoch, format, zone);
		}
		const epoch = parseOyDate(trimmed, zone, detected);
		return epoch === null ? null : formatOyDate(epoch, format, zone);
	}
	if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
		return formatOyDate(value, format, zone);
	}
	if (value instanceof Date && !Number.isNaN(value.getTime())) {
		return formatOyDate(value.getTime(), format, zone);
	}
	return null;
}
