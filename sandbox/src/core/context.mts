import { randomUUID } from 'node:crypto';
import type { BankDirectory } from './bank-directory.mjs';
import type { CallbackSender } from './callbacks.mjs';
import type { Clock } from './clock.mjs';
import type { Ledger } from './ledger.mjs';
import type { Scheduler } from './scheduler.mjs';
import type { TransactionDirectory } from './transaction-directory.mjs';

export interface SandboxConfig {
	username: string;
	apiKey: string;
	/** Per product name: how long asynchronous processing takes (e.g. a payout going 101 → final). */
	processingDelays: Record<string, number>;
}

/** What every product gets from the core: the shared world it lives in. */
export interface SandboxContext {
	readonly config: SandboxConfig;
	readonly clock: Clock;
	readonly scheduler: Scheduler;
	readonly callbacks: CallbackSender;
	readonly ledger: Ledger;
	readonly bankAccounts: BankDirectory;
	/** Transactions of every product, for Transaction Detail and Summary; products publish theirs. */
	readonly transactions: TransactionDirectory;
	/** Where this sandbox listens, e.g. `http://127.0.0.1:4700`, for URLs it hands out. */
	baseUrl(): string;
	processingDelay(product: string, fallbackMs: number): number;
	newId(): string;
}

export function createContext(
	parts: Omit<SandboxContext, 'processingDelay' | 'newId'>,
): SandboxContext {
	return {
		...parts,
		processingDelay(product, fallbackMs) {
			return parts.config.processingDelays[product] ?? fallbackMs;
		},
		newId: randomUUID,
	};
}
