/** `npm run docs:operations`: rewrites the operations table in README.md from lib's catalogue. */
import { readFileSync, writeFileSync } from 'node:fs';
import { OPERATIONS } from '../lib/catalogue.js';
import { README, withOperationsTable } from './operations-table.mjs';

writeFileSync(README, withOperationsTable(readFileSync(README, 'utf8')));
console.log(`README.md: the table of ${OPERATIONS.length} operations is up to date`);
