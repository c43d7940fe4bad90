/**
 * The banking world outside OY!: who holds which account. OY!'s inquiry and disbursement answer
 * from it. By default every well-formed account exists and belongs to a made-up person; control
 * endpoints register names or mark accounts missing, blocked, inactive or full.
 */
export type BankAccountState = 'active' | 'not-found' | 'blocked' | 'inactive' | 'limit-exceeded';

export interface BankAccount {
	bank_code: string;
	account_number: string;
	account_name: string;
	state: BankAccountState;
}

export const BANK_ACCOUNT_STATES: readonly BankAccountState[] = [
	'active',
	'not-found',
	'blocked',
	'inactive',
	'limit-exceeded',
];

const FIRST_NAMES = [
	'Budi',
	'Siti',
	'Agus',
	'Dewi',
	'Rudi',
	'Ayu',
	'Joko',
	'Rina',
	'Andi',
	'Putri',
	'Hendra',
	'Wulan',
];
const LAST_NAMES = [
	'Santoso',
	'Wijaya',
	'Saputra',
	'Lestari',
	'Hidayat',
	'Kusuma',
	'Pratama',
	'Halim',
	'Nugroho',
	'Susanto',
];

export class BankDirectory {
	private readonly registered = new Map<string, BankAccount>();

	lookup(bankCode: string, accountNumber: string): BankAccount {
		return (
			this.registered.get(key(bankCode, accountNumber)) ?? {
				bank_code: bankCode,
				account_number: accountNumber,
				account_name: madeUpName(bankCode + accountNumber),
				state: 'active',
			}
		);
	}

	register(
		account: Partial<BankAccount> & { bank_code: string; account_number: string },
	): BankAccount {
		const entry: BankAccount = {
			bank_code: account.bank_code,
			account_number: account.account_number,
			account_name: account.account_name ?? madeUpName(account.bank_code + account.account_number),
			state: account.state ?? 'active',
		};
		this.registered.set(key(entry.bank_code, entry.account_number), entry);
		return entry;
	}

	snapshot(): BankAccount[] {
		return [...this.registered.values()];
	}

	reset(): void {
		this.registered.clear();
	}
}

function key(bankCode: string, accountNumber: string): string {
	return `${bankCode}:${accountNumber}`;
}

/** The same account always gets the same name, so repeated inquiries agree. */
export function madeUpName(seed: string): string {
	let hash = 2166136261;
	for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 16777619) >>> 0;
	return `${FIRST_NAMES[hash % FIRST_NAMES.length]} ${LAST_NAMES[(hash >>> 8) % LAST_NAMES.length]}`;
}
