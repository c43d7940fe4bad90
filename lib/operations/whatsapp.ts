import type { OperationDefinition } from '../types';

export const whatsappOperations: readonly OperationDefinition[] = [];
