/**
 * Calendar arithmetic in the jobs' time zone (Asia/Jakarta by default). Indonesia has no daylight
 * saving, but the zone is configurable, so the wall clock is read through Intl, never assumed.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
	let format = formatters.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23',
		});
		formatters.set(timeZone, format);
	}
	return format;
}

/** Whether Intl knows the zone name. */
export function isTimeZone(timeZone: string): boolean {
	try {
		formatter(timeZone);
		return true;
	} catch {
		return false;
	}
}

export interface WallClock {
	/** `yyyy-MM-dd` */
	day: string;
	/** minutes since midnight */
	minutes: number;
}

export function wallClock(epochMillis: number, timeZone: string): WallClock {
	const parts: Record<string, string> = {};
	for (const part of formatter(timeZone).formatToParts(new Date(epochMillis)))
		parts[part.type] = part.value;
	return {
		day: `${parts.year}-${parts.month}-${parts.day}`,
		minutes: Number(parts.hour) * 60 + Number(parts.minute),
	};
}

/** `yyyy-MM-dd` of the moment in the zone. */
export function dayIn(epochMillis: number, timeZone: string): string {
	return wallClock(epochMillis, timeZone).day;
}

/** Days from `from` to `to`, both `yyyy-MM-dd` (calendar days, no zone involved). */
export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The `yyyy-MM-dd` `days` after `day`. */
export function addDays(day: string, days: number): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `"21:30"` → 1290; undefined when it is not a 24-hour `HH:mm`. */
export function parseHhMm(value: string): number | undefined {
	const match = HH_MM.exec(value);
	return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

export interface QuietHours {
	/** `HH:mm`, 24-hour, in the jobs' zone */
	start: string;
	end: string;
}

/** Whether the moment falls in the quiet hours; a window may run over midnight (21:00–08:00). */
export function inQuietHours(
	epochMillis: number,
	quiet: QuietHours | undefined,
	timeZone: string,
): boolean {
	if (!quiet) return false;
	const start = parseHhMm(quiet.start);
	const end = parseHhMm(quiet.end);
	if (start === undefined || end === undefined || start === end) return false;
	const { minutes } = wallClock(epochMillis, timeZone);
	return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}
