/** The date formats OY! uses, which differ per product. All take epoch milliseconds. */

const WIB_OFFSET_MS = 7 * 3_600_000;

function parts(ms: number) {
	const d = new Date(ms);
	const pad = (n: number, width = 2) => String(n).padStart(width, '0');
	return {
		yyyy: pad(d.getUTCFullYear(), 4),
		MM: pad(d.getUTCMonth() + 1),
		dd: pad(d.getUTCDate()),
		HH: pad(d.getUTCHours()),
		mm: pad(d.getUTCMinutes()),
		ss: pad(d.getUTCSeconds()),
		SSS: pad(d.getUTCMilliseconds(), 3),
	};
}

/** `dd-MM-yyyy HH:mm:ss` in UTC (disbursement, balance). */
export function utcDayFirst(ms: number): string {
	const p = parts(ms);
	return `${p.dd}-${p.MM}-${p.yyyy} ${p.HH}:${p.mm}:${p.ss}`;
}

/** `yyyy-MM-ddTHH:mm:ss` in UTC (account inquiry). */
export function utcIsoSeconds(ms: number): string {
	const p = parts(ms);
	return `${p.yyyy}-${p.MM}-${p.dd}T${p.HH}:${p.mm}:${p.ss}`;
}

/** `yyyy-MM-dd` of the Western Indonesia (UTC+7) calendar day. */
export function wibDate(ms: number): string {
	const p = parts(ms + WIB_OFFSET_MS);
	return `${p.yyyy}-${p.MM}-${p.dd}`;
}

/** `yyyy-MM-ddTHH:mm:ss` in UTC+7 (payment checkout callback and status). */
export function wibIsoSeconds(ms: number): string {
	return utcIsoSeconds(ms + WIB_OFFSET_MS);
}

/** `yyyy-MM-dd HH:mm:ss` in UTC+7 (payment link data, AR invoices). */
export function wibDateTime(ms: number): string {
	return utcIsoSeconds(ms + WIB_OFFSET_MS).replace('T', ' ');
}

/** `yyyy-MM-dd HH:mm:ss` in UTC (VA transaction history; the docs name no zone). */
export function utcDateTime(ms: number): string {
	return utcIsoSeconds(ms).replace('T', ' ');
}

/** `dd/MM/yyyy'T'HH:mm:ss.SSS+0000` (VA payment callback). */
export function vaCallbackTime(ms: number): string {
	const p = parts(ms);
	return `${p.dd}/${p.MM}/${p.yyyy}T${p.HH}:${p.mm}:${p.ss}.${p.SSS}+0000`;
}

/** Midnight of a `yyyy-MM-dd` day in UTC+7, or NaN. */
export function parseWibDate(text: string): number {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return NaN;
	const ms = Date.parse(`${text}T00:00:00Z`);
	return Number.isNaN(ms) || utcIsoSeconds(ms).slice(0, 10) !== text ? NaN : ms - WIB_OFFSET_MS;
}

/** A `yyyy-MM-dd HH:mm:ss` time read as UTC+7, or NaN. */
export function parseWibDateTime(text: string): number {
	const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text);
	if (!match) return NaN;
	const day = parseWibDate(match[1]);
	const [h, m, s] = [Number(match[2]), Number(match[3]), Number(match[4])];
	if (h > 23 || m > 59 || s > 59) return NaN;
	return day + ((h * 60 + m) * 60 + s) * 1000;
}

export const DAY_MS = 86_400_000;

/** Start (epoch ms) of the UTC+7 day that contains `ms`. */
export function startOfWibDay(ms: number): number {
	return Math.floor((ms + WIB_OFFSET_MS) / DAY_MS) * DAY_MS - WIB_OFFSET_MS;
}
