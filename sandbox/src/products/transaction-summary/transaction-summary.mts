/**
 * API GET Transaction Summary (OY API docs: API GET Transaction Summary › Get Transaction Summary): what still waits for settlement today,
 * tomorrow or at all, summed over the money-in transactions products publish to the directory.
 * It is a GET with a JSON body, as documented. PPN is 11% of the admin fee, as the example sums.
 */
import { ControlError, requireBody } from '../../core/control-routes.mjs';
import { DAY_MS, startOfWibDay } from '../../core/formats.mjs';
import type { ProductDefinition } from '../product.mjs';
import { refuseWith, status, statusAnswer, type RefusalTable } from '../shared/status-envelope.mjs';

export const TRANSACTION_SUMMARY = 'transaction-summary';
const PPN_RATE = 0.11;
const TIME_PERIODS = ['TODAY', 'TOMORROW', 'ALL_TIME'] as const;
type TimePeriod = (typeof TIME_PERIODS)[number];

/** "Response Codes and Messages" (OY API docs: API GET Transaction Summary › Get Transaction Summary › response codes). */
const REFUSALS: RefusalTable = {
	'unknown-user': status('201', 'Username Not Found'),
	'wrong-key': status('208', 'API Key is not valid'),
	'malformed-body': status('290', 'Parameter / object is not valid'),
	'too-many-requests': status('229', 'Too many request'),
};

export const transactionSummaryProduct: ProductDefinition = {
	name: TRANSACTION_SUMMARY,
	docsProduct: 'API GET Transaction Summary',
	create({ clock, transactions }) {
		/** Control: answer 102 "in progress", as OY! does while it computes the summary. */
		let computing = false;

		const inPeriod = (settlesAt: number, period: TimePeriod) => {
			if (period === 'ALL_TIME') return true;
			const start = startOfWibDay(clock.now()) + (period === 'TOMORROW' ? DAY_MS : 0);
			return settlesAt >= start && settlesAt < start + DAY_MS;
		};

		return {
			routes: [
				{
					method: 'GET',
					path: '/api/transaction-summary',
					handle: (request) => {
						const body = request.body ?? {};
						const period = body.time_period as TimePeriod;
						if (body.product_group !== 'PENDING_SETTLEMENT' || !TIME_PERIODS.includes(period)) {
							return statusAnswer('290', 'Parameter / object is not valid', { data: null });
						}
						if (computing)
							return statusAnswer(
								'102',
								'Request is in progress. Please retry after several minutes',
								{ data: null },
							);
						let amount = 0;
						let adminFee = 0;
						let count = 0;
						for (const transaction of transactions.pendingSettlement()) {
							if (!inPeriod(transaction.settles_at!, period)) continue;
							amount += transaction.transfer_amount;
							adminFee += transaction.admin_fee;
							count++;
						}
						const ppnTax = Math.round(adminFee * PPN_RATE);
						return statusAnswer('000', 'Success', {
							data: {
								product_group: 'PENDING_SETTLEMENT',
								time_period: period,
								amount,
								admin_fee: adminFee,
								ppn_tax: ppnTax,
								count,
								settlement_balance: amount - adminFee - ppnTax,
							},
						});
					},
				},
			],
			control: [
				{
					method: 'PUT',
					path: '/settings',
					handle: (request) => {
						const value = requireBody(request).computing;
						if (typeof value !== 'boolean') throw new ControlError('"computing" must be a boolean');
						computing = value;
						return { status: 200, body: { computing } };
					},
				},
			],
			refuse: refuseWith(REFUSALS, { data: null }),
			snapshot: () => ({ computing, pending_settlement: transactions.pendingSettlement().length }),
			reset() {
				computing = false;
			},
		};
	},
};
