import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export class BodyTooLarge extends Error {}

export function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new BodyTooLarge(`body over ${MAX_BODY_BYTES} bytes`));
				request.destroy();
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () =>
			resolve(
				chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'),
			),
		);
		request.on('error', reject);
	});
}

export type ParsedBody = { ok: true; value: Record<string, unknown> | undefined } | { ok: false };

/** An empty body is no body; anything else must be a JSON object, as every OY! endpoint takes one. */
export function parseJsonObject(text: string): ParsedBody {
	if (text.trim() === '') return { ok: true, value: undefined };
	try {
		const value: unknown = JSON.parse(text);
		if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false };
		return { ok: true, value: value as Record<string, unknown> };
	} catch {
		return { ok: false };
	}
}

export function writeJson(response: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
	});
	response.end(text);
}

export function writeText(
	response: ServerResponse,
	status: number,
	text: string,
	contentType = 'text/plain',
): void {
	response.writeHead(status, {
		'content-type': `${contentType}; charset=utf-8`,
		'content-length': Buffer.byteLength(text),
	});
	response.end(text);
}
