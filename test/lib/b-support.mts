import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { getOperation } from '../../lib/catalogue';
import { classifyResponse } from '../../lib/outcomes';
import { normalizeFields, recordsOf } from '../../lib/records';
import type { Verdict } from '../../lib/outcomes';
import { buildRequest } from '../../lib/request';
import type { OyRequest } from '../../lib/transport';
import type { ValidationProblem } from '../../lib/types';
import { validateInput } from '../../lib/validation';

/** A request or answer copied from OY's docs; `docs` names the lines. */
export interface Fixture {
	docs: string;
	input?: Record<string, unknown>;
	httpStatus?: number;
	body?: unknown;
}

export function fixture(name: string): Fixture {
	return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as Fixture;
}

/** The request an input becomes; fails the test when the input is refused. */
export function requestFor(operationId: string, input: Record<string, unknown>): OyRequest {
	const operation = getOperation(operationId);
	const { input: prepared, problems } = validateInput(operation, input);
	expect(problems).toEqual([]);
	return buildRequest(operation, prepared);
}

export function problemsFor(operationId: string, input: Record<string, unknown>): ValidationProblem[] {
	return validateInput(getOperation(operationId), input).problems;
}

/** Asserts that the input is refused for exactly one field, with a message that names it. */
export function expectRefused(operationId: string, input: Record<string, unknown>, field: string, rule: RegExp): void {
	const problems = problemsFor(operationId, input);
	expect(problems.map((problem) => problem.field)).toEqual([field]);
	expect(problems[0].message.startsWith(field)).toBe(true);
	expect(problems[0].message).toMatch(rule);
}

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

/** The first record of a fixture answer, its dates and amounts read as the operation says. */
export function normalizedRecord(operationId: string, name: string): unknown {
	return normalizeFields(recordsFromFixture(operationId, name)[0], getOperation(operationId).fields);
}

/** HTTP statuses OY! documents for Fund Acceptance (003 L5009-L5020) and how they read. */
export const FUND_ACCEPTANCE_HTTP: ReadonlyArray<[number, string, boolean]> = [
	[403, 'rejected', false],
	[404, 'rejected', false],
	[429, 'rejected', true],
	[500, 'unknown', false],
	[503, 'unknown', false],
	[504, 'unknown', false],
];
