import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { getOperation } from '../../lib/catalogue';
import { OyClient } from '../../lib/client';
import { classifyResponse } from '../../lib/outcomes';
import type { Verdict } from '../../lib/outcomes';
import { buildRequest } from '../../lib/request';
import type { OyRequest, OyResponse } from '../../lib/transport';
import type { HttpMethod, Outcome } from '../../lib/types';
import { validateInput } from '../../lib/validation';

/** A docs example saved under fixtures/<product>/: `doc` names its lines in the OY! docs. */
export interface Fixture {
	doc: string;
	body: Record<string, unknown>;
}

export function fixture(name: string): Fixture {
	return JSON.parse(
		readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'),
	) as Fixture;
}

/** Validates an input (it must pass) and builds the request OY! receives. */
export function requestFor(operationId: string, input: Record<string, unknown>): OyRequest {
	const operation = getOperation(operationId);
	const { input: prepared, problems } = validateInput(operation, input);
	expect(problems).toEqual([]);
	return buildRequest(operation, prepared);
}

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

/** One test per bad input: `base` changed by `changes` is refused with exactly `expected`. */
export function refusesEach(
	operationId: string,
	base: Record<string, unknown>,
	cases: Array<[rule: string, changes: Record<string, unknown>, expected: string]>,
) {
	it.each(cases)('refuses %s', (_rule, changes, expected) => {
		expect(problemsFor(operationId, { ...base, ...changes })).toEqual([expected]);
	});
}

/** The problems validation finds, as `field: message` lines. */
export function problemsFor(operationId: string, input: Record<string, unknown>): string[] {
	return validateInput(getOperation(operationId), input).problems.map(
		({ field, message }) => `${field}: ${message}`,
	);
}

export function classify(operationId: string, body: unknown, statusCode = 200): Verdict {
	return classifyResponse(getOperation(operationId), { statusCode, body });
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

export const statusObject = (code: string, fields: Record<string, unknown> = {}) => ({
	status: { code, message: `message of ${code}` },
	...fields,
});

type Reply = OyResponse | Error;

/** A client over scripted answers that records every request it sends. */
export function scriptedClient(replies: Reply[]) {
	const sent: OyRequest[] = [];
	const client = new OyClient({
		send: async (request) => {
			sent.push(request);
			const reply = replies.shift();
			if (!reply) throw new Error(`no scripted answer for ${request.method} ${request.path}`);
			if (reply instanceof Error) throw reply;
			return reply;
		},
		sleep: async () => undefined,
		statusChecks: 2,
	});
	return { client, sent };
}

/** A timeout after the request left: OY! may have acted on it. */
export function timedOut(): Error {
	return Object.assign(new Error('socket timeout'), { code: 'ETIMEDOUT' });
}

export const ok = (body: unknown): OyResponse => ({ statusCode: 200, body });
