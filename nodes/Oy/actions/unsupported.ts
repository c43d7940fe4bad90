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
