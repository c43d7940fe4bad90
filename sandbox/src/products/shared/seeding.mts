/** Seeds go through a product's own create handler, so seeded records obey the API's rules. */
import { ControlError } from '../../core/control-routes.mjs';
import type { Answer, SandboxRequest } from '../product.mjs';
import type { OyStatus } from './status-envelope.mjs';

export function createOrRefuse(
	create: (request: SandboxRequest) => Answer,
	body: Record<string, unknown>,
	acceptedCode: string,
	what: string,
): void {
	const outcome = (create({ body } as SandboxRequest).body as { status: OyStatus }).status;
	if (outcome.code !== acceptedCode) {
		throw new ControlError(`seeded ${what} refused: ${outcome.message} (${JSON.stringify(body)})`);
	}
}

/** A seed section that must be an array of request bodies. */
export function seedEntries(
	section: unknown,
	product: string,
	bodies: string,
): Record<string, unknown>[] {
	if (!Array.isArray(section))
		throw new ControlError(`seed section "${product}" must be an array of ${bodies}`);
	return section as Record<string, unknown>[];
}
