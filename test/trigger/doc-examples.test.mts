import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IDataObject } from 'n8n-workflow';
import { CALLBACKS, matchesShape, readCallback } from '../../lib/callbacks/index.js';
import { Figures } from './support/figures.mjs';
import { TOKEN } from './support/scenario.mjs';
import { post, startTriggerServer } from './support/triggerServer.mjs';
import type { TriggerServer } from './support/triggerServer.mjs';

interface DocCallback {
	name: string;
	/** where in OY's docs the example stands (docs/oy-api-sources.md) */
	source: string;
	/** its lines in the captured copy of the docs, read only by the line-for-line check below */
	docLines?: string;
	kind: string;
	body: Record<string, unknown>;
}

const FIXTURES: DocCallback[] = JSON.parse(
	readFileSync(new URL('./fixtures/doc-callbacks.json', import.meta.url), 'utf8'),
);

/** What each example must read as: status, outcome, whole-rupiah amount, ISO UTC time, dedup key. */
const EXPECTED: Record<string, IDataObject> = {
	'disbursement success': {
		status: '000',
		outcome: 'success',
		isFinal: true,
		amount: 10000,
		occurredAt: '2023-12-11T05:07:00.000Z',
		dedupKey: 'disbursement:TRX-20231211-007:000',
		oyTrxId: 'd23ed68a-2a31-43a8-ac6f-15c0b45565c9',
	},
	'disbursement failed': {
		status: '300',
		outcome: 'failed',
		isFinal: true,
		amount: 10000,
		dedupKey: 'disbursement:TRX-20231211-007:300',
		details: expect.objectContaining({
			retryMayHelp: false,
			advice: 'Adjust the routing or the amount.',
		}),
	},
	'disbursement force credit (older docs)': {
		status: '000',
		outcome: 'success',
		amount: 125000,
		occurredAt: '2020-01-24T06:48:39.000Z',
		details: expect.objectContaining({ statusDescription: 'Force Credit' }),
	},
	'disbursement (product guide)': {
		status: '000',
		outcome: 'success',
		amount: 100000,
		partnerTrxId: 'Tx15048563JKFJ',
	},
	'VA payment': {
		status: 'SUCCESS',
		outcome: 'success',
		amount: 100000,
		settlementStatus: 'WAITING',
		occurredAt: '2020-01-31T01:01:01.000Z',
		dedupKey: 'vaPayment:12345-12345-12453-12455:SUCCESS:WAITING',
		partnerTrxId: 'TRX0002',
		details: expect.objectContaining({
			vaNumber: '1234567',
			settlementTime: '2020-02-01T15:00:00.000Z',
		}),
	},
	'VA payment (oldest docs, four fields)': {
		status: 'SUCCESS',
		outcome: 'success',
		amount: 100000,
		oyTrxId: null,
		transactionId: '1234567/100000',
	},
	'payment link': {
		status: 'COMPLETE',
		outcome: 'success',
		amount: 60000,
		settlementStatus: 'WAITING',
		// 2020-09-29T20:59:08 in UTC+7
		occurredAt: '2020-09-29T13:59:08.000Z',
		oyTrxId: '20097G1X2329',
		details: expect.objectContaining({
			paidAmount: 70000,
			isInvoice: false,
			settlementTime: '2020-09-30T08:00:00.000Z',
		}),
	},
	'API offline': {
		status: '000',
		outcome: 'success',
		amount: 100000,
		occurredAt: '2022-01-27T15:49:53.707Z',
		details: expect.objectContaining({
			adminFee: 4505,
			taxFee: 495,
			totalAmount: 105000,
			offlineChannel: 'INDOMARET',
		}),
	},
	'e-wallet payment (delayed settlement, first callback)': {
		status: 'COMPLETE',
		outcome: 'success',
		amount: 75000,
		settlementStatus: 'WAITING',
		partnerTrxId: null,
		dedupKey: 'eWalletPayment:789467agf238893894rfcw7978iu7g7e:COMPLETE:WAITING',
	},
	'e-wallet refund': {
		status: 'REFUNDED',
		outcome: 'success',
		amount: 10000,
		oyTrxId: 'REFUND123',
	},
	'WhatsApp delivery status': { status: 'read', outcome: 'success', isFinal: true, amount: null },
	'biller payment': {
		status: '000',
		outcome: 'success',
		amount: 835000,
		partnerTrxId: 'DEV123456789',
		details: expect.objectContaining({ adminFee: 2500, receiptCode: '123123123123' }),
	},
	'e-wallet account linking': {
		status: 'LINKED',
		outcome: 'success',
		transactionId: '789467agf238893894rfcw7978iu7g7e/dana_ewallet',
		details: expect.objectContaining({
			linkExpiresAt: '2020-02-01T15:00:00.000Z',
			channelCode: 'dana_ewallet',
		}),
	},
	'account statement ready (payload not documented: the sandbox shape, status answer plus id)': {
		status: '103',
		outcome: 'success',
		oyTrxId: 'stmt-1a2b3c',
		details: { statementId: 'stmt-1a2b3c', totalPages: 3, totalTransactions: 3000 },
	},
	'account statement ready (payload not documented: only an id)': {
		status: 'READY',
		outcome: 'success',
		oyTrxId: 'stmt-9z8y7x',
	},
};
for (const variant of ['payment link', 'VA', 'unique code', 'QRIS', 'e-wallet', 'cards']) {
	EXPECTED[`payment routing: ${variant}`] = {
		status: 'WAITING_PAYMENT',
		outcome: 'pending',
		isFinal: false,
		amount: 14000,
		dedupKey: 'paymentRouting:23a009f5-24ce-4567-96b3-03c42a0fb7ae:WAITING_PAYMENT',
		details: expect.objectContaining({
			expiresAt: '2021-12-02T11:59:31.000Z',
			payouts: [
				expect.objectContaining({
					amount: 10000,
					status: 'WAITING',
					disbursementTrxId: '35ff4e6b-e240-44b3-aff1-1151289e912e',
				}),
			],
		}),
	};
}

