import type { OyResult, ValidationProblem } from './types';

/** The input was refused before any request was sent. */
export class OyInputError extends Error {
	readonly operation: string;

	readonly problems: ValidationProblem[];

	constructor(operation: string, problems: ValidationProblem[]) {
		super(
			problems.length === 1
				? problems[0].message
				: `${problems.length} parameters are not valid: ${problems.map((problem) => problem.message).join('; ')}`,
		);
		this.name = 'OyInputError';
		this.operation = operation;
		this.problems = problems;
	}
}

/** A call that had to succeed (a page of a list, say) did not. */
export class OyResultError extends Error {
	readonly result: OyResult;

	constructor(result: OyResult) {
		super(
			`${result.meaning}${result.code ? ` (OY! code ${result.code}${result.message ? `: ${result.message}` : ''})` : ''}`,
		);
		this.name = 'OyResultError';
		this.result = result;
	}
}
