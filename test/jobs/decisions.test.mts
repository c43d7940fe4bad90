import { describe, expect, it } from 'vitest';
import {
	agingBucket,
	calendarDay,
	optedOut,
	planReminder,
	readArInvoice,
} from '../../lib/jobs/arReminders.js';
import type { ArInvoice } from '../../lib/jobs/arReminders.js';
import { alertStreak, readingOf } from '../../lib/jobs/balanceAlert.js';
import { payableOrder, readInquiryInvoice } from '../../lib/jobs/inquiryInvoices.js';
import {
	CLASSES,
	NEEDS_A_PERSON,
	classify,
	dayBounds,
	isDay,
	stateOf,
} from '../../lib/jobs/reconciliation.js';
import { renderTemplate, unknownPlaceholders } from '../../lib/jobs/template.js';
import {
	addDays,
	dayIn,
	daysBetween,
	inQuietHours,
	isTimeZone,
	parseHhMm,
} from '../../lib/jobs/time.js';
import { decide, findingFor, readVa } from '../../lib/jobs/vaSweep.js';
import type { SweptVa, VaSweepOptions } from '../../lib/jobs/vaSweep.js';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-23T05:00:00Z'); // 12:00 in Jakarta

describe("time in the jobs' zone", () => {
	it('reads the calendar day and the wall clock in Jakarta, not in UTC', () => {
		expect(dayIn(Date.parse('2026-11-23T16:59:59Z'), 'Asia/Jakarta')).toBe('2026-11-23');
		expect(dayIn(Date.parse('2026-11-23T17:00:00Z'), 'Asia/Jakarta')).toBe('2026-11-24');
		expect(dayIn(Date.parse('2026-11-23T17:00:00Z'), 'UTC')).toBe('2026-11-23');
		expect(daysBetween('2026-11-28', '2026-12-03')).toBe(5);
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(isTimeZone('Asia/Makassar')).toBe(true);
		expect(isTimeZone('Asia/Bogus')).toBe(false);
	});

	it('knows quiet hours that run over midnight', () => {
		const at = (hhmm: string) => Date.parse(`2026-11-23T${hhmm}:00+07:00`);
		const quiet = { start: '21:00', end: '08:00' };
		expect(inQuietHours(at('20:59'), quiet, 'Asia/Jakarta')).toBe(false);
		expect(inQuietHours(at('21:00'), quiet, 'Asia/Jakarta')).toBe(true);
		expect(inQuietHours(at('03:30'), quiet, 'Asia/Jakarta')).toBe(true);
		expect(inQuietHours(at('08:00'), quiet, 'Asia/Jakarta')).toBe(false);
		expect(inQuietHours(at('13:00'), { start: '12:00', end: '14:00' }, 'Asia/Jakarta')).toBe(true);
		expect(inQuietHours(at('13:00'), undefined, 'Asia/Jakarta')).toBe(false);
		expect(parseHhMm('24:00')).toBeUndefined();
		expect(parseHhMm('7:00')).toBeUndefined();
	});
});

describe('inquiry invoices: what to pay', () => {
	it('pays UNPAID invoices only, oldest inquiry day first', () => {
		const invoices = [
			{
				invoice_id: 'b',
				tx_date: '2026-11-20',
				amount: '3000.0000',
				total_inquiry: 3,
				invoice_status: 'UNPAID',
				due_at: '2026-11-21T16:59:59',
			},
			{
				invoice_id: 'a',
				tx_date: '2026-11-18',
				amount: 5000,
				total_inquiry: 5,
				invoice_status: 'unpaid',
				due_at: '2026-11-19T16:59:59',
			},
			{
				invoice_id: 'c',
				tx_date: '2026-11-17',
				amount: 1000,
				total_inquiry: 1,
				invoice_status: 'PAID',
			},
			{
				invoice_id: 'd',
				tx_date: '2026-11-23',
				amount: 1000,
				total_inquiry: 1,
				invoice_status: 'INITIATED',
			},
		].map(readInquiryInvoice);
		expect(invoices[0]).toEqual({
			invoiceId: 'b',
			txDate: '2026-11-20',
			amount: 3000,
			totalInquiry: 3,
			dueAt: '2026-11-21T16:59:59.000Z',
			status: 'UNPAID',
		});
		expect(payableOrder(invoices).map((invoice) => invoice.invoiceId)).toEqual(['a', 'b']);
	});
});

