import { describe, expect, it } from 'vitest';
import { DISBURSEMENT_FROM_ITEMS } from '../support/operationParameters.mjs';
import { outputOf, useOyHarness } from './harness.mjs';
import type { OyRun } from './harness.mjs';

/** Issue 15, items 1 and 2: the funds check before a batch, and the caps per payout and per run. */
const oy = useOyHarness({ processingDelays: { disbursement: 0 } });

/** Three payouts of Rp10.000, Rp20.000 and Rp30.000: Rp60.000 in all. */
const BATCH = [
	{ id: 'PAY-0', amount: '10000' },
	{ id: 'PAY-1', amount: '20000' },
	{ id: 'PAY-2', amount: '30000' },
];
const TOTAL = 60_000;

const payouts = (run: OyRun) => run.requests.filter((request) => request.path === '/api/remit');
const paths = (run: OyRun) => run.requests.map((request) => `${request.method} ${request.path}`);

async function setBalance(available: number) {
	await oy.control('PUT', '/balance', {
		balance: available,
		overdraft: 0,
		overbooking: 0,
		pending: 0,
	});
}

describe('funds check before a batch (Create Disbursement)', () => {
	it('sends nothing when the available balance is Rp1 short of the run, naming both figures', async () => {
		await setBalance(TOTAL - 1);
		const run = await oy.run(DISBURSEMENT_FROM_ITEMS, { input: BATCH });
		expect(run.error?.message).toBe(
			'The available balance (Rp59.999) cannot cover this run (Rp60.000 in 3 payouts): nothing was sent',
		);
		expect(run.error?.description).toContain('your own OY! balance');
		expect(run.error?.description).toContain(
			'No payout was sent to OY!: only the balance was read.',
		);
		expect(run.error?.context).toMatchObject({
			needed: TOTAL,
			available: TOTAL - 1,
			items: [0, 1, 2],
		});
		expect(paths(run)).toEqual(['GET /api/balance']);
		const ledger = await oy.control('GET', '/balance');
		expect(JSON.stringify(ledger)).toContain(String(TOTAL - 1));
	});

	it('sends the batch when the available balance covers it exactly, reading the balance once first', async () => {
		await setBalance(TOTAL);
		const run = await oy.run(DISBURSEMENT_FROM_ITEMS, { input: BATCH });
		expect(outputOf(run).map((item) => item.outcome)).toEqual(['pending', 'pending', 'pending']);
		expect(paths(run)[0]).toBe('GET /api/balance');
		expect(payouts(run)).toHaveLength(3);
	});

	it('counts pending payouts against the balance (available = balance + overdraft - pending)', async () => {
		await oy.control('PUT', '/balance', {
			balance: TOTAL + 500,
			overdraft: 0,
			overbooking: 0,
			pending: 1000,
		});
		const run = await oy.run(DISBURSEMENT_FROM_ITEMS, { input: BATCH });
		expect(run.error?.message).toMatch(
			/^The available balance \(Rp59\.500\) cannot cover this run/,
		);
		expect(payouts(run)).toHaveLength(0);
	});

	it("checks the child balance's own funds when the items pay from a child balance", async () => {
		await setBalance(10_000_000);
		await oy.control('PUT', '/balance/children/branch-1', { balance: TOTAL - 1 });
		const parameters = {
			...DISBURSEMENT_FROM_ITEMS,
			additionalFields: { childBalance: 'branch-1' },
		};
		const short = await oy.run(parameters, { input: BATCH });
		expect(short.error?.message).toBe(
			'The available balance (Rp59.999) cannot cover this run (Rp60.000 in 3 payouts): nothing was sent',
		);
		expect(short.error?.description).toContain('the child balance branch-1');
		expect(paths(short)).toEqual(['GET /api/v1/multi-account/child/balance']);
		expect(short.requests[0].query).toMatchObject({ child_username: 'branch-1' });

		await oy.control('PUT', '/balance/children/branch-1', { balance: TOTAL });
		const enough = await oy.run(parameters, { input: BATCH });
		expect(outputOf(enough).map((item) => item.outcome)).toEqual(['pending', 'pending', 'pending']);
		expect(payouts(enough)).toHaveLength(3);
	});

	it('Disburse with Child Balance is checked against that child too', async () => {
		await setBalance(10_000_000);
		await oy.control('PUT', '/balance/children/branch-2', { balance: TOTAL - 1 });
		const run = await oy.run(
			{
				...DISBURSEMENT_FROM_ITEMS,
				resource: 'multiAccount',
				operation: 'disburseWithChildBalance',
				childBalance: 'branch-2',
			},
			{ input: BATCH },
		);
		expect(run.error?.message).toMatch(
			/^The available balance \(Rp59\.999\) cannot cover this run/,
		);
		expect(payouts(run)).toHaveLength(0);
	});

	it('is off for a single item unless set to Always, and Never skips it', async () => {
		await setBalance(5_000);
		const single = await oy.run(DISBURSEMENT_FROM_ITEMS, {
			input: [BATCH[0]],
			continueOnFail: true,
		});
		expect(paths(single)).not.toContain('GET /api/balance');

		await oy.control('POST', '/reset');
		await setBalance(5_000);
		const always = await oy.run(
			{ ...DISBURSEMENT_FROM_ITEMS, options: { fundsCheck: 'always' } },
			{ input: [BATCH[0]] },
		);
		expect(always.error?.message).toBe(
			'The available balance (Rp5.000) cannot cover this run (Rp10.000 in 1 payout): nothing was sent',
		);
		expect(paths(always)).toEqual(['GET /api/balance']);

		await oy.control('POST', '/reset');
		await setBalance(5_000);
		const never = await oy.run(
			{ ...DISBURSEMENT_FROM_ITEMS, options: { fundsCheck: 'never' } },
			{ input: BATCH, continueOnFail: true },
		);
		expect(paths(never)).not.toContain('GET /api/balance');
		expect(payouts(never)).toHaveLength(3);
	});

	it('sends nothing even when the workflow continues on fail: every item says why', async () => {
		await setBalance(TOTAL - 1);
		const run = await oy.run(DISBURSEMENT_FROM_ITEMS, { input: BATCH, continueOnFail: true });
		expect(payouts(run)).toHaveLength(0);
		const items = outputOf(run);
		expect(items).toHaveLength(3);
		for (const item of items) {
			expect(item).toMatchObject({
				outcome: 'rejected',
				error:
					'The available balance (Rp59.999) cannot cover this run (Rp60.000 in 3 payouts): nothing was sent',
				oy: { sent: false },
			});
		}
	});

	it('sends nothing when the balance cannot be read, saying so', async () => {
		await oy.control('POST', '/faults', {
			kind: 'http-error',
			path: '/api/balance',
			http_status: 502,
			times: 20,
		});
		const run = await oy.run(DISBURSEMENT_FROM_ITEMS, { input: BATCH });
		expect(run.error?.message).toMatch(/^The funds check could not read the available balance/);
		expect(run.error?.message).toMatch(/nothing was sent$/);
		expect(payouts(run)).toHaveLength(0);
	});
});

