// The part of node:sqlite (Node 22.13+) the ledger uses. The repository's @types/node follows the
// n8n package's oldest Node (20.19), which has no node:sqlite; the jobs need Node 22.13 or newer
// (docs/jobs-node-version.md). Drop this file once @types/node is 22 or newer.
declare module 'node:sqlite' {
	type SQLInputValue = null | number | bigint | string | NodeJS.ArrayBufferView;
	type SQLOutputValue = null | number | bigint | string | Uint8Array;

	interface StatementResultingChanges {
		changes: number | bigint;
		lastInsertRowid: number | bigint;
	}

	class StatementSync {
		private constructor();
		all(...parameters: SQLInputValue[]): Array<Record<string, SQLOutputValue>>;
		get(...parameters: SQLInputValue[]): Record<string, SQLOutputValue> | undefined;
		run(...parameters: SQLInputValue[]): StatementResultingChanges;
	}

	class DatabaseSync {
		constructor(
			path: string,
			options?: { open?: boolean; readOnly?: boolean; enableForeignKeyConstraints?: boolean },
		);
		close(): void;
		exec(sql: string): void;
		prepare(sql: string): StatementSync;
	}
}
