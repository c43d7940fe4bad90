/**
 * Get Balance (OY API docs: Fund Disbursement › Get Balance). The figures come from the shared ledger that disbursements hold
 * and debit and that paid VAs and links credit.
 */
import { ControlError, requireBody } from '../../core/control-routes.mjs';
import { utcDayFirst } from '../../core/formats.mjs';
import type { Account } from '../../core/ledger.mjs';
import type { ProductDefinition } from '../product.mjs';
import { COMMON_REFUSALS, refuseWith, statusAnswer } from '../shared/status-envelope.mjs';

/** The balance table gives 900 (not 990) for "Invalid Format" (OY API docs: Fund Disbursement › Get Balance); the sandbox answers as documented. */
const BALANCE_REFUSALS = {
	...COMMON_REFUSALS,
	'malformed-body': { code: '900', message: 'Request is Rejected (Invalid Format)' },
};

export interface BalanceSeed {
	balance?: number;
	overdraft?: number;
	overbooking?: number;
	children?: Record<string, Partial<Account>>;
}

export const balanceProduct: ProductDefinition = {
	name: 'balance',
	docsProduct: 'Fund Disbursement',
	create({ ledger, clock }) {
		const setFigures = (name: string | undefined, body: Record<string, unknown>) => {
			const figures: Partial<Account> = {};
			for (const key of ['balance', 'overdraft', 'overbooking', 'pending'] as const) {
				const value = body[key];
				if (value === undefined) continue;
				if (typeof value !== 'number' || !Number.isFinite(value))
					throw new ControlError(`"${key}" must be a number`);
				figures[key] = value;
			}
			return ledger.set(name, figures);
		};
		return {
			routes: [
				{
					method: 'GET',
					path: '/api/balance',
					handle: () => {
						const own = ledger.account(undefined)!;
						return statusAnswer('000', 'Success', {
							balance: own.balance,
							overdraftBalance: own.overdraft,
							overbookingBalance: own.overbooking,
							pendingBalance: own.pending,
							availableBalance: ledger.available(undefined),
							timestamp: utcDayFirst(clock.now()),
						});
					},
				},
			],
			control: [
				{ method: 'GET', path: '', handle: () => ({ status: 200, body: ledger.snapshot() }) },
				{
					method: 'PUT',
					path: '',
					handle: (request) => ({ status: 200, body: setFigures(undefined, requireBody(request)) }),
				},
				{
					method: 'PUT',
					path: '/children/{username}',
					handle: (request) => ({
						status: 200,
						body: setFigures(request.params.username, requireBody(request)),
					}),
				},
			],
			refuse: refuseWith(BALANCE_REFUSALS),
			seed(section) {
				const seed = section as BalanceSeed;
				setFigures(undefined, seed as Record<string, unknown>);
				const children = Object.entries(seed.children ?? {});
				for (const [username, figures] of children)
					setFigures(username, figures as Record<string, unknown>);
				return 1 + children.length;
			},
			snapshot: () => ledger.snapshot(),
			// The ledger is core state; Sandbox.reset() resets it.
			reset() {},
		};
	},
};
