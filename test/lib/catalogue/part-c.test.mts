import { describe, expect, it } from 'vitest';
import { OPERATIONS, getOperation } from '../../../lib/catalogue';
import { apiOfflineOperations } from '../../../lib/operations/apiOffline';
import { eWalletOperations } from '../../../lib/operations/eWallet';
import { transactionDataOperations } from '../../../lib/operations/transactionData';

const PART_C = [...apiOfflineOperations, ...transactionDataOperations, ...eWalletOperations];

describe('Part C in the catalogue', () => {
	it('defines the 16 operations of catalogue Part C, once each', () => {
		expect(PART_C.map((operation) => operation.id)).toEqual([
			'apiOffline.create',
			'apiOffline.cancel',
			'apiOffline.get',
			'apiOffline.refreshCode',
			'transactionData.registerAccount',
			'transactionData.getRegistrationStatus',
			'transactionData.getAccounts',
			'transactionData.initStatement',
			'transactionData.getStatement',
			'transactionData.getStatementStatus',
			'transactionData.unlinkAccount',
			'eWallet.create',
			'eWallet.getStatus',
			'eWallet.refund',
			'eWallet.getRefund',
			'eWallet.getManyRefunds',
		]);
		for (const operation of PART_C) {
			expect(OPERATIONS.filter((candidate) => candidate.id === operation.id)).toHaveLength(1);
			expect(operation.id.startsWith(`${operation.resource}.`)).toBe(true);
		}
	});

	it('leaves the e-wallet account-linking names to their own file', () => {
		const names = eWalletOperations.map((operation) => operation.name);
		for (const taken of ['Get Linking URL', 'Unlink Account', 'Get Account Balance']) {
			expect(names).not.toContain(taken);
		}
	});

	it('makes every money-moving create take the workflow’s own id and read it back with that id', () => {
		const creates = PART_C.filter((operation) => operation.safety === 'moneyCreate');
		expect(creates.map((operation) => operation.id)).toEqual([
			'apiOffline.create',
			'eWallet.create',
		]);
		for (const create of creates) {
			const key = create.params.filter((parameter) => parameter.idempotencyKey);
			expect(key.map((parameter) => [parameter.name, parameter.required])).toEqual([
				['partner_trx_id', true],
			]);
			const check = create.statusCheck!;
			const status = getOperation(check.operation);
			expect(status.safety).toBe('read');
			expect(check.input({ partner_trx_id: 'same-id' })).toEqual({ partner_trx_id: 'same-id' });
			for (const code of [...check.notFoundCodes, ...check.duplicateCodes]) {
				expect(status.codes[code] ?? create.codes[code]).toBeDefined();
			}
		}
	});

	it('documents every parameter and points at the docs', () => {
		for (const operation of PART_C) {
			expect(operation.docs).toMatch(/^OY API docs: \S/);
			expect(operation.docs).not.toMatch(/\bL\d+/);
			for (const parameter of operation.params) {
				expect(parameter.description.length, `${operation.id} ${parameter.name}`).toBeGreaterThan(
					10,
				);
			}
		}
	});
});
