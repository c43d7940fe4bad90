import type { OperationDefinition } from '../types';

export const eWalletOperations: readonly OperationDefinition[] = [];