describe('VA sweep: what is expired, expiring, and what the policy does', () => {
	const va = (fields: Partial<SweptVa>): SweptVa => ({
		id: 'va',
		vaNumber: '1',
		bankCode: '014',
		partnerUserId: 'u',
		partnerTrxId: '',
		status: 'WAITING_PAYMENT',
		amount: 0,
		...fields,
	});
	const policy: VaSweepOptions = {
		expiringWithinHours: 72,
		deactivate: 'expired',
		keepLifetime: true,
		graceHours: 0,
		notify: [],
	};
	const window = 72 * HOUR;

	it("reads OY's epoch expiries, with -1 as never", () => {
		const read = readVa({
			id: 'x',
			va_status: 'WAITING_PAYMENT',
			expiration_time: -1,
			trx_expiration_time: NOW,
			amount: 10000.0,
			trx_counter: -1,
		});
		expect(read.expiresAt).toBeUndefined();
		expect(read.trxExpiresAt).toBe(NOW);
	});

	it('sees a VA past its expiry that OY! still shows waiting as expired', () => {
		expect(findingFor(va({ expiresAt: NOW - HOUR }), NOW, window)).toEqual({
			kind: 'expired',
			reason: 'the VA expiry passed',
			since: NOW - HOUR,
		});
	});

	it('tells an ended transaction window from a used-up payment counter', () => {
		expect(
			findingFor(
				va({ status: 'STATIC_TRX_EXPIRED', expiresAt: NOW + 10 * HOUR, trxExpiresAt: NOW - HOUR }),
				NOW,
				window,
			),
		).toMatchObject({
			reason: 'the transaction window ended',
		});
		expect(
			findingFor(
				va({ status: 'STATIC_TRX_EXPIRED', trxCounter: 0, expiresAt: NOW + 10 * HOUR }),
				NOW,
				window,
			),
		).toMatchObject({
			reason: 'the payment counter is used up',
		});
	});

	it('reports VAs and windows ending within the window, and ignores closed ones', () => {
		expect(findingFor(va({ expiresAt: NOW + 24 * HOUR }), NOW, window)).toEqual({
			kind: 'expiring',
			what: 'VA',
			at: NOW + 24 * HOUR,
		});
		expect(findingFor(va({ trxExpiresAt: NOW + HOUR }), NOW, window)).toMatchObject({
			kind: 'expiring',
			what: 'transaction window',
		});
		expect(findingFor(va({ expiresAt: NOW + 100 * HOUR }), NOW, window)).toEqual({
			kind: 'active',
		});
		expect(findingFor(va({ status: 'EXPIRED', expiresAt: NOW - HOUR }), NOW, window)).toEqual({
			kind: 'closed',
		});
		expect(findingFor(va({ status: 'COMPLETE' }), NOW, window)).toEqual({ kind: 'closed' });
	});

	it('deactivates per policy: lifetime VAs are re-armed, the grace period waits, "none" only reports', () => {
		const windowEnded = va({
			status: 'STATIC_TRX_EXPIRED',
			expiresAt: NOW + 10 * HOUR,
			trxExpiresAt: NOW - HOUR,
		});
		const lifetime = va({ status: 'STATIC_TRX_EXPIRED', trxExpiresAt: NOW - HOUR });
		const finding = (subject: SweptVa) =>
			findingFor(subject, NOW, window) as Extract<
				ReturnType<typeof findingFor>,
				{ kind: 'expired' }
			>;
		expect(decide(windowEnded, finding(windowEnded), NOW, policy)).toBe('deactivate');
		expect(decide(lifetime, finding(lifetime), NOW, policy)).toBe('keep: lifetime VA, re-arm it');
		expect(decide(lifetime, finding(lifetime), NOW, { ...policy, keepLifetime: false })).toBe(
			'deactivate',
		);
		expect(decide(windowEnded, finding(windowEnded), NOW, { ...policy, graceHours: 2 })).toBe(
			'keep: within the grace period',
		);
		expect(decide(windowEnded, finding(windowEnded), NOW, { ...policy, deactivate: 'none' })).toBe(
			'keep: policy is report only',
		);
	});
});

