import type { OperationDefinition } from '../types';

export const paymentRoutingOperations: readonly OperationDefinition[] = [];
