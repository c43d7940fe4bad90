import type { OperationDefinition } from '../types';

export const accountLinkingOperations: readonly OperationDefinition[] = [];
