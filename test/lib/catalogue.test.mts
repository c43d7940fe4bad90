import { describe, expect, it } from 'vitest';
import { getOperation, OPERATIONS } from '../../lib/catalogue.js';
import { validateInput } from '../../lib/validation.js';

describe("the catalogue of OY!'s operations", () => {
	it('defines all 61 current operations of the docs (catalogue parts A–D)', () => {
		expect(OPERATIONS).toHaveLength(61);
		expect(new Set(OPERATIONS.map((operation) => operation.id)).size).toBe(61);
	});

	it('names every operation as n8n expects and points at the docs', () => {
		for (const operation of OPERATIONS) {
			const [resource, name] = operation.id.split('.');
			expect(resource, operation.id).toBe(operation.resource);
			expect(name, operation.id).toMatch(/^[a-z][A-Za-z]+$/);
			expect(operation.name, operation.id).toMatch(
				/^[A-Z][A-Za-z-]*( ([A-Z][A-Za-z-]*|by|with|or|and|of|to))*$/,
			);
			expect(operation.action.charAt(0), operation.id).toMatch(/[A-Z]/);
			expect(operation.docs, operation.id).toMatch(/^OY (API docs|product guide): \S/);
			expect(operation.docs, operation.id).not.toMatch(/\bL\d+/);
		}
	});

	it('declares each path parameter, and uses each declared one', () => {
		for (const operation of OPERATIONS) {
			const inPath = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
			const declared = operation.params
				.filter((parameter) => parameter.in === 'path')
				.map((parameter) => parameter.name)
				.sort();
			expect(declared, operation.id).toEqual(inPath);
			for (const parameter of operation.params.filter((candidate) => candidate.in === 'path')) {
				expect(parameter.required, `${operation.id} ${parameter.name}`).toBe(true);
			}
		}
	});

	it('resolves every money-moving create through a status read under the same, workflow-supplied id', () => {
		const money = OPERATIONS.filter((operation) => operation.safety === 'moneyCreate');
		expect(money.map((operation) => operation.id).sort()).toEqual([
			'accountInquiry.payInvoice',
			'apiOffline.create',
			'biller.payBill',
			'disbursement.create',
			'eWallet.create',
			'multiAccount.disburseWithChildBalance',
			'paymentRouting.create',
		]);
		for (const operation of money) {
			const check = operation.statusCheck;
			expect(check, operation.id).toBeDefined();
			const status = getOperation(check!.operation);
			expect(status.safety, operation.id).toBe('read');
			const keys = operation.params.filter((parameter) => parameter.idempotencyKey);
			expect(keys.length, operation.id).toBeGreaterThan(0);
			for (const key of keys) expect(key.required, `${operation.id} ${key.name}`).toBe(true);
			// the status read is built from the create's key alone
			const createInput = Object.fromEntries(keys.map((key) => [key.name, 'KEY-1']));
			const statusInput = check!.input(createInput);
			expect(Object.values(statusInput), operation.id).toContain('KEY-1');
			expect(validateInput(status, statusInput).problems, operation.id).toEqual([]);
		}
	});

	it('gives every list a way to stop', () => {
		for (const operation of OPERATIONS.filter((candidate) => candidate.list)) {
			const pagination = operation.list!.pagination;
			if (pagination.style === 'offset') {
				const names = operation.params.map((parameter) => parameter.name);
				expect(names, operation.id).toContain(pagination.offsetParam);
				expect(names, operation.id).toContain(pagination.limitParam);
				expect(pagination.maxPageSize, operation.id).toBeGreaterThan(0);
			}
			if (pagination.style === 'page') {
				expect(
					operation.params.map((parameter) => parameter.name),
					operation.id,
				).toContain(pagination.pageParam);
			}
		}
	});

	it('accepts at least one answer of every operation (success, or pending for a payment still to come)', () => {
		for (const operation of OPERATIONS) {
			const successCodes = Object.values(operation.codes).filter(
				(meaning) => meaning.outcome === 'success' || meaning.outcome === 'pending',
			);
			const boolean =
				operation.envelope === 'booleanStatus' ||
				operation.envelope === 'successError' ||
				operation.envelope === 'bare';
			expect(
				successCodes.length > 0 || boolean || operation.stateField !== undefined,
				operation.id,
			).toBe(true);
		}
	});
});
