import type { OperationDefinition } from '../types';

export const apiOfflineOperations: readonly OperationDefinition[] = [];
