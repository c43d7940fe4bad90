import { describe, expect, it } from 'vitest';
import { getOperation } from '../../lib/catalogue.js';
import { classifyResponse, classifyTransportError } from '../../lib/outcomes.js';
import { classifyTransportFailure } from '../../lib/transport.js';
import type { OperationDefinition } from '../../lib/types.js';

const create = getOperation('disbursement.create');
const status = getOperation('disbursement.getStatus');

const answer = (body: unknown, statusCode = 200) => ({ statusCode, body });
const withCode = (code: string | number, message = 'message') =>
	answer({ status: { code, message } });

describe('classifying OY! answers', () => {
	it('reads each code of the disbursement tables as the docs state it (OY API docs: Fund Disbursement › Create Disbursement › response codes, Fund Disbursement › Get Disbursement Status)', () => {
		const expectations: Record<string, string> = {
			'101': 'pending',
			'201': 'rejected',
			'203': 'rejected',
			'209': 'rejected',
			'257': 'rejected',
			'264': 'rejected',
			'300': 'failed',
			'301': 'pending',
			'429': 'rejected',
			'504': 'unknown',
			'990': 'rejected',
			'999': 'unknown',
		};
		for (const [code, outcome] of Object.entries(expectations)) {
			expect([code, classifyResponse(create, withCode(code)).outcome]).toEqual([code, outcome]);
		}
		expect(classifyResponse(status, withCode('000')).outcome).toBe('success');
		expect(classifyResponse(status, withCode('204')).outcome).toBe('rejected');
		expect(classifyResponse(status, withCode('206')).outcome).toBe('failed');
		expect(classifyResponse(status, withCode('102')).outcome).toBe('pending');
	});

	it('keeps OY! code and message, and our meaning and advice, apart', () => {
		const verdict = classifyResponse(create, withCode('209', 'Bank Account is not found'));
		expect(verdict).toMatchObject({
			code: '209',
			message: 'Bank Account is not found',
			meaning: 'Not created: the bank account was not found',
			hint: 'Check the account number and bank with Account Inquiry.',
			source: 'body',
			httpStatus: 200,
		});
	});

	it('marks 429 as transient: nothing was created and it may be sent again', () => {
		expect(classifyResponse(create, withCode('429')).transient).toBe(true);
		expect(classifyResponse(create, answer({ message: 'slow down' }, 429))).toMatchObject({
			outcome: 'rejected',
			transient: true,
			source: 'http',
		});
		expect(classifyResponse(create, withCode('203')).transient).toBe(false);
	});

	it('reads a numeric code with its leading zeros', () => {
		expect(classifyResponse(status, withCode(0)).code).toBe('000');
		expect(classifyResponse(status, withCode(0)).outcome).toBe('success');
	});

	it('never reads a code the docs do not list as success', () => {
		const verdict = classifyResponse(create, withCode('777'));
		expect(verdict.outcome).toBe('unknown');
		expect(verdict.meaning).toMatch(/code 777/);
	});

	it('does not believe a documented code carried by a server error', () => {
		const verdict = classifyResponse(
			create,
			answer({ status: { code: '101', message: 'x' } }, 502),
		);
		expect(verdict).toMatchObject({ outcome: 'unknown', source: 'http', httpStatus: 502 });
	});

	it('maps HTTP statuses when the body has no verdict', () => {
		const va = getOperation('virtualAccount.get');
		const create = getOperation('virtualAccount.create');
		expect(classifyResponse(create, answer('<html>Forbidden</html>', 403))).toMatchObject({
			outcome: 'rejected',
			httpStatus: 403,
		});
		expect(classifyResponse(create, answer(null, 404)).outcome).toBe('rejected');
		// A read refused by HTTP status learnt nothing about the VA: unknown, not "nothing exists".
		expect(classifyResponse(va, answer('<html>Forbidden</html>', 403))).toMatchObject({
			outcome: 'unknown',
			httpStatus: 403,
		});
		expect(classifyResponse(va, answer(null, 404)).outcome).toBe('unknown');
		expect(classifyResponse(va, answer(null, 503)).outcome).toBe('unknown');
		expect(classifyResponse(va, answer(null, 504)).outcome).toBe('unknown');
		expect(classifyResponse(va, answer({}, 200))).toMatchObject({
			outcome: 'unknown',
			meaning: 'OY! answered without a status',
		});
	});

	it('lets a state field decide once the code says the read worked', () => {
		const invoice = getOperation('accountInquiry.getInvoice');
		const read = (invoice_status: unknown) =>
			classifyResponse(
				invoice,
				answer({ status: { code: '000', message: 'Success' }, invoice_status }),
			);
		expect(read('PAID')).toMatchObject({ outcome: 'success', state: 'PAID', source: 'state' });
		expect(read('UNPAID')).toMatchObject({ outcome: 'pending', state: 'UNPAID' });
		expect(read('INITIATED').outcome).toBe('pending');
		expect(read('VOID')).toMatchObject({ outcome: 'unknown', state: 'VOID' });
		expect(read(undefined)).toMatchObject({
			outcome: 'unknown',
			meaning: expect.stringMatching(/without the transaction state/),
		});
		// a rejection is not overridden by a state
		expect(
			classifyResponse(
				invoice,
				answer({ status: { code: '204', message: 'x' }, invoice_status: 'PAID' }),
			).outcome,
		).toBe('rejected');
	});

	it('reads the other envelopes', () => {
		const boolean = { ...create, envelope: 'booleanStatus', codes: {} } as OperationDefinition;
		expect(classifyResponse(boolean, answer({ status: true, message: 'ok' })).outcome).toBe(
			'success',
		);
		expect(
			classifyResponse(boolean, answer({ status: false, message: 'Link expired' })),
		).toMatchObject({
			outcome: 'rejected',
			message: 'Link expired',
		});
		const successError = {
			...create,
			envelope: 'successError',
			codes: { '400': { outcome: 'rejected', meaning: 'Bad request' } },
		} as OperationDefinition;
		expect(
			classifyResponse(
				successError,
				answer({
					success: false,
					error: { code: 400, message: 'Name cannot be null or empty' },
					data: null,
				}),
			),
		).toMatchObject({ outcome: 'rejected', code: '400', message: 'Name cannot be null or empty' });
		expect(
			classifyResponse(
				successError,
				answer({ success: false, error: null, data: null, status_code: 400 }),
			).code,
		).toBe('400');
		expect(
			classifyResponse(successError, answer({ status: true, error: null, data: { id: 'x' } }))
				.outcome,
		).toBe('success');
		const bare = { ...create, envelope: 'bare', codes: {} } as OperationDefinition;
		expect(classifyResponse(bare, answer({ partner_tx_id: 'x', status: 'complete' })).outcome).toBe(
			'success',
		);
	});
});

