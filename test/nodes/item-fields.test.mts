import { describe, expect, it } from 'vitest';
import { outputOf, useOyHarness } from './harness.mjs';

/**
 * `={{ $json.field }}` is read straight from the item (no expression engine per item): what OY!
 * receives and what the node answers must be exactly what n8n's expression engine gives. The same
 * fields written `={{ $json["field"] }}` always go through n8n's engine: the two runs must agree.
 */
const oy = useOyHarness({ processingDelays: { disbursement: 60_000 } });

const payout = (fields: (name: string) => string) => ({
	resource: 'disbursement',
	operation: 'create',
	partnerTrxId: fields('id'),
	recipientBank: '014',
	recipientAccount: fields('account'),
	amount: fields('amount'),
	additionalFields: { note: fields('note') },
});
const direct = payout((name) => `={{ $json.${name} }}`);
const throughN8n = payout((name) => `={{ $json["${name}"] }}`);

const input = (prefix: string) => [
	{ id: `${prefix}-1`, account: '1234567890', amount: 150000, note: 'rent' },
	{ id: `${prefix}-2`, account: '0987654321', amount: '20000', note: 'one two' },
	// a field that is not a string or a number goes through n8n either way
	{ id: `${prefix}-3`, account: '1234567890', amount: 30000, note: { not: 'a string' } },
	{ id: `${prefix}-4`, account: '1234567890', note: 'no amount' },
	{ id: `${prefix}-5`, account: '12-34', amount: 40000, note: 'bad account' },
];

/** What OY! received and what each item came to, with the run's own prefix taken out. */
async function runWith(parameters: typeof direct, prefix: string) {
	await oy.control('POST', '/reset');
	const run = await oy.run(parameters, { input: input(prefix), continueOnFail: true });
	const text = (value: unknown) => JSON.stringify(value).replaceAll(prefix, 'ID');
	return {
		bodies: text(run.requests.map((request) => request.body)),
		items: outputOf(run).map((item) =>
			text({
				outcome: (item.oy as { outcome?: string } | undefined)?.outcome ?? item.outcome,
				error: item.error ?? null,
				partner_trx_id: item.partner_trx_id,
				amount: item.amount ?? null,
				note: item.note ?? null,
			}),
		),
	};
}

describe('parameters that are one field of the item', () => {
	it('send and answer exactly what n8n expressions give, item by item', async () => {
		const fast = await runWith(direct, 'FAST');
		const slow = await runWith(throughN8n, 'SLOW');
		expect(fast).toEqual(slow);
		// the run did what it says: two payouts sent, three refused before sending
		expect(fast.items.map((item) => JSON.parse(item).outcome)).toEqual([
			'pending',
			'pending',
			'rejected',
			'rejected',
			'rejected',
		]);
		expect(JSON.parse(fast.bodies)).toHaveLength(3);
	});
});
