import { getOperation } from './catalogue';
import { readPath } from './json';
import { OyInputError, OyResultError } from './errors';
import { createdAtOf } from './records';
import { classifyResponse, classifyTransportError, isFinal } from './outcomes';
import type { Verdict } from './outcomes';
import { buildRequest, DEFAULT_TIMEOUT_MS } from './request';
import { asDocumented } from './shapes';
import { headerValue } from './transport';
import type { OyResponse, Send, Sleep } from './transport';
import type { Attempt, OperationDefinition, OyResult } from './types';
import { validateInput } from './validation';

export type ClientEvent =
	| { type: 'retry'; operation: string; attempt: number; delayMs: number; meaning: string }
	| { type: 'statusCheck'; operation: string; statusOperation: string; reason: string }
	| { type: 'resubmit'; operation: string; resubmit: number; reason: string };

export interface ClientOptions {
	send: Send;
	sleep: Sleep;
	/** client timeout per request when the product documents none */
	timeoutMs?: number;
	/** sends of one request when the failure is transient (429, not sent, and for reads any unknown) */
	maxAttempts?: number;
	baseDelayMs?: number;
	maxDelayMs?: number;
	/** status reads while a money-moving create is being resolved */
	statusChecks?: number;
	/**
	 * After OY! confirmed it has no transaction under the id, send the same create (same id) again.
	 * OY! refuses a second transaction under one id (codes 203/257), and its docs advise exactly this
	 * after a 504 (OY API docs: Fund Disbursement › Create Disbursement › response codes), so no second payment can result.
	 */
	resubmitsWhenNotFound?: number;
	onEvent?: (event: ClientEvent) => void;
}

interface Answer {
	verdict: Verdict;
	body: unknown;
}

const DEFAULTS = {
	timeoutMs: DEFAULT_TIMEOUT_MS,
	maxAttempts: 4,
	baseDelayMs: 500,
	maxDelayMs: 8_000,
	statusChecks: 4,
	resubmitsWhenNotFound: 2,
};

/**
 * The transaction found under an id OY! already knew when this call began: reported as the
 * original, in words, because nothing new was sent and a workflow must not count it twice.
 */
function reusedIdResult(found: OyResult, operationId: string, statusBody: unknown): OyResult {
	const statusOperation = getOperation(found.operation);
	const createdAt = createdAtOf(statusOperation, statusBody);
	const when = createdAt ? `made at ${createdAt}` : 'OY! does not say when it was made';
	const result: OyResult = {
		...found,
		operation: operationId,
		meaning: `This id was already used: nothing new was sent, this is the original transaction (${when}). ${found.meaning}`,
		resolvedBy: 'statusCheck',
		duplicate: true,
		reusedId: true,
	};
	if (createdAt) result.originalCreatedAt = createdAt;
	return result;
}

