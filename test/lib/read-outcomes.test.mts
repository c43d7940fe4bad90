import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS, getOperation } from '../../lib/catalogue.js';
import { unanswered } from '../../lib/callbacks/confirm.js';
import { OyClient } from '../../lib/client.js';
import { classifyResponse, classifyTransportError, COMMON_CODES } from '../../lib/outcomes.js';
import type { OperationDefinition } from '../../lib/types.js';
import { startSandbox } from '../../sandbox/src/index.mjs';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { httpSend } from '../support/httpSend.mjs';

/**
 * Item 7 of issue 11: an answer about the request (who sent it, from where, how often, in what
 * form, an OY-internal error) is never a verdict about the transaction. For a read, `rejected`
 * ("nothing was created") is kept for OY's "no such record" only; everything else is `unknown`.
 */
const READS = OPERATIONS.filter((operation) => operation.safety === 'read');

/** What each read answers when OY! has no such record (the docs' "not found"), and nothing else. */
const ABSENT: Record<string, string> = {
	'accountInquiry.inquire':
		'code 209 (bank account not found, OY API docs: Account Inquiry response codes)',
	'accountInquiry.getInvoice': 'code 204',
	'accountReceivable.getCustomer':
		'code 204 ("Tx Id is not found", OY API docs: Account Receivable response codes)',
	'accountReceivable.getInvoice': 'code 204',
	'apiOffline.get': 'code 204 (OY API docs: API Offline rejected-request codes)',
	'biller.getStatus': 'code 204 (OY API docs: API Biller response codes, transaction outcome)',
	'disbursement.getStatus':
		'code 204 ("Final – Transaction Not Created", OY API docs: Fund Disbursement › Get Disbursement Status › response code)',
	'eWallet.getStatus': 'code 204 (OY API docs: E-Wallet response codes)',
	'eWallet.getRefund': 'code 255',
	'eWallet.getManyRefunds': 'code 204',
	'paymentLink.getStatus':
		'message "cannot be found" / "null or invalid" (OY API docs: Payment Checkout › Get Payment / Invoice Link Data › failure messages)',
	'paymentLink.get': 'message "cannot be found" / "null or invalid"',
	'paymentRouting.getStatus': 'code 204',
	'transactionData.getRegistrationStatus':
		'code 237 (registration token not valid, OY API docs: API Transactions Data › Check Registration Status › list of response codes)',
	'virtualAccount.get':
		'code 216 (VA id empty or unknown, OY API docs: VA Aggregator response codes)',
	'virtualAccount.getTransactions': 'code 216',
};

/** An answer carrying `code` in the operation's own envelope. */
function withCode(operation: OperationDefinition, code: string, message = 'Request is Rejected') {
	switch (operation.envelope) {
		case 'statusObject':
			return { statusCode: 200, body: { status: { code, message } } };
		case 'successError':
			return {
				statusCode: 200,
				body: {
					success: false,
					error: { code, message },
					data: null,
					reason: message,
					status_code: 400,
				},
			};
		case 'booleanStatus':
		case 'bare':
			return { statusCode: 200, body: { status: { code, message } } };
	}
}

/** The codes every product's tables list as "Request is Rejected" or an internal error. */
const REQUEST_CODES = ['201', '202', '207', '208', '429', '900', '990', '999'];

