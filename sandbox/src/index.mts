/**
 * The OY! sandbox, in-process: `startSandbox()` serves OY!'s API on a real port (0 = any free one)
 * and hands back the control functions, so tests and benchmarks need no child process.
 */
import type { AddressInfo } from 'node:net';
import type { CallbackRetryPolicy } from './core/callbacks.mjs';
import type { FaultSpec } from './core/faults.mjs';
import type { RateLimitSpec } from './core/rate-limit.mjs';
import { Sandbox } from './core/sandbox.mjs';
import { readSeedFile, type GenerateSpec, type SeedData } from './core/seeding.mjs';
import { createHttpServer } from './core/server.mjs';
import { ALL_PRODUCTS } from './products/registry.mjs';
import type { ProductDefinition } from './products/product.mjs';

export type { Sandbox } from './core/sandbox.mjs';
export type { FaultSpec, FaultKind } from './core/faults.mjs';
export type { RateLimitSpec, RateLimitState } from './core/rate-limit.mjs';
export type { CallbackDelivery, CallbackRetryPolicy } from './core/callbacks.mjs';
export type { SeedData, GenerateSpec } from './core/seeding.mjs';
export type * from './products/product.mjs';

/** The products that send callbacks, by the name their callback URL is configured under. */
export const CALLBACK_PRODUCTS = [
	'disbursement',
	'virtual-account',
	'payment-checkout',
	'e-wallet',
	'offline',
	'transaction-data',
	'payment-routing',
	'biller',
	'whatsapp',
	'account-linking',
] as const;

export const DEFAULT_USERNAME = 'oy-sandbox';
export const DEFAULT_API_KEY = 'sandbox-key';
export const DEFAULT_BALANCE = 1_000_000_000;

export interface SandboxOptions {
	/** Default 0: any free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** The partner's X-OY-Username; default `oy-sandbox`. */
	username?: string;
	/** The partner's X-Api-Key; default `sandbox-key`. */
	apiKey?: string;
	/** Per product name, the URL OY! would POST that product's callbacks to. */
	callbackUrls?: Record<string, string>;
	callbackRetry?: Partial<CallbackRetryPolicy>;
	/** Per product name, how long asynchronous processing takes in ms (e.g. `{ disbursement: 0 }`). */
	processingDelays?: Record<string, number>;
	/** The partner's balance at start and after a reset; default IDR 1,000,000,000. */
	initialBalance?: number;
	/** A seed file path or the seed itself. */
	seed?: string | SeedData;
	/** Synthetic data to generate at start. */
	generate?: GenerateSpec;
	faults?: FaultSpec[];
	/** OY's per-endpoint limit: beyond it, 429 with Retry-After (`PUT /__sandbox/rate-limit`). */
	rateLimit?: RateLimitSpec;
	/** Makes fault rates and latency jitter repeatable. */
	faultSeed?: number;
	/** Default: every product. */
	products?: ProductDefinition[];
}

export interface RunningSandbox {
	/** e.g. `http://127.0.0.1:41234`, no trailing slash. */
	url: string;
	port: number;
	username: string;
	apiKey: string;
	/** The control functions behind `/__sandbox/...`, callable in-process. */
	control: Sandbox;
	close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
	const username = options.username ?? DEFAULT_USERNAME;
	const apiKey = options.apiKey ?? DEFAULT_API_KEY;
	const sandbox = new Sandbox({
		config: { username, apiKey, processingDelays: { ...options.processingDelays } },
		initialBalance: options.initialBalance ?? DEFAULT_BALANCE,
		callbackRetry: options.callbackRetry ?? {},
		faultSeed: options.faultSeed,
		products: options.products ?? ALL_PRODUCTS,
	});
	for (const [product, url] of Object.entries(options.callbackUrls ?? {}))
		sandbox.setCallbackUrl(product, url);
	if (options.seed)
		sandbox.seed(typeof options.seed === 'string' ? readSeedFile(options.seed) : options.seed);
	if (options.generate) sandbox.generate(options.generate);
	for (const fault of options.faults ?? []) sandbox.addFault(fault);
	if (options.rateLimit) sandbox.rateLimit.set(options.rateLimit);

	const server = createHttpServer(sandbox);
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	sandbox.baseUrl = url;

	return {
		url,
		port,
		username,
		apiKey,
		control: sandbox,
		close: () =>
			new Promise<void>((resolve, reject) => {
				sandbox.close();
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
