import type { OperationDefinition } from '../types';

export const transactionDataOperations: readonly OperationDefinition[] = [];
