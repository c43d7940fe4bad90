import { OPERATIONS } from '../../../lib/catalogue';
import type { OperationDefinition } from '../../../lib/types';

/**
 * Why an operation cannot be sent through n8n, or undefined when it can. The node refuses such an
 * operation before any request, with this reason; the README's operations table prints it too.
 */
export function whyUnsupported(operation: OperationDefinition): string | undefined {
	if (operation.bodyWithGet) {
		return "OY! takes this operation's parameters as a JSON body on a GET request, and n8n's HTTP helper drops the body of every GET request, so OY! would only ever answer that the parameters are missing";
	}
	return undefined;
}

/**
 * The operations the node offers: lib's catalogue without those n8n cannot send (Transaction › Get
 * Summary). lib keeps them, for clients that can send them (the jobs' axios transport); a workflow
 * saved with one is still refused before any request, with the reason above.
 */
export const NODE_OPERATIONS: readonly OperationDefinition[] = OPERATIONS.filter(
	(operation) => whyUnsupported(operation) === undefined,
);
