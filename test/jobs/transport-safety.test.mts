import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Mailer } from '../../jobs/src/mail/notifier.mjs';
import { connectOy } from '../../jobs/src/oy/connect.mjs';
import { startScriptedServer } from '../support/scriptedServer.mjs';
import { startSmtp } from './support/smtp.mjs';
import { startWorld } from './support/world.mjs';
import type { World } from './support/world.mjs';

/** Where the jobs' secrets go: the API key never follows a redirect, the SMTP password never goes without TLS. */
describe('jobs: the API key and the SMTP password', () => {
	let world: World;
	let elsewhere: Awaited<ReturnType<typeof startScriptedServer>>;
	beforeAll(async () => {
		world = await startWorld();
		elsewhere = await startScriptedServer(() => ({
			json: { status: { code: '000', message: 'Success' }, balance: 1 },
		}));
	});
	afterAll(async () => {
		await elsewhere.close();
		await world.close();
	});
	afterEach(async () => {
		await world.control('POST', '/reset');
		elsewhere.received.length = 0;
	});

	it.each([307, 302, 301, 308])(
		'a create answered with HTTP %i is not followed: the key never reaches the other server',
		async (status) => {
			await world.control('POST', '/faults', {
				kind: 'redirect',
				http_status: status,
				location: elsewhere.url,
			});
			const connection = await connectOy(world.config());
			try {
				const result = await connection.client.call('disbursement.create', {
					partner_trx_id: `JOB-REDIRECT-${status}`,
					recipient_bank: '014',
					recipient_account: '1234567890',
					amount: 100_000,
				});
				expect(result.outcome).toBe('unknown');
				expect(result.trail[0].meaning).toBe(
					`OY! answered with a redirect (HTTP ${status}) to ${elsewhere.url}/api/remit; not followed`,
				);
				expect(elsewhere.received).toHaveLength(0);
			} finally {
				connection.send.close();
			}
		},
	);

	it('a run prints the warnings of its config at start and repeats them in its summary', async () => {
		world.configure({ 'balance-alert': { threshold: 1 } });
		const run = await world.run('balance-alert');
		expect(run.lines).toContain(
			'!! WARNING: jobs.balance-alert.to names no recipients: a low balance would be noticed by nobody',
		);
		expect(run.summary.notes).toContain(
			'WARNING: jobs.balance-alert.to names no recipients: a low balance would be noticed by nobody',
		);
	});

	it('with requireTLS, a server that offers no STARTTLS never gets the login: nothing is sent', async () => {
		const smtp = await startSmtp({ user: 'jobs', password: 'smtp-pass-4f3e' });
		const mailer = new Mailer({
			from: 'OY! jobs <jobs@example.co.id>',
			outbox: '/nonexistent',
			smtp: {
				host: '127.0.0.1',
				port: smtp.port,
				secure: false,
				requireTLS: true,
				user: 'jobs',
				password: 'smtp-pass-4f3e',
			},
		});
		try {
			await expect(
				mailer.send({ key: 'tls-test', to: ['finance@example.co.id'], subject: 'x', text: 'y' }),
			).rejects.toThrow(/STARTTLS|TLS/);
			expect(smtp.logins).toEqual([]);
			expect(smtp.received).toEqual([]);
		} finally {
			mailer.close();
			await smtp.close();
		}
	});
});
