import type { Answer, Route, SandboxRequest } from '../products/product.mjs';
import { BANK_ACCOUNT_STATES, type BankAccountState } from './bank-directory.mjs';
import type { FaultSpec } from './faults.mjs';
import type { RateLimitSpec } from './rate-limit.mjs';
import { CONTROL_PREFIX, type Sandbox } from './sandbox.mjs';
import type { GenerateSpec, SeedData } from './seeding.mjs';

const TIME_UNITS: Record<string, number> = {
	ms: 1,
	seconds: 1000,
	minutes: 60_000,
	hours: 3_600_000,
	days: 86_400_000,
};

/** Thrown by control handlers for a bad control request; the server answers 400 with its message. */
export class ControlError extends Error {}

export function requireBody(request: SandboxRequest): Record<string, unknown> {
	if (!request.body) throw new ControlError('this control endpoint takes a JSON object body');
	return request.body;
}

const ok = (body: unknown = { ok: true }): Answer => ({ status: 200, body });

/** The product-independent control endpoints under /__sandbox. */
export function coreControlRoutes(sandbox: Sandbox): Route[] {
	const route = (method: Route['method'], path: string, handle: Route['handle']): Route => ({
		method,
		path: `${CONTROL_PREFIX}${path}`,
		handle,
	});
	return [
		route('GET', '', () =>
			ok({
				products: sandbox.productNames(),
				docs: 'sandbox/README.md lists every control endpoint',
			}),
		),
		route('GET', '/state', (request) =>
			ok(sandbox.state(request.query.get('product') ?? undefined)),
		),
		route('POST', '/reset', () => {
			sandbox.reset();
			return ok();
		}),
		route('GET', '/clock', () => ok(clockView(sandbox))),
		route('POST', '/clock/advance', (request) => {
			const body = requireBody(request);
			let ms = 0;
			if (typeof body.to === 'string') {
				const target = Date.parse(body.to);
				if (Number.isNaN(target)) throw new ControlError('"to" must be an ISO date-time');
				ms = Math.max(0, target - sandbox.clock.now());
			}
			for (const [unit, factor] of Object.entries(TIME_UNITS)) {
				const value = body[unit];
				if (value === undefined) continue;
				if (typeof value !== 'number' || !(value >= 0))
					throw new ControlError(`"${unit}" must be a non-negative number`);
				ms += value * factor;
			}
			const ran = sandbox.advanceTime(ms);
			return ok({ ...clockView(sandbox), advanced_ms: ms, tasks_run: ran });
		}),
		route('GET', '/callbacks', (request) =>
			ok({
				urls: sandbox.callbacks.configuredUrls(),
				retry: sandbox.callbacks.retry,
				deliveries: sandbox.callbacks.deliveries({
					product: request.query.get('product') ?? undefined,
					state: request.query.get('state') ?? undefined,
				}),
			}),
		),
		route('PUT', '/callbacks', (request) => {
			const body = requireBody(request);
			for (const [product, url] of Object.entries(body)) {
				if (product === 'retry') {
					sandbox.callbacks.retry = { ...sandbox.callbacks.retry, ...(url as object) };
					continue;
				}
				if (url !== null && typeof url !== 'string')
					throw new ControlError(`callback URL for "${product}" must be a string or null`);
				if (!sandbox.productNames().includes(product))
					throw new ControlError(`no product "${product}"`);
				sandbox.setCallbackUrl(product, url);
			}
			return ok({ urls: sandbox.callbacks.configuredUrls(), retry: sandbox.callbacks.retry });
		}),
		route('GET', '/callbacks/forms', () => ok({ forms: sandbox.callbacks.forms.view() })),
		route('PUT', '/callbacks/forms', (request) => {
			try {
				sandbox.callbacks.forms.choose(requireBody(request));
			} catch (error) {
				throw new ControlError((error as Error).message);
			}
			return ok({ forms: sandbox.callbacks.forms.view() });
		}),
		route('PUT', '/processing-delays', (request) => {
			const delays = sandbox.context.config.processingDelays;
			for (const [product, ms] of Object.entries(requireBody(request))) {
				if (!sandbox.productNames().includes(product))
					throw new ControlError(`no product "${product}"`);
				if (typeof ms !== 'number' || !(ms >= 0))
					throw new ControlError(`delay for "${product}" must be a non-negative number of ms`);
				delays[product] = ms;
			}
			return ok({ processing_delays: delays });
		}),
		route('GET', '/faults', () => ok({ faults: sandbox.faults.list() })),
		route('POST', '/faults', (request) => {
			try {
				return ok(sandbox.addFault(requireBody(request) as unknown as FaultSpec));
			} catch (error) {
				throw new ControlError((error as Error).message);
			}
		}),
		route('DELETE', '/faults', () => {
			sandbox.faults.clear();
			return ok();
		}),
		route('DELETE', '/faults/{id}', (request) => {
			if (!sandbox.faults.remove(Number(request.params.id)))
				throw new ControlError(`no fault ${request.params.id}`);
			return ok();
		}),
		route('GET', '/rate-limit', () => ok({ rate_limit: sandbox.rateLimit.state() })),
		route('PUT', '/rate-limit', (request) => {
			try {
				return ok({
					rate_limit: sandbox.rateLimit.set(requireBody(request) as unknown as RateLimitSpec),
				});
			} catch (error) {
				throw new ControlError((error as Error).message);
			}
		}),
		route('DELETE', '/rate-limit', () => {
			sandbox.rateLimit.clear();
			return ok();
		}),
		route('GET', '/bank-accounts', () => ok({ bank_accounts: sandbox.bankAccounts.snapshot() })),
		route('PUT', '/bank-accounts', (request) => {
			const body = requireBody(request);
			const accounts = Array.isArray(body.accounts) ? body.accounts : [body];
			const registered = accounts.map((account: Record<string, unknown>) => {
				if (typeof account.bank_code !== 'string' || typeof account.account_number !== 'string') {
					throw new ControlError('each bank account needs string bank_code and account_number');
				}
				if (
					account.state !== undefined &&
					!BANK_ACCOUNT_STATES.includes(account.state as BankAccountState)
				) {
					throw new ControlError(`state must be one of ${BANK_ACCOUNT_STATES.join(', ')}`);
				}
				return sandbox.registerBankAccount(
					account as Parameters<Sandbox['registerBankAccount']>[0],
				);
			});
			return ok({ bank_accounts: registered });
		}),
		route('POST', '/seed', (request) =>
			timed(() => sandbox.seed(requireBody(request) as SeedData)),
		),
		route('POST', '/generate', (request) =>
			timed(() => sandbox.generate(requireBody(request) as GenerateSpec)),
		),
	];
}

function clockView(sandbox: Sandbox) {
	return { now: new Date(sandbox.clock.now()).toISOString(), offset_ms: sandbox.clock.offset };
}

function timed(load: () => Record<string, number>): Answer {
	const started = performance.now();
	try {
		const added = load();
		return ok({ added, took_ms: Math.round(performance.now() - started) });
	} catch (error) {
		throw new ControlError((error as Error).message);
	}
}
