import type { OperationDefinition } from '../types';

export const paymentLinkOperations: readonly OperationDefinition[] = [];
