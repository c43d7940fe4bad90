import type { IDataObject, IExecuteFunctions, IGetNodeParameterOptions, INode } from 'n8n-workflow';

/** `={{ $json.name }}`, exactly: the whole parameter is one field of the item, nothing else. */
const ITEM_FIELD = /^=\{\{\s*\$json\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;

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
 *
 * A parameter that is exactly `={{ $json.name }}` is the item's own field: when that field is a
 * string or a finite number, it is what n8n's expression would give, and it is read from the item
 * without starting n8n's expression engine (about 100 us an expression, whatever its text). Anything
 * else (another expression, a missing field, an object) goes through n8n.
 *
 * The node itself is read once too: n8n's `getNode()` returns a deep copy of the node, parameters
 * and all, at every call (several microseconds each, several calls an item).
 */
export class ItemParameters {
	private readonly sameForAll = new Map<string, unknown>();
	private readonly itemFields = new Map<string, string | null>();
	private items?: Array<{ json: IDataObject }>;
	private theNode?: INode;

	constructor(private readonly context: IExecuteFunctions) {}

	/** the node, read once for the run (shared: not to be changed) */
	get node(): INode {
		this.theNode ??= this.context.getNode();
		return this.theNode;
	}

	/** the item's field a parameter names, when the parameter is exactly `={{ $json.field }}` */
	private itemField(name: string, value: unknown): string | null {
		let field = this.itemFields.get(name);
		if (field === undefined) {
			field = typeof value === 'string' ? (ITEM_FIELD.exec(value)?.[1] ?? null) : null;
			this.itemFields.set(name, field);
		}
		return field;
	}

	private fieldOfItem(field: string, itemIndex: number): string | number | undefined {
		this.items ??= this.context.getInputData();
		const json = this.items[itemIndex]?.json;
		const value =
			json && Object.prototype.hasOwnProperty.call(json, field) ? json[field] : undefined;
		return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))
			? value
			: undefined;
	}

	get(
		name: string,
		itemIndex: number,
		fallback?: unknown,
		options?: IGetNodeParameterOptions,
	): unknown {
		const value = this.node.parameters[name];
		if (hasExpression(value)) {
			const field = options ? null : this.itemField(name, value);
			const fromItem = field === null ? undefined : this.fieldOfItem(field, itemIndex);
			if (fromItem !== undefined) return fromItem;
			return this.context.getNodeParameter(name, itemIndex, fallback, options);
		}
		const key = options?.extractValue ? `${name} value` : name;
		if (!this.sameForAll.has(key))
			this.sameForAll.set(key, this.context.getNodeParameter(name, itemIndex, fallback, options));
		return this.sameForAll.get(key);
	}
}
