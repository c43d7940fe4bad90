import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { RunningSandbox } from '../../sandbox/src/index.mjs';
import { docExamples } from '../sandbox/fixtures.mjs';
import { control, oy, startTestSandbox } from '../sandbox/helpers.mjs';
import { TOKEN } from './support/scenario.mjs';
import { post, startTriggerServer } from './support/triggerServer.mjs';
import type { TriggerServer } from './support/triggerServer.mjs';

/**
 * Issue 11, items 2 to 5, in n8n's engine against the sandbox's status APIs: OY's own e-wallet
 * example is never dropped, callbacks without an id get keys of their own, kinds are recognised by
 * their whole shape, nothing unconfirmed reads as success, and absurdly nested bodies are refused.
 */
interface DocCallback {
	name: string;
	source: string;
	kind: string;
	body: Record<string, any>;
}
const DOC: DocCallback[] = JSON.parse(
	readFileSync(new URL('./fixtures/doc-callbacks.json', import.meta.url), 'utf8'),
);
const doc = (name: string) => structuredClone(DOC.find((entry) => entry.name === name)!.body);

let sandbox: RunningSandbox;
const triggers: TriggerServer[] = [];

async function trigger(options: {
	typeVersion?: number;
	parameters?: INodeParameters;
	callbackToken?: string;
}) {
	const started = await startTriggerServer({
		typeVersion: options.typeVersion,
		callbackToken: options.callbackToken,
		parameters: options.parameters ?? {},
		credentials: {
			environment: 'custom',
			baseUrl: sandbox.url,
			username: sandbox.username,
			apiKey: sandbox.apiKey,
		},
	});
	triggers.push(started);
	return started;
}

/** POSTs a body and returns the answer with the items of the executions it started. */
async function call(target: TriggerServer, body: unknown, token: string | null = TOKEN) {
	const before = target.executions.length;
	const answer = await post(token === null ? target.url : `${target.url}?token=${token}`, body);
	await target.settled();
	return {
		...answer,
		items: target.executions.slice(before).flatMap((execution) => execution.items),
	};
}

/** A body nested `levels` deep: `{"a":{"a":…{}}}`. */
const nested = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;

beforeAll(async () => {
	sandbox = await startTestSandbox({ processingDelays: { 'e-wallet': 0 } });
});
afterAll(async () => {
	await Promise.all(triggers.map((started) => started.close()));
	await sandbox.close();
});

describe("item 2: OY's e-wallet callback example is never dropped as a forgery", () => {
	it('under the defaults it starts the workflow, unconfirmed, saying why OY! could not be asked', async () => {
		const defaults = await trigger({ typeVersion: 2, callbackToken: TOKEN });
		const answer = await call(
			defaults,
			doc('e-wallet payment (delayed settlement, first callback)'),
		);
		expect(answer.status).toBe(200);
		expect(answer.items).toHaveLength(1);
		expect(answer.items[0]).toMatchObject({
			kind: 'eWalletPayment',
			outcome: 'unconfirmed',
			isFinal: false,
			amount: 75000,
			confirmation: {
				state: 'unconfirmable',
				claimedOutcome: 'success',
				reason: expect.stringContaining('partner_trx_id'),
			},
		});
	});

	it('the same under version 1 defaults (money events confirmed), and a refusal only when the user chose it: 422, not 403', async () => {
		const legacy = await trigger({ typeVersion: 1 });
		expect(
			await call(legacy, doc('e-wallet payment (delayed settlement, first callback)'), null),
		).toMatchObject({
			status: 200,
			items: [{ outcome: 'unconfirmed', confirmation: { state: 'unconfirmable' } }],
		});
		const strict = await trigger({
			typeVersion: 2,
			callbackToken: TOKEN,
			parameters: { unconfirmable: 'refuse' },
		});
		expect(
			await call(strict, doc('e-wallet payment (delayed settlement, first callback)')),
		).toMatchObject({
			status: 422,
			items: [],
			body: { received: false, error: 'OY! cannot be asked about this callback' },
		});
	});

	it('a callback that carries partner_trx_id (the table of OY API docs: API E-Wallet Aggregator › E-Wallet Transaction Callback) is still confirmed, and refused when OY! disagrees', async () => {
		const defaults = await trigger({ typeVersion: 2, callbackToken: TOKEN });
		await oy(sandbox, 'POST', '/api/e-wallet-aggregator/create-transaction', {
			...docExamples('e-wallet')['create-transaction'].request,
			ewallet_code: 'dana_ewallet',
			partner_trx_id: 'TRUTH-EW1',
		});
		const claim = {
			...doc('e-wallet payment (delayed settlement, first callback)'),
			partner_trx_id: 'TRUTH-EW1',
		};
		// OY! still waits for the payment: a paid claim is refused as not confirmed.
		expect(await call(defaults, claim)).toMatchObject({ status: 403, items: [] });
		await control(sandbox, 'POST', '/e-wallet/transactions/TRUTH-EW1/complete', {});
		const state = (
			await oy(sandbox, 'POST', '/api/e-wallet-aggregator/check-status', {
				partner_trx_id: 'TRUTH-EW1',
			})
		).body;
		const paid = await call(defaults, { ...claim, trx_id: state.trx_id });
		expect(paid).toMatchObject({
			status: 200,
			items: [{ outcome: 'success', isFinal: true, confirmation: { state: 'confirmed' } }],
		});
	});
});

