import type { ProductDefinition, ProductInstance } from '../products/product.mjs';
import { BankDirectory, type BankAccount } from './bank-directory.mjs';
import { CallbackSender, DEFAULT_CALLBACK_RETRY, type CallbackRetryPolicy } from './callbacks.mjs';
import { Clock } from './clock.mjs';
import { createContext, type SandboxConfig, type SandboxContext } from './context.mjs';
import { FaultInjector, type FaultSpec } from './faults.mjs';
import { RateLimiter } from './rate-limit.mjs';
import { Ledger } from './ledger.mjs';
import { Router } from './router.mjs';
import { Scheduler } from './scheduler.mjs';
import type { GenerateSpec, SeedData } from './seeding.mjs';
import { TransactionDirectory } from './transaction-directory.mjs';

export const CONTROL_PREFIX = '/__sandbox';

export interface SandboxSetup {
	config: SandboxConfig;
	initialBalance: number;
	callbackRetry: Partial<CallbackRetryPolicy>;
	faultSeed?: number;
	products: ProductDefinition[];
}

export interface NamedProduct {
	name: string;
	instance: ProductInstance;
}

/**
 * The sandbox without its HTTP server: state, products, routes and the control functions that both
 * the `/__sandbox` endpoints and in-process callers (tests, benchmarks) use.
 */
export class Sandbox {
	readonly clock = new Clock();
	readonly scheduler: Scheduler;
	readonly callbacks: CallbackSender;
	readonly ledger: Ledger;
	readonly bankAccounts = new BankDirectory();
	readonly transactions = new TransactionDirectory(this.clock);
	readonly faults: FaultInjector;
	readonly rateLimit = new RateLimiter();
	readonly context: SandboxContext;
	readonly router = new Router<NamedProduct>();
	readonly controlRouter = new Router<NamedProduct | undefined>();
	private readonly products = new Map<string, ProductInstance>();
	private listeningUrl = 'http://127.0.0.1';

	constructor(setup: SandboxSetup) {
		this.scheduler = new Scheduler(this.clock, (error) =>
			console.error('[oy-sandbox] scheduled task failed:', error),
		);
		this.callbacks = new CallbackSender(this.clock, this.scheduler, {
			...DEFAULT_CALLBACK_RETRY,
			...setup.callbackRetry,
		});
		this.ledger = new Ledger(setup.initialBalance);
		this.faults = new FaultInjector(setup.faultSeed);
		this.context = createContext({
			config: setup.config,
			clock: this.clock,
			scheduler: this.scheduler,
			callbacks: this.callbacks,
			ledger: this.ledger,
			bankAccounts: this.bankAccounts,
			transactions: this.transactions,
			baseUrl: () => this.listeningUrl,
		});
		for (const definition of setup.products) this.install(definition);
	}

	set baseUrl(url: string) {
		this.listeningUrl = url;
	}

	get baseUrl(): string {
		return this.listeningUrl;
	}

	product(name: string): ProductInstance {
		const instance = this.products.get(name);
		if (!instance)
			throw new Error(`no product "${name}"; products: ${this.productNames().join(', ')}`);
		return instance;
	}

	productNames(): string[] {
		return [...this.products.keys()];
	}

	/** Moves the sandbox clock forward and runs everything that became due (payouts settling, expiries, retries). */
	advanceTime(ms: number): number {
		this.clock.advance(ms);
		return this.scheduler.runDue();
	}

	setCallbackUrl(product: string, url: string | null): void {
		this.callbacks.setUrl(product, url);
	}

	addFault(spec: FaultSpec) {
		return this.faults.add(spec);
	}

	registerBankAccount(
		account: Partial<BankAccount> & { bank_code: string; account_number: string },
	): BankAccount {
		return this.bankAccounts.register(account);
	}

	/** Loads a seed; returns how many records each section added. */
	seed(data: SeedData): Record<string, number> {
		const counts: Record<string, number> = {};
		for (const [section, value] of Object.entries(data)) {
			if (section === 'bank-accounts') {
				if (!Array.isArray(value)) throw new Error('seed section "bank-accounts" must be an array');
				for (const account of value) this.registerBankAccount(account);
				counts[section] = value.length;
				continue;
			}
			const product = this.product(section);
			if (!product.seed) throw new Error(`product "${section}" takes no seed`);
			counts[section] = product.seed(value);
		}
		return counts;
	}

	generate(spec: GenerateSpec): Record<string, number> {
		const counts: Record<string, number> = {};
		for (const [section, counts_] of Object.entries(spec)) {
			const product = this.product(section);
			if (!product.generate) throw new Error(`product "${section}" has no generator`);
			counts[section] = product.generate(counts_);
		}
		return counts;
	}

	/** Forgets every record, callback, fault and clock offset; configured callback URLs are kept. */
	reset(): void {
		const urls = this.callbacks.configuredUrls();
		this.scheduler.clear();
		this.clock.reset();
		this.callbacks.reset();
		for (const [product, url] of Object.entries(urls)) this.callbacks.setUrl(product, url);
		this.faults.clear();
		this.rateLimit.clear();
		this.ledger.reset();
		this.bankAccounts.reset();
		this.transactions.reset();
		for (const product of this.products.values()) product.reset();
	}

	state(productName?: string): unknown {
		if (productName) return this.product(productName).snapshot();
		return {
			clock: { now: new Date(this.clock.now()).toISOString(), offset_ms: this.clock.offset },
			ledger: this.ledger.snapshot(),
			bank_accounts: this.bankAccounts.snapshot(),
			callback_urls: this.callbacks.configuredUrls(),
			faults: this.faults.list(),
			rate_limit: this.rateLimit.state(),
			scheduled_tasks: this.scheduler.pending,
			products: Object.fromEntries(
				[...this.products].map(([name, product]) => [name, product.snapshot()]),
			),
		};
	}

	close(): void {
		this.scheduler.close();
		this.callbacks.close();
	}

	private install(definition: ProductDefinition): void {
		if (this.products.has(definition.name))
			throw new Error(`product "${definition.name}" is installed twice`);
		const instance = definition.create(this.context);
		this.products.set(definition.name, instance);
		const owner = { name: definition.name, instance };
		for (const route of instance.routes) this.router.add(route, owner);
		for (const route of instance.control ?? []) {
			this.controlRouter.add(
				{ ...route, path: `${CONTROL_PREFIX}/${definition.name}${route.path}` },
				owner,
			);
		}
	}
}
