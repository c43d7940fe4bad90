import type { OperationDefinition } from '../types';

export const multiAccountOperations: readonly OperationDefinition[] = [];
