/**
 * API Multi Account Management: Get Child Balance (OY API docs: API Multi Account Management › Get Child Balance). Disburse with Child
 * Balance is `/api/remit` with `child_balance`, served by the disbursement product. Child
 * balances live in the shared ledger; seed them here or through the balance product.
 */
import { ControlError } from '../../core/control-routes.mjs';
import { utcDayFirst } from '../../core/formats.mjs';
import type { Ledger } from '../../core/ledger.mjs';
import type { ProductDefinition } from '../product.mjs';
import { COMMON_REFUSALS, refuseWith, statusAnswer } from '../shared/status-envelope.mjs';

export const MULTI_ACCOUNT = 'multi-account';

/** One `balances[]` entry: camelCase, as the docs write it. */
function childView(ledger: Ledger, username: string) {
	const account = ledger.account(username)!;
	return {
		username,
		balance: account.balance,
		overdraftBalance: account.overdraft,
		overbookingBalance: account.overbooking,
		pendingBalance: account.pending,
		availableBalance: ledger.available(username),
	};
}

const FIGURES = ['balance', 'overdraft', 'overbooking', 'pending'] as const;

export const multiAccountProduct: ProductDefinition = {
	name: MULTI_ACCOUNT,
	docsProduct: 'API Multi Account Management',
	create({ ledger, clock }) {
		return {
			routes: [
				{
					method: 'GET',
					path: '/api/v1/multi-account/child/balance',
					handle: (request) => {
						const child = request.query.get('child_username');
						// No code is documented for an unknown child; like /api/remit's child_balance, it is an unknown user.
						if (child && !ledger.hasChild(child))
							return statusAnswer('201', 'Request is Rejected (User ID is not Found)', {
								data: null,
							});
						const usernames = child ? [child] : ledger.childNames();
						return statusAnswer('000', 'Success', {
							data: {
								balances: usernames.map((username) => childView(ledger, username)),
								timeStamp: utcDayFirst(clock.now()),
							},
						});
					},
				},
			],
			refuse: refuseWith(COMMON_REFUSALS, { data: null }),
			/** `{ "children": { "Alice": { "balance": 5000000 } } }`: the child accounts and their figures. */
			seed(section) {
				const children = (section as { children?: unknown } | null)?.children;
				if (children === null || typeof children !== 'object' || Array.isArray(children)) {
					throw new ControlError(
						'seed section "multi-account" must be { "children": { "<username>": { "balance": … } } }',
					);
				}
				const entries = Object.entries(children as Record<string, Record<string, unknown>>);
				for (const [username, figures] of entries) {
					for (const key of FIGURES) {
						if (figures[key] !== undefined && typeof figures[key] !== 'number')
							throw new ControlError(`"${username}.${key}" must be a number`);
					}
					ledger.set(username, figures);
				}
				return entries.length;
			},
			/** `{ "children": 50 }`: child accounts CHILD-1 … CHILD-50 with made-up balances. */
			generate(spec) {
				const count = spec.children ?? 0;
				for (let i = 1; i <= count; i++)
					ledger.set(`CHILD-${i}`, { balance: 1_000_000 * (1 + (i % 100)) });
				return count;
			},
			snapshot: () => ({ children: ledger.snapshot().children }),
			// Child accounts are ledger state; Sandbox.reset() resets the ledger.
			reset() {},
		};
	},
};