describe('item 3: callbacks without an id get dedup keys of their own', () => {
	it('two different account-statement callbacks without an id are two pieces of news; the same one twice is a duplicate', async () => {
		const legacy = await trigger({ typeVersion: 1 });
		const first = {
			total_transactions: 12,
			total_pages: 1,
			status: { code: '000', message: 'Success' },
		};
		const second = {
			total_transactions: 1500,
			total_pages: 2,
			status: { code: '000', message: 'Success' },
		};
		const a = await call(legacy, first, null);
		const b = await call(legacy, second, null);
		expect(a.items[0]).toMatchObject({ kind: 'accountStatement', isDuplicate: false });
		expect(b.items[0]).toMatchObject({ kind: 'accountStatement', isDuplicate: false });
		expect(b.items[0].dedupKey).not.toBe(a.items[0].dedupKey);
		expect(String(a.items[0].dedupKey)).not.toContain('unknown');
		// The same callback again, its keys in another order: the same key, a duplicate.
		const again = await call(
			legacy,
			{ status: first.status, total_pages: 1, total_transactions: 12 },
			null,
		);
		expect(again.items[0]).toMatchObject({ dedupKey: a.items[0].dedupKey, isDuplicate: true });
	});

	it('a second linking of the same e-wallet (a new expiry) is not a duplicate of the first', async () => {
		const legacy = await trigger({ typeVersion: 1 });
		const linking = doc('e-wallet account linking');
		const first = await call(legacy, linking, null);
		const relinked = await call(
			legacy,
			{ ...linking, expiration_time: '01/03/2020T15:00:00.000+0000' },
			null,
		);
		expect(relinked.items[0].dedupKey).not.toBe(first.items[0].dedupKey);
		expect(relinked.items[0].isDuplicate).toBe(false);
	});
});

