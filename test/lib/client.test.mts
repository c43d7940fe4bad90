import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OyClient } from '../../lib/client.js';
import type { ClientEvent } from '../../lib/client.js';
import { OyInputError, OyResultError } from '../../lib/errors.js';
import { httpSend } from '../support/httpSend.mjs';
import { startScriptedServer } from '../support/scriptedServer.mjs';
import type { Reply, ReceivedRequest } from '../support/scriptedServer.mjs';

type Fault =
	| 'dropBeforeCommit'
	| 'dropAfterCommit'
	| 'lateAfterCommit'
	| 'gateway504'
	| 'http500'
	| 'tooMany'
	| 'none';

/**
 * Plays OY's disbursement endpoints closely enough to test the client's recovery: one ledger
 * entry per partner_trx_id, 203 on a reused id, 204 from remit-status for an unknown id.
 */
function disbursementLedger() {
	const ledger = new Map<
		string,
		{ amount: number; recipient_bank: string; recipient_account: string }
	>();
	const faults: Fault[] = [];
	const remit = (request: ReceivedRequest): Reply => {
		const body = request.body as Record<string, unknown>;
		const id = String(body.partner_trx_id);
		const fault = faults.shift() ?? 'none';
		if (fault === 'dropBeforeCommit') return { drop: true };
		if (fault === 'tooMany')
			return { status: 429, json: { status: { code: '429', message: 'Too many requests' } } };
		if (ledger.has(id)) {
			return {
				json: {
					status: { code: '203', message: 'Duplicate Partner Tx Id' },
					trx_id: '',
					partner_trx_id: id,
				},
			};
		}
		ledger.set(id, {
			amount: Number(body.amount),
			recipient_bank: String(body.recipient_bank),
			recipient_account: String(body.recipient_account),
		});
		if (fault === 'dropAfterCommit') return { drop: true };
		if (fault === 'lateAfterCommit')
			return { delayMs: 1_500, json: { status: { code: '101', message: 'late' } } };
		if (fault === 'gateway504')
			return { json: { status: { code: '504', message: 'Timeout' }, partner_trx_id: id } };
		if (fault === 'http500') return { status: 500, json: { message: 'Internal Server Error' } };
		return {
			json: {
				status: { code: '101', message: 'Request is Processed' },
				amount: Number(body.amount),
				recipient_bank: body.recipient_bank,
				recipient_account: body.recipient_account,
				trx_id: `trx-${id}`,
				partner_trx_id: id,
				timestamp: '11-12-2023 05:06:16',
			},
		};
	};
	const status = (request: ReceivedRequest): Reply => {
		const id = String((request.body as Record<string, unknown>).partner_trx_id);
		const entry = ledger.get(id);
		if (!entry) return { json: { status: { code: '204', message: 'Tx Id is not found' } } };
		return {
			json: {
				status: { code: '000', message: 'Success' },
				...entry,
				trx_id: `trx-${id}`,
				partner_trx_id: id,
				tx_status_description: '',
				timestamp: '11-12-2023 05:07:20',
				created_date: '11-12-2023 05:06:20',
				last_updated_date: '11-12-2023 05:07:00',
			},
		};
	};
	return {
		ledger,
		faults,
		script: (request: ReceivedRequest): Reply =>
			request.path === '/api/remit'
				? remit(request)
				: request.path === '/api/remit-status'
					? status(request)
					: { status: 404, json: { message: 'no route' } },
	};
}

const payout = (id: string, amount = 150_000) => ({
	partner_trx_id: id,
	recipient_bank: '014',
	recipient_account: '1234567890',
	amount,
	note: 'Salary November',
});

