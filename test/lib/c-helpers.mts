/** Shared by the Part C tests (API Offline, API Transactions Data, E-Wallet Aggregator). */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { getOperation } from '../../lib/catalogue';
import { OyClient } from '../../lib/client';
import { classifyResponse } from '../../lib/outcomes';
import type { Verdict } from '../../lib/outcomes';
import { buildRequest } from '../../lib/request';
import type { OyRequest, OyResponse } from '../../lib/transport';
import type { Outcome } from '../../lib/types';
import { validateInput } from '../../lib/validation';

export interface DocExample {
	/** where the docs show it */
	doc: string;
	note?: string;
	body: Record<string, unknown>;
}

/** The docs' example answers of one product, from test/lib/fixtures/<product>/responses.json. */
export function docResponses(
	product: 'apiOffline' | 'transactionData' | 'eWallet',
): Record<string, DocExample> {
	const url = new URL(`./fixtures/${product}/responses.json`, import.meta.url);
	return JSON.parse(readFileSync(url, 'utf8')) as Record<string, DocExample>;
}

/** Validates an input and builds its request; fails the test on any validation problem. */
export function requestFor(operationId: string, input: Record<string, unknown>): OyRequest {
	const operation = getOperation(operationId);
	const { input: prepared, problems } = validateInput(operation, input);
	expect(problems).toEqual([]);
	return buildRequest(operation, prepared);
}

/** The wire shape of a request, without headers and timeout. */
export function wire(request: OyRequest) {
	return { method: request.method, path: request.path, query: request.query, body: request.body };
}

/** The wire shapes OY! expects: a JSON body for POST, a query for GET. */
export const post = (path: string, body: Record<string, unknown>) => ({
	method: 'POST',
	path,
	query: undefined,
	body,
});
export const get = (path: string, query: Record<string, string>) => ({
	method: 'GET',
	path,
	query,
	body: undefined,
});

export function problemsOf(operationId: string, input: Record<string, unknown>) {
	return validateInput(getOperation(operationId), input).problems;
}

/** The input is refused before any request, with a message that names the field and states the rule. */
export function expectRefused(
	operationId: string,
	input: Record<string, unknown>,
	field: string,
	rule: RegExp,
) {
	const problems = problemsOf(operationId, input);
	const problem = problems.find((candidate) => candidate.field === field);
	expect(
		problem,
		`${field} should be refused; problems: ${JSON.stringify(problems)}`,
	).toBeDefined();
	expect(problem?.message.startsWith(field)).toBe(true);
	expect(problem?.message).toMatch(rule);
}

export function classify(operationId: string, body: unknown, statusCode = 200): Verdict {
	return classifyResponse(getOperation(operationId), { statusCode, body });
}

/** The example answer with another status code, as OY! writes it. */
export function withCode(body: Record<string, unknown>, code: string): Record<string, unknown> {
	return { ...body, status: { code, message: `message of ${code}` } };
}

/**
 * Codes grouped by the outcome the docs give them (space-separated). Every code of the operation's
 * table must be listed, and each listed code must classify so in the answer shape `shape` has.
 */
export function expectCodeOutcomes(
	operationId: string,
	shape: Record<string, unknown>,
	expected: Partial<Record<Outcome, string>>,
) {
	const listed = Object.entries(expected).flatMap(([outcome, codes]) =>
		(codes ?? '').split(' ').map((code) => ({ code, outcome })),
	);
	const listedCodes = listed.map((entry) => entry.code);
	expect(listedCodes.filter((code, index) => listedCodes.indexOf(code) !== index)).toEqual([]);
	for (const code of Object.keys(getOperation(operationId).codes)) {
		expect(listedCodes, `code ${code} of ${operationId} is not covered`).toContain(code);
	}
	const actual = listed.map(({ code }) => ({
		code,
		outcome: classify(operationId, withCode(shape, code)).outcome,
	}));
	expect(actual).toEqual(listed);
}

/** A client over scripted answers; records every request it sends. */
export function scriptedClient(answers: ReadonlyArray<OyResponse | Error>) {
	const requests: OyRequest[] = [];
	let next = 0;
	const client = new OyClient({
		send: async (request) => {
			requests.push(request);
			const answer = answers[Math.min(next++, answers.length - 1)];
			if (answer instanceof Error) throw answer;
			return answer;
		},
		sleep: async () => undefined,
	});
	return { client, requests };
}

export function timeout(): Error {
	return Object.assign(new Error('socket timed out'), { code: 'ETIMEDOUT' });
}

export function answer(body: unknown, statusCode = 200): OyResponse {
	return { statusCode, body };
}
