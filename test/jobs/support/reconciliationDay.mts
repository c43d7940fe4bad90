import path from 'node:path';
import { SqliteLedger } from '../../../jobs/src/ledger/sqliteLedger.mjs';
import type { RunningSandbox } from '../../../sandbox/src/index.mjs';
import { docExamples } from '../../sandbox/fixtures.mjs';
import { control as sandboxControl } from '../../sandbox/helpers.mjs';
import { jakartaDay } from './days.mjs';

/** Epoch ms of `HH:mm` on a Jakarta day (UTC+7, no daylight saving). */
export const wib = (day: string, time: string) => Date.parse(`${day}T${time}:00+07:00`);

export const linkRequest = docExamples('payment-checkout')['create-payment-link'].request as Record<
	string,
	unknown
>;
export const ewalletRequest = docExamples('e-wallet')['create-transaction'].request as Record<
	string,
	unknown
>;

/** A lifetime VA at BRI under our partner_trx_id, as the reconciliation tests seed them. */
export const seededVa = (partnerTrxId: string, extra: Record<string, unknown>) => ({
	partner_user_id: `user-${partnerTrxId}`,
	bank_code: '002',
	is_lifetime: true,
	partner_trx_id: partnerTrxId,
	...extra,
});

/** What the reconciliation tests do to a sandbox: call OY's API, move its clock, pay a VA. */
export function sandboxDay(sandbox: RunningSandbox) {
	const control = (method: string, pathname: string, body?: unknown) =>
		sandboxControl(sandbox, method, pathname, body);
	const oy = async (method: string, apiPath: string, body?: unknown) => {
		const response = await fetch(`${sandbox.url}${apiPath}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'x-oy-username': sandbox.username,
				'x-api-key': sandbox.apiKey,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return response.json();
	};
	return {
		control,
		advanceTo: (at: number) => sandbox.control.advanceTime(at - sandbox.control.clock.now()),
		oy,
		/** The day's link and e-wallet payment both reconciliation tests list: LINK1 paid, EW1 completed. */
		async payLinkAndWallet() {
			const link = (await oy('POST', '/api/payment-checkout/create-v2', {
				...linkRequest,
				partner_tx_id: 'LINK1',
				amount: 200_000,
				expiration: undefined,
				child_balance: undefined,
			})) as { status?: unknown };
			if (link.status !== true) throw new Error(`LINK1 not created: ${JSON.stringify(link)}`);
			await control('POST', '/payment-checkout/links/LINK1/pay', {});
			const wallet = (await oy('POST', '/api/e-wallet-aggregator/create-transaction', {
				...ewalletRequest,
				partner_trx_id: 'EW1',
				amount: 60_000,
			})) as { status?: { code?: unknown } };
			if (wallet.status?.code !== '000')
				throw new Error(`EW1 not created: ${JSON.stringify(wallet)}`);
			await control('POST', '/e-wallet/transactions/EW1/complete', {});
		},
		async payVa(partnerTrxId: string, amount: number, at: number) {
			const { virtual_accounts: vas } = (await control(
				'GET',
				'/state?product=virtual-account',
			)) as {
				virtual_accounts: Array<{ va_number: string; partner_trx_id?: string }>;
			};
			return control('POST', '/virtual-account/payments', {
				va_number: vas.find((va) => va.partner_trx_id === partnerTrxId)!.va_number,
				amount,
				paid_at: new Date(at).toISOString(),
			});
		},
	};
}

/** The day's payouts both reconciliation tests seed: matched, another amount, failed, stuck, recent. */
const payoutsOfTheDay = (day: string) => [
	{ partner_trx_id: 'PAY-OK', amount: 1_000_000, created: wib(day, '09:00'), code: '000' },
	{ partner_trx_id: 'PAY-AMOUNT', amount: 550_000, created: wib(day, '09:05'), code: '000' },
	{
		partner_trx_id: 'PAY-FAILED',
		amount: 300_000,
		created: wib(day, '09:10'),
		code: '300',
		tx_status_description: 'Account is blocked',
	},
	{ partner_trx_id: 'PAY-STUCK', amount: 200_000, created: wib(day, '08:00'), code: '301' },
	{ partner_trx_id: 'PAY-RECENT', amount: 250_000, created: wib(day, '20:00'), code: '301' },
];

/**
 * What both reconciliation tests seed before `day` (tomorrow in Jakarta at the start): three VAs
 * (two closed ones paid once around midnight, an open walk-in one), today's inquiry invoice for the
 * inquiry-invoices job to pay, and the day's payouts.
 */
export function seedTheDay(sandbox: RunningSandbox, day: string): void {
	sandbox.control.seed({
		'virtual-account': [
			seededVa('VA-LATE', { is_open: false, amount: 150_000 }),
			seededVa('VA-AFTER-MIDNIGHT', { is_open: false, amount: 175_000 }),
			seededVa('VA-WALK-IN', { is_open: true }),
		],
		'account-inquiry': [
			{ invoice_id: 'INV-PAID', tx_date: jakartaDay(sandbox, 0), total_inquiry: 40 },
		],
		disbursement: payoutsOfTheDay(day),
	});
}

/** A payment oy-jobs' ledger (in `dir`) says the inquiry-invoices job made at 09:30 on `day`, that OY! has never seen. */
export async function recordGhostPayment(dir: string, day: string): Promise<void> {
	const ledger = new SqliteLedger(path.join(dir, 'ledger.sqlite'), () => wib(day, '09:30'));
	try {
		await ledger.claim('inquiry-invoices', 'pay:INV-GHOST', 'run-old', { amount: 7_000 });
		await ledger.settle('inquiry-invoices', 'pay:INV-GHOST', 'run-old', 'done');
	} finally {
		ledger.close();
	}
}