describe('OyClient over real HTTP', () => {
	let server: Awaited<ReturnType<typeof startScriptedServer>>;
	let oy: ReturnType<typeof disbursementLedger>;
	let events: ClientEvent[];
	let client: OyClient;

	beforeAll(async () => {
		oy = disbursementLedger();
		server = await startScriptedServer(oy.script);
	});
	afterAll(async () => server.close());

	function newClient(options: Partial<ConstructorParameters<typeof OyClient>[0]> = {}) {
		events = [];
		client = new OyClient({
			send: httpSend(server.url),
			sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
			baseDelayMs: 5,
			maxDelayMs: 20,
			// long enough for a busy machine; the test of a late answer sets its own
			timeoutMs: 5_000,
			onEvent: (event) => events.push(event),
			...options,
		});
		return client;
	}

	afterEach(() => {
		oy.ledger.clear();
		oy.faults.length = 0;
		server.setScript(oy.script);
		server.received.length = 0;
	});

	const remits = () => server.received.filter((request) => request.path === '/api/remit');
	const statusReads = () =>
		server.received.filter((request) => request.path === '/api/remit-status');

	it('sends a disbursement as OY! expects and reads "in progress" as pending', async () => {
		const result = await newClient().call('disbursement.create', payout('PAY-1'));
		expect(result.outcome).toBe('pending');
		expect(result.code).toBe('101');
		expect(result.final).toBe(false);
		const [request] = remits();
		expect(request.method).toBe('POST');
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.headers.accept).toBe('application/json');
		expect(request.body).toEqual({
			partner_trx_id: 'PAY-1',
			recipient_bank: '014',
			recipient_account: '1234567890',
			amount: 150000,
			note: 'Salary November',
		});
		expect(statusReads()).toHaveLength(0);
	});

	it('resolves a connection dropped after OY! committed with a status check, never a second create', async () => {
		oy.faults.push('dropAfterCommit');
		const result = await newClient().call('disbursement.create', payout('PAY-2'));
		expect(result.outcome).toBe('success');
		expect(result.resolvedBy).toBe('statusCheck');
		expect(remits()).toHaveLength(1);
		expect(statusReads().map((request) => request.body)).toEqual([{ partner_trx_id: 'PAY-2' }]);
		expect(oy.ledger.size).toBe(1);
		expect(result.trail.map((attempt) => attempt.operation)).toEqual([
			'disbursement.create',
			'disbursement.getStatus',
		]);
	});

	it('resolves an answer that arrives after the client timeout with a status check under the same id', async () => {
		oy.faults.push('lateAfterCommit');
		const result = await newClient({ timeoutMs: 200 }).call('disbursement.create', payout('PAY-3'));
		expect(result.trail[0].meaning).toMatch(/did not answer in time/);
		expect(result.outcome).toBe('success');
		expect(result.resolvedBy).toBe('statusCheck');
		expect(remits()).toHaveLength(1);
		expect(oy.ledger.size).toBe(1);
	});

	it('sends the same create again, under the same id, only after OY! said it has none at every status check', async () => {
		oy.faults.push('dropBeforeCommit');
		const result = await newClient().call('disbursement.create', payout('PAY-4'));
		expect(result.outcome).toBe('pending');
		expect(result.code).toBe('101');
		expect(
			remits().map((request) => (request.body as { partner_trx_id: string }).partner_trx_id),
		).toEqual(['PAY-4', 'PAY-4']);
		// a status API may lag behind the create: one "not found" is not believed, every check must say it
		expect(statusReads()).toHaveLength(4);
		expect(server.received.map((request) => request.path)).toEqual([
			'/api/remit',
			'/api/remit-status',
			'/api/remit-status',
			'/api/remit-status',
			'/api/remit-status',
			'/api/remit',
		]);
		expect(events.some((event) => event.type === 'resubmit')).toBe(true);
		expect(oy.ledger.size).toBe(1);
	});

	it('treats a 504 body and an HTTP 500 as unknown and asks the status endpoint', async () => {
		oy.faults.push('gateway504');
		const first = await newClient().call('disbursement.create', payout('PAY-5'));
		expect(first.trail[0]).toMatchObject({ outcome: 'unknown', code: '504' });
		expect(first.outcome).toBe('success');
		oy.faults.push('http500');
		const second = await newClient().call('disbursement.create', payout('PAY-6'));
		expect(second.trail[0]).toMatchObject({ outcome: 'unknown', httpStatus: 500 });
		expect(second.outcome).toBe('success');
		expect(remits()).toHaveLength(2);
		expect(oy.ledger.size).toBe(2);
	});

	it('reports a reused id with the same payout as the existing transaction, flagged as duplicate', async () => {
		await newClient().call('disbursement.create', payout('PAY-7'));
		const again = await newClient().call('disbursement.create', payout('PAY-7'));
		expect(again.duplicate).toBe(true);
		expect(again.resolvedBy).toBe('statusCheck');
		expect(again.outcome).toBe('success');
		expect(oy.ledger.size).toBe(1);
	});

	it('refuses to report success when a reused id belongs to another payout', async () => {
		await newClient().call('disbursement.create', payout('PAY-8', 150_000));
		const other = await newClient().call('disbursement.create', payout('PAY-8', 990_000));
		expect(other.outcome).toBe('rejected');
		expect(other.duplicate).toBe(true);
		expect(other.meaning).toMatch(/amount 150000 instead of 990000/);
		expect(oy.ledger.get('PAY-8')?.amount).toBe(150_000);
	});

	it('waits and sends again after a 429, which OY! documents as not created', async () => {
		oy.faults.push('tooMany');
		const result = await newClient().call('disbursement.create', payout('PAY-9'));
		expect(result.outcome).toBe('pending');
		expect(remits()).toHaveLength(2);
		expect(events.filter((event) => event.type === 'retry')).toHaveLength(1);
		expect(statusReads()).toHaveLength(0);
	});

	it('ends in unknown, with advice, when the status endpoint cannot confirm', async () => {
		server.setScript((request) =>
			request.path === '/api/remit'
				? { drop: true }
				: { json: { status: { code: '999', message: 'Internal Server Error' } } },
		);
		const result = await newClient({ statusChecks: 2, maxAttempts: 2 }).call(
			'disbursement.create',
			payout('PAY-10'),
		);
		expect(result.outcome).toBe('unknown');
		expect(result.final).toBe(false);
		expect(result.hint).toMatch(/Do not create it again under another id/);
		expect(remits()).toHaveLength(1);
		expect(statusReads()).toHaveLength(4);
	});

	it('refuses bad input before sending anything', async () => {
		const bad = {
			...payout('PAY-11'),
			recipient_account: '12-34',
			amount: 5_000,
			email: 'a@b.co c@d.co e@f.co g@h.co i@j.co k@l.co',
		};
		await expect(newClient().call('disbursement.create', bad)).rejects.toThrow(OyInputError);
		try {
			await client.call('disbursement.create', bad);
		} catch (error) {
			const fields = (error as OyInputError).problems.map((problem) => problem.field);
			expect(fields).toEqual(['recipient_account', 'email']);
		}
		const tooSmall = await client
			.call('disbursement.create', { ...payout('PAY-12'), amount: 5_000 })
			.catch((error) => error);
		expect((tooSmall as OyInputError).problems[0].message).toBe(
			'amount must be at least 10000 rupiah for a bank recipient (got 5000)',
		);
		expect(server.received).toHaveLength(0);
	});

	it('retries a read through 5xx answers and dropped connections', async () => {
		let calls = 0;
		server.setScript(() => {
			calls += 1;
			if (calls === 1) return { status: 503, json: { message: 'busy' } };
			if (calls === 2) return { drop: true };
			return {
				json: {
					status: { code: '000', message: 'Success' },
					balance: 100000000.0,
					availableBalance: 98500000.0,
				},
			};
		});
		const result = await newClient().call('balance.get', {});
		expect(result.outcome).toBe('success');
		expect(result.trail.map((attempt) => attempt.outcome)).toEqual([
			'unknown',
			'unknown',
			'success',
		]);
		expect(
			server.received.every((request) => request.method === 'GET' && request.body === undefined),
		).toBe(true);
	});

	it('does not retry a refused request such as a wrong API key; a refused read is unknown', async () => {
		server.setScript(() => ({
			json: { status: { code: '208', message: 'API Key is not Valid' } },
		}));
		const result = await newClient().call('balance.get', {});
		expect(result).toMatchObject({
			outcome: 'unknown',
			code: '208',
			message: 'API Key is not Valid',
			final: false,
		});
		expect(server.received).toHaveLength(1);
		server.received.length = 0;
		const create = await newClient().call('virtualAccount.create', {
			partner_user_id: 'u-1',
			bank_code: '002',
			amount: 50000,
			is_open: false,
		});
		expect(create).toMatchObject({ outcome: 'rejected', code: '208', final: true });
		expect(server.received).toHaveLength(1);
	});

	it('pages through a list by offset and stops on the total', async () => {
		const all = Array.from({ length: 23 }, (_, index) => ({ id: `va-${index}` }));
		server.setScript((request) => {
			const offset = Number(request.query.offset);
			const limit = Number(request.query.limit);
			return {
				json: {
					status: { code: '000', message: 'Success' },
					total: all.length,
					data: all.slice(offset, offset + limit),
				},
			};
		});
		const records = await newClient().listAll('virtualAccount.getMany', {}, { pageSize: 10 });
		expect(records).toEqual(all);
		expect(server.received.map((request) => request.query)).toEqual([
			{ offset: '0', limit: '10' },
			{ offset: '10', limit: '10' },
			{ offset: '20', limit: '10' },
		]);
		server.received.length = 0;
		const limited = await client.listAll('virtualAccount.getMany', {}, { limit: 12, pageSize: 10 });
		expect(limited).toEqual(all.slice(0, 12));
	});

	it('refuses to loop when OY! returns the same page again', async () => {
		server.setScript(() => ({
			json: {
				status: { code: '000', message: 'Success' },
				data: Array.from({ length: 10 }, (_, index) => ({ id: index })),
			},
		}));
		await expect(
			newClient().listAll('virtualAccount.getMany', {}, { pageSize: 10 }),
		).rejects.toThrow(/same page twice/);
		expect(server.received).toHaveLength(2);
	});

	it('throws the classified result when a page of a list fails', async () => {
		server.setScript(() => ({
			json: { status: { code: '207', message: 'Request IP Address is not Registered' } },
		}));
		const error = await newClient()
			.listAll('virtualAccount.getMany', {})
			.catch((caught) => caught);
		expect(error).toBeInstanceOf(OyResultError);
		expect((error as OyResultError).result).toMatchObject({ outcome: 'unknown', code: '207' });
	});

	it('pays an invoice whose answer was lost only after reading it back as still UNPAID at every check', async () => {
		let paid = false;
		let pays = 0;
		server.setScript((request) => {
			if (request.path === '/api/account-inquiry/invoices/pay') {
				pays += 1;
				if (pays === 1) return { drop: true };
				paid = true;
				return {
					json: {
						status: { code: '000', message: 'Success' },
						invoice_id: 'inv-1',
						invoice_status: 'PAID',
					},
				};
			}
			return {
				json: {
					status: { code: '000', message: 'Success' },
					invoice_id: 'inv-1',
					invoice_status: paid ? 'PAID' : 'UNPAID',
				},
			};
		});
		const result = await newClient().call('accountInquiry.payInvoice', { invoice_id: 'inv-1' });
		expect(result.outcome).toBe('success');
		expect(server.received.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /api/account-inquiry/invoices/pay',
			'GET /api/account-inquiry/invoices/inv-1',
			'GET /api/account-inquiry/invoices/inv-1',
			'GET /api/account-inquiry/invoices/inv-1',
			'GET /api/account-inquiry/invoices/inv-1',
			'POST /api/account-inquiry/invoices/pay',
		]);
	});
});