/** OY's docs as the team keeps them; absent elsewhere (CI), where this check is skipped. */
const DOCS_DIR = '/work/shared/oy-api-docs';

/** The JSON object in a doc's lines `from`-`to` (a curl's `-d '{…}'` included; trailing commas dropped). */
function docExample(file: string, from: number, to: number): unknown {
	const text = file
		.split('\n')
		.slice(from - 1, to)
		.join('\n');
	return JSON.parse(
		text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1).replace(/,(\s*[}\]])/g, '$1'),
	);
}

describe.skipIf(!existsSync(DOCS_DIR))('the fixture is what the docs say, line for line', () => {
	const docs = Object.fromEntries(
		readdirSync(DOCS_DIR).map((name) => [
			name.slice(0, 3),
			readFileSync(`${DOCS_DIR}/${name}`, 'utf8'),
		]),
	);
	it.each(
		FIXTURES.filter((fixture) => /^\d{3} L\d+-L\d+$/.test(fixture.docLines ?? '')).map(
			(fixture) => [`${fixture.name} (${fixture.source})`, fixture] as const,
		),
	)('%s', (_label, fixture) => {
		const [, file, from, to] = /^(\d{3}) L(\d+)-L(\d+)$/.exec(fixture.docLines!)!;
		// Key order too: the sandbox sends what the fixture holds.
		expect(JSON.stringify(fixture.body)).toBe(
			JSON.stringify(docExample(docs[file], Number(from), Number(to))),
		);
	});
});

let trigger: TriggerServer;
const figures = new Figures();

beforeAll(async () => {
	// OY's examples name transactions no OY! knows: these tests read them without asking OY!.
	trigger = await startTriggerServer({
		callbackToken: TOKEN,
		parameters: { confirmWithOy: 'off' },
	});
});
afterAll(async () => {
	figures.print(`OY! Trigger, every callback example of OY's docs (${FIXTURES.length}):`);
	await trigger.close();
});

describe("every callback example of OY's docs", () => {
	it('covers each of the 11 callbacks, and every example has an expectation', () => {
		expect(new Set(FIXTURES.map((fixture) => fixture.kind))).toEqual(
			new Set(CALLBACKS.map((callback) => callback.kind)),
		);
		expect(Object.keys(EXPECTED).sort()).toEqual(FIXTURES.map((fixture) => fixture.name).sort());
	});

	it.each(
		FIXTURES.filter((fixture) => fixture.kind !== 'accountStatement').map(
			(fixture) => [`${fixture.name} (${fixture.source})`, fixture] as const,
		),
	)(
		'%s carries the whole documented shape of its kind, and of no other kind',
		(_label, fixture) => {
			const matching = CALLBACKS.filter(
				(callback) => callback.shape && matchesShape(fixture.body, callback.shape),
			).map((callback) => callback.kind);
			expect(matching).toEqual([fixture.kind]);
		},
	);

	it.each(FIXTURES.map((fixture) => [`${fixture.name} (${fixture.source})`, fixture] as const))(
		'%s is accepted by the trigger and normalized',
		async (_label, fixture) => {
			expect(readCallback(fixture.body)?.definition.kind).toBe(fixture.kind);
			const before = trigger.executions.length;
			const answer = await post(`${trigger.url}?token=${TOKEN}`, fixture.body);
			figures.record(fixture.body, answer.status);
			expect(answer).toMatchObject({ status: 200, body: { received: true, kind: fixture.kind } });
			await trigger.settled();
			const [item] = trigger.executions[before].items;
			// Read without asking OY!: the claim is kept in confirmation, never emitted as an outcome.
			const { outcome, isFinal: _final, ...expected } = EXPECTED[fixture.name];
			expect(item).toMatchObject({
				kind: fixture.kind,
				...expected,
				outcome: 'unconfirmed',
				isFinal: false,
				body: fixture.body,
				confirmation: {
					state: expect.stringMatching(/^(notRequested|notAvailable)$/),
					claimedOutcome: outcome,
				},
			});
			expect(item.dedupKey).toBe(answer.body.dedupKey);
			expect(item.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
		},
	);

	it('the same example twice shares its dedup key and the second is marked a duplicate', async () => {
		const fixture = FIXTURES.find((entry) => entry.kind === 'billPayment')!;
		const first = await post(`${trigger.url}?token=${TOKEN}`, fixture.body);
		const second = await post(`${trigger.url}?token=${TOKEN}`, fixture.body);
		await trigger.settled();
		expect(second.body.dedupKey).toBe(first.body.dedupKey);
		expect(trigger.executions.at(-1)!.items[0]).toMatchObject({ isDuplicate: true });
	});
});
