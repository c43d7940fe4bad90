import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OyClient } from '../../lib/client.js';
import { buildRequest } from '../../lib/request.js';
import { getOperation } from '../../lib/catalogue.js';
import { validateInput } from '../../lib/validation.js';
import { startSandbox } from '../../sandbox/src/index.mjs';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { httpSend } from '../support/httpSend.mjs';

/**
 * Issue 11 item 11: account inquiries are billed per call (OY API docs: Account Inquiry), so an answer lost after OY!
 * booked the inquiry is asked again at most once, or not at all when the workflow says so.
 */
describe('account inquiry: an unclear answer is asked again at most once', () => {
	let sandbox: RunningSandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.control.reset());

	const client = () =>
		new OyClient({
			send: httpSend(sandbox.url, { username: sandbox.username, apiKey: sandbox.apiKey }),
			sleep: () => Promise.resolve(),
			timeoutMs: 2_000,
		});
	const billed = () => {
		const state = sandbox.control.state('account-inquiry') as {
			invoices: Array<{ total_inquiry: number }>;
		};
		return state.invoices.reduce((sum, invoice) => sum + invoice.total_inquiry, 0);
	};
	const inquiry = { bank_code: '014', account_number: '1234567890' };

	it('answers lost after OY! booked them: two billed inquiries, not four', async () => {
		sandbox.control.addFault({
			kind: 'drop-after-commit',
			path: '/api/account-inquiry',
			times: 10,
		});
		const result = await client().call('accountInquiry.inquire', inquiry);
		expect(result.outcome).toBe('unknown');
		expect(result.trail).toHaveLength(2);
		expect(billed()).toBe(2);
	});

	it('"Ask Again Once When Unclear" off: one billed inquiry, and the option is never sent to OY!', async () => {
		sandbox.control.addFault({
			kind: 'drop-after-commit',
			path: '/api/account-inquiry',
			times: 10,
		});
		const result = await client().call('accountInquiry.inquire', {
			...inquiry,
			retry_unclear: false,
		});
		expect(result.outcome).toBe('unknown');
		expect(result.trail).toHaveLength(1);
		expect(billed()).toBe(1);
		const operation = getOperation('accountInquiry.inquire');
		expect(
			buildRequest(operation, validateInput(operation, { ...inquiry, retry_unclear: false }).input)
				.body,
		).toEqual(inquiry);
	});

	it('a rate limit (nothing processed, nothing billed) is still waited out', async () => {
		sandbox.control.addFault({ kind: 'rate-limit', path: '/api/account-inquiry', times: 2 });
		const result = await client().call('accountInquiry.inquire', {
			...inquiry,
			retry_unclear: false,
		});
		expect(result.outcome).toBe('success');
		expect(result.trail.map((attempt) => attempt.outcome)).toEqual([
			'unknown',
			'unknown',
			'success',
		]);
		expect(billed()).toBe(1);
	});
});
