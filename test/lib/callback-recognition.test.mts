import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bodyDigest, canonicalJson, classifyCallback } from '../../lib/callbacks/index.js';
import {
	DOCUMENTED_MAX_DEPTH,
	jsonDepth,
	MAX_JSON_DEPTH,
	valueDepth,
} from '../../nodes/OyTrigger/depth.js';

const DOC: Array<{ name: string; kind: string; body: Record<string, unknown> }> = JSON.parse(
	readFileSync(new URL('../trigger/fixtures/doc-callbacks.json', import.meta.url), 'utf8'),
);
const doc = (name: string) => structuredClone(DOC.find((entry) => entry.name === name)!.body);

describe('callback kinds by their whole documented shape', () => {
	it('a WhatsApp status with a disbursement field added stays WhatsApp; a disbursement with message_id stays a disbursement', () => {
		expect(
			classifyCallback({ ...doc('WhatsApp delivery status'), recipient_bank: '014' }),
		).toMatchObject({ definition: { kind: 'whatsappStatus' } });
		expect(
			classifyCallback({
				...doc('disbursement success'),
				message_id: 'm-1',
				whatsapp_number: '62123',
			}),
		).toMatchObject({ definition: { kind: 'disbursement' } });
	});

	it('a body with the shapes of WhatsApp and of a kind OY! can confirm is read as the one that can be confirmed', () => {
		const both = {
			...doc('e-wallet account linking'),
			message_id: 'm-2',
			whatsapp_number: '62123',
			partner_tx_id: 'x',
		};
		expect(classifyCallback(both)).toMatchObject({ definition: { kind: 'accountLinking' } });
	});

	it('the shapes of two kinds OY! can confirm: ambiguous, recognised as none', () => {
		expect(classifyCallback({ ...doc('API offline'), ...doc('disbursement success') })).toEqual({
			ambiguous: ['disbursement', 'apiOffline'],
		});
	});

	it('a field of the wrong type does not make a shape (a status object is no WhatsApp status)', () => {
		const { status: _status, ...rest } = doc('WhatsApp delivery status');
		expect(classifyCallback({ ...rest, status: { code: '000' } })).toEqual({ unknown: true });
	});
});

describe('the digest that names a callback without an id', () => {
	it('does not depend on key order, and differs for any other value', () => {
		expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] })).toBe(
			'{"a":[{"c":"x","d":null}],"b":1}',
		);
		expect(bodyDigest({ a: 1, b: 2 })).toBe(bodyDigest({ b: 2, a: 1 }));
		expect(bodyDigest({ a: 1, b: 2 })).not.toBe(bodyDigest({ a: 1, b: 3 }));
		// A value shaped like the writer's own tokens is written as the value it is.
		expect(canonicalJson({ token: true, literal: '}' })).toBe('{"literal":"}","token":true}');
	});
});

describe('the depth of a body, read from its bytes', () => {
	it("OY's examples nest at most DOCUMENTED_MAX_DEPTH levels; the limit leaves a margin", () => {
		const deepest = Math.max(...DOC.map((entry) => jsonDepth(JSON.stringify(entry.body))));
		expect(deepest).toBe(DOCUMENTED_MAX_DEPTH);
		expect(MAX_JSON_DEPTH).toBeGreaterThan(DOCUMENTED_MAX_DEPTH + 2);
	});

	it('brackets and escaped quotes inside strings do not count; parsed values give the same depth', () => {
		const text = JSON.stringify({ a: '[[{{\\"[[', b: [{ c: '"}' }] });
		expect(jsonDepth(text)).toBe(3);
		expect(valueDepth(JSON.parse(text))).toBe(3);
	});

	it('stops reading as soon as the limit is passed', () => {
		const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
		expect(jsonDepth(deep, MAX_JSON_DEPTH)).toBe(MAX_JSON_DEPTH + 1);
	});
});
