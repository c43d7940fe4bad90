import http from 'node:http';
import https from 'node:https';
import { CallbackForms } from './callback-forms.mjs';
import type { Clock } from './clock.mjs';
import type { Scheduler } from './scheduler.mjs';

export interface CallbackRetryPolicy {
	/** Attempts in all, the first included. */
	maxAttempts: number;
	/** Delay before the second attempt; each later one doubles it. */
	baseDelayMs: number;
	/** How long one attempt may take before it counts as failed. */
	timeoutMs: number;
}

export interface CallbackAttempt {
	at: string;
	http_status?: number;
	error?: string;
}

export interface CallbackDelivery {
	id: number;
	product: string;
	url: string | null;
	payload: unknown;
	/** `no-url`: nothing was configured for the product, so nothing was sent (as with OY!). */
	state: 'pending' | 'delivered' | 'failed' | 'no-url';
	attempts: CallbackAttempt[];
	created_at: string;
}

export const DEFAULT_CALLBACK_RETRY: CallbackRetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 1000,
	timeoutMs: 5000,
};

/**
 * POSTs callbacks as JSON to the URL configured for each product (OY!'s dashboard "Callback
 * Configuration"), retrying failures with exponential backoff on the sandbox clock, and keeps a
 * bounded log of every delivery.
 */
export class CallbackSender {
	private readonly urls = new Map<string, string>();
	private log: CallbackDelivery[] = [];
	private nextId = 1;
	private inFlight = 0;
	private readonly httpAgent = new http.Agent({ keepAlive: true });
	private readonly httpsAgent = new https.Agent({ keepAlive: true });
	/** The documented form each callback is sent in (see callback-forms.mts). */
	readonly forms = new CallbackForms();

	constructor(
		private readonly clock: Clock,
		private readonly scheduler: Scheduler,
		public retry: CallbackRetryPolicy = DEFAULT_CALLBACK_RETRY,
		private readonly logLimit = 20_000,
	) {}

	setUrl(product: string, url: string | null): void {
		if (url) this.urls.set(product, url);
		else this.urls.delete(product);
	}

	configuredUrls(): Record<string, string> {
		return Object.fromEntries(this.urls);
	}

	/**
	 * Queues a callback, in the chosen documented form of `callback` (the product's name unless a
	 * product sends several callbacks); delivery happens asynchronously and never blocks the API answer.
	 */
	send(product: string, built: unknown, callback: string = product): CallbackDelivery {
		const url = this.urls.get(product) ?? null;
		const payload = this.forms.shape(callback, built);
		const delivery: CallbackDelivery = {
			id: this.nextId++,
			product,
			url,
			payload,
			state: url ? 'pending' : 'no-url',
			attempts: [],
			created_at: new Date(this.clock.now()).toISOString(),
		};
		this.remember(delivery);
		if (url) this.attempt(delivery, url);
		return delivery;
	}

	deliveries(filter: { product?: string; state?: string } = {}): CallbackDelivery[] {
		return this.log.filter(
			(d) =>
				(!filter.product || d.product === filter.product) &&
				(!filter.state || d.state === filter.state),
		);
	}

	/** Deliveries still waiting for an attempt or a retry. */
	get busy(): number {
		return this.inFlight + this.log.filter((d) => d.state === 'pending').length;
	}

	reset(): void {
		this.log = [];
		this.urls.clear();
		this.forms.reset();
	}

	close(): void {
		this.httpAgent.destroy();
		this.httpsAgent.destroy();
	}

	private remember(delivery: CallbackDelivery): void {
		this.log.push(delivery);
		// Trim in halves so that trimming stays amortised O(1) per callback.
		if (this.log.length > this.logLimit * 2) this.log = this.log.slice(-this.logLimit);
	}

	private attempt(delivery: CallbackDelivery, url: string): void {
		this.inFlight++;
		post(
			url,
			delivery.payload,
			this.retry.timeoutMs,
			url.startsWith('https:') ? this.httpsAgent : this.httpAgent,
		)
			.then(
				(status) => ({ http_status: status, ok: status >= 200 && status < 300 }),
				(error: Error) => ({ error: error.message, ok: false }),
			)
			.then((outcome) => {
				this.inFlight--;
				const { ok, ...attempt } = outcome;
				delivery.attempts.push({ at: new Date(this.clock.now()).toISOString(), ...attempt });
				if (ok) {
					delivery.state = 'delivered';
				} else if (delivery.attempts.length >= this.retry.maxAttempts) {
					delivery.state = 'failed';
				} else {
					const delay = this.retry.baseDelayMs * 2 ** (delivery.attempts.length - 1);
					this.scheduler.after(delay, () => this.attempt(delivery, url));
				}
			});
	}
}

function post(
	url: string,
	payload: unknown,
	timeoutMs: number,
	agent: http.Agent,
): Promise<number> {
	return new Promise((resolve, reject) => {
		const body = JSON.stringify(payload);
		const target = new URL(url);
		const request = (target.protocol === 'https:' ? https : http).request(
			target,
			{
				method: 'POST',
				agent,
				timeout: timeoutMs,
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
			},
			(response) => {
				response.resume();
				response.on('end', () => resolve(response.statusCode ?? 0));
				response.on('error', reject);
			},
		);
		request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		request.on('error', reject);
		request.end(body);
	});
}
