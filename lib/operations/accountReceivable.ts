import type { OperationDefinition } from '../types';

export const accountReceivableOperations: readonly OperationDefinition[] = [];
