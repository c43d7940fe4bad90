import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';
import { formatRupiah, parseAmountInput, toRupiah } from '../../../lib/amounts';
import type { OyClient } from '../../../lib/client';
import { movesMoney } from '../../../lib/catalogue';
import type { OperationDefinition } from '../../../lib/types';
import { idText } from './plan';
import { plural, ranges } from './wording';
import type { ItemPlan } from './plan';

/**
 * The payout controls of a run (issue 15): the funds check before a batch, the caps per payout and
 * per run, and the gate for AI agents. Each one is decided after every item is planned and before
 * the first payout leaves, so a run it refuses sends no payout.
 */

export type FundsCheck = 'auto' | 'always' | 'never';

export interface RunControls {
	fundsCheck: FundsCheck;
	maxAmountPerPayout?: number;
	maxTotalPerRun?: number;
	/** the node runs as an AI agent's tool */
	asTool: boolean;
	/** Options › Allow Money-Moving Operations (AI Tool) */
	allowMoneyAsTool: boolean;
}

/** Operations paid from the OY! balance (or a child balance) through `/api/remit`: the funds check applies. */
const BALANCE_PAYOUTS = new Set(['disbursement.create', 'multiAccount.disburseWithChildBalance']);

const NOTHING_SENT = 'Nothing was sent to OY!: every item is checked before the first request.';

function capOf(node: INode, value: unknown, label: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const parsed = parseAmountInput(typeof value === 'number' ? value : String(value));
	if ('problem' in parsed) {
		throw new NodeOperationError(node, `'${label}' ${parsed.problem}`, {
			description: 'Nothing was sent to OY!.',
		});
	}
	if (parsed.amount <= 0) {
		throw new NodeOperationError(
			node,
			`'${label}' must be more than 0 (leave it empty for no cap)`,
			{
				description: 'Nothing was sent to OY!.',
			},
		);
	}
	return parsed.amount;
}

/** Reads the controls from Options; a cap written in a way that could be misread is refused. */
export function readControls(node: INode, options: IDataObject, asTool: boolean): RunControls {
	const fundsCheck = options.fundsCheck;
	return {
		fundsCheck: fundsCheck === 'always' || fundsCheck === 'never' ? fundsCheck : 'auto',
		maxAmountPerPayout: capOf(node, options.maxAmountPerPayout, 'Max Amount per Payout'),
		maxTotalPerRun: capOf(node, options.maxTotalPerRun, 'Max Total per Run'),
		asTool,
		allowMoneyAsTool: options.allowMoneyAsTool === true,
	};
}

/**
 * What one money-moving item pays, in whole rupiah, as far as it is known before sending: the
 * `amount`, or for a payment routing the sum of its recipients' amounts. Undefined when OY! decides
 * it (an inquiry invoice, a bill other than PLN Prepaid).
 */
export function payoutAmount(
	operation: OperationDefinition,
	input: Record<string, unknown>,
): number | undefined {
	if (operation.id === 'paymentRouting.create') {
		const recipients = Array.isArray(input.payment_routing)
			? (input.payment_routing as IDataObject[])
			: [];
		let sum = 0;
		for (const recipient of recipients) {
			const amount = toRupiah(recipient.recipient_amount);
			if (amount === null) return undefined;
			sum += amount;
		}
		return sum;
	}
	const amount = input.amount;
	if (amount === undefined || amount === null || amount === '') return undefined;
	return toRupiah(amount) ?? undefined;
}

interface Payout {
	plan: ItemPlan;
	operation: OperationDefinition;
	amount: number | undefined;
}

function payoutsOf(plans: ItemPlan[]): Payout[] {
	return plans.flatMap((plan) => {
		const operation = plan.operation;
		if (plan.refusal || !operation || !plan.input || !movesMoney(operation)) return [];
		return [{ plan, operation, amount: payoutAmount(operation, plan.input) }];
	});
}

/** One amount the caps bound, wherever it comes from (a payout item, a row of a bulk disburse file). */
export interface CappedAmount {
	itemIndex: number;
	id: IDataObject;
	amount: number | undefined;
	/** the operation's action, to say why an amount is not known */
	action: string;
}

