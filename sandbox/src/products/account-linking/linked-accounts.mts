/**
 * E-wallet accounts linked through API Account Linking (OY API docs: API Account Linking). Payment Routing's
 * Direct Payment (`use_linked_account`) needs a linked ShopeePay account and spends its balance,
 * so both products reach the same store: one per sandbox, found through the shared context.
 */
import type { SandboxContext } from '../../core/context.mjs';

export const LINKABLE_CHANNELS = ['dana_ewallet', 'shopeepay_ewallet'] as const;
export type LinkableChannel = (typeof LINKABLE_CHANNELS)[number];

/** PENDING until the user finishes on the linking page; FAILED linkings are only told by redirect. */
export type LinkingState = 'PENDING' | 'LINKED' | 'FAILED' | 'UNLINKED';

export interface LinkedAccount {
	linking_id: string;
	partner_user_id: string;
	channel_code: LinkableChannel;
	phone_number: string;
	state: LinkingState;
	/** The user's e-wallet balance, which Direct Payments spend. */
	balance: number;
	expires_at?: number;
	created: number;
}

export class LinkedAccounts {
	private readonly byLinkingId = new Map<string, LinkedAccount>();
	/** `partner_user_id|channel` → the user's latest linking on that channel. */
	private readonly byUser = new Map<string, LinkedAccount>();
	/** `phone|channel` → the account that holds that phone number while linked. */
	private readonly byPhone = new Map<string, LinkedAccount>();

	add(account: LinkedAccount): void {
		this.byLinkingId.set(account.linking_id, account);
		this.byUser.set(userKey(account.partner_user_id, account.channel_code), account);
	}

	byId(linkingId: string): LinkedAccount | undefined {
		return this.byLinkingId.get(linkingId);
	}

	latest(partnerUserId: string, channel: string): LinkedAccount | undefined {
		return this.byUser.get(userKey(partnerUserId, channel));
	}

	/** The account linked for this user and channel at `now`, if any. */
	linked(partnerUserId: string, channel: string, now: number): LinkedAccount | undefined {
		const account = this.latest(partnerUserId, channel);
		return account && isLinked(account, now) ? account : undefined;
	}

	/** The linked account that holds this phone number on the channel, if any. */
	holderOf(phone: string, channel: string, now: number): LinkedAccount | undefined {
		const account = this.byPhone.get(userKey(phone, channel));
		return account && isLinked(account, now) ? account : undefined;
	}

	setState(account: LinkedAccount, state: LinkingState, expiresAt?: number): void {
		account.state = state;
		account.expires_at = expiresAt;
		const phoneKey = userKey(account.phone_number, account.channel_code);
		if (state === 'LINKED') this.byPhone.set(phoneKey, account);
		else if (this.byPhone.get(phoneKey) === account) this.byPhone.delete(phoneKey);
	}

	all(): LinkedAccount[] {
		return [...this.byLinkingId.values()];
	}

	clear(): void {
		this.byLinkingId.clear();
		this.byUser.clear();
		this.byPhone.clear();
	}
}

export function isLinked(account: LinkedAccount, now: number): boolean {
	return (
		account.state === 'LINKED' && (account.expires_at === undefined || now < account.expires_at)
	);
}

function userKey(id: string, channel: string): string {
	return `${id}|${channel}`;
}

const stores = new WeakMap<SandboxContext, LinkedAccounts>();

export function linkedAccountsOf(context: SandboxContext): LinkedAccounts {
	let store = stores.get(context);
	if (!store) {
		store = new LinkedAccounts();
		stores.set(context, store);
	}
	return store;
}
