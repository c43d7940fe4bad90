import { describe, expect, it } from 'vitest';
import { getOperation } from '../../../lib/catalogue.js';
import { classifyResponse } from '../../../lib/outcomes.js';
import { requestFor } from '../support.mts';

const ok = { code: '000', message: 'Success' };

describe('Part A examples from the docs', () => {
	it('balance (OY API docs: Fund Disbursement › Get Balance)', () => {
		expect(requestFor('balance.get', {})).toEqual({
			method: 'GET',
			path: '/api/balance',
			headers: { Accept: 'application/json' },
			timeoutMs: 30000,
		});
		const balance = getOperation('balance.get');
		const balanceBody = {
			status: ok,
			balance: 100000000.0,
			overdraftBalance: 500000.0,
			overbookingBalance: 200000.0,
			pendingBalance: 2000000.0,
			availableBalance: 98500000.0,
			timestamp: '10-12-2019 12:15:37',
		};
		expect(classifyResponse(balance, { statusCode: 200, body: balanceBody }).outcome).toBe(
			'success',
		);
		expect(
			classifyResponse(balance, {
				statusCode: 200,
				body: { status: { code: '900', message: 'Invalid Format' } },
			}).outcome,
		).toBe('unknown');
	});
});