function retryAfterMs(headers: OyResponse['headers']): number | undefined {
	const value = headerValue(headers, 'retry-after');
	const seconds = value === undefined ? NaN : Number(value);
	return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export class OyClient {
	private readonly options: typeof DEFAULTS & ClientOptions;

	constructor(options: ClientOptions) {
		this.options = { ...DEFAULTS, ...options };
	}

	/**
	 * Runs one operation: checks the input, sends it, classifies the answer. Money-moving creates
	 * whose answer is lost or ambiguous are resolved with a status check under the same id.
	 * Throws OyInputError before any request when the input is not valid.
	 */
	async call(operationId: string, input: Record<string, unknown>): Promise<OyResult> {
		const operation = getOperation(operationId);
		const { input: prepared, problems } = validateInput(operation, input);
		if (problems.length > 0) throw new OyInputError(operation.id, problems);
		const trail: Attempt[] = [];
		if (operation.safety === 'moneyCreate')
			return await this.createMoney(operation, prepared, trail);
		const retryUnknown = operation.safety === 'read' || operation.safety === 'idempotentWrite';
		const unclearRetries = operation.unclearRetries?.(prepared);
		return this.toResult(
			operation,
			await this.sendWithRetries(operation, prepared, trail, retryUnknown, unclearRetries),
			trail,
		);
	}

	/** Like call, but throws OyResultError unless the outcome is success. */
	async callOrThrow(operationId: string, input: Record<string, unknown>): Promise<OyResult> {
		const result = await this.call(operationId, input);
		if (result.outcome !== 'success') throw new OyResultError(result);
		return result;
	}

	/**
	 * Reads every page of a list operation, up to `limit` records. Stops on a short or empty page,
	 * on the total OY! reports, and refuses to loop when OY! returns the same page twice.
	 */
	async listAll(
		operationId: string,
		input: Record<string, unknown>,
		options: {
			limit?: number;
			pageSize?: number;
			onPage?: (records: unknown[], total?: number) => void;
		} = {},
	): Promise<unknown[]> {
		const operation = getOperation(operationId);
		const list = operation.list;
		if (!list) throw new Error(`${operationId} is not a list operation`);
		const limit = options.limit ?? Number.POSITIVE_INFINITY;
		const records: unknown[] = [];
		const pagination = list.pagination;
		let pageSize = 0;
		let offset = 0;
		let page = 0;
		if (pagination.style === 'offset') {
			pageSize = Math.min(options.pageSize ?? pagination.maxPageSize, pagination.maxPageSize);
			if (Number.isFinite(limit)) pageSize = Math.max(1, Math.min(pageSize, limit));
			offset = Number(input[pagination.offsetParam] ?? 0) || 0;
		} else if (pagination.style === 'page') {
			page = Number(input[pagination.pageParam] ?? pagination.firstPage) || pagination.firstPage;
		}
		let previousFirst: string | undefined;
		for (let pages = 0; pages < 1_000_000; pages++) {
			const pageInput = { ...input };
			if (pagination.style === 'offset') {
				pageInput[pagination.offsetParam] = offset;
				pageInput[pagination.limitParam] = pageSize;
			} else if (pagination.style === 'page') {
				pageInput[pagination.pageParam] = page;
			}
			const result = await this.callOrThrow(operationId, pageInput);
			const items = readPath(result.body, list.itemsPath);
			const pageRecords = Array.isArray(items) ? items : [];
			const totalValue = list.totalPath ? Number(readPath(result.body, list.totalPath)) : NaN;
			const total = Number.isFinite(totalValue) ? totalValue : undefined;
			if (pageRecords.length > 0) {
				const first = JSON.stringify(pageRecords[0]);
				if (pages > 0 && first === previousFirst) {
					throw new Error(
						`OY! returned the same page twice for ${operationId}; stopped after ${records.length} records to avoid an endless loop`,
					);
				}
				previousFirst = first;
			}
			records.push(...pageRecords.slice(0, limit - records.length));
			options.onPage?.(pageRecords, total);
			if (records.length >= limit || pageRecords.length === 0 || pagination.style === 'none') break;
			if (pagination.style === 'offset') {
				offset += pageRecords.length;
				if (pageRecords.length < pageSize || (total !== undefined && offset >= total)) break;
			} else {
				const lastPage = pagination.lastPagePath
					? Number(readPath(result.body, pagination.lastPagePath))
					: Number.NaN;
				if (Number.isFinite(lastPage) && page >= lastPage) break;
				if (pagination.fullPage !== undefined && pageRecords.length < pagination.fullPage) break;
				page += 1;
			}
		}
		return records;
	}

	private async send(
		operation: OperationDefinition,
		input: Record<string, unknown>,
		trail: Attempt[],
	) {
		const request = buildRequest(operation, input, this.options.timeoutMs);
		let answer: Answer;
		let retryAfter: number | undefined;
		try {
			const response = asDocumented(operation, await this.options.send(request));
			answer = { verdict: classifyResponse(operation, response), body: response.body };
			retryAfter = retryAfterMs(response.headers);
		} catch (error) {
			answer = { verdict: classifyTransportError(error, operation), body: null };
		}
		const { verdict } = answer;
		trail.push({
			operation: operation.id,
			outcome: verdict.outcome,
			code: verdict.code,
			httpStatus: verdict.httpStatus,
			meaning: verdict.meaning,
		});
		return { answer, retryAfter };
	}

	/** Sends until the answer is not transient (and, for reads, not unknown), within maxAttempts. */
	private async sendWithRetries(
		operation: OperationDefinition,
		input: Record<string, unknown>,
		trail: Attempt[],
		retryUnknown: boolean,
		unclearRetries = Number.POSITIVE_INFINITY,
	): Promise<Answer> {
		let unclear = 0;
		for (let attempt = 1; ; attempt++) {
			const { answer, retryAfter } = await this.send(operation, input, trail);
			const { verdict } = answer;
			// A redirect meets the same redirect again: it is reported, never retried (nor followed).
			const retryUnclear =
				retryUnknown && verdict.outcome === 'unknown' && verdict.requestRefused !== true;
			const again =
				verdict.source !== 'redirect' &&
				(verdict.transient || (retryUnclear && unclear++ < unclearRetries));
			if (!again || attempt >= this.options.maxAttempts) return answer;
			const backoff = Math.min(
				this.options.baseDelayMs * 2 ** (attempt - 1),
				this.options.maxDelayMs,
			);
			const delayMs = Math.min(retryAfter ?? backoff, this.options.maxDelayMs);
			this.options.onEvent?.({
				type: 'retry',
				operation: operation.id,
				attempt,
				delayMs,
				meaning: verdict.meaning,
			});
			await this.options.sleep(delayMs);
		}
	}

	private async createMoney(
		operation: OperationDefinition,
		input: Record<string, unknown>,
		trail: Attempt[],
	): Promise<OyResult> {
		const check = operation.statusCheck;
		if (!check) throw new Error(`${operation.id} moves money but defines no status check`);
		for (let resubmits = 0; ; resubmits++) {
			const created = await this.sendWithRetries(operation, input, trail, false);
			const code = created.verdict.source === 'body' ? created.verdict.code : null;
			const duplicate = code !== null && check.duplicateCodes.includes(code);
			if (created.verdict.outcome !== 'unknown' && !duplicate) {
				return this.toResult(operation, created, trail);
			}
			const reason = duplicate
				? `OY! already has a transaction under this id (code ${code})`
				: created.verdict.meaning;
			const status = await this.checkStatus(operation, input, trail, reason);
			if (status.kind === 'found' && status.answer) {
				const result = this.toResult(getOperation(check.operation), status.answer, trail);
				const conflict = check.conflict?.(input, status.answer.body);
				if (conflict) {
					return {
						...result,
						operation: operation.id,
						outcome: 'rejected',
						final: true,
						meaning: `This id already belongs to another transaction at OY! (${conflict}); nothing new was created`,
						hint: 'Use a new, unique id for a new transaction. Do not reuse ids.',
						resolvedBy: 'statusCheck',
						duplicate: true,
					};
				}
				if (duplicate && resubmits === 0)
					return reusedIdResult(result, operation.id, status.answer.body);
				return { ...result, operation: operation.id, resolvedBy: 'statusCheck', duplicate };
			}
			const mayResubmit =
				check.resubmitWhenNotFound !== false && resubmits < this.options.resubmitsWhenNotFound;
			if (status.kind === 'notFound' && !duplicate && mayResubmit) {
				this.options.onEvent?.({
					type: 'resubmit',
					operation: operation.id,
					resubmit: resubmits + 1,
					reason: 'OY! has no transaction under this id yet; sending the same request again',
				});
				continue;
			}
			const last = status.answer ?? created;
			return {
				...this.toResult(operation, created, trail),
				outcome: 'unknown',
				final: false,
				meaning: `${reason}; the status check could not confirm what happened (${last.verdict.meaning})`,
				hint: 'Do not create it again under another id. Check its status later with the same id, or wait for the callback.',
				duplicate,
			};
		}
	}

	private async checkStatus(
		operation: OperationDefinition,
		createInput: Record<string, unknown>,
		trail: Attempt[],
		reason: string,
	): Promise<{ kind: 'found' | 'notFound' | 'unresolved'; answer?: Answer }> {
		const check = operation.statusCheck!;
		const statusOperation = getOperation(check.operation);
		const statusInput = validateInput(statusOperation, check.input(createInput)).input;
		let last: Answer | undefined;
		let notFound = false;
		for (let attempt = 1; attempt <= this.options.statusChecks; attempt++) {
			this.options.onEvent?.({
				type: 'statusCheck',
				operation: operation.id,
				statusOperation: statusOperation.id,
				reason,
			});
			last = await this.sendWithRetries(statusOperation, statusInput, trail, true);
			const code = last.verdict.code;
			notFound =
				(last.verdict.source === 'body' && code !== null && check.notFoundCodes.includes(code)) ||
				(last.verdict.source === 'state' && check.notDone?.(last.verdict) === true);
			if (!notFound && last.verdict.outcome !== 'unknown' && last.verdict.outcome !== 'rejected') {
				return { kind: 'found', answer: last };
			}
			if (last.verdict.source === 'redirect') return { kind: 'unresolved', answer: last };
			// "Not found" right after a lost answer may be OY's status API lagging behind the create:
			// ask again (every check, with pauses) before believing it and sending the same create again.
			if (attempt < this.options.statusChecks) {
				await this.options.sleep(
					Math.min(this.options.baseDelayMs * 2 ** (attempt - 1), this.options.maxDelayMs),
				);
			}
		}
		return { kind: notFound ? 'notFound' : 'unresolved', answer: last };
	}

	private toResult(operation: OperationDefinition, answer: Answer, trail: Attempt[]): OyResult {
		const { verdict, body } = answer;
		const result: OyResult = {
			operation: operation.id,
			outcome: verdict.outcome,
			final: isFinal(verdict.outcome),
			code: verdict.code,
			message: verdict.message,
			meaning: verdict.meaning,
			httpStatus: verdict.httpStatus,
			body,
			trail,
		};
		if (verdict.hint) result.hint = verdict.hint;
		if (verdict.state !== undefined) result.state = verdict.state;
		return result;
	}
}