describe('caps: Max Amount per Payout and Max Total per Run', () => {
	it('a payout over Max Amount per Payout stops the run before anything is sent, naming the items', async () => {
		await setBalance(10_000_000);
		const run = await oy.run(
			{ ...DISBURSEMENT_FROM_ITEMS, options: { maxAmountPerPayout: '15000' } },
			{ input: BATCH },
		);
		expect(run.error?.message).toBe(
			'2 payouts are over Max Amount per Payout (Rp15.000): item 1 (partner_trx_id PAY-1) Rp20.000, item 2 (partner_trx_id PAY-2) Rp30.000: nothing was sent',
		);
		expect(run.error?.context).toMatchObject({ items: [1, 2], cap: 15_000 });
		expect(run.requests).toHaveLength(0);
	});

	it('a run over Max Total per Run stops before anything is sent, naming every item of the run', async () => {
		const run = await oy.run(
			{ ...DISBURSEMENT_FROM_ITEMS, options: { maxTotalPerRun: '59999' } },
			{ input: BATCH },
		);
		expect(run.error?.message).toBe(
			'This run (Rp60.000 in 3 payouts: items 0-2) is over Max Total per Run (Rp59.999): nothing was sent',
		);
		expect(run.requests).toHaveLength(0);
	});

	it('runs at the caps exactly are sent', async () => {
		await setBalance(10_000_000);
		const run = await oy.run(
			{
				...DISBURSEMENT_FROM_ITEMS,
				options: { maxAmountPerPayout: '30000', maxTotalPerRun: '60000' },
			},
			{ input: BATCH },
		);
		expect(outputOf(run)).toHaveLength(3);
		expect(payouts(run)).toHaveLength(3);
	});

	it('a cap stops the whole run even when the workflow continues on fail', async () => {
		const run = await oy.run(
			{ ...DISBURSEMENT_FROM_ITEMS, options: { maxAmountPerPayout: '25000' } },
			{ input: BATCH, continueOnFail: true },
		);
		expect(run.requests).toHaveLength(0);
		expect(outputOf(run).map((item) => item.oy)).toEqual(
			Array(3).fill(expect.objectContaining({ sent: false, outcome: 'rejected' })),
		);
	});

	it('refuses a cap written with separators instead of guessing it', async () => {
		const run = await oy.run(
			{ ...DISBURSEMENT_FROM_ITEMS, options: { maxAmountPerPayout: '1.000.000' } },
			{ input: BATCH },
		);
		expect(run.error?.message).toBe(
			"'Max Amount per Payout' must be a whole number of rupiah written with digits only (no dots, commas or currency)",
		);
		expect(run.requests).toHaveLength(0);
	});
});