describe('item 4: kinds by their whole shape, nothing unconfirmed reads as success, safe defaults', () => {
	it('a disbursement body with message_id and whatsapp_number added is still a disbursement, and confirmed with OY! (refused: no such payout)', async () => {
		const legacy = await trigger({ typeVersion: 1 });
		const answer = await call(
			legacy,
			{ ...doc('disbursement success'), message_id: 'msg-1', whatsapp_number: '62123123123' },
			null,
		);
		expect(answer).toMatchObject({
			status: 403,
			items: [],
			body: { error: 'Not confirmed by OY!' },
		});
	});

	it('a body that carries the whole shape of two kinds OY! can confirm is refused (422)', async () => {
		const legacy = await trigger({ typeVersion: 1 });
		const both = { ...doc('API offline'), ...doc('disbursement success') };
		expect(await call(legacy, both, null)).toMatchObject({ status: 422, items: [] });
	});

	it('with no token and no allow-list (version 1 defaults), forged WhatsApp, linking and statement callbacks never read as success', async () => {
		const legacy = await trigger({ typeVersion: 1 });
		const forged = [
			{
				partner_tx_id: 'FORGED-WA',
				whatsapp_number: '62123123123',
				message_id: 'forged-msg-1',
				status: 'read',
			},
			{ ...doc('e-wallet account linking'), partner_user_id: 'forged-user' },
			{
				account_statement_id: 'forged-statement',
				total_transactions: 1,
				total_pages: 1,
				status: { code: '000', message: 'Success' },
			},
		];
		for (const body of forged) {
			const answer = await call(legacy, body, null);
			expect(answer.status).toBe(200);
			const [item] = answer.items;
			expect(item.outcome).toBe('unconfirmed');
			expect(item.isFinal).toBe(false);
			expect(item.confirmation).toMatchObject({
				state: expect.stringMatching(/^(notAvailable|notRequested)$/),
				claimedOutcome: 'success',
			});
		}
	});

	it('version 2 defaults: no token, 401; with the token, forged linking and statement callbacks are asked of OY! and refused', async () => {
		const defaults = await trigger({ typeVersion: 2, callbackToken: TOKEN });
		const whatsapp = {
			partner_tx_id: 'FORGED-WA',
			whatsapp_number: '62123123123',
			message_id: 'forged-msg-2',
			status: 'read',
		};
		expect(await call(defaults, whatsapp, null)).toMatchObject({ status: 401, items: [] });
		expect(
			await call(defaults, { ...doc('e-wallet account linking'), partner_user_id: 'forged-user' }),
		).toMatchObject({ status: 403, items: [] });
		const statement = {
			account_statement_id: 'forged-statement',
			total_transactions: 1,
			total_pages: 1,
			status: { code: '000', message: 'Success' },
		};
		expect(await call(defaults, statement)).toMatchObject({ status: 403, items: [] });
		// WhatsApp has no status API: it passes with the token, and never as success.
		expect(await call(defaults, whatsapp)).toMatchObject({
			status: 200,
			items: [
				{
					status: 'read',
					outcome: 'unconfirmed',
					isFinal: false,
					confirmation: { state: 'notAvailable', claimedOutcome: 'success' },
				},
			],
		});
	});

	it('a version 2 node without a token credential cannot be published; a saved version 1 node without the parameter still can', async () => {
		const defaults = await trigger({ typeVersion: 2 });
		await expect(defaults.lifecycle('create')).rejects.toThrow(/Callback Token|oyCallbackTokenApi/);
		const legacy = await trigger({ typeVersion: 1 });
		await expect(legacy.lifecycle('create')).resolves.toBe(true);
	});
});

describe('item 5: bodies nested deeper than any OY! callback are refused before they are read', () => {
	it('10,000 levels in under 64 KB: 400, no execution', async () => {
		const legacy = await trigger({ typeVersion: 1 });
		// A WhatsApp status (no status API can refute it) with one field nested 10,000 deep.
		const whatsapp = JSON.stringify({
			partner_tx_id: 'DEEP',
			whatsapp_number: '62123123123',
			message_id: 'deep-0',
			status: 'sent',
		});
		const body = whatsapp.replace(/}$/, `,"extra":${nested(10_000)}}`);
		expect(body.length).toBeLessThan(64 * 1024);
		const answer = await call(legacy, body, null);
		expect(answer).toMatchObject({
			status: 400,
			items: [],
			body: { error: 'Body is nested deeper than any OY! callback' },
		});
	});

	it('brackets inside strings do not count; a callback nested just past the limit is refused', async () => {
		const legacy = await trigger({ typeVersion: 1 });
		const whatsapp = {
			partner_tx_id: '[[[[{{{{[[[[{{{{"',
			whatsapp_number: '62123123123',
			message_id: 'deep-1',
			status: 'sent',
		};
		expect((await call(legacy, whatsapp, null)).status).toBe(200);
		const deep = { ...whatsapp, message_id: 'deep-2', extra: JSON.parse(nested(8)) as IDataObject };
		expect((await call(legacy, deep, null)).status).toBe(400);
	});
});
