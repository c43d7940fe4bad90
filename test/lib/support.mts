/**
 * Shared by the operation tests: requests an input becomes, verdicts on answers, the docs' examples
 * saved under fixtures/, and a client over scripted answers.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { getOperation } from '../../lib/catalogue';
import { OyClient } from '../../lib/client';
import { classifyResponse } from '../../lib/outcomes';
import type { Verdict } from '../../lib/outcomes';
import { normalizeFields, recordsOf } from '../../lib/records';
import { buildRequest } from '../../lib/request';
import type { OyRequest, OyResponse } from '../../lib/transport';
import type { HttpMethod, Outcome, ValidationProblem } from '../../lib/types';
import { validateInput } from '../../lib/validation';

// ---- the docs' examples ------------------------------------------------------------------------

/** A request or answer copied from OY's docs; `doc` (or `docs`) names where the docs show it. */
export interface Fixture {
	doc?: string;
	docs?: string;
	input?: Record<string, unknown>;
	httpStatus?: number;
	body: Record<string, unknown>;
}

/** A saved docs example, by its name under test/lib/fixtures (without `.json`). */
export function fixture(name: string): Fixture {
	return JSON.parse(
		readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'),
	) as Fixture;
}

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

// ---- requests ----------------------------------------------------------------------------------

/** Validates an input (it must pass) and builds the request OY! receives. */
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

/** A test that the docs' example request validates and is sent as it stands. */
export function buildsDocsExample(
	operationId: string,
	example: Fixture,
	method: HttpMethod,
	path: string,
) {
	it(`builds the docs' example request (${example.doc})`, () => {
		const request = requestFor(operationId, example.body);
		expect(request).toMatchObject({ method, path, body: example.body });
		expect(request.query).toBeUndefined();
	});
}

// ---- refusals ----------------------------------------------------------------------------------

/** The problems validation finds. */
export function problemsOf(
	operationId: string,
	input: Record<string, unknown>,
): ValidationProblem[] {
	return validateInput(getOperation(operationId), input).problems;
}

/** The problems validation finds, as `field: message` lines. */
export function problemLines(operationId: string, input: Record<string, unknown>): string[] {
	return problemsOf(operationId, input).map(({ field, message }) => `${field}: ${message}`);
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

/** Asserts that the input is refused for exactly one field, with a message that names it. */
export function expectOnlyRefused(
	operationId: string,
	input: Record<string, unknown>,
	field: string,
	rule: RegExp,
): void {
	const problems = problemsOf(operationId, input);
	expect(problems.map((problem) => problem.field)).toEqual([field]);
	expect(problems[0].message.startsWith(field)).toBe(true);
	expect(problems[0].message).toMatch(rule);
}

/** One test per bad input: `base` changed by `changes` is refused with exactly `expected`. */
export function refusesEach(
	operationId: string,
	base: Record<string, unknown>,
	cases: Array<[rule: string, changes: Record<string, unknown>, expected: string]>,
) {
	it.each(cases)('refuses %s', (_rule, changes, expected) => {
		expect(problemLines(operationId, { ...base, ...changes })).toEqual([expected]);
	});
}

// ---- verdicts ----------------------------------------------------------------------------------

export function classify(operationId: string, body: unknown, statusCode = 200): Verdict {
	return classifyResponse(getOperation(operationId), { statusCode, body });
}

export function classifyFixture(operationId: string, name: string): Verdict {
	const { body, httpStatus } = fixture(name);
	return classify(operationId, body, httpStatus);
}

export function recordsFromFixture(operationId: string, name: string): unknown[] {
	return recordsOf(getOperation(operationId), fixture(name).body);
}

/** The first record of an answer, its dates and amounts read as the operation says. */
export function readRecord(operationId: string, body: unknown): unknown {
	const operation = getOperation(operationId);
	return normalizeFields(recordsOf(operation, body)[0], operation.fields);
}

/** The first record of a fixture answer, its dates and amounts read as the operation says. */
export function normalizedRecord(operationId: string, name: string): unknown {
	return readRecord(operationId, fixture(name).body);
}

/** The example answer with another status code, as OY! writes it. */
export function withCode(body: Record<string, unknown>, code: string): Record<string, unknown> {
	return { ...body, status: { code, message: `message of ${code}` } };
}

export const statusObject = (code: string, fields: Record<string, unknown> = {}) => ({
	status: { code, message: `message of ${code}` },
	...fields,
});

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

/**
 * The outcome of every code in an operation's table, each answered in the body shape the docs
 * show for that operation.
 */
export function outcomesOf(
	operationId: string,
	bodyFor: (code: string) => unknown,
): Record<string, Outcome> {
	const outcomes: Record<string, Outcome> = {};
	for (const code of Object.keys(getOperation(operationId).codes)) {
		outcomes[code] = classify(operationId, bodyFor(code)).outcome;
	}
	return outcomes;
}

/** HTTP statuses OY! documents for Fund Acceptance (OY API docs: Fund Acceptance HTTP status codes) and how they read. */
export const FUND_ACCEPTANCE_HTTP: ReadonlyArray<[number, string, boolean]> = [
	[403, 'rejected', false],
	[404, 'rejected', false],
	[429, 'rejected', true],
	[500, 'unknown', false],
	[503, 'unknown', false],
	[504, 'unknown', false],
];

// ---- a client over scripted answers ------------------------------------------------------------

type Reply = OyResponse | Error;

export interface ScriptOptions {
	/** how many times a lost create is looked up (the client's default unless given) */
	statusChecks?: number;
	/** when the script runs out: answer the last reply again, or fail the request (the default) */
	afterLast?: 'repeat' | 'fail';
}

/** A client over scripted answers that records every request it sends. */
export function scriptedClient(replies: ReadonlyArray<Reply>, options: ScriptOptions = {}) {
	const sent: OyRequest[] = [];
	let next = 0;
	const client = new OyClient({
		send: async (request) => {
			sent.push(request);
			if (next >= replies.length && options.afterLast !== 'repeat') {
				throw new Error(`no scripted answer for ${request.method} ${request.path}`);
			}
			const reply = replies[Math.min(next++, replies.length - 1)];
			if (reply instanceof Error) throw reply;
			return reply;
		},
		sleep: async () => undefined,
		...(options.statusChecks === undefined ? {} : { statusChecks: options.statusChecks }),
	});
	return { client, sent };
}

/** A timeout after the request left: OY! may have acted on it. */
export function timedOut(): Error {
	return Object.assign(new Error('socket timed out'), { code: 'ETIMEDOUT' });
}

/** A connection dropped after the request left. */
export function dropped(): Error {
	return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}

export function answer(body: unknown, statusCode = 200): OyResponse {
	return { statusCode, body };
}
