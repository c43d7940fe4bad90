/**
 * The partner's money at OY!: its own balance and, with Multi Account Management, its child
 * accounts' balances. `pending` is money held by disbursements still in flight, so
 * available = balance + overdraft - pending, as the Get Balance docs define it.
 */
export interface Account {
	balance: number;
	overdraft: number;
	overbooking: number;
	pending: number;
}

/** `undefined` names the partner's own account; a string names a child account by username. */
export type AccountName = string | undefined;

export class Ledger {
	private own: Account;
	private readonly children = new Map<string, Account>();

	constructor(private readonly initialBalance: number) {
		this.own = blankAccount(initialBalance);
	}

	account(name: AccountName): Account | undefined {
		return name === undefined ? this.own : this.children.get(name);
	}

	hasChild(username: string): boolean {
		return this.children.has(username);
	}

	childNames(): string[] {
		return [...this.children.keys()];
	}

	available(name: AccountName): number {
		const account = this.account(name);
		return account ? account.balance + account.overdraft - account.pending : 0;
	}

	/** Sets figures of an account, creating a child account when the name is new. */
	set(name: AccountName, figures: Partial<Account>): Account {
		let account = this.account(name);
		if (!account) {
			account = blankAccount(0);
			this.children.set(name as string, account);
		}
		for (const key of ['balance', 'overdraft', 'overbooking', 'pending'] as const) {
			const value = figures[key];
			if (typeof value === 'number' && Number.isFinite(value)) account[key] = value;
		}
		return account;
	}

	/** Reserves money for a disbursement in flight; false when the available balance is short. */
	hold(name: AccountName, amount: number): boolean {
		const account = this.account(name);
		if (!account || this.available(name) < amount) return false;
		account.pending += amount;
		return true;
	}

	/** A held amount leaves the account (the disbursement succeeded). */
	settleHold(name: AccountName, amount: number): void {
		const account = this.account(name);
		if (!account) return;
		account.pending -= amount;
		account.balance -= amount;
	}

	/** A held amount goes back (the disbursement failed). */
	releaseHold(name: AccountName, amount: number): void {
		const account = this.account(name);
		if (account) account.pending -= amount;
	}

	/** Takes money at once (e.g. paying an inquiry invoice); false when the available balance is short. */
	debit(name: AccountName, amount: number): boolean {
		const account = this.account(name);
		if (!account || this.available(name) < amount) return false;
		account.balance -= amount;
		return true;
	}

	/** Incoming money (a paid VA or payment link) is credited in real time. */
	credit(name: AccountName, amount: number): void {
		const account = this.account(name) ?? this.set(name, {});
		account.balance += amount;
	}

	snapshot(): { own: Account; children: Record<string, Account> } {
		return {
			own: { ...this.own },
			children: Object.fromEntries([...this.children].map(([k, v]) => [k, { ...v }])),
		};
	}

	reset(): void {
		this.own = blankAccount(this.initialBalance);
		this.children.clear();
	}
}

function blankAccount(balance: number): Account {
	return { balance, overdraft: 0, overbooking: 0, pending: 0 };
}