/** How a refusal ends: what did not happen, as the message's tail and as the description's last sentence. */
export interface RefusalEnding {
	short: string;
	long: string;
}

const NOTHING_SENT_ENDING: RefusalEnding = { short: 'nothing was sent', long: NOTHING_SENT };

function itemName(payout: CappedAmount): string {
	const id = idText(payout.id);
	return `item ${payout.itemIndex}${id ? ` (${id})` : ''}`;
}

/** At most this many items are named in a message; all are in the error's `context.items`. */
const NAMED = 10;

function named(payouts: CappedAmount[]): string {
	const listed = payouts
		.slice(0, NAMED)
		.map(
			(payout) =>
				`${itemName(payout)} ${payout.amount === undefined ? 'amount not known' : formatRupiah(payout.amount)}`,
		);
	const more = payouts.length > NAMED ? ` … and ${payouts.length - NAMED} more` : '';
	return `${listed.join(', ')}${more}`;
}

function refusal(
	node: INode,
	message: string,
	description: string,
	context: IDataObject,
): NodeOperationError {
	const error = new NodeOperationError(node, message, { description });
	Object.assign(error.context, context);
	return error;
}

/**
 * The AI gate: as an agent's tool, an operation that moves money is refused unless the user
 * allowed it in the node. Checked before anything else, so a refused call reads nothing either.
 */
export function toolRefusal(
	node: INode,
	plans: ItemPlan[],
	controls: RunControls,
): NodeOperationError | undefined {
	if (!controls.asTool || controls.allowMoneyAsTool) return undefined;
	const money = plans.find((plan) => plan.operation && movesMoney(plan.operation));
	if (!money?.operation) return undefined;
	const operation = money.operation;
	return refusal(
		node,
		`${operation.action} moves money, and this OY! tool is not allowed to move money: nothing was sent`,
		"An AI agent called this OY! node as a tool. Operations that move money are refused there unless the node's Options › Allow Money-Moving Operations (AI Tool) is on; Max Amount per Payout and Max Total per Run then bound every call. Nothing was sent to OY!.",
		{ operation: operation.id, refusedAs: 'tool' },
	);
}

/** Max Amount per Payout and Max Total per Run, over the whole run before its first request. */
export function capRefusal(
	node: INode,
	plans: ItemPlan[],
	controls: RunControls,
): NodeOperationError | undefined {
	const payouts = payoutsOf(plans).map(({ plan, operation, amount }) => ({
		itemIndex: plan.itemIndex,
		id: plan.id,
		amount,
		action: operation.action,
	}));
	return capsRefusal(node, payouts, controls, NOTHING_SENT_ENDING);
}

/** The caps over any list of amounts; `ending` says what the refusal stopped. */
export function capsRefusal(
	node: INode,
	payouts: CappedAmount[],
	controls: RunControls,
	ending: RefusalEnding,
): NodeOperationError | undefined {
	const { maxAmountPerPayout: perPayout, maxTotalPerRun: perRun } = controls;
	if (perPayout === undefined && perRun === undefined) return undefined;
	const unknown = payouts.filter((payout) => payout.amount === undefined);
	if (unknown.length > 0) {
		return refusal(
			node,
			`The amount of ${plural(unknown.length, 'payout')} is not known before sending, so the caps cannot be checked: ${named(unknown)}: ${ending.short}`,
			`${unknown[0].action}: OY! decides the amount. Remove Max Amount per Payout and Max Total per Run from this node to send it. ${ending.long}`,
			{ items: unknown.map((payout) => payout.itemIndex) },
		);
	}
	if (perPayout !== undefined) {
		const over = payouts.filter((payout) => (payout.amount as number) > perPayout);
		if (over.length > 0) {
			return refusal(
				node,
				`${plural(over.length, 'payout')} ${over.length === 1 ? 'is' : 'are'} over Max Amount per Payout (${formatRupiah(perPayout)}): ${named(over)}: ${ending.short}`,
				`Raise Max Amount per Payout, or take these items out of the run. ${ending.long}`,
				{ items: over.map((payout) => payout.itemIndex), cap: perPayout },
			);
		}
	}
	if (perRun !== undefined) {
		const total = payouts.reduce((sum, payout) => sum + (payout.amount as number), 0);
		if (total > perRun) {
			const items = payouts.map((payout) => payout.itemIndex);
			return refusal(
				node,
				`This run (${formatRupiah(total)} in ${plural(payouts.length, 'payout')}: items ${ranges(items)}) is over Max Total per Run (${formatRupiah(perRun)}): ${ending.short}`,
				`The payouts: ${named(payouts)}. Split the run, or raise Max Total per Run. ${ending.long}`,
				{ items, total, cap: perRun },
			);
		}
	}
	return undefined;
}

