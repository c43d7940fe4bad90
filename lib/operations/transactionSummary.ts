import type { OperationDefinition } from '../types';

export const transactionSummaryOperations: readonly OperationDefinition[] = [];
