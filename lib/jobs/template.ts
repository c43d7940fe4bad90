/** A message with `{{placeholders}}` in its subject and text. */
export interface MessageTemplate {
	subject: string;
	text: string;
}

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** The placeholders a template uses that `known` does not list. */
export function unknownPlaceholders(template: MessageTemplate, known: readonly string[]): string[] {
	const unknown = new Set<string>();
	for (const part of [template.subject, template.text]) {
		for (const match of part.matchAll(PLACEHOLDER))
			if (!known.includes(match[1])) unknown.add(match[1]);
	}
	return [...unknown];
}

export function renderTemplate(
	template: MessageTemplate,
	values: Readonly<Record<string, string>>,
): MessageTemplate {
	const fill = (part: string) =>
		part.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
	// A subject is one line: a value with a line break must not add headers.
	return { subject: fill(template.subject).replace(/[\r\n]+/g, ' '), text: fill(template.text) };
}