describe('AR reminders: which step is due', () => {
	const invoice = (fields: Partial<ArInvoice>): ArInvoice => ({
		id: 'inv',
		number: 'INV/1',
		customerId: 'cust',
		customerName: 'PT A',
		customerEmails: ['ap@a.co.id'],
		status: 'OVERDUE',
		billed: 100_000,
		received: 0,
		outstanding: 100_000,
		invoiceDate: '2026-10-01',
		dueDate: '2026-11-13',
		paymentUrl: 'https://pay',
		...fields,
	});
	const options = { steps: [1, 3, 7, 14], optOut: [], customers: {} };

	it('reads a listed invoice: epoch due dates are Jakarta calendar days', () => {
		const read = readArInvoice({
			id: 'x',
			status: 'OVERDUE',
			due_date: Date.parse('2026-11-12T17:00:00Z'),
			invoice_date: '2026-10-01',
			amount_billed: 150000,
			amount_received: 50000,
			customer_email: 'a@x.co.id; b@x.co.id',
		});
		expect(read).toMatchObject({
			dueDate: '2026-11-13',
			invoiceDate: '2026-10-01',
			outstanding: 100_000,
			customerEmails: ['a@x.co.id', 'b@x.co.id'],
		});
		expect(calendarDay('garbage')).toBe('');
	});

	it('picks the highest step not above the days overdue, and only once', () => {
		expect(planReminder(invoice({}), '2026-11-14', options, [])).toEqual({
			send: true,
			step: 1,
			stepNumber: 1,
			of: 4,
		});
		expect(planReminder(invoice({}), '2026-11-16', options, [1])).toEqual({
			send: true,
			step: 3,
			stepNumber: 2,
			of: 4,
		});
		expect(planReminder(invoice({}), '2026-11-16', options, [3])).toEqual({
			send: false,
			reason: 'step already sent',
		});
		// Ten days late with nothing sent: the day-7 reminder, not days 1, 3 and 7 at once.
		expect(planReminder(invoice({}), '2026-11-23', options, [])).toMatchObject({
			send: true,
			step: 7,
		});
		// A later step already sent (e.g. steps changed) means the earlier one is over.
		expect(planReminder(invoice({}), '2026-11-23', options, [14])).toEqual({
			send: false,
			reason: 'step already sent',
		});
		expect(planReminder(invoice({ status: 'CREATED' }), '2026-11-23', options, [])).toEqual({
			send: false,
			reason: 'not overdue',
		});
		expect(planReminder(invoice({}), '2026-11-13', options, [])).toEqual({
			send: false,
			reason: 'no step due yet',
		});
	});

	it('honours opt-outs by customer id or address (any case) and per-customer steps', () => {
		expect(optedOut(invoice({}), { optOut: ['CUST'], customers: {} })).toBe(true);
		expect(optedOut(invoice({}), { optOut: ['AP@A.co.id'], customers: {} })).toBe(true);
		expect(optedOut(invoice({}), { optOut: [], customers: { cust: { optOut: true } } })).toBe(true);
		expect(optedOut(invoice({}), { optOut: ['other@a.co.id'], customers: {} })).toBe(false);
		expect(
			planReminder(
				invoice({}),
				'2026-11-23',
				{ ...options, customers: { cust: { steps: [5, 30] } } },
				[],
			),
		).toEqual({ send: true, step: 5, stepNumber: 1, of: 2 });
	});

	it('sorts overdue amounts into aging buckets', () => {
		expect([0, 1, 30, 31, 60, 61, 90, 91].map(agingBucket)).toEqual([
			'not yet due',
			'1-30 days',
			'1-30 days',
			'31-60 days',
			'31-60 days',
			'61-90 days',
			'61-90 days',
			'over 90 days',
		]);
	});
});

