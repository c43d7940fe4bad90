import type { OperationDefinition } from '../types';

export const billerOperations: readonly OperationDefinition[] = [];