/** Whether the funds check runs: Always, Never, or by default when the run has more than one item. */
function fundsCheckApplies(controls: RunControls, itemCount: number): boolean {
	if (controls.fundsCheck === 'never') return false;
	return controls.fundsCheck === 'always' || itemCount > 1;
}

/** The available balance of the payer: the partner's own (no child) or a child balance's. */
async function availableBalance(client: OyClient, child: string): Promise<number> {
	if (child === '') {
		const result = await client.callOrThrow('balance.get', {});
		const available = toRupiah((result.body as IDataObject | null)?.availableBalance);
		if (available === null) throw new Error('OY! answered no availableBalance');
		return available;
	}
	const records = (await client.listAll('multiAccount.getChildBalance', {
		child_username: child,
	})) as IDataObject[];
	const record = records.find((entry) => entry.username === undefined || entry.username === child);
	const available = toRupiah(record?.availableBalance);
	if (available === null)
		throw new Error(`OY! answered no availableBalance for the child balance ${child}`);
	return available;
}

/**
 * Before a batch of Create Disbursement (or Disburse with Child Balance): the sum of the run's
 * amounts against OY's available balance of each payer (the own balance, or each child balance
 * used). A run the balance cannot cover, or whose balance cannot be read, sends no payout.
 */
export async function fundsRefusal(
	node: INode,
	client: OyClient,
	plans: ItemPlan[],
	controls: RunControls,
	itemCount: number,
): Promise<NodeOperationError | undefined> {
	if (!fundsCheckApplies(controls, itemCount)) return undefined;
	const byPayer = new Map<string, Payout[]>();
	for (const payout of payoutsOf(plans)) {
		if (!BALANCE_PAYOUTS.has(payout.operation.id)) continue;
		const child = String(payout.plan.input?.child_balance ?? '').trim();
		const payouts = byPayer.get(child);
		if (payouts) payouts.push(payout);
		else byPayer.set(child, [payout]);
	}
	for (const [child, payouts] of byPayer) {
		const payer = child === '' ? 'your own OY! balance' : `the child balance ${child}`;
		const needed = payouts.reduce((sum, payout) => sum + (payout.amount ?? 0), 0);
		const items = payouts.map((payout) => payout.plan.itemIndex);
		let available: number;
		try {
			available = await availableBalance(client, child);
		} catch (error) {
			return refusal(
				node,
				`The funds check could not read the available balance (${payer}): nothing was sent`,
				`${(error as Error).message}. The run needs ${formatRupiah(needed)} (items ${ranges(items)}). No payout was sent to OY!. Run it again once OY! answers, or set Options › Funds Check to Never.`,
				{ needed, items, payer: child || null },
			);
		}
		if (available < needed) {
			return refusal(
				node,
				`The available balance (${formatRupiah(available)}) cannot cover this run (${formatRupiah(needed)} in ${plural(payouts.length, 'payout')}): nothing was sent`,
				`Paid from ${payer}: it has ${formatRupiah(available)} available, the run needs ${formatRupiah(needed)} (items ${ranges(items)}), ${formatRupiah(needed - available)} more. No payout was sent to OY!: only the balance was read. Top up the balance, or send fewer items.`,
				{ needed, available, items, payer: child || null },
			);
		}
	}
	return undefined;
}