describe('templates', () => {
	it('fills placeholders, names unknown ones, and keeps a subject on one line', () => {
		const template = {
			subject: 'Invoice {{invoice_number}} {{ days_overdue }} days',
			text: 'Pay {{amount}} at {{payment_url}} {{unknown_thing}}',
		};
		expect(
			unknownPlaceholders(template, ['invoice_number', 'days_overdue', 'amount', 'payment_url']),
		).toEqual(['unknown_thing']);
		const rendered = renderTemplate(template, {
			invoice_number: 'A\r\nBcc: evil@x.co',
			days_overdue: '3',
			amount: 'Rp1',
			payment_url: 'u',
		});
		expect(rendered.subject).toBe('Invoice A Bcc: evil@x.co 3 days');
		expect(rendered.text).toBe('Pay Rp1 at u {{unknown_thing}}');
	});
});

describe('balance alert', () => {
	it('compares the available balance with the threshold', () => {
		expect(
			readingOf(
				'main',
				{ availableBalance: 4_999_999, balance: 6_000_000, pendingBalance: 1_000_001 },
				5_000_000,
				't',
			),
		).toMatchObject({ low: true, pending: 1_000_001 });
		expect(readingOf('main', { availableBalance: 5_000_000 }, 5_000_000, 't')?.low).toBe(false);
		expect(readingOf('main', {}, 5_000_000, 't')).toBeUndefined();
	});

	it('counts the days in a row before today that had an alert', () => {
		expect(alertStreak('2026-11-23', new Set(['2026-11-22', '2026-11-21', '2026-11-19']))).toBe(2);
		expect(alertStreak('2026-11-23', new Set(['2026-11-21']))).toBe(0);
		expect(alertStreak('2026-03-01', new Set(['2026-02-28', '2026-02-27']))).toBe(2);
	});
});

describe('reconciliation decisions', () => {
	const day = '2026-12-05';
	const { start, end } = dayBounds(day, 'Asia/Jakarta');
	const context = { now: end + 10 * 3_600_000, dayEnd: end, pendingHours: 24 };
	const payout = { product: 'disbursement', amount: 100_000 } as const;

	it('a Jakarta day runs from 17:00 UTC the day before; another zone has its own offset', () => {
		expect(new Date(start).toISOString()).toBe('2026-12-04T17:00:00.000Z');
		expect(end - start).toBe(86_400_000);
		expect(new Date(dayBounds(day, 'Asia/Makassar').start).toISOString()).toBe(
			'2026-12-04T16:00:00.000Z',
		);
		expect(isDay('2026-02-29')).toBe(false);
		expect(isDay('2028-02-29')).toBe(true);
	});

	it('classifies by OY! state, an amount that differs first, pending by its age', () => {
		const observe = (state: 'success' | 'pending' | 'failed' | 'absent' | 'unclear', more = {}) =>
			classify(payout, { state, amount: 100_000, status: '', ...more }, context).class;
		expect(observe('success')).toBe('matched');
		expect(observe('success', { amount: 100_001 })).toBe('amount differs');
		expect(observe('pending', { amount: 90_000 })).toBe('amount differs');
		expect(observe('failed')).toBe('failed at OY');
		expect(observe('absent')).toBe('missing at OY');
		expect(observe('unclear')).toBe('not checked');
		// Made 10 hours before the end of the day: 20 hours pending at the run.
		expect(observe('pending', { madeAt: end - 10 * 3_600_000 })).toBe('pending');
		expect(observe('pending', { madeAt: end - 14 * 3_600_000 })).toBe('pending too long');
		// Without OY's time, the end of the day counts.
		expect(observe('pending')).toBe('pending');
		expect(
			classify(
				{ product: 'inquiry-invoice', amount: 5_000 },
				{ state: 'pending', amount: 5_000, status: 'UNPAID' },
				context,
			).class,
		).toBe('missing at OY');
	});

	it('only OY! saying it has no such id is "missing"; a refused or unclear answer is not', () => {
		expect(stateOf('rejected')).toBe('absent');
		expect(stateOf('unknown')).toBe('unclear');
		expect([...NEEDS_A_PERSON].sort()).toEqual(
			CLASSES.filter((name) => name !== 'matched' && name !== 'pending').sort(),
		);
	});
});
