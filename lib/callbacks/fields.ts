import { toRupiah } from '../amounts';
import { toIsoUtc } from '../dates';
import { isRecord, readPath } from '../json';
import { normalizeCode } from '../envelopes';
import { lookupCode } from '../outcomes';
import type { CodeMeaning, CodeTable, DateFormat, OyZone, StateField } from '../types';
import type { CallbackReading } from './types';

/** A value as text: strings as they are, numbers written out; empty and other types are null. */
export function text(body: unknown, path: string): string | null {
	const value = readPath(body, path);
	if (typeof value === 'string') return value.trim() === '' ? null : value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

/** The first of several fields that has text (OY! spells some fields two ways). */
export function firstText(body: unknown, ...paths: string[]): string | null {
	for (const path of paths) {
		const value = text(body, path);
		if (value !== null) return value;
	}
	return null;
}

export function rupiah(body: unknown, path: string): number | null {
	return toRupiah(readPath(body, path));
}

export function isoDate(
	body: unknown,
	path: string,
	format: DateFormat,
	zone: OyZone,
): string | null {
	return toIsoUtc(readPath(body, path), zone, format);
}

/** Whether every path holds a value (not undefined, not null). */
export function has(body: unknown, ...paths: string[]): boolean {
	return paths.every((path) => {
		const value = readPath(body, path);
		return value !== undefined && value !== null;
	});
}

export function isObjectAt(body: unknown, path: string): boolean {
	return isRecord(readPath(body, path));
}

/** Reads `{status: {code}}` with its leading zeros. */
export function statusCode(body: unknown): string | null {
	return normalizeCode(readPath(body, 'status.code')) ?? null;
}

export interface StatusReading {
	status: string;
	meaning: CodeMeaning;
}

const UNREADABLE: CodeMeaning = {
	outcome: 'unknown',
	meaning: 'The callback carries no status this package can read',
};

/** A status code read with one of lib's code tables (and the codes common to every product). */
export function readCode(table: CodeTable, code: string | null): StatusReading {
	if (code === null) return { status: '', meaning: UNREADABLE };
	return {
		status: code,
		meaning: lookupCode(table, code) ?? {
			outcome: 'unknown',
			meaning: `OY! reported code ${code}, which its documentation does not list here`,
		},
	};
}

/** A state value read with one of lib's state fields (upper-cased, as lib reads answers). */
export function readState(field: StateField, value: string | null): StatusReading {
	if (value === null) return { status: '', meaning: UNREADABLE };
	const meaning =
		lookupCode(field.values, value.toUpperCase()) ?? field.values[value] ?? field.otherwise;
	return {
		status: value,
		meaning: meaning ?? {
			outcome: 'unknown',
			meaning: `OY! reported a state this package does not know: ${value}`,
		},
	};
}

/** An object of the entries whose value is defined (null and empty text left out). */
export function defined(entries: Record<string, unknown>): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(entries)) {
		if (value !== undefined && value !== null && value !== '') result[key] = value;
	}
	return result;
}

/** A callback's reading from its parts; the transaction is named by the partner's id, else OY's. */
export function readingOf(parts: {
	partnerTrxId: string | null;
	oyTrxId: string | null;
	transactionId?: string | null;
	amount: number | null;
	state: StatusReading;
	settlementStatus?: string | null;
	occurredAt?: string | null;
	details: Record<string, unknown>;
}): CallbackReading {
	return {
		transactionId:
			parts.transactionId !== undefined
				? parts.transactionId
				: (parts.partnerTrxId ?? parts.oyTrxId),
		partnerTrxId: parts.partnerTrxId,
		oyTrxId: parts.oyTrxId,
		amount: parts.amount,
		status: parts.state.status,
		outcome: parts.state.meaning.outcome,
		statusMeaning: parts.state.meaning.meaning,
		settlementStatus: parts.settlementStatus ?? null,
		occurredAt: parts.occurredAt ?? null,
		details: parts.details,
	};
}
