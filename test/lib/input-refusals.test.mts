import { describe, expect, it } from 'vitest';
import { OPERATIONS, getOperation } from '../../lib/catalogue.js';
import { isClosedTable, optionsOf } from '../../lib/optionTables.js';
import { validateInput } from '../../lib/validation.js';

/**
 * Item 10 of issue 11: a bank code outside OY's table, a number given as a date and a day-first
 * date are refused before sending, naming the parameter (the node adds the item).
 */
const problemsOf = (operationId: string, input: Record<string, unknown>) =>
	validateInput(getOperation(operationId), input).problems.map((problem) => problem.message);

const payout = {
	partner_trx_id: 'TRX-1',
	recipient_bank: '014',
	recipient_account: '12341234',
	amount: 10000,
};
const link = {
	partner_tx_id: 'LINK1',
	sender_name: 'Budi',
	amount: 50000,
	is_open: false,
	include_admin_fee: false,
};

describe('codes outside OY! tables are refused before sending', () => {
	it('a disbursement to bank code 999 names recipient_bank and the table', () => {
		expect(problemsOf('disbursement.create', { ...payout, recipient_bank: '999' })).toEqual([
			"recipient_bank must be one of OY's Disbursement Bank Codes (got 999); pick it from the list",
		]);
		expect(
			problemsOf('accountInquiry.inquire', { bank_code: '14', account_number: '1234' }),
		).toEqual([
			"bank_code must be one of OY's Disbursement Bank Codes (got 14); pick it from the list",
		]);
	});

	it("takes a table code in another letter case and sends the table's spelling", () => {
		expect(
			validateInput(getOperation('disbursement.create'), {
				...payout,
				recipient_bank: 'OVO',
				amount: 100,
			}).input,
		).toMatchObject({
			recipient_bank: 'ovo',
		});
	});

	it('every single-code parameter with a closed table refuses a code outside it', () => {
		let checked = 0;
		for (const operation of OPERATIONS) {
			for (const parameter of operation.params) {
				if (
					!parameter.optionsFrom ||
					parameter.type !== 'string' ||
					!isClosedTable(parameter.optionsFrom)
				)
					continue;
				const values = optionsOf(parameter)?.map((option) => option.value) ?? [];
				expect(values.length).toBeGreaterThan(0);
				const problems = validateInput(operation, { [parameter.name]: 'NOT-A-CODE' }).problems;
				expect([
					operation.id,
					problems.some((problem) => problem.field === parameter.name),
				]).toEqual([operation.id, true]);
				checked++;
			}
		}
		expect(checked).toBeGreaterThanOrEqual(6);
	});

	it('biller products are only suggested: OY! keeps the live list (Get Many Products)', () => {
		const problems = problemsOf('biller.inquireBill', {
			partner_tx_id: 'B-1',
			customer_id: '123',
			product_id: 'newproduct2027',
		});
		expect(problems.filter((problem) => problem.startsWith('product_id'))).toEqual([]);
	});
});

describe('dates are never guessed', () => {
	it('a number is not a date for a field OY! documents as text: 20270315 is not 1970-01-01 12:37:50', () => {
		for (const value of [20270315, '20270315', 1_805_000_000_000, '1805000000000']) {
			expect(problemsOf('paymentLink.create', { ...link, expiration: value })).toEqual([
				`expiration must be a date written as text, not a number (got ${String(value)}): write it as yyyy-MM-dd HH:mm:ss or ISO-8601 (2027-03-15T10:00:00+07:00)`,
			]);
		}
	});

	it('03/04/2027 is refused as ambiguous instead of being read as 3 April', () => {
		for (const value of ['03/04/2027', '3/4/2027', '03-04-2027 10:00:00', '03.04.2027']) {
			const problems = problemsOf('paymentLink.create', { ...link, expiration: value });
			expect([value, problems]).toEqual([
				value,
				[
					`expiration is ambiguous (got ${value}: which is the day and which the month?): write it year first, as yyyy-MM-dd HH:mm:ss or ISO-8601 (2027-03-15T10:00:00+07:00)`,
				],
			]);
		}
		const statement = problemsOf('transactionData.initStatement', {
			permanent_token: 't',
			partner_user_id: 'u',
			bank_code: '014',
			start_date: '03/04/2027',
		});
		expect(statement.some((problem) => problem.startsWith('start_date is ambiguous'))).toBe(true);
	});

	it('year-first dates and ISO-8601 are still read', () => {
		const input = validateInput(getOperation('paymentLink.create'), {
			...link,
			expiration: '2030-03-04T03:00:00Z',
		}).input;
		expect(input.expiration).toBe('2030-03-04 10:00:00');
		expect(
			validateInput(getOperation('paymentLink.create'), {
				...link,
				expiration: '2030-03-04 10:00:00',
			}).input.expiration,
		).toBe('2030-03-04 10:00:00');
	});
});