describe('classifying requests that got no answer', () => {
	const failure = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

	it('knows a request that never left from one that may have been acted on', () => {
		expect(classifyTransportFailure(failure('ECONNREFUSED'))).toBe('notSent');
		expect(classifyTransportFailure(failure('ENOTFOUND'))).toBe('notSent');
		expect(classifyTransportFailure(failure('ETIMEDOUT'))).toBe('timedOut');
		expect(classifyTransportFailure(failure('ECONNABORTED', 'timeout of 30000ms exceeded'))).toBe(
			'timedOut',
		);
		expect(classifyTransportFailure(failure('ECONNRESET', 'socket hang up'))).toBe('dropped');
		expect(classifyTransportFailure(new Error('something odd'))).toBe('dropped');
		// n8n wraps the network error; the code sits on the cause
		expect(
			classifyTransportFailure(
				Object.assign(new Error('wrapped'), { cause: failure('ECONNREFUSED') }),
			),
		).toBe('notSent');
	});

	it('calls a refused connection rejected and transient, and a lost answer unknown', () => {
		expect(classifyTransportError(failure('ECONNREFUSED'))).toMatchObject({
			outcome: 'rejected',
			transient: true,
			source: 'transport',
		});
		const lost = classifyTransportError(failure('ECONNRESET', 'socket hang up'));
		expect(lost).toMatchObject({ outcome: 'unknown', transient: false });
		expect(lost.meaning).toBe(
			'The connection to OY! broke before an answer arrived (ECONNRESET); the outcome is not known',
		);
	});
});
