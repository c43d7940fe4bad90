/** Small input checks shared by products; each product maps a failed check to its own documented code. */

export function isNonEmptyString(value: unknown, maxLength = 255): value is string {
	return typeof value === 'string' && value.trim() !== '' && value.length <= maxLength;
}

export function isOptionalString(value: unknown, maxLength = 255): value is string | undefined {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.length <= maxLength)
	);
}

export function isWholeNumber(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value);
}

export function isOptionalBoolean(value: unknown): value is boolean | undefined {
	return value === undefined || value === null || typeof value === 'boolean';
}

export const EMAIL_PATTERN = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;

/** A list of e-mail addresses joined by `separator`, at most `max` of them, each well formed. */
export function isEmailList(value: string, separator: string | RegExp, max: number): boolean {
	const addresses = value.split(separator).filter((address) => address !== '');
	return (
		addresses.length > 0 &&
		addresses.length <= max &&
		addresses.every((address) => EMAIL_PATTERN.test(address))
	);
}

export function isTrue(value: unknown): boolean {
	// OY!'s samples send `"send_callback": "true"` although the type is Boolean; both mean yes.
	return value === true || value === 'true';
}

/** Offset/limit query parameters with OY!'s defaults (0 and 10); undefined when malformed. */
export function pageParameters(
	query: URLSearchParams,
	defaultLimit = 10,
): { offset: number; limit: number } | undefined {
	const offset = query.get('offset');
	const limit = query.get('limit');
	const page = {
		offset: offset === null || offset === '' ? 0 : Number(offset),
		limit: limit === null || limit === '' ? defaultLimit : Number(limit),
	};
	if (
		!Number.isInteger(page.offset) ||
		page.offset < 0 ||
		!Number.isInteger(page.limit) ||
		page.limit < 0
	)
		return undefined;
	return page;
}
