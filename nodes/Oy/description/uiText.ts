import type { INodePropertyOptions } from 'n8n-workflow';

/*
 * lib writes its texts for people; n8n's UX rules (and its lint) want them in a house style. These
 * helpers apply that style while the node's description is generated, so the catalogue stays the
 * one place where an operation is described.
 */

const SMALL_WORDS =
	/\b(?:an?d?|a[st]|because|but|by|en|for|i[fn]|neither|nor|o[fnr]|only|over|per|so|some|tha[tn]|the|to|up|upon|vs?\.?|versus|via|when|with|without|yet)\b/i;
const TOKENS = /[^\s:–—-]+|./g;
const MANUAL_CASE = /.(?=[A-Z]|\..)/;
const FIRST_ALPHANUMERIC = /[A-Za-z0-9\u00C0-\u00FF]/;

/**
 * Title Case exactly as n8n's lint checks it (the `title-case` 3.0.3 algorithm, MIT, by Blake
 * Embrey): the first letter of each word upper-cased, small words and words with their own
 * capitals (BCA, GoPay, pbbkab.bandung) left as they are.
 */
export function titleCase(input: string): string {
	let result = '';
	for (const match of input.matchAll(TOKENS)) {
		const token = match[0];
		const index = match.index ?? 0;
		const isEdge = index === 0 || index + token.length === input.length;
		const isUrlScheme =
			input.charAt(index + token.length) === ':' &&
			!/\s/.test(input.charAt(index + token.length + 1));
		if (!MANUAL_CASE.test(token) && (!SMALL_WORDS.test(token) || isEdge) && !isUrlScheme) {
			result += token.replace(FIRST_ALPHANUMERIC, (character) => character.toUpperCase());
		} else {
			result += token;
		}
	}
	return result;
}

/**
 * A parameter or option description in n8n's style: "ID" not "id", a capital first letter, no
 * final period after one sentence, a final period after two. Undefined when it only repeats the name.
 */
export function descriptionText(
	text: string | undefined,
	displayName?: string,
): string | undefined {
	if (text === undefined) return undefined;
	let styled = text
		.trim()
		.replace(/\bid\b/g, 'ID')
		.replace(/\bids\b/g, 'IDs');
	styled = styled.charAt(0).toUpperCase() + styled.slice(1);
	if (styled === '' || styled.toLowerCase() === displayName?.toLowerCase()) return undefined;
	const sentences = styled.replace('e.g.', '').split('. ').length;
	if (sentences === 2 && !styled.endsWith('.')) styled += '.';
	if (sentences === 1 && styled.endsWith('.') && !styled.endsWith('e.g.'))
		styled = styled.slice(0, -1);
	return styled;
}

/**
 * An option as the dropdown shows it. A code that Title Case would change (`dana`, `plnpost`)
 * moves from the name into the description, so the code is shown exactly as OY! spells it.
 */
export function optionText(option: {
	name: string;
	value: string | number;
	description?: string;
}): INodePropertyOptions {
	let name = option.name;
	let description = option.description;
	const suffix = ` (${option.value})`;
	if (titleCase(name) !== name && name.endsWith(suffix)) {
		name = name.slice(0, -suffix.length);
		description = description ? `${description} (code ${option.value})` : `Code: ${option.value}`;
	}
	const styled: INodePropertyOptions = { name: titleCase(name), value: option.value };
	const text = descriptionText(description, styled.name);
	if (text !== undefined) styled.description = text;
	return styled;
}