describe('a read refused for its request is unknown, never rejected or failed (issue 11 item 7)', () => {
	it('lists every read the catalogue has, so a new read gets a row here', () => {
		expect(READS.map((operation) => operation.id).sort()).toEqual(
			expect.arrayContaining(Object.keys(ABSENT).sort()),
		);
		for (const operation of READS) {
			const declared = operation.absent;
			if (ABSENT[operation.id] === undefined)
				expect([operation.id, declared]).toEqual([operation.id, undefined]);
			else expect([operation.id, declared !== undefined]).toEqual([operation.id, true]);
		}
	});

	it.each(READS.map((operation) => [operation.id, operation] as const))(
		'%s: 201/202/207/208/429/900/990/999 in the body are unknown',
		(_id, operation) => {
			for (const code of REQUEST_CODES) {
				const verdict = classifyResponse(operation, withCode(operation, code));
				expect([code, verdict.outcome]).toEqual([code, 'unknown']);
			}
		},
	);

	it.each(READS.map((operation) => [operation.id, operation] as const))(
		'%s: HTTP 400/401/403/404/405/422/429, 5xx and a refused connection are unknown',
		(_id, operation) => {
			for (const status of [400, 401, 403, 404, 405, 422, 429, 500, 502, 503, 504]) {
				for (const body of [
					{ message: 'Forbidden' },
					'<html>Forbidden</html>',
					{ status: false, message: 'Invalid API Key' },
				]) {
					const verdict = classifyResponse(operation, { statusCode: status, body });
					expect([status, verdict.outcome]).toEqual([status, 'unknown']);
				}
			}
			const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
			expect(classifyTransportError(refused, operation)).toMatchObject({
				outcome: 'unknown',
				transient: true,
			});
		},
	);

	it.each(READS.map((operation) => [operation.id, operation] as const))(
		'%s: only OY\'s "no such record" is rejected; no code of its tables is rejected otherwise',
		(_id, operation) => {
			const codes = new Set([...Object.keys(operation.codes), ...Object.keys(COMMON_CODES)]);
			const rejected = [...codes].filter(
				(code) => classifyResponse(operation, withCode(operation, code)).outcome === 'rejected',
			);
			expect(rejected.sort()).toEqual([...(operation.absent?.codes ?? [])].sort());
		},
	);

	it('Get Disbursement Status reads each code of OY API docs: Fund Disbursement › Get Disbursement Status › response code by its "State Details" column', () => {
		const status = getOperation('disbursement.getStatus');
		const table: Record<string, string> = {
			'000': 'success',
			'101': 'pending',
			'102': 'pending',
			'201': 'unknown',
			'202': 'unknown',
			'204': 'rejected',
			'206': 'failed',
			'207': 'unknown',
			'208': 'unknown',
			'225': 'failed',
			'300': 'failed',
			'301': 'pending',
			'429': 'unknown',
			'990': 'unknown',
			'999': 'unknown',
		};
		for (const [code, outcome] of Object.entries(table)) {
			expect([code, classifyResponse(status, withCode(status, code)).outcome]).toEqual([
				code,
				outcome,
			]);
		}
		expect(classifyResponse(status, withCode(status, '208')).meaning).toMatch(
			/the state of what was asked for is unknown/,
		);
	});

	it('payment links: "not found" stays rejected, "Invalid API Key" with the same envelope is unknown', () => {
		for (const id of ['paymentLink.getStatus', 'paymentLink.get']) {
			const operation = getOperation(id);
			const answer = (message: string) =>
				classifyResponse(operation, { statusCode: 200, body: { status: false, message } });
			expect(
				answer('The payment_link_id or partner_trx_id cannot be found in our system').outcome,
			).toBe('rejected');
			expect(answer('The payment_link_id or partner_trx_id is null or invalid').outcome).toBe(
				'rejected',
			);
			for (const message of [
				'Username is not found',
				'Invalid API Key',
				'Invalid IP Address',
				'User does not have access to the payment link',
			]) {
				expect([message, answer(message).outcome]).toEqual([message, 'unknown']);
			}
		}
	});

	it('creates keep rejected where the docs say "Transaction Not Created" (OY API docs: Fund Disbursement › Create Disbursement › response codes)', () => {
		const create = getOperation('disbursement.create');
		for (const code of ['201', '202', '207', '208', '429', '990']) {
			expect([code, classifyResponse(create, withCode(create, code)).outcome]).toEqual([
				code,
				'rejected',
			]);
		}
		expect(classifyResponse(create, withCode(create, '999')).outcome).toBe('unknown');
	});
});

describe('against the sandbox: a refused status request is unknown and not repeated', () => {
	let sandbox: RunningSandbox;
	const sleep = () => Promise.resolve();
	beforeAll(async () => {
		sandbox = await startSandbox({ processingDelays: { disbursement: 60_000 } });
	});
	afterAll(async () => sandbox.close());

	it('Get Disbursement Status with a wrong API key (208) is unknown, asked once, and "unavailable" to a callback check', async () => {
		const good = new OyClient({
			send: httpSend(sandbox.url, { username: sandbox.username, apiKey: sandbox.apiKey }),
			sleep,
		});
		const created = await good.call('disbursement.create', {
			partner_trx_id: 'READ-208',
			recipient_bank: '014',
			recipient_account: '1234567890',
			amount: 10_000,
		});
		expect(created.outcome).toBe('pending');
		const wrongKey = new OyClient({
			send: httpSend(sandbox.url, { username: sandbox.username, apiKey: 'wrong' }),
			sleep,
		});
		const read = await wrongKey.call('disbursement.getStatus', { partner_trx_id: 'READ-208' });
		expect(read).toMatchObject({ outcome: 'unknown', code: '208', final: false });
		expect(read.trail).toHaveLength(1);
		expect(unanswered(read, (result) => result.code === '204')).toMatch(/208/);
	});

	it('Get Disbursement Status answered 429 is unknown after the retries, never rejected', async () => {
		sandbox.control.addFault({ kind: 'rate-limit', path: '/api/remit-status', times: 2 });
		const client = new OyClient({
			send: httpSend(sandbox.url, { username: sandbox.username, apiKey: sandbox.apiKey }),
			sleep,
			maxAttempts: 2,
		});
		const read = await client.call('disbursement.getStatus', { partner_trx_id: 'READ-208' });
		expect(read.outcome).toBe('unknown');
		expect(read.trail).toHaveLength(2);
		expect(unanswered(read, (result) => result.code === '204')).toBeDefined();
	});

	it('an id OY! never saw is still rejected (204): nothing was created', async () => {
		const client = new OyClient({
			send: httpSend(sandbox.url, { username: sandbox.username, apiKey: sandbox.apiKey }),
			sleep,
		});
		const read = await client.call('disbursement.getStatus', { partner_trx_id: 'NEVER-SENT' });
		expect(read).toMatchObject({ outcome: 'rejected', code: '204' });
		expect(unanswered(read, (result) => result.code === '204')).toBeUndefined();
	});
});
