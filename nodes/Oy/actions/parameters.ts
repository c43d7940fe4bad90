import type { IExecuteFunctions, IGetNodeParameterOptions } from 'n8n-workflow';

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (typeof value === 'object' && value !== null) return Object.values(value).some(hasExpression);
	return false;
}

/**
 * Reads the node's parameters for many items. A parameter that holds no expression is the same for
 * every item, so it is read once: each n8n read walks the node's whole description (hundreds of
 * properties here), which for 10,000 items cost more than the requests. Values are shared between
 * items and must not be changed.
 */
export class ItemParameters {
	private readonly sameForAll = new Map<string, unknown>();

	constructor(private readonly context: IExecuteFunctions) {}

	get(
		name: string,
		itemIndex: number,
		fallback?: unknown,
		options?: IGetNodeParameterOptions,
	): unknown {
		if (hasExpression(this.context.getNode().parameters[name])) {
			return this.context.getNodeParameter(name, itemIndex, fallback, options);
		}
		const key = options?.extractValue ? `${name} value` : name;
		if (!this.sameForAll.has(key))
			this.sameForAll.set(key, this.context.getNodeParameter(name, itemIndex, fallback, options));
		return this.sameForAll.get(key);
	}
}
