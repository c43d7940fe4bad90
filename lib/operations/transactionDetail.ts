import type { OperationDefinition } from '../types';

export const transactionDetailOperations: readonly OperationDefinition[] = [];
