import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OyClient } from '../../lib/client.js';
import { httpSend } from '../support/httpSend.mjs';
import { readWorkbook, records, startWorld } from './support/world.mjs';
import type { World } from './support/world.mjs';

interface SandboxVa {
	id: string;
	va_number: string;
	va_status: string;
	partner_user_id: string;
}

/**
 * Job 2 against the sandbox: VAs created through OY's API, then two hours pass on the sandbox
 * clock. Static VAs whose transaction window ended are deactivated with Update VA; lifetime and
 * customized ones are kept unless the policy says otherwise, and then a customized VA is ended
 * with its own DELETE endpoint.
 */
describe('va-sweep: expired and expiring virtual accounts', () => {
	let world: World;
	const ids: Record<string, string> = {};
	const vas = async () =>
		(
			(await world.control('GET', '/state?product=virtual-account')) as {
				virtual_accounts: SandboxVa[];
			}
		).virtual_accounts;
	const statusOf = async (name: string) =>
		(await vas()).find((va) => va.id === ids[name])?.va_status;

	beforeAll(async () => {
		world = await startWorld();
		const client = new OyClient({
			send: httpSend(world.sandbox.url, {
				username: world.sandbox.username,
				apiKey: world.sandbox.apiKey,
			}),
			sleep: async () => undefined,
		});
		const create = async (name: string, operation: string, input: Record<string, unknown>) => {
			const result = await client.callOrThrow(operation, input);
			ids[name] = (result.body as { id: string }).id;
			return result.body as { va_number: string };
		};
		const bca = { bank_code: '014', is_open: true };
		await create('windowEnded', 'virtualAccount.create', {
			...bca,
			partner_user_id: 'window-ended',
			expiration_time: 1_440,
			trx_expiration_time: 60,
		});
		await create('lifetime', 'virtualAccount.create', {
			...bca,
			partner_user_id: 'lifetime',
			is_lifetime: true,
			trx_expiration_time: 60,
		});
		await create('customized', 'virtualAccount.createCustomized', {
			bank_code: '002',
			partner_user_id: 'customized',
			va_suffix: '081234567890',
			trx_expiration_time: 60,
		});
		await create('expiringSoon', 'virtualAccount.create', {
			...bca,
			partner_user_id: 'expiring-soon',
			expiration_time: 1_440,
		});
		await create('healthy', 'virtualAccount.create', {
			...bca,
			partner_user_id: 'healthy',
			expiration_time: 14_400,
		});
		await create('expired', 'virtualAccount.create', {
			...bca,
			partner_user_id: 'expired',
			expiration_time: 60,
		});
		const paid = await create('paid', 'virtualAccount.create', {
			bank_code: '014',
			partner_user_id: 'paid',
			is_open: false,
			amount: 50_000,
			is_single_use: true,
		});
		await world.control('POST', '/virtual-account/payments', { va_number: paid.va_number });
		world.sandbox.control.advanceTime(2 * 3_600_000);
		world.configure({ 'va-sweep': { notify: ['ops@example.co.id'], expiringWithinHours: 72 } });
	});
	afterAll(async () => world.close());

	it('finds the expired and the expiring VAs in a dry run and changes none', async () => {
		const before = await vas();
		const run = await world.run('va-sweep', { dryRun: true });
		expect(run.status).toBe('ok');
		expect(run.summary.counts).toMatchObject({
			scanned: 7,
			expired: 3,
			expiring: 1,
			'would deactivate': 1,
			'keep: lifetime VA, re-arm it': 2,
		});
		expect(await vas()).toEqual(before);
		expect(world.smtp.received).toHaveLength(0);
		expect(await world.ledger((ledger) => ledger.events())).toHaveLength(0);
	});

	it('keeps VAs inside the grace period', async () => {
		world.configure({ 'va-sweep': { notify: ['ops@example.co.id'], graceHours: 3 } });
		const run = await world.run('va-sweep');
		expect(run.summary.counts['keep: within the grace period']).toBe(1);
		expect(run.summary.counts.deactivated).toBeUndefined();
		expect(await statusOf('windowEnded')).toBe('STATIC_TRX_EXPIRED');
	});

	it('deactivates the static VA whose window ended, keeps lifetime and customized ones, and reports', async () => {
		world.configure({ 'va-sweep': { notify: ['ops@example.co.id'] } });
		const run = await world.run('va-sweep');
		expect(run.status).toBe('ok');
		expect(run.summary.counts.deactivated).toBe(1);
		expect(await statusOf('windowEnded')).toBe('EXPIRED');
		expect(await statusOf('lifetime')).toBe('STATIC_TRX_EXPIRED');
		expect(await statusOf('customized')).toBe('STATIC_TRX_EXPIRED');
		expect(await statusOf('healthy')).toBe('WAITING_PAYMENT');

		const mail = world.smtp.received.at(-1)!;
		expect(mail.recipients).toEqual(['ops@example.co.id']);
		expect(mail.subject).toMatch(/^OY! VA sweep \d{4}-\d{2}-\d{2}: 3 expired, 1 expiring$/);
		const rows = records((await readWorkbook(mail.attachments[0].content)).VAs);
		const byUser = Object.fromEntries(rows.map((row) => [row['Partner user ID'], row]));
		expect(Object.keys(byUser).sort()).toEqual([
			'customized',
			'expiring-soon',
			'lifetime',
			'window-ended',
		]);
		expect(byUser['window-ended']).toMatchObject({
			Finding: 'expired: the transaction window ended',
			Action: 'deactivated',
			Kind: 'static',
		});
		expect(byUser.lifetime).toMatchObject({ Action: 'keep: lifetime VA, re-arm it' });
		expect(byUser['expiring-soon'].Finding).toMatch(/^expiring: VA ends /);
		expect(byUser['expiring-soon']['VA expires (UTC)']).toBeInstanceOf(Date);
	});

	it('deactivates lifetime and customized VAs when keepLifetime is false, each through its own endpoint', async () => {
		world.configure({ 'va-sweep': { notify: ['ops@example.co.id'], keepLifetime: false } });
		const run = await world.run('va-sweep');
		expect(run.summary.counts.deactivated).toBe(2);
		expect(await statusOf('lifetime')).toBe('EXPIRED');
		expect(await statusOf('customized')).toBe('EXPIRED');
		const kinds = await world.ledger(async (ledger) => ({
			lifetime: (await ledger.find('va-sweep', `deactivate:${ids.lifetime}`))?.detail.kind,
			customized: (await ledger.find('va-sweep', `deactivate:${ids.customized}`))?.detail.kind,
		}));
		expect(kinds).toEqual({ lifetime: 'static', customized: 'customized' });

		const again = await world.run('va-sweep');
		expect(again.summary.counts.expired).toBeUndefined();
		expect(again.summary.counts.deactivated).toBeUndefined();
	});
});
